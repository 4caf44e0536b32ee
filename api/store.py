"""The durable job store: one SQLite file (WAL), written by one thread, so a job is on disk before 202.

Life of a job (status column):

    queued ──claim──▶ drafting ──finish──▶ ready | needs_review | skipped | failed
                         │
                         └─finish (delivery configured)──▶ delivering ──delivered──▶ ready | needs_review

Every transition is one guarded UPDATE (`... WHERE status = 'drafting'`), so a result is written
exactly once even if two workers raced. A crash leaves `drafting` rows; `recover()` puts them back
to `queued` at the next start. A lock file next to the database keeps a second server away.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import fcntl
import json
import os
import sqlite3
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from drafter_core.errors import ConfigError

FINAL = frozenset({"ready", "needs_review", "skipped", "failed"})
T = TypeVar("T")

SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    idem_key TEXT NOT NULL UNIQUE,
    fingerprint TEXT NOT NULL,
    source TEXT NOT NULL,
    origin TEXT NOT NULL,
    today TEXT NOT NULL,
    raw BLOB NOT NULL,
    status TEXT NOT NULL,
    reason TEXT,
    result TEXT,
    final_status TEXT,
    claims INTEGER NOT NULL DEFAULT 0,
    delivery_attempts INTEGER NOT NULL DEFAULT 0,
    next_delivery_at REAL,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS jobs_by_status ON jobs (status, created_at);
CREATE TABLE IF NOT EXISTS webhook_tokens (
    provider TEXT NOT NULL,
    token TEXT NOT NULL,
    seen_at REAL NOT NULL,
    PRIMARY KEY (provider, token)
);
CREATE TABLE IF NOT EXISTS probe (id INTEGER PRIMARY KEY CHECK (id = 1), at REAL NOT NULL);
"""
JOB_COLUMNS = ("id, idem_key, fingerprint, source, origin, today, status, reason, result, final_status, "
               "claims, delivery_attempts, next_delivery_at, created_at, updated_at")


@dataclass(frozen=True)
class NewJob:
    key: str
    fingerprint: str
    source: str
    origin: str
    today: dt.date
    raw: bytes


@dataclass(frozen=True)
class Job:
    id: str
    key: str
    fingerprint: str
    source: str
    origin: str
    today: dt.date
    status: str
    reason: str | None
    result: dict[str, Any] | None
    final_status: str | None
    claims: int
    delivery_attempts: int
    next_delivery_at: float | None
    created_at: float
    updated_at: float

    @property
    def finished(self) -> bool:
        return self.status in FINAL

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Job:
        return cls(id=row["id"], key=row["idem_key"], fingerprint=row["fingerprint"], source=row["source"],
                   origin=row["origin"], today=dt.date.fromisoformat(row["today"]), status=row["status"],
                   reason=row["reason"], result=json.loads(row["result"]) if row["result"] else None,
                   final_status=row["final_status"], claims=row["claims"],
                   delivery_attempts=row["delivery_attempts"], next_delivery_at=row["next_delivery_at"],
                   created_at=row["created_at"], updated_at=row["updated_at"])


@dataclass(frozen=True)
class Admission:
    """What `admit` did: stored a new job, found the existing one, or refused a replayed webhook token."""

    job: Job | None
    created: bool
    replayed: bool = False


class StoreLocked(ConfigError):
    """Another process serves from the same store file."""


