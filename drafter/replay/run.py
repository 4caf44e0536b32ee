"""The corpus run: every email through the pipeline (`drafter.pipeline.draft_reply`), a few at a time.

One email's trouble (a missing recording, an unreadable file, even a crash) becomes its record, never
the end of the run; the records come back in file order with their expectations checked.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from drafter.model import Backend, ModelAnswer, ModelRequest, ReplayBackend
from drafter.replay.expectations import Expectations, with_expectations
from drafter.replay.report import email_record
from drafter.replay.values import EmailRecord, EmailTiming, Missing, Timing
from drafter_core.errors import DrafterError, RecordingMissing
from drafter_core.settings import Settings
from drafter_core.values import Complaint

__all__ = ["CorpusEmail", "CountingBackend", "Drafted", "draft_one", "run_corpus", "timing_of"]


@dataclass(frozen=True)
class CorpusEmail:
    """One NAME.eml of the corpus and what NAME.expect.toml expects of it (None: no such file)."""

    path: Path
    expect: Expectations | None


@dataclass(frozen=True)
class Drafted:
    """One email's record, how long it took, and the recordings its model requests asked for."""

    record: EmailRecord
    wall_ms: float
    model_latency_ms: float
    keys: tuple[str, ...] = ()


class CountingBackend:
    """One email's view of the shared backend: counts its model calls and the recordings they use."""

    def __init__(self, inner: Backend, settings: Settings) -> None:
        self.inner = inner
        self.name = inner.name  # the pipeline treats backends by name (offline drafts are never repaired)
        self.settings = settings
        self.calls = 0
        self.keys: list[str] = []

    async def complete(self, request: ModelRequest) -> ModelAnswer:
        self.calls += 1
        if isinstance(self.inner, ReplayBackend):
            self.keys.append(self.inner.recording_key(request.messages))
        return await self.inner.complete(request)

    async def aclose(self) -> None:
        return None  # the shared backend is closed once, by the run


def _parse_quietly(raw: bytes) -> Complaint | None:
    from drafter.parse import parse_email

    try:
        return parse_email(raw)
    except DrafterError:
        return None


async def draft_one(email: CorpusEmail, *, settings: Settings, backend: Backend, today: dt.date, now: dt.datetime,
                    command_for: Callable[[str], str]) -> Drafted:
    """Draft one email through the pipeline; a missing recording or an unreadable email becomes a record."""
    from drafter.pipeline import draft_reply

    started = time.perf_counter()
    counting = CountingBackend(backend, settings)
    name = email.path.name
    raw = b""
    latency = 0.0
    try:
        raw = email.path.read_bytes()
        result = await draft_reply(raw, settings=settings, backend=counting, today=today, now=now)
        record = email_record(name, result=result, complaint=None)
        latency = result.usage.latency_ms
    except RecordingMissing as exc:
        missing = Missing(key=exc.key, attempt=counting.calls, command=command_for(name))
        record = email_record(name, result=None, complaint=_parse_quietly(raw), missing=missing)
    except (DrafterError, OSError) as exc:
        record = email_record(name, result=None, complaint=_parse_quietly(raw) if raw else None,
                              error=f"{type(exc).__name__}: {exc}")
    except Exception as exc:  # one email's bug must not hide the rest of the corpus
        record = email_record(name, result=None, complaint=None, crashed=True,
                              error=f"drafter crashed: {type(exc).__name__}: {exc} (a bug: rerun with "
                                    f"`drafter draft {email.path}` to see the traceback)")
    record = with_expectations(record, email.expect)
    wall_ms = round((time.perf_counter() - started) * 1000, 3)
    return Drafted(record=record, wall_ms=wall_ms, model_latency_ms=round(latency, 3), keys=tuple(counting.keys))


async def run_corpus(emails: list[CorpusEmail], *, settings: Settings, backend: Backend, today: dt.date,
                     concurrency: int, command_for: Callable[[str], str],
                     on_done: Callable[[Drafted], None]) -> list[Drafted]:
    """Every email through `draft_one`, at most `concurrency` at once; results in file order."""
    semaphore = asyncio.Semaphore(concurrency)
    # A fixed "now" (09:00 on `today` in the support time zone): drafts do not depend on the wall clock.
    now = dt.datetime.combine(today, dt.time(9, 0), tzinfo=zoneinfo.ZoneInfo(settings.calendar.timezone))

    async def one(email: CorpusEmail) -> Drafted:
        async with semaphore:
            done = await draft_one(email, settings=settings, backend=backend, today=today, now=now,
                                   command_for=command_for)
        on_done(done)
        return done

    try:
        return list(await asyncio.gather(*(one(email) for email in emails)))
    finally:
        await backend.aclose()


def timing_of(drafted: list[Drafted], elapsed: float, concurrency: int) -> Timing:
    """Wall-clock values, kept apart from the deterministic part of the report."""
    per_email = {d.record.file: EmailTiming(wall_ms=d.wall_ms, model_latency_ms=d.model_latency_ms)
                 for d in sorted(drafted, key=lambda d: d.record.file)}
    return Timing(total_seconds=round(elapsed, 3), concurrency=concurrency, per_email=per_email)
