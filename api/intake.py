"""From request bytes to a stored job: check it is an email we can answer, key it, store it, queue it.

Idempotency: the key is the `Idempotency-Key` header when given, else the customer's Message-ID (a
hash of the bytes when it has none), so the same email never gets two drafts whichever way it came
in. An explicit key reused with a different email or `today` is refused (422), as the IETF draft
asks; the same Message-ID with different bytes (a provider's retry with new trace headers) is the
same email and joins the stored job.

A store that cannot be read or written (disk full, file gone, locked too long, database unreachable) is 503
with Retry-After:
the sender keeps the email and tries again, where a 500 or a refusal could lose it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import NoReturn, TypeVar

from api.deps import Services
from api.problems import Problem
from api.store import Job, NewJob
from drafter.parse import ParsedMail, message_id_of, read_mail
from drafter_core.errors import ParseError

IDEMPOTENCY_KEY = re.compile(r"[\x21-\x7e]{1,255}")
STORE_RETRY_AFTER_SECONDS = 30
T = TypeVar("T")


@dataclass(frozen=True)
class Intake:
    raw: bytes
    today: dt.date
    origin: str
    idempotency_key: str | None = None
    webhook_token: tuple[str, str] | None = None


@dataclass(frozen=True)
class Taken:
    job: Job
    created: bool


async def take(intake: Intake, services: Services) -> Taken:
    """Store the email as a queued job (or find the one already stored); raise Problem when refused."""
    full = await _stored(services.runner.full(), services)
    if full and not await _known(intake, services):
        _overloaded(services)  # refused before paying for the parse; a duplicate is still answered below
    mail = await _answerable(intake.raw)
    key, fingerprint = _key(intake, mail.source)
    # A queue place is held while the job is stored (a duplicate gives it back unused); when the queue is full, only
    # a duplicate got this far, and it needs none.
    reserved = not full and await _stored(services.runner.reserve(full), services)
    if not full and not reserved and await _stored(services.store.find(key), services) is None:
        _overloaded(services)
    try:
        admission = await _stored(services.store.admit(
            NewJob(key=key, fingerprint=fingerprint, source=mail.source, origin=intake.origin, today=intake.today,
                   raw=intake.raw),
            webhook_token=intake.webhook_token,
        ), services)
    finally:
        if reserved:
            services.runner.release()
    if admission.replayed or admission.job is None:
        raise Problem("replayed-webhook",
                      "this webhook token was already used; a replay is not accepted twice")
    job = admission.job
    if intake.idempotency_key is not None and job.fingerprint != fingerprint:
        raise Problem("idempotency-key-reused",
                      "this Idempotency-Key was used for a different email or today; "
                      "use a new key for a new request")
    if admission.created:  # the worker drafts from the parsed email instead of parsing again
        await _stored(services.runner.submit(job.id, mail), services)
    return Taken(job=job, created=admission.created)


async def _known(intake: Intake, services: Services) -> bool:
    """Whether the email is already stored, judged from its headers alone (a full parse costs far more)."""
    if intake.idempotency_key is not None:
        key = f"key:{intake.idempotency_key}"
    else:
        try:
            message_id = message_id_of(intake.raw)  # exactly what the full parse will key it by
        except ParseError:
            return False  # the full parse refuses it as not-an-email
        if message_id is None:
            return False
        key = f"source:{message_id}"
    return await _stored(services.store.find(key), services) is not None


def _overloaded(services: Services) -> NoReturn:
    services.metrics.overloaded.inc()
    raise Problem("overloaded", f"{services.settings.api.max_queue} jobs are waiting; try again later",
                  headers={"Retry-After": str(services.tuning.retry_after_seconds)})


async def _stored(operation: Awaitable[T], services: Services) -> T:
    """The store's answer; its errors (SQLite or PostgreSQL, the disk, the network) become 503
    store-unavailable."""
    try:
        return await operation
    except services.store.unavailable as exc:
        raise Problem("store-unavailable", f"the job store {services.store.path} cannot take the email "
                      f"({exc.__class__.__name__}: {exc}); try again later",
                      headers={"Retry-After": str(STORE_RETRY_AFTER_SECONDS)}) from None


async def _answerable(raw: bytes) -> ParsedMail:
    """The parsed email, or Problem 422 when it is not an email we could ever answer."""
    try:
        return await read_mail(raw)
    except ParseError as exc:
        raise Problem("not-an-email", str(exc)) from None


def _key(intake: Intake, source: str) -> tuple[str, str]:
    hashed = hashlib.sha256(intake.today.isoformat().encode() + b"\n")
    hashed.update(intake.raw)  # not hashed as one concatenation: that copies a 10 MB email
    digest = hashed.hexdigest()
    if intake.idempotency_key is None:
        return f"source:{source}", digest
    return f"key:{intake.idempotency_key}", digest


def idempotency_key(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip().strip('"')  # the draft defines it as a structured-field string: "…"
    if not IDEMPOTENCY_KEY.fullmatch(value):
        raise Problem("invalid-request", "Idempotency-Key must be 1 to 255 visible ASCII characters")
    return value
