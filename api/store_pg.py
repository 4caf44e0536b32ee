"""The job store on PostgreSQL ([api] store = "postgresql://…"): shared by every `drafter serve` replica and
`drafter worker` process, through psycopg 3 and its connection pool.

The same life of a job as the SQLite store (api/store.py), with what several processes need:
- a unique idempotency key decides which of two simultaneous duplicates creates the job, whichever replica
  each reached;
- every transition is one guarded UPDATE, and a result is written only by the claim that drafted it
  (`claims = n`), so a worker taken for dead that wakes up late cannot overwrite its successor;
- each transition sends NOTIFY drafter_jobs with the job id, in its transaction, so the replica holding the
  synchronous request wakes at once (`watch`);
- the schema (ours and the queue's, procrastinate) is migrated at start-up under an advisory lock, so
  processes starting together apply each migration once.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import psycopg
import psycopg_pool
from psycopg.rows import DictRow, dict_row

from api.store import FINAL, Admission, Job, NewJob, new_job_id

log = logging.getLogger("api")
Pool = psycopg_pool.AsyncConnectionPool[psycopg.AsyncConnection[DictRow]]
CHANNEL = "drafter_jobs"
POOL_WAIT_SECONDS = 5  # then a request gets 503 with Retry-After: the database is away or overloaded
MIGRATION_LOCK = 0x64726166746572  # "drafter": one advisory lock for all schema changes
COLUMNS = ("id, idem_key, fingerprint, source, origin, today, status, reason, result, final_status, "
           "claims, delivery_attempts, next_delivery_at, created_at, updated_at")
INSERT_JOB = ("INSERT INTO drafter_jobs (id, idem_key, fingerprint, source, origin, today, raw, status, created_at, "
              "updated_at) VALUES (%s, %s, %s, %s, %s, %s, %s, 'queued', %s, %s) ON CONFLICT (idem_key) DO NOTHING "
              f"RETURNING {COLUMNS}")

JOBS_SQL = """
CREATE TABLE drafter_jobs (
    id text PRIMARY KEY,
    idem_key text NOT NULL UNIQUE,
    fingerprint text NOT NULL,
    source text NOT NULL,
    origin text NOT NULL,
    today date NOT NULL,
    raw bytea NOT NULL,
    status text NOT NULL,
    reason text,
    result jsonb,
    final_status text,
    claims integer NOT NULL DEFAULT 0,
    delivery_attempts integer NOT NULL DEFAULT 0,
    next_delivery_at double precision,
    created_at double precision NOT NULL,
    updated_at double precision NOT NULL
);
CREATE INDEX drafter_jobs_by_status ON drafter_jobs (status, created_at);
CREATE TABLE drafter_webhook_tokens (
    provider text NOT NULL,
    token text NOT NULL,
    seen_at double precision NOT NULL,
    PRIMARY KEY (provider, token)
);
CREATE TABLE drafter_probe (id integer PRIMARY KEY CHECK (id = 1), at double precision NOT NULL);
"""

RATE_LIMITS_SQL = """
CREATE TABLE drafter_rate_limits (
    name text PRIMARY KEY,
    requests double precision NOT NULL,
    tokens double precision NOT NULL,
    at double precision NOT NULL
);
"""


def _queue_schema() -> str:
    from procrastinate.schema import SchemaManager

    return SchemaManager.get_schema()


# (version, what it does, its SQL). Append only; a released migration never changes. When procrastinate is
# upgraded, its migration files for the new version (`procrastinate schema --migrations-path`) become new entries.
MIGRATIONS: tuple[tuple[int, str, Callable[[], str]], ...] = (
    (1, "drafter jobs, webhook tokens, write probe", lambda: JOBS_SQL),
    (2, "procrastinate 3.10 queue schema", _queue_schema),
    (3, "rate limit buckets", lambda: RATE_LIMITS_SQL),
    (4, "which worker drafted each job", lambda: "ALTER TABLE drafter_jobs ADD COLUMN drafted_by text;"),
)


def describe(url: str) -> str:
    """The database for messages and logs, without the password."""
    parts = urlsplit(url)
    return f"PostgreSQL {parts.hostname or 'localhost'}:{parts.port or 5432}{parts.path or '/'}"


class PgJobStore:
    """The async store API of api/store.JobStore, on a PostgreSQL connection pool."""

    unavailable = (psycopg.Error, psycopg_pool.PoolTimeout, OSError)

    def __init__(self, url: str, *, clock: Callable[[], float], pool_size: int = 10) -> None:
        self.url = url
        self.path = describe(url)  # what messages name, as the SQLite store names its file
        self.clock = clock
        self._pool: Pool = psycopg_pool.AsyncConnectionPool(
            url, connection_class=psycopg.AsyncConnection[DictRow], min_size=1, max_size=pool_size, open=False,
            timeout=POOL_WAIT_SECONDS, kwargs={"autocommit": True, "row_factory": dict_row},
        )  # no check before each checkout (a round trip each): after a restart a dead connection fails once, is
        # dropped by the pool, and that request is answered 503 with Retry-After or its task retried

    # -- lifecycle -------------------------------------------------------------------------------

    async def open(self) -> None:
        await self._pool.open(wait=True, timeout=30)
        await migrate(self._pool)

    async def close(self) -> None:
        await self._pool.close()

    async def _one(self, sql: str, params: tuple[Any, ...] = ()) -> dict[str, Any] | None:
        async with self._pool.connection() as conn:
            cursor = await conn.execute(sql, params)
            return await cursor.fetchone() if cursor.description else None

    async def _transition(self, sql: str, params: tuple[Any, ...]) -> bool:
        """One guarded UPDATE and, when it changed the job, a NOTIFY with the id: one statement, so one round trip
        and one transaction (the notification leaves at its commit)."""
        async with self._pool.connection() as conn:
            cursor = await conn.execute(f"WITH changed AS ({sql} RETURNING id) "
                                        "SELECT pg_notify(%s, id) FROM changed", (*params, CHANNEL))
            return cursor.rowcount == 1

    # -- admission -------------------------------------------------------------------------------

    async def find(self, key: str) -> Job | None:
        row = await self._one(f"SELECT {COLUMNS} FROM drafter_jobs WHERE idem_key = %s", (key,))
        return _job(row) if row else None

    async def admit(self, new: NewJob, *, webhook_token: tuple[str, str] | None = None) -> Admission:
        """Store a new queued job, or return the one already stored under the same key (any replica's). A new email
        without a webhook token costs one statement."""
        async with self._pool.connection() as conn:
            if webhook_token is None:
                return await self._insert_or_find(conn, new)
            async with conn.transaction():  # a token is "used" only once its request was accepted, so a
                used = await conn.execute(  # provider's retry after our 503 still gets in
                    "INSERT INTO drafter_webhook_tokens (provider, token, seen_at) VALUES (%s, %s, %s) "
                    "ON CONFLICT DO NOTHING", (*webhook_token, self.clock()))
                if used.rowcount == 0:
                    return Admission(job=None, created=False, replayed=True)  # the transaction leaves no trace
                return await self._insert_or_find(conn, new)

    async def _insert_or_find(self, conn: psycopg.AsyncConnection[DictRow], new: NewJob) -> Admission:
        now = self.clock()
        row = await (await conn.execute(INSERT_JOB, (new_job_id(), new.key, new.fingerprint, new.source, new.origin,
                                                     new.today, new.raw, now, now))).fetchone()
        if row is not None:
            return Admission(job=_job(row), created=True)
        # The key is taken, perhaps by a duplicate committed while the INSERT waited for it: a statement of its own
        # (a snapshot of its own) sees that commit.
        row = await (await conn.execute(f"SELECT {COLUMNS} FROM drafter_jobs WHERE idem_key = %s",
                                        (new.key,))).fetchone()
        assert row is not None
        return Admission(job=_job(row), created=False)

    # -- reading ---------------------------------------------------------------------------------

    async def get(self, job_id: str) -> Job | None:
        row = await self._one(f"SELECT {COLUMNS} FROM drafter_jobs WHERE id = %s", (job_id,))
        return _job(row) if row else None

    async def counts(self) -> dict[str, int]:
        async with self._pool.connection() as conn:
            rows = await (await conn.execute("SELECT status, count(*) AS n FROM drafter_jobs GROUP BY status")
                          ).fetchall()
        return {row["status"]: row["n"] for row in rows}

    async def waiting(self) -> tuple[int, float | None]:
        """How many jobs wait to be drafted, and since when the oldest has waited (epoch seconds)."""
        row = await self._one("SELECT count(*) AS n, min(created_at) AS oldest FROM drafter_jobs "
                              "WHERE status = 'queued'")
        assert row is not None
        return int(row["n"]), row["oldest"]

    # -- drafting --------------------------------------------------------------------------------

    async def claim(self, job_id: str, by: str | None = None, *, with_raw: bool = True) -> tuple[Job, bytes] | None:
        """queued → drafting, counting the claim and naming the worker, with the email's bytes (b"" unless
        `with_raw`). A `drafting` job is claimed again: the queue runs one task per job at a time (its lock), so
        a drafting row here was left by a worker that died."""
        raw = ", raw" if with_raw else ""
        row = await self._one(
            f"UPDATE drafter_jobs SET status = 'drafting', claims = claims + 1, drafted_by = %s, updated_at = %s "
            f"WHERE id = %s AND status IN ('queued', 'drafting') RETURNING {COLUMNS}{raw}",
            (by, self.clock(), job_id))
        if row is None:
            return None
        return _job(row), bytes(row["raw"]) if with_raw else b""

    async def finish(self, job_id: str, *, status: str, reason: str | None, result: dict[str, Any] | None,
                     final_status: str | None = None, claim: int | None = None) -> bool:
        """drafting → status with the result, by the claim that drafted it; False otherwise (never twice)."""
        text = json.dumps(result, ensure_ascii=False) if result is not None else None
        guard, params = ("", ()) if claim is None else (" AND claims = %s", (claim,))
        return await self._transition(
            "UPDATE drafter_jobs SET status = %s, reason = %s, result = %s::jsonb, final_status = %s, "
            f"updated_at = %s WHERE id = %s AND status = 'drafting'{guard}",
            (status, reason, text, final_status, self.clock(), job_id, *params))

    # -- delivery --------------------------------------------------------------------------------

    async def delivered(self, job_id: str, reason: str | None) -> bool:
        return await self._transition(
            "UPDATE drafter_jobs SET status = final_status, reason = %s, "
            "delivery_attempts = delivery_attempts + 1, next_delivery_at = NULL, updated_at = %s "
            "WHERE id = %s AND status = 'delivering'", (reason, self.clock(), job_id))

    async def delivery_failed(self, job_id: str, reason: str, retry_at: float) -> None:
        await self._transition(
            "UPDATE drafter_jobs SET reason = %s, delivery_attempts = delivery_attempts + 1, "
            "next_delivery_at = %s, updated_at = %s WHERE id = %s AND status = 'delivering'",
            (reason, retry_at, self.clock(), job_id))

    async def unqueued(self, older_than: float) -> list[str]:
        """Jobs waiting or half done, untouched since `older_than`, that have no task in the queue: a process
        died between storing a job and enqueueing it, or the queue lost it. The sweeper enqueues them again."""
        async with self._pool.connection() as conn:
            rows = await (await conn.execute(
                "SELECT j.id FROM drafter_jobs j WHERE j.status IN ('queued', 'drafting', 'delivering') "
                "AND j.updated_at < %s AND NOT EXISTS (SELECT 1 FROM procrastinate_jobs q "
                "WHERE q.lock = j.id AND q.status IN ('todo', 'doing')) ORDER BY j.created_at LIMIT 500",
                (older_than,))).fetchall()
        return [row["id"] for row in rows]

    # -- recovery and housekeeping ---------------------------------------------------------------

    async def purge(self, jobs_before: float, tokens_before: float) -> tuple[int, int]:
        finished = sorted(FINAL)
        async with self._pool.connection() as conn:
            jobs = (await conn.execute("DELETE FROM drafter_jobs WHERE status = ANY(%s) AND created_at < %s",
                                       (finished, jobs_before))).rowcount
            tokens = (await conn.execute("DELETE FROM drafter_webhook_tokens WHERE seen_at < %s",
                                         (tokens_before,))).rowcount
            await conn.execute("DELETE FROM procrastinate_jobs WHERE status IN ('succeeded', 'failed', "
                               "'cancelled', 'aborted') AND id IN (SELECT job_id FROM procrastinate_events "
                               "GROUP BY job_id HAVING max(at) < to_timestamp(%s))", (jobs_before,))
        return jobs, tokens

    async def probe(self) -> None:
        """A real write: raises when the database is unreachable or read-only."""
        await self._one("INSERT INTO drafter_probe (id, at) VALUES (1, %s) "
                        "ON CONFLICT (id) DO UPDATE SET at = excluded.at", (self.clock(),))

    # -- shared rate limits (api/ratelimit.py) ------------------------------------------------------

    async def update_bucket(self, name: str, full: tuple[float, float],
                            change: Callable[[float, float, float], tuple[float, float, float]]) -> float:
        """Change a bucket's levels under its row lock, timed by the database's clock (the same for every
        machine): `change(requests, tokens, seconds since the last change)` gives the new levels and the result."""
        async with self._pool.connection() as conn, conn.transaction():
            await conn.execute("INSERT INTO drafter_rate_limits (name, requests, tokens, at) "
                               "VALUES (%s, %s, %s, extract(epoch FROM clock_timestamp())) "
                               "ON CONFLICT (name) DO NOTHING", (name, *full))
            row = await (await conn.execute(
                "SELECT requests, tokens, extract(epoch FROM clock_timestamp())::float8 - at AS elapsed "
                "FROM drafter_rate_limits WHERE name = %s FOR UPDATE", (name,))).fetchone()
            assert row is not None
            requests, tokens, result = change(row["requests"], row["tokens"], max(0.0, row["elapsed"]))
            await conn.execute("UPDATE drafter_rate_limits SET requests = %s, tokens = %s, "
                               "at = extract(epoch FROM clock_timestamp()) WHERE name = %s", (requests, tokens, name))
        return result

    # -- notifications ---------------------------------------------------------------------------

    async def watch(self, on_change: Callable[[str | None], None], *, retry_seconds: float = 1.0) -> None:
        """Call `on_change(job_id)` for every job that changed in any process, until cancelled. After a lost
        connection it calls `on_change(None)` (waiters read the store again) and listens anew."""
        while True:
            try:
                async with await psycopg.AsyncConnection.connect(self.url, autocommit=True) as conn:
                    await conn.execute(f"LISTEN {CHANNEL}")
                    on_change(None)  # whatever changed while nobody listened
                    async for note in conn.notifies():
                        on_change(note.payload)
            except asyncio.CancelledError:
                raise
            except (psycopg.Error, OSError) as exc:
                log.warning("job notifications from %s lost (%s); listening again in %.0f s",
                            self.path, exc, retry_seconds)
            await asyncio.sleep(retry_seconds)


async def migrate(pool: Pool) -> list[int]:
    """Apply the migrations not yet applied, each once, whoever else starts at the same time."""
    applied: list[int] = []
    async with pool.connection() as conn, conn.transaction():
        await conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        await conn.execute("CREATE TABLE IF NOT EXISTS drafter_migrations (version integer PRIMARY KEY, "
                           "name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())")
        rows = await (await conn.execute("SELECT version FROM drafter_migrations")).fetchall()
        done = {row["version"] for row in rows}
        for version, name, sql in MIGRATIONS:
            if version in done:
                continue
            await conn.execute(sql().encode())  # bytes: no placeholders to read in SQL full of %
            await conn.execute("INSERT INTO drafter_migrations (version, name) VALUES (%s, %s)", (version, name))
            applied.append(version)
    if applied:
        log.info("database migrated: %s", ", ".join(str(v) for v in applied))
    return applied


def _job(row: dict[str, Any]) -> Job:
    return Job(id=row["id"], key=row["idem_key"], fingerprint=row["fingerprint"], source=row["source"],
               origin=row["origin"], today=row["today"], status=row["status"], reason=row["reason"],
               result=row["result"], final_status=row["final_status"], claims=row["claims"],
               delivery_attempts=row["delivery_attempts"], next_delivery_at=row["next_delivery_at"],
               created_at=row["created_at"], updated_at=row["updated_at"])