class JobStore:
    """Async facade over one SQLite connection owned by a single thread (sqlite3 is blocking)."""

    unavailable = (sqlite3.Error, OSError)  # what means "the store cannot be used now" (503, try again)

    def __init__(self, path: Path, *, clock: Callable[[], float] = time.time) -> None:
        self.path = path
        self.clock = clock
        self._executor: ThreadPoolExecutor | None = None
        self._db: sqlite3.Connection | None = None
        self._lock_fd: int | None = None

    # -- lifecycle -------------------------------------------------------------------------------

    async def open(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="drafter-store")
        try:
            await self._run(self._open)
        except BaseException:
            self._executor.shutdown(wait=True)
            self._executor = None
            raise

    def _open(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock_fd = _lock(Path(f"{self.path}.lock"))
        db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA journal_mode=WAL")
        # NORMAL survives a process crash; admissions switch to FULL (an fsync) so that a job we answered
        # 202 for also survives power loss. Later commits need no fsync of their own: the next FULL one
        # syncs the log up to itself, and a lost claim or finish only means drafting the job again.
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA busy_timeout=5000")
        db.executescript(SCHEMA)
        self._db = db

    async def close(self) -> None:
        if self._executor is None:
            return
        await self._run(self._close)
        self._executor.shutdown(wait=True)
        self._executor = None

    def _close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # closing the descriptor releases the flock
            self._lock_fd = None

    async def _run(self, fn: Callable[..., T], *args: Any) -> T:
        if self._executor is None:
            raise RuntimeError("the job store is not open")
        return await asyncio.get_running_loop().run_in_executor(self._executor, fn, *args)

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            raise RuntimeError("the job store is not open")
        return self._db

    # -- admission -------------------------------------------------------------------------------

    async def find(self, key: str) -> Job | None:
        return await self._run(self._find, key)

    def _find(self, key: str) -> Job | None:
        row = self.db.execute(f"SELECT {JOB_COLUMNS} FROM jobs WHERE idem_key = ?", (key,)).fetchone()
        return Job.from_row(row) if row else None

    async def admit(self, new: NewJob, *, webhook_token: tuple[str, str] | None = None) -> Admission:
        """Store a new queued job, or return the one already stored under the same key.

        With a webhook token, recording the token and storing the job are one transaction: a token is
        "used" only once its request was accepted, so a provider's retry after our 503 still gets in.
        """
        return await self._run(self._admit, new, webhook_token)

    def _admit(self, new: NewJob, webhook_token: tuple[str, str] | None) -> Admission:
        now = self.clock()
        db = self.db
        db.execute("PRAGMA synchronous=FULL")
        try:
            return self._admit_in_transaction(db, new, webhook_token, now)
        finally:
            db.execute("PRAGMA synchronous=NORMAL")

    def _admit_in_transaction(self, db: sqlite3.Connection, new: NewJob,
                              webhook_token: tuple[str, str] | None, now: float) -> Admission:
        db.execute("BEGIN IMMEDIATE")
        try:
            if webhook_token is not None:
                inserted = db.execute(
                    "INSERT OR IGNORE INTO webhook_tokens (provider, token, seen_at) VALUES (?, ?, ?)",
                    (*webhook_token, now)).rowcount
                if not inserted:
                    db.execute("ROLLBACK")
                    return Admission(job=None, created=False, replayed=True)
            created = db.execute(
                "INSERT OR IGNORE INTO jobs (id, idem_key, fingerprint, source, origin, today, raw, status, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?)",
                (new_job_id(), new.key, new.fingerprint, new.source, new.origin, new.today.isoformat(),
                 new.raw, now, now),
            ).rowcount == 1
            job = self._find(new.key)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        assert job is not None
        return Admission(job=job, created=created)

    # -- reading ---------------------------------------------------------------------------------

    async def get(self, job_id: str) -> Job | None:
        return await self._run(self._get, job_id)

    def _get(self, job_id: str) -> Job | None:
        row = self.db.execute(f"SELECT {JOB_COLUMNS} FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return Job.from_row(row) if row else None

    async def counts(self) -> dict[str, int]:
        return await self._run(self._counts)

    def _counts(self) -> dict[str, int]:
        rows = self.db.execute("SELECT status, COUNT(*) AS n FROM jobs GROUP BY status").fetchall()
        return {row["status"]: row["n"] for row in rows}

    async def waiting(self) -> tuple[int, float | None]:
        """How many jobs wait to be drafted, and since when the oldest has waited (epoch seconds)."""
        return await self._run(self._waiting)

    def _waiting(self) -> tuple[int, float | None]:
        row = self.db.execute("SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM jobs "
                              "WHERE status = 'queued'").fetchone()
        return int(row["n"]), row["oldest"]

    # -- drafting --------------------------------------------------------------------------------

    async def claim(self, job_id: str, by: str | None = None, *, with_raw: bool = True) -> tuple[Job, bytes] | None:
        """queued → drafting, with the email's bytes (b"" unless `with_raw`); None when another worker (or an
        earlier run) already took the job. `by` (the worker's name) is recorded by the shared store only: here
        every job is drafted by this process."""
        return await self._run(self._claim, job_id, with_raw)

    def _claim(self, job_id: str, with_raw: bool) -> tuple[Job, bytes] | None:
        claimed = self.db.execute(
            "UPDATE jobs SET status = 'drafting', claims = claims + 1, updated_at = ? "
            "WHERE id = ? AND status = 'queued'",
            (self.clock(), job_id),
        ).rowcount
        if not claimed:
            return None
        raw = ", raw" if with_raw else ""
        row = self.db.execute(f"SELECT {JOB_COLUMNS}{raw} FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return Job.from_row(row), bytes(row["raw"]) if with_raw else b""

    async def finish(self, job_id: str, *, status: str, reason: str | None, result: dict[str, Any] | None,
                     final_status: str | None = None, claim: int | None = None) -> bool:
        """drafting → status, writing the result; False if the job was not drafting (never written twice),
        or when `claim` is given and a later claim took the job over."""
        return await self._run(self._finish, job_id, status, reason, result, final_status, claim)

    def _finish(self, job_id: str, status: str, reason: str | None, result: dict[str, Any] | None,
                final_status: str | None, claim: int | None) -> bool:
        text = json.dumps(result, ensure_ascii=False) if result is not None else None
        guard, params = ("", ()) if claim is None else (" AND claims = ?", (claim,))
        return self.db.execute(
            "UPDATE jobs SET status = ?, reason = ?, result = ?, final_status = ?, updated_at = ? "
            f"WHERE id = ? AND status = 'drafting'{guard}",
            (status, reason, text, final_status, self.clock(), job_id, *params),
        ).rowcount == 1

    # -- delivery --------------------------------------------------------------------------------

    async def delivered(self, job_id: str, reason: str | None) -> bool:
        """delivering → the drafted status (ready / needs_review), once."""
        return await self._run(self._delivered, job_id, reason)

    def _delivered(self, job_id: str, reason: str | None) -> bool:
        return self.db.execute(
            "UPDATE jobs SET status = final_status, reason = ?, delivery_attempts = delivery_attempts + 1, "
            "next_delivery_at = NULL, updated_at = ? WHERE id = ? AND status = 'delivering'",
            (reason, self.clock(), job_id),
        ).rowcount == 1

    async def delivery_failed(self, job_id: str, reason: str, retry_at: float) -> None:
        await self._run(self._delivery_failed, job_id, reason, retry_at)

    def _delivery_failed(self, job_id: str, reason: str, retry_at: float) -> None:
        self.db.execute(
            "UPDATE jobs SET reason = ?, delivery_attempts = delivery_attempts + 1, next_delivery_at = ?, "
            "updated_at = ? WHERE id = ? AND status = 'delivering'",
            (reason, retry_at, self.clock(), job_id),
        )

    async def due_deliveries(self, now: float) -> list[str]:
        return await self._run(self._due_deliveries, now)

    def _due_deliveries(self, now: float) -> list[str]:
        rows = self.db.execute(
            "SELECT id FROM jobs WHERE status = 'delivering' AND next_delivery_at <= ? "
            "ORDER BY next_delivery_at",
            (now,),
        ).fetchall()
        return [row["id"] for row in rows]

    # -- recovery and housekeeping ---------------------------------------------------------------

    async def recover(self) -> list[str]:
        """After a crash: drafting → queued, pending deliveries due now; the queued ids, oldest first."""
        return await self._run(self._recover)

    def _recover(self) -> list[str]:
        now = self.clock()
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        db.execute("UPDATE jobs SET status = 'queued', updated_at = ? WHERE status = 'drafting'", (now,))
        db.execute("UPDATE jobs SET next_delivery_at = ? "
                   "WHERE status = 'delivering' AND next_delivery_at IS NULL", (now,))
        rows = db.execute("SELECT id FROM jobs WHERE status = 'queued' ORDER BY created_at, rowid").fetchall()
        db.execute("COMMIT")
        return [row["id"] for row in rows]

    async def purge(self, jobs_before: float, tokens_before: float) -> tuple[int, int]:
        """Forget finished jobs (and their idempotency keys) and webhook tokens older than the cutoffs."""
        return await self._run(self._purge, jobs_before, tokens_before)

    def _purge(self, jobs_before: float, tokens_before: float) -> tuple[int, int]:
        finished = ", ".join(f"'{status}'" for status in sorted(FINAL))
        jobs = self.db.execute(f"DELETE FROM jobs WHERE status IN ({finished}) AND created_at < ?",
                               (jobs_before,)).rowcount
        tokens = self.db.execute("DELETE FROM webhook_tokens WHERE seen_at < ?", (tokens_before,)).rowcount
        return jobs, tokens

    async def probe(self) -> None:
        """A real write: raises when the disk is full, read-only or gone."""
        await self._run(self._probe)

    def _probe(self) -> None:
        self.db.execute("INSERT OR REPLACE INTO probe (id, at) VALUES (1, ?)", (self.clock(),))


def new_job_id() -> str:
    """Opaque and sortable by creation time: 12 hex digits of milliseconds, then 20 random ones."""
    return f"{int(time.time() * 1000):012x}{uuid.uuid4().hex[:20]}"


def ensure_unlocked(store_path: Path) -> None:
    """Raise StoreLocked now, with a clear message, if another server holds the store (open checks again)."""
    store_path.parent.mkdir(parents=True, exist_ok=True)
    os.close(_lock(Path(f"{store_path}.lock")))


def _lock(path: Path) -> int:
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise StoreLocked(f"{path.with_suffix('')}: another drafter serve is using this store; "
                          "stop it or set [api] store_path to another file") from None
    return fd
