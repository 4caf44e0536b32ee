"""POST /v1/inbound/{mailgun,postmark,sendgrid}: each provider's own format and auth; always asynchronous.

Providers give up on slow answers, so a webhook only stores the job and answers 200 (every provider's
"accepted"); the draft is made in the background. The status codes follow each provider's retry rules:

| outcome                                  | Mailgun | Postmark | SendGrid |
| accepted (new or duplicate email)        | 200     | 200      | 200      |
| bad credentials / signature (fixable)    | 401: retried ~8 h | 401: retried ~10 h | 401 (not retried) |
| adapter not configured                   | 403: retried | 403: stops | 403 (not retried) |
| never acceptable: not an email, too big, | 406: stops | 403: stops | 4xx as usual (not retried) |
| stale timestamp, replayed token          | 406: stops | —        | —        |
| overloaded                               | 503 + Retry-After: retried by all three |
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.bodies import is_json, media_type, unsupported
from api.deps import Services, ServicesDep
from api.inbound import (
    Part,
    mailgun_message,
    postmark_message,
    sendgrid_message,
    verify_mailgun,
    verify_secret,
)
from api.intake import Intake, Taken, take
from api.problems import GENERIC, Problem, problem_responses
from api.schemas import Accepted

router = APIRouter(tags=["inbound"])
PERMANENT = {"mailgun": 406, "postmark": 403}  # the status that tells each provider "do not retry"
MAX_FORM_FIELDS = 1000
FORM_BODY: dict[str, Any] = {"requestBody": {"required": True, "content": {
    "multipart/form-data": {"schema": {"type": "object", "additionalProperties": True}},
    "application/x-www-form-urlencoded": {"schema": {"type": "object", "additionalProperties": True}}}}}
JSON_BODY: dict[str, Any] = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": {"type": "object", "description": "Postmark's inbound webhook JSON"}}}}}
ACCEPTED: dict[int | str, dict[str, Any]] = {
    200: {"model": Accepted, "description": "Stored (or already stored): drafted in the background"}}


@asynccontextmanager
async def refusals(provider: str, services: Services) -> AsyncIterator[None]:
    """Count refusals, and answer a refusal no retry can fix with the provider's "stop retrying" status."""
    try:
        yield
    except (Problem, StarletteHTTPException) as exc:
        problem = exc if isinstance(exc, Problem) else _as_problem(exc)
        services.metrics.webhooks_refused.labels(provider, problem.slug).inc()
        if provider in PERMANENT and problem.status in (400, 406, 413, 415, 422):
            problem.status = PERMANENT[provider]
        raise problem from None


def _as_problem(exc: StarletteHTTPException) -> Problem:
    detail = exc.detail if isinstance(exc.detail, str) else None
    return Problem(GENERIC.get(exc.status_code, "malformed-request"), detail, status=exc.status_code)


def _secret(value: Any, provider: str, setting: str) -> str:
    if value is None:
        raise Problem("adapter-disabled", f"{provider} inbound is off: set [api] {setting} to enable it")
    secret: str = value.get_secret_value()
    return secret


async def _form(request: Request, services: Services) -> tuple[dict[str, str], list[Part]]:
    limit = services.settings.api.max_body_bytes
    # max_part_size: Starlette's 1 MB default per field would refuse a raw email in `body-mime` or `email`
    async with request.form(max_files=MAX_FORM_FIELDS, max_fields=MAX_FORM_FIELDS,
                            max_part_size=limit) as form:
        return await _split_form(form)


async def _split_form(form: FormData) -> tuple[dict[str, str], list[Part]]:
    fields: dict[str, str] = {}
    parts: list[Part] = []
    for name, value in form.multi_items():
        if isinstance(value, UploadFile):
            content_type = value.content_type or "application/octet-stream"
            parts.append(Part(filename=value.filename, content_type=content_type, data=await value.read()))
        else:
            fields.setdefault(name, value)
    return fields, parts


