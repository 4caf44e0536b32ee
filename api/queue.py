"""The queue between accepting an email and drafting it, when the store is PostgreSQL: procrastinate.

One task, `drafter.advance`, takes a job id and moves that job on (api/jobs.JobRunner.advance): drafts it if
queued, delivers it if drafted. Every task of a job carries the job id as its lock, so one worker at a time
works on a job, and as its queueing lock, so a job waits in the queue at most once.

What procrastinate does not do for us, the sweep does, in every worker process: a worker that stopped
sending heartbeats for [api] worker_lease_seconds is taken for dead and its tasks go back to the queue
(procrastinate's documented stalled-job recovery), and a stored job with no task (its process died between
the two writes) is enqueued again. Tasks are idempotent: a job's result is written once, by its claim, and
delivery finds a draft it already put in Drafts.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import Awaitable, Callable

import procrastinate
from procrastinate.exceptions import AlreadyEnqueued

from api.store_pg import PgJobStore

log = logging.getLogger("api")
QUEUE = "drafts"
TASK = "drafter.advance"
# A task that raised (the database went away mid-job, a shutdown cut it off) is tried again, with growing
# waits; what drafting itself refuses becomes the job's "failed" status, never an exception here.
RETRY = procrastinate.RetryStrategy(max_attempts=20, wait=1, exponential_wait=2)
GRACEFUL_SHUTDOWN_SECONDS = 25.0  # then the tasks still running are handed back to the queue
# procrastinate stops its worker when a heartbeat, a fetch or its notification listener finds the database away
# for longer than its pool waits (a failover): the worker is started again after this pause, for as long as the
# process runs. Starting waits for the database itself, so this only spaces the attempts.
RESTART_AFTER_SECONDS = 1.0

Advance = Callable[[str], Awaitable[None]]


class JobQueue:
    def __init__(self, url: str, *, pool_size: int = 4) -> None:
        self.app = procrastinate.App(connector=procrastinate.PsycopgConnector(  # its pool checks connections
            conninfo=url, min_size=1, max_size=pool_size))
        self._handler: Advance | None = None
        self.task = self.app.task(name=TASK, queue=QUEUE, retry=RETRY)(self._advance)

    async def _advance(self, job_id: str) -> None:
        if self._handler is None:
            raise RuntimeError("no handler: this process only enqueues")
        await self._handler(job_id)

    async def open(self) -> None:
        await self.app.open_async()

    async def close(self) -> None:
        await self.app.close_async()

    async def enqueue(self, job_id: str, *, delay_seconds: float = 0.0) -> None:
        """Queue the job's next step (now, or after a delay); nothing if a step of it already waits."""
        options: dict[str, object] = {"lock": job_id, "queueing_lock": job_id}
        if delay_seconds > 0:
            options["schedule_in"] = {"seconds": delay_seconds}
        with contextlib.suppress(AlreadyEnqueued):
            await self.task.configure(**options).defer_async(job_id=job_id)  # type: ignore[arg-type]

    async def depth(self) -> dict[str, int]:
        """Tasks in the queue by status (todo, doing, …), for /metrics."""
        async with self.app.connector.pool.connection() as conn:  # type: ignore[attr-defined]
            rows = await (await conn.execute(
                "SELECT status::text, count(*) FROM procrastinate_jobs WHERE queue_name = %s GROUP BY status",
                (QUEUE,))).fetchall()
        return {status: count for status, count in rows}

    async def work(self, advance: Advance, *, store: PgJobStore, name: str, concurrency: int,
                   lease_seconds: float, install_signal_handlers: bool = False) -> None:
        """Run a worker until cancelled (then it stops gracefully): it takes tasks with up to `concurrency` at
        once, and sweeps stalled and lost jobs back into the queue."""
        self._handler = advance
        sweep = asyncio.create_task(self._sweep(store, lease_seconds), name="drafter-queue-sweep")
        try:
            while True:  # procrastinate stops its worker when the database stays away; take jobs again after
                try:
                    await self.app.run_worker_async(
                        queues=[QUEUE], name=name, concurrency=concurrency, wait=True,
                        install_signal_handlers=install_signal_handlers,
                        shutdown_graceful_timeout=GRACEFUL_SHUTDOWN_SECONDS,
                        update_heartbeat_interval=max(1.0, lease_seconds / 4), stalled_worker_timeout=lease_seconds,
                        fetch_job_polling_interval=max(1.0, lease_seconds / 6))
                    reason = "it stopped"
                except asyncio.CancelledError:
                    raise
                except Exception as exc:  # noqa: BLE001 - the database away: any error of the driver or the pool
                    reason = " ".join(f"{type(exc).__name__}: {exc.__cause__ or exc}".split())
                log.warning("queue worker %s stopped taking jobs (%s, the database was away?); starting it again "
                            "in %g s", name, reason, RESTART_AFTER_SECONDS)
                await asyncio.sleep(RESTART_AFTER_SECONDS)
        finally:
            sweep.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await sweep

    async def _sweep(self, store: PgJobStore, lease_seconds: float) -> None:
        while True:
            await asyncio.sleep(max(1.0, lease_seconds / 3))
            try:
                await self.sweep_once(store, lease_seconds)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # the database is away: the next round tries again
                log.warning("queue sweep failed (%s: %s); trying again", type(exc).__name__, exc)

    async def sweep_once(self, store: PgJobStore, lease_seconds: float) -> tuple[int, int]:
        """Stalled tasks back to the queue, lost jobs enqueued again; how many of each."""
        stalled = 0
        for job in await self.app.job_manager.get_stalled_jobs(seconds_since_heartbeat=lease_seconds):
            try:
                await self.app.job_manager.retry_job(job, retry_at=dt.datetime.now(dt.UTC))
                stalled += 1
            except Exception as exc:  # another worker's sweep was first
                log.debug("stalled task %s not retried: %s", job.id, exc)
        lost = await store.unqueued(older_than=store.clock() - lease_seconds)
        for job_id in lost:
            await self.enqueue(job_id)
        if stalled or lost:
            log.warning("queue sweep: %d task(s) of dead workers and %d job(s) without a task queued again",
                        stalled, len(lost))
        return stalled, len(lost)
