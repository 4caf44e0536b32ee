"""Request and response shapes of the HTTP API, and the public JSON of a job."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from api.store import Job

PublicStatus = Literal["queued", "drafting", "ready", "needs_review", "skipped", "failed"]
RESULT_KEYS = ("sections", "body", "follow_up_date", "gesture", "language", "backend", "degraded", "attempts",
               "history", "usage", "verdict", "message")


class DraftRequest(BaseModel):
    """JSON form of POST /v1/drafts (the raw form is the message itself, `Content-Type: message/rfc822`)."""

    model_config = ConfigDict(extra="forbid")

    raw: str = Field(description="The customer's email, RFC 5322 text with headers")
    today: dt.date | None = Field(None, description="Plan as of this date (default: today, [calendar] zone)")


class CheckRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    draft: str = Field(description="The reply text to check, as the customer would read it")
    today: dt.date | None = Field(None, description="Judge dates as of this day (default: today)")
    follow_up_date: dt.date | None = Field(None, description="The follow-up date the draft must commit to")


class Delivery(BaseModel):
    method: str
    state: Literal["pending", "delivered"]
    attempts: int
    next_attempt_at: dt.datetime | None = None


class JobOut(BaseModel):
    """A drafting job; once drafted, the fields of `drafter draft --json` are filled in."""

    model_config = ConfigDict(extra="allow")

    id: str
    status: PublicStatus
    reason: str | None = None
    source: str = Field(description="The customer's Message-ID (or a hash of the bytes when it has none)")
    origin: str = Field(description="api, mailgun, postmark or sendgrid")
    today: dt.date
    created_at: dt.datetime
    updated_at: dt.datetime
    sections: dict[str, str] | None = None
    body: str | None = None
    follow_up_date: dt.date | None = None
    gesture: dict[str, Any] | None = None
    backend: str | None = None
    degraded: bool | None = None
    attempts: int | None = None
    history: list[dict[str, Any]] | None = None
    usage: dict[str, Any] | None = None
    verdict: dict[str, Any] | None = None
    message: str | None = Field(None, description="The draft reply as an RFC 5322 message")
    delivery: Delivery | None = None


class ViolationOut(BaseModel):
    code: str
    message: str
    start: int
    end: int
    text: str


class CheckOut(BaseModel):
    passed: bool
    codes: list[str]
    violations: list[ViolationOut]


class Accepted(BaseModel):
    """What a webhook gets back: the job it created or joined."""

    id: str
    status: PublicStatus
    duplicate: bool


class Health(BaseModel):
    status: Literal["ok"]


class Readiness(BaseModel):
    status: Literal["ready"]
    backend: str = Field(description="The backend that drafts: openai, offline or replay")
    model: str = Field(description="The same as `backend` (kept for older clients)")
    store: str = Field(description="ok: the store took a write just now")
    store_type: Literal["sqlite", "postgresql"] = Field(description="Which job store ([api] store)")
    store_location: str = Field(description="The SQLite file, or the PostgreSQL host, port and database")
    queue: Literal["in-process", "procrastinate"] = Field(description="Which queue holds jobs to draft")
    drafting: Literal["in-process", "workers"] = Field(
        description="Where jobs are drafted: in this process too, or only by `drafter worker` processes")
    queue_depth: int = Field(description="Jobs waiting to be drafted (every replica's, with PostgreSQL)")
    in_flight: int = Field(description="Jobs this process is drafting now")


def public_job(job: Job, delivery_method: str = "none") -> dict[str, Any]:
    """The job as clients see it. `delivering` shows as `drafting`: it is not ready until delivered."""
    result = job.result or {}
    data: dict[str, Any] = {
        "id": job.id,
        "status": "drafting" if job.status == "delivering" else job.status,
        "reason": job.reason,
        "source": job.source,
        "origin": job.origin,
        "today": job.today.isoformat(),
        "created_at": _iso(job.created_at),
        "updated_at": _iso(job.updated_at),
    }
    data.update({key: result.get(key) for key in RESULT_KEYS})
    data["delivery"] = _delivery(job, delivery_method)
    return data


def _delivery(job: Job, method: str) -> dict[str, Any] | None:
    if method == "none" or job.final_status is None:
        return None
    return {
        "method": method,
        "state": "pending" if job.status == "delivering" else "delivered",
        "attempts": job.delivery_attempts,
        "next_attempt_at": _iso(job.next_delivery_at) if job.next_delivery_at else None,
    }


def _iso(timestamp: float) -> str:
    return dt.datetime.fromtimestamp(timestamp, dt.UTC).isoformat(timespec="milliseconds")