def _accepted(taken: Taken) -> JSONResponse:
    status = "drafting" if taken.job.status == "delivering" else taken.job.status
    return JSONResponse({"id": taken.job.id, "status": status, "duplicate": not taken.created},
                        headers={"Location": f"/v1/drafts/{taken.job.id}"})


MAILGUN_ERRORS = problem_responses(401, 403, 406, 503, notes={
    401: "Missing or wrong signature (Mailgun retries: fix [api] mailgun_signing_key meanwhile)",
    403: "mailgun_signing_key not configured",
    406: "Stale timestamp, replayed token, not an email, too large or malformed: Mailgun stops retrying"})
POSTMARK_ERRORS = problem_responses(401, 403, 503, notes={
    401: "Missing or wrong credentials (Postmark retries)",
    403: "postmark_token not configured, or never acceptable (not an email, too large, not JSON): "
         "Postmark stops retrying"})
SENDGRID_ERRORS = problem_responses(400, 401, 403, 413, 415, 422, 503,
                                    notes={403: "sendgrid_token not configured"})


@router.post("/v1/inbound/mailgun/mime", summary="Mailgun route forward() (raw MIME)",
             openapi_extra=FORM_BODY, response_model=None, responses={**ACCEPTED, **MAILGUN_ERRORS})
@router.post("/v1/inbound/mailgun", summary="Mailgun route forward() (parsed or raw)",
             openapi_extra=FORM_BODY, response_model=None, responses={**ACCEPTED, **MAILGUN_ERRORS})
async def mailgun(request: Request, services: ServicesDep) -> JSONResponse:
    """Point the route at `.../v1/inbound/mailgun/mime`: a URL ending in `mime` gets the raw message."""
    async with refusals("mailgun", services):
        key = _secret(services.settings.api.mailgun_signing_key, "mailgun", "mailgun_signing_key")
        fields, attachments = await _form(request, services)
        token = verify_mailgun(fields, key, services.clock().timestamp(),
                               services.settings.api.mailgun_max_age_seconds)
        raw = mailgun_message(fields, attachments)
        taken = await take(Intake(raw=raw, today=services.today(), origin="mailgun",
                                  webhook_token=("mailgun", token)), services)
    return _accepted(taken)


@router.post("/v1/inbound/postmark", summary="Postmark inbound webhook", openapi_extra=JSON_BODY,
             response_model=None, responses={**ACCEPTED, **POSTMARK_ERRORS})
async def postmark(request: Request, services: ServicesDep) -> JSONResponse:
    """Basic auth in the webhook URL (`https://postmark:<token>@host/v1/inbound/postmark`) or a bearer."""
    async with refusals("postmark", services):
        token = _secret(services.settings.api.postmark_token, "postmark", "postmark_token")
        verify_secret(request.headers, token, "postmark")
        media = media_type(request)
        if not is_json(media):
            raise unsupported(media, ("application/json",))
        try:
            data = json.loads(await request.body())
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise Problem("malformed-request", f"the body is not valid JSON: {exc}") from None
        raw = postmark_message(data)
        taken = await take(Intake(raw=raw, today=services.today(), origin="postmark"), services)
    return _accepted(taken)


@router.post("/v1/inbound/sendgrid", summary="SendGrid Inbound Parse (raw)", openapi_extra=FORM_BODY,
             response_model=None, responses={**ACCEPTED, **SENDGRID_ERRORS})
async def sendgrid(request: Request, services: ServicesDep) -> JSONResponse:
    """Enable "POST the raw, full MIME message"; auth by Basic auth in the URL or a bearer token."""
    async with refusals("sendgrid", services):
        token = _secret(services.settings.api.sendgrid_token, "sendgrid", "sendgrid_token")
        verify_secret(request.headers, token, "sendgrid")
        fields, attachments = await _form(request, services)
        raw = sendgrid_message(fields, attachments)
        taken = await take(Intake(raw=raw, today=services.today(), origin="sendgrid"), services)
    return _accepted(taken)
