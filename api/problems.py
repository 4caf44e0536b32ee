"""RFC 9457 problem details: every error the API answers is `application/problem+json`.

Routes raise `Problem(...)`; the handlers installed by `install_problem_handlers` turn it (and
Starlette's own HTTP errors and request-validation errors) into a problem response. Anything else
is a bug: the catch-all in api/middleware.py logs it and answers a detail-free 500.
"""

from __future__ import annotations

import http
import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict
from starlette.exceptions import HTTPException as StarletteHTTPException

MEDIA_TYPE = "application/problem+json"
TYPE_PREFIX = "urn:drafter:problem:"

log = logging.getLogger("api")

# slug -> (status, title). The `type` of a problem is TYPE_PREFIX + slug: stable for clients to switch on.
CATALOGUE: dict[str, tuple[int, str]] = {
    "malformed-request": (400, "Malformed request"),
    "body-too-deep": (400, "Request body nested too deeply"),
    "unauthorized": (401, "Missing or invalid credentials"),
    "bad-signature": (401, "Webhook signature does not verify"),
    "adapter-disabled": (403, "Inbound adapter not configured"),
    "not-found": (404, "Not found"),
    "method-not-allowed": (405, "Method not allowed"),
    "stale-webhook": (406, "Webhook timestamp outside the accepted window"),
    "replayed-webhook": (406, "Webhook token already used"),
    "body-timeout": (408, "Request body not received in time"),
    "body-too-large": (413, "Request body too large"),
    "unsupported-media-type": (415, "Unsupported media type"),
    "not-an-email": (422, "Not a usable email"),
    "invalid-request": (422, "Invalid request"),
    "idempotency-key-reused": (422, "Idempotency-Key reused with a different request"),
    "overloaded": (503, "Overloaded: try again later"),
    "store-unavailable": (503, "Job store unavailable: try again later"),
    "not-ready": (503, "Not ready"),
    "internal-error": (500, "Internal server error"),
}


class ProblemBody(BaseModel):
    """The JSON body of every error (RFC 9457); extension members may follow."""

    model_config = ConfigDict(extra="allow")

    type: str
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None


class Problem(Exception):
    """Raise to answer with a problem: `Problem("not-an-email", "the email has no From")`."""

    def __init__(self, slug: str, detail: str | None = None, *, headers: dict[str, str] | None = None,
                 status: int | None = None, title: str | None = None, **extensions: Any) -> None:
        known_status, known_title = CATALOGUE.get(slug, (500, "Error"))
        self.slug = slug
        self.status = status or known_status
        self.title = title or known_title
        self.detail = detail
        self.headers = headers or {}
        self.extensions = extensions
        super().__init__(f"{self.status} {slug}: {detail}")


def problem_response(problem: Problem, instance: str | None = None) -> JSONResponse:
    body: dict[str, Any] = {"type": TYPE_PREFIX + problem.slug, "title": problem.title,
                            "status": problem.status}
    if problem.detail:
        body["detail"] = problem.detail
    if instance:
        body["instance"] = instance
    body.update(problem.extensions)
    return JSONResponse(body, status_code=problem.status, headers=problem.headers, media_type=MEDIA_TYPE)


# What Starlette's own HTTPException statuses mean here.
GENERIC: dict[int, str] = {400: "malformed-request", 401: "unauthorized", 404: "not-found",
                           405: "method-not-allowed", 408: "body-timeout", 413: "body-too-large",
                           415: "unsupported-media-type", 422: "invalid-request", 500: "internal-error",
                           503: "not-ready"}


async def _on_problem(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, Problem)
    return problem_response(exc, request.url.path)


async def _on_http_exception(request: Request, exc: Exception) -> JSONResponse:
    """Starlette's own errors (unknown route, wrong method, body limit) in the same shape."""
    assert isinstance(exc, StarletteHTTPException)
    slug = GENERIC.get(exc.status_code)
    detail = exc.detail if isinstance(exc.detail, str) else None
    headers = dict(exc.headers or {})
    if slug:
        return problem_response(Problem(slug, detail, headers=headers), request.url.path)
    # a status we have no slug for: keep it, with the standard reason phrase
    problem = Problem(f"http-{exc.status_code}", detail, headers=headers, status=exc.status_code,
                      title=http.HTTPStatus(exc.status_code).phrase)
    return problem_response(problem, request.url.path)


async def _on_validation_error(request: Request, exc: Exception) -> JSONResponse:
    """Unparseable JSON is a 400; JSON of the wrong shape, or a bad query parameter, a 422."""
    assert isinstance(exc, RequestValidationError)
    errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in exc.errors()]
    if any(e.get("type") == "json_invalid" for e in exc.errors()):
        return problem_response(Problem("malformed-request", "the body is not valid JSON"), request.url.path)
    detail = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in errors)
    return problem_response(Problem("invalid-request", detail, errors=errors), request.url.path)


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(Problem, _on_problem)
    app.add_exception_handler(StarletteHTTPException, _on_http_exception)
    app.add_exception_handler(RequestValidationError, _on_validation_error)


DESCRIPTIONS: dict[int, str] = {
    400: "Malformed request: JSON that does not parse or is nested deeper than [api] max_json_depth, a broken form",
    401: "Missing or invalid credentials",
    403: "Forbidden",
    404: "No such job",
    406: "Refused for good (the provider stops retrying)",
    408: "The body did not arrive whole within [api] body_timeout_seconds (the connection is then closed)",
    413: "Request body larger than [api] max_body_bytes, or a form with too many parts",
    415: "Unsupported Content-Type",
    422: "Not a usable email, no sender, or a request of the wrong shape",
    503: "Overloaded (queue full), the job store unavailable, or not ready: see Retry-After",
    500: "A bug: no details in the answer, the traceback in the server log",
}


def problem_responses(*statuses: int, notes: dict[int, str] | None = None) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` entries for these error statuses (media type fixed up in api/app.py)."""
    notes = notes or {}
    return {status: {"model": ProblemBody, "description": notes.get(status) or DESCRIPTIONS.get(status)
                     or http.HTTPStatus(status).phrase} for status in statuses}
