"""POST /v1/drafts, GET /v1/drafts/{id}: draft a reply synchronously, or accept the job and answer 202."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import JSONResponse

from api.bodies import RAW_EMAIL, as_bytes, is_json, media_type, parse_prefer, read_body, read_json, unsupported
from api.deps import Authenticated, Services, ServicesDep, StoreDep
from api.intake import Intake, Taken, idempotency_key, take
from api.middleware import taken_in
from api.problems import Problem, problem_responses
from api.schemas import DraftRequest, JobOut, public_job
from api.store import Job

router = APIRouter(tags=["drafts"], dependencies=Authenticated)

DRAFT_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "The customer's email: raw (message/rfc822), or JSON {raw, today?}.",
        "content": {
            RAW_EMAIL: {"schema": {"type": "string", "format": "binary"}},
            "application/json": {"schema": {"$ref": "#/components/schemas/DraftRequest"}},
        },
    }
}
JOB_HEADERS = {"Location": {"description": "/v1/drafts/{id}", "schema": {"type": "string"}}}
TODAY_HELP = "For a raw body: plan as of this date (YYYY-MM-DD); default today in [calendar] timezone"
PREFER_HELP = "respond-async: answer 202 once stored; wait=N: wait at most N seconds for the draft"
KEY_HELP = "Your key for this request (kept [api] idempotency_days); default: the email's Message-ID"


@router.post(
    "/v1/drafts",
    status_code=201,
    response_model=None,
    summary="Draft a reply to one email",
    openapi_extra=DRAFT_BODY,
    responses={
        201: {"model": JobOut, "description": "Drafted (status ready, needs_review, skipped or failed)",
              "headers": JOB_HEADERS},
        200: {"model": JobOut, "description": "The same email (or Idempotency-Key) was seen before: "
              "the stored job, no second model call"},
        202: {"model": JobOut, "headers": JOB_HEADERS,
              "description": "Stored and queued (Prefer: respond-async, or the wait ran out): poll Location"},
        **problem_responses(400, 401, 408, 413, 415, 422, 503),
    },
)
async def create_draft(
    request: Request,
    services: ServicesDep,
    today: Annotated[dt.date | None, Query(description=TODAY_HELP)] = None,
    prefer: Annotated[list[str] | None, Header(description=PREFER_HELP)] = None,
    key: Annotated[str | None, Header(alias="Idempotency-Key", description=KEY_HELP)] = None,
) -> JSONResponse:
    """Synchronous by default (201 with the draft). With `Prefer: respond-async` the job is stored
    durably first, then 202 with `Location`. The same Message-ID or Idempotency-Key answers 200 with the
    stored job, without a second model call."""
    taken = await _take(request, services, today, key)
    taken_in(request)
    preferences = parse_prefer(prefer or [])
    method = services.settings.delivery.method
    if preferences.respond_async:
        if taken.job.finished:
            return _job_response(taken.job, 200, method)
        return _job_response(taken.job, 202, method, preference_applied=True)
    wait = services.tuning.sync_timeout if preferences.wait is None else min(preferences.wait,
                                                                             services.tuning.sync_timeout)
    job = await services.runner.wait(taken.job.id, wait, submitted=taken.created)
    if job is None or not job.finished:  # still drafting, or drafted and delivery is being retried: poll
        current = job or await services.store.get(taken.job.id)
        return _job_response(current or taken.job, 202, method)
    return _job_response(job, 201 if taken.created else 200, method)


async def _take(request: Request, services: Services, today: dt.date | None, key: str | None) -> Taken:
    """The email read, parsed and stored; nothing holds its bytes once this returns (a request that waits for its
    draft must not keep a 10 MB email alive for the model's time)."""
    raw, day = await _read_email(request, today)
    return await take(Intake(raw=raw, today=day or services.today(), origin="api",
                             idempotency_key=idempotency_key(key)), services)


async def _read_email(request: Request, today: dt.date | None) -> tuple[bytes, dt.date | None]:
    media = media_type(request)
    if media == RAW_EMAIL:
        return await read_body(request), today
    if is_json(media):
        body = await read_json(request, DraftRequest)
        return as_bytes(body.raw), body.today or today
    raise unsupported(media, (RAW_EMAIL, "application/json"))


def _job_response(job: Job, status: int, delivery_method: str, *,
                  preference_applied: bool = False) -> JSONResponse:
    headers = {"Location": f"/v1/drafts/{job.id}"}
    if preference_applied:
        headers["Preference-Applied"] = "respond-async"
    if status == 200:
        headers["Idempotent-Replayed"] = "true"
    return JSONResponse(public_job(job, delivery_method), status_code=status, headers=headers)


@router.get(
    "/v1/drafts/{job_id}",
    response_model=None,
    summary="A drafting job and, once drafted, its draft",
    responses={200: {"model": JobOut, "description": "The job"}, **problem_responses(401, 404)},
)
async def get_draft(job_id: str, store: StoreDep, services: ServicesDep) -> JSONResponse:
    """Status one of queued, drafting, ready, needs_review, skipped, failed (with `reason`)."""
    job = await store.get(job_id)
    if job is None:
        days = services.settings.api.idempotency_days
        raise Problem("not-found", f"no job {job_id!r} (finished jobs are kept {days} days)")
    return JSONResponse(public_job(job, services.settings.delivery.method))
