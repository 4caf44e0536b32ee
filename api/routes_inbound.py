"""POST /v1/inbound/{mailgun,postmark,sendgrid}: each provider's own format and auth; always asynchronous.

Providers give up on slow answers, so a webhook only stores the job and answers 200 (every provider's
"accepted"); the draft is made in the background. A provider drops the email for good on its "do not
retry" status, so that status is kept for email that no retry could ever make readable; whatever
stops drafter itself (a bug, the store, an overload) gets a status the provider retries:

| outcome                                             | Mailgun        | Postmark       | SendGrid         |
| accepted (new or duplicate email)                   | 200            | 200            | 200              |
| never readable: not an email, no sender, too big,   | 406: stops     | 403: stops     | 400/413/415/422: |
|   a body that does not parse or nests too deep,     |                |                |   not retried    |
|   a wrong media type                                |                |                |                  |
| the body did not arrive within body_timeout_seconds | 408: retried   | 408: retried   | 408: not retried |
| stale timestamp, replayed token                     | 406: stops     | —              | —                |
| bad credentials / signature (fixable)               | 401: retried ~8 h | 401: retried ~10 h | 401: not retried |
| adapter not configured                              | 403: retried   | 403: stops     | 403: not retried |
| overloaded, store unavailable, starting or stopping | 503 + Retry-After: retried by all three              |
| a bug                                               | 500: retried by all three                            |

Each "never readable" refusal is logged at WARNING with what finds the email again (Message-ID,
recipient, subject, size, why), never its body. A provider that hangs up mid-body gets no answer at all:
one INFO line, counted as 499 (api/middleware.py).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from api.bodies import is_json, load_json, media_type, read_form, unsupported
from api.deps import Services, ServicesDep
from api.inbound import (
    Clues,
    mailgun_clues,
    mailgun_message,
    mailgun_signature,
    postmark_clues,
    postmark_message,
    sendgrid_clues,
    sendgrid_message,
    verify_mailgun,
    verify_secret,
)
from api.intake import Intake, Taken, take
from api.problems import GENERIC, Problem, problem_responses
from api.schemas import Accepted

log = logging.getLogger("api")
router = APIRouter(tags=["inbound"])


@dataclass(frozen=True)
class Provider:
    name: str
    title: str
    do_not_retry: int | None  # the status that makes it drop the email; None: it retries only 5xx anyway


MAILGUN = Provider("mailgun", "Mailgun", 406)
POSTMARK = Provider("postmark", "Postmark", 403)
SENDGRID = Provider("sendgrid", "SendGrid", None)
# Refusals no retry can change: the provider's "do not retry" status. Anything else keeps its own.
NEVER_READABLE = frozenset({"not-an-email", "malformed-request", "body-too-deep", "invalid-request",
                            "body-too-large", "unsupported-media-type", "stale-webhook", "replayed-webhook"})


class Seen:
    """What a request showed of its email so far, for the log line of a refusal: size and clues."""

    def __init__(self, request: Request) -> None:
        declared = request.headers.get("content-length", "")
        self.size: int | None = int(declared) if declared.isdigit() else None
        self._clues: Callable[[], Clues] = Clues

    def read(self, size: int, clues: Callable[[], Clues]) -> None:
        """The body is read: its size, and how to find clues in it (worked out only if refused)."""
        self.size, self._clues = size, clues

    def describe(self) -> str:
        try:
            clues = self._clues()
        except Exception:  # a clue is a courtesy to the reader of the log: never a second failure
            clues = Clues()
        size = f"a {self.size}-byte request" if self.size is not None else "request size unknown"
        return f"{clues.describe()} in {size}"


@asynccontextmanager
async def answering(provider: Provider, request: Request, services: Services) -> AsyncIterator[Seen]:
    """Turn every failure into the status `provider` reads right: "do not retry" only for email that can
    never be read (logged at WARNING), a retried status for everything else, bugs included."""
    seen = Seen(request)
    try:
        yield seen
    except ClientDisconnect:  # not a refusal and not a bug: nobody is left to answer (api/middleware.py)
        log.info("%s webhook: the connection closed before the body was read; %s retries", provider.name,
                 provider.title)
        raise
    except (Problem, StarletteHTTPException) as exc:
        problem = exc if isinstance(exc, Problem) else _as_problem(exc)
        services.metrics.webhooks_refused.labels(provider.name, problem.slug).inc()
        if problem.slug in NEVER_READABLE:
            problem.status = provider.do_not_retry or problem.status
            log.warning("%s webhook refused for good with %d (%s: %s): %s will not retry it; %s",
                        provider.name, problem.status, problem.slug, problem.detail, provider.title,
                        seen.describe())
        raise problem from None
    except Exception:
        services.metrics.webhooks_refused.labels(provider.name, "internal-error").inc()
        log.exception("%s webhook failed on a bug, answered 500 so that %s retries; %s", provider.name,
                      provider.title, seen.describe())
        raise Problem("internal-error", "an unexpected error; it has been logged") from None


def _as_problem(exc: StarletteHTTPException) -> Problem:
    detail = exc.detail if isinstance(exc.detail, str) else None
    return Problem(GENERIC.get(exc.status_code, "malformed-request"), detail, status=exc.status_code)


def _secret(value: Any, provider: str, setting: str) -> str:
    if value is None:
        raise Problem("adapter-disabled", f"{provider} inbound is off: set [api] {setting} to enable it")
    secret: str = value.get_secret_value()
    return secret


def _accepted(taken: Taken) -> JSONResponse:
    status = "drafting" if taken.job.status == "delivering" else taken.job.status
    return JSONResponse({"id": taken.job.id, "status": status, "duplicate": not taken.created},
                        headers={"Location": f"/v1/drafts/{taken.job.id}"})


# -- OpenAPI ---------------------------------------------------------------------------------------


def _form_body(fields: dict[str, str]) -> dict[str, Any]:
    schema = {"type": "object", "additionalProperties": True,
              "properties": {name: {"type": "string", "description": text} for name, text in fields.items()}}
    return {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": schema},
                                                          "application/x-www-form-urlencoded": {"schema": schema}}}}


RAW_OR_FILE = "the raw message (RFC 5322), as a field or a file part"
MAILGUN_BODY = _form_body({
    "timestamp": "signed", "token": "signed", "signature": "hex HMAC-SHA256 of timestamp+token",
    "body-mime": f"{RAW_OR_FILE} (route URL ending in `mime`)",
    "message-headers": "JSON list of [name, value] pairs (parsed form)", "body-plain": "text body",
    "body-html": "HTML body", "from": "From, when message-headers lacks it", "sender": "envelope sender",
    "recipient": "envelope recipient (To when message-headers lacks it)",
    "subject": "Subject, when message-headers lacks it", "attachment-1": "an attachment (file part)"})
SENDGRID_BODY = _form_body({
    "email": f"{RAW_OR_FILE} (\"POST the raw, full MIME message\")", "envelope": "JSON: to, from",
    "charsets": "JSON: the charset of each field", "headers": "the header section (parsed form)",
    "text": "text body", "html": "HTML body", "from": "From", "to": "To", "subject": "Subject",
    "attachment1": "an attachment (file part)"})
JSON_BODY: dict[str, Any] = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": {"type": "object", "description": "Postmark's inbound webhook JSON, "
                                    "with or without RawEmail"}}}}}
ACCEPTED: dict[int | str, dict[str, Any]] = {
    200: {"model": Accepted, "description": "Stored (or already stored): drafted in the background"}}
RETRIED = {500: "A bug (logged): retried by the provider",
           503: "Overloaded, the job store unavailable, or starting/stopping: retried (Retry-After)"}
MAILGUN_ERRORS = problem_responses(401, 403, 406, 408, 500, 503, notes={
    401: "Missing or wrong signature (Mailgun retries: fix [api] mailgun_signing_key meanwhile)",
    403: "mailgun_signing_key not configured (Mailgun retries)",
    406: "Never readable (not an email, no sender, too large, malformed), stale timestamp or replayed "
         "token: Mailgun stops retrying",
    408: "The body did not arrive within [api] body_timeout_seconds (Mailgun retries)", **RETRIED})
POSTMARK_ERRORS = problem_responses(401, 403, 408, 500, 503, notes={
    401: "Missing or wrong credentials (Postmark retries)",
    403: "postmark_token not configured, or never readable (not an email, no sender, too large, not "
         "JSON or nested too deep): Postmark stops retrying",
    408: "The body did not arrive within [api] body_timeout_seconds (Postmark retries)", **RETRIED})
SENDGRID_ERRORS = problem_responses(400, 401, 403, 408, 413, 415, 422, 500, 503, notes={
    400: "A body that does not parse as a form (SendGrid does not retry)",
    403: "sendgrid_token not configured",
    408: "The body did not arrive within [api] body_timeout_seconds (SendGrid does not retry)",
    422: "Not an email, or no sender (SendGrid does not retry)",
    **RETRIED})


# -- routes ----------------------------------------------------------------------------------------


@router.post("/v1/inbound/mailgun/mime", summary="Mailgun route forward() (raw MIME)",
             openapi_extra=MAILGUN_BODY, response_model=None, responses={**ACCEPTED, **MAILGUN_ERRORS})
@router.post("/v1/inbound/mailgun", summary="Mailgun route forward() (parsed or raw)",
             openapi_extra=MAILGUN_BODY, response_model=None, responses={**ACCEPTED, **MAILGUN_ERRORS})
async def mailgun(request: Request, services: ServicesDep) -> JSONResponse:
    """Point the route at `.../v1/inbound/mailgun/mime` for the exact message; both URLs take both forms."""
    async with answering(MAILGUN, request, services) as seen:
        key = _secret(services.settings.api.mailgun_signing_key, "mailgun", "mailgun_signing_key")
        form = await read_form(request)
        seen.read(form.size, lambda: mailgun_clues(form))
        token = verify_mailgun(mailgun_signature(form), key, services.clock().timestamp(),
                               services.settings.api.mailgun_max_age_seconds)
        raw = mailgun_message(form)
        taken = await take(Intake(raw=raw, today=services.today(), origin="mailgun",
                                  webhook_token=("mailgun", token)), services)
    return _accepted(taken)


@router.post("/v1/inbound/postmark", summary="Postmark inbound webhook", openapi_extra=JSON_BODY,
             response_model=None, responses={**ACCEPTED, **POSTMARK_ERRORS})
async def postmark(request: Request, services: ServicesDep) -> JSONResponse:
    """Basic auth in the webhook URL (`https://postmark:<token>@host/v1/inbound/postmark`) or a bearer."""
    async with answering(POSTMARK, request, services) as seen:
        token = _secret(services.settings.api.postmark_token, "postmark", "postmark_token")
        verify_secret(request.headers, token, "postmark")
        media = media_type(request)
        if not is_json(media):
            raise unsupported(media, ("application/json",))
        body = await request.body()
        # not UTF-8: read what can be read rather than lose the email
        data = load_json(body, services.settings.api.max_json_depth, lenient_utf8=True)
        seen.read(len(body), lambda: postmark_clues(data))
        raw = postmark_message(data)
        taken = await take(Intake(raw=raw, today=services.today(), origin="postmark"), services)
    return _accepted(taken)


@router.post("/v1/inbound/sendgrid", summary="SendGrid Inbound Parse (raw or parsed)",
             openapi_extra=SENDGRID_BODY, response_model=None, responses={**ACCEPTED, **SENDGRID_ERRORS})
async def sendgrid(request: Request, services: ServicesDep) -> JSONResponse:
    """Best with "POST the raw, full MIME message"; auth by Basic auth in the URL or a bearer token."""
    async with answering(SENDGRID, request, services) as seen:
        token = _secret(services.settings.api.sendgrid_token, "sendgrid", "sendgrid_token")
        verify_secret(request.headers, token, "sendgrid")
        form = await read_form(request)
        seen.read(form.size, lambda: sendgrid_clues(form))
        raw = sendgrid_message(form)
        taken = await take(Intake(raw=raw, today=services.today(), origin="sendgrid"), services)
    return _accepted(taken)
