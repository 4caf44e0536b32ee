"""The workers: take queued job ids, draft each once, store the result, deliver it when configured.

Every job, synchronous or not, goes through the same bounded path: stored first (api/store.py),
then its id is queued; `max_in_flight` workers draft concurrently, so that is also the cap on
model calls in flight. Synchronous requests simply wait for their job to settle (`wait`), which is
also how concurrent duplicates are joined: they wait for the one job, and nobody drafts it twice.

Two ways to queue, chosen by the store:
- SQLite: an asyncio queue in this process; a crash leaves `drafting` rows that `recover` re-queues.
- PostgreSQL: procrastinate (api/queue.py), shared by every replica and `drafter worker`. A job changed by
  any process wakes the waiters here through the store's notifications (`watch`). Drafting happens in the
  worker processes, and in `drafter serve` too unless [api] drafting = "workers".
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from api.metrics import Metrics
from api.store import Job, JobStore
from drafter.assemble import agent_view
from drafter.model import Backend
from drafter.parse import ParsedMail, read_mail
from drafter.pipeline import draft_parsed
from drafter_core.errors import DeliveryError, DrafterError, ParseError
from drafter_core.settings import Settings
from drafter_core.values import DraftResult, Reply, Verdict

if TYPE_CHECKING:
    from api.queue import JobQueue
    from api.store_pg import PgJobStore

log = logging.getLogger("api")
DELIVERABLE = frozenset({"ready", "needs_review"})
DELIVERIES_AT_ONCE = 4  # mail servers limit connections per user; drafting must not wait for them


@dataclass(frozen=True)
class RunnerTuning:
    """Timings that tests shorten; the defaults suit production."""

    delivery_retry_seconds: float = 30.0  # first retry after a failed delivery; doubles each time
    delivery_retry_max_seconds: float = 900.0
    delivery_poll_seconds: float = 5.0
    purge_every_seconds: float = 3600.0


class JobRunner:
    def __init__(self, store: JobStore | PgJobStore, settings: Settings, backend: Backend, metrics: Metrics,
                 clock: Callable[[], dt.datetime], tuning: RunnerTuning | None = None,
                 job_queue: JobQueue | None = None, drafting: bool = True) -> None:
        self.store = store
        self.job_queue = job_queue  # None: the in-process queue below
        self.drafting = drafting  # False: this process only accepts and enqueues
        self.worker_name: str | None = None  # in the shared store, which process drafted each job
        self.settings = settings
        self.backend = backend
        self.metrics = metrics
        self.clock = clock
        self.tuning = tuning or RunnerTuning()
        self.queue: asyncio.Queue[str] = asyncio.Queue()
        self._reserved = 0  # queue places held by admissions still writing to the store
        self._parsed: dict[str, ParsedMail] = {}  # parsed at intake; elsewhere, or after a restart, parsed again
        self.busy = 0
        self._settled: dict[str, asyncio.Event] = {}
        self._unchanged: set[str] = set()  # submitted here, not changed since
        self._delivering: set[str] = set()
        self._delivery_slots = asyncio.Semaphore(DELIVERIES_AT_ONCE)
        self._background: set[asyncio.Task[None]] = set()
        self._tasks: list[asyncio.Task[None]] = []

    @property
    def delivery_enabled(self) -> bool:
        return self.settings.delivery.method != "none"

    # -- lifecycle -------------------------------------------------------------------------------

    async def start(self, *, worker_name: str = "drafter-serve") -> int:
        """Re-queue what a crash left behind, then start the workers; returns how many jobs were recovered."""
        if self.job_queue is not None:
            self._start_shared(worker_name)
            return 0
        assert isinstance(self.store, JobStore)  # the in-process queue goes with the SQLite store
        recovered = await self.store.recover()
        for job_id in recovered:
            await self.submit(job_id)
        if recovered:
            log.info("recovered %d unfinished job(s) from %s", len(recovered), self.store.path)
        self._tasks = [asyncio.create_task(self._worker(), name=f"drafter-worker-{n}")
                       for n in range(self.settings.api.max_in_flight)]
        self._tasks.append(asyncio.create_task(self._housekeeping(), name="drafter-housekeeping"))
        if self.delivery_enabled:
            self._tasks.append(asyncio.create_task(self._delivery_loop(), name="drafter-delivery"))
        return len(recovered)

    def _start_shared(self, worker_name: str) -> None:
        self.worker_name = worker_name
        from api.store_pg import PgJobStore  # (only with the shared store: SQLite never loads psycopg)

        assert self.job_queue is not None and isinstance(self.store, PgJobStore)
        self._tasks = [asyncio.create_task(self.store.watch(self._changed), name="drafter-job-notifications"),
                       asyncio.create_task(self._housekeeping(), name="drafter-housekeeping")]
        if self.drafting:
            self._tasks.append(asyncio.create_task(self.job_queue.work(
                self.advance, store=self.store, name=worker_name, concurrency=self.settings.api.max_in_flight,
                lease_seconds=self.settings.api.worker_lease_seconds), name="drafter-queue-worker"))

    def _changed(self, job_id: str | None) -> None:
        """A job changed in some process (None: maybe several, while notifications were lost)."""
        if job_id is not None:
            self._notify(job_id)
            return
        self._parsed.clear()  # some may have been drafted elsewhere meanwhile: the rest are parsed again
        for waiting in list(self._settled):
            self._notify(waiting)

    async def stop(self) -> None:
        """Cancel the workers; a job cut off mid-draft stays `drafting` and is re-queued at the next start.
        The shared queue's worker first finishes what it holds, or hands it back to the queue."""
        tasks = [*self._tasks, *self._background]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._tasks = []

    # -- admission side --------------------------------------------------------------------------

    async def observe_queue(self) -> None:
        """The queue's gauges as the store sees them (every replica's jobs, with PostgreSQL), for /metrics."""
        depth, oldest = await self.store.waiting()
        self.metrics.queue_depth.set(depth)
        self.metrics.oldest_waiting.set(max(0.0, self.clock().timestamp() - oldest) if oldest is not None else 0.0)
        self.metrics.in_flight.set(self.busy)

    async def waiting(self) -> int:
        """Jobs waiting to be drafted: this process's queue, or every replica's in the shared store."""
        if self.job_queue is None:
            return self.queue.qsize()
        count, _oldest = await self.store.waiting()
        return count

    async def full(self) -> bool:
        return await self.waiting() + self._reserved >= self.settings.api.max_queue

    async def reserve(self, full: bool | None = None) -> bool:
        """Hold a queue place before storing, so concurrent requests cannot overfill it. With the in-process
        queue there is no await between the check and the reservation; with the shared one the cap is as
        exact as a count of the store can be while other replicas admit too, and `full`, a count just made,
        spares a second one."""
        if self.job_queue is None or full is None:
            full = await self.full()
        if full:
            return False
        self._reserved += 1
        return True

    def release(self) -> None:
        self._reserved -= 1

    async def submit(self, job_id: str, mail: ParsedMail | None = None) -> None:
        self._settled.setdefault(job_id, asyncio.Event())  # before it can change: until it does (_notify), a
        self._unchanged.add(job_id)                         # waiter knows it waits without reading it
        if mail is not None and self.drafting:  # drafted here, it is not parsed again (elsewhere: from its bytes;
            self._parsed[job_id] = mail          # then its change, _notify, lets go of it here)
        if self.job_queue is not None:
            await self.job_queue.enqueue(job_id)  # the sweep enqueues it again if this process dies first
            return
        self.queue.put_nowait(job_id)
        self.metrics.queue_depth.set(self.queue.qsize())

    async def wait(self, job_id: str, timeout: float, *, submitted: bool = False) -> Job | None:
        """The job once settled (finished, or drafted and delivered once or tried); None on timeout. `submitted`:
        this process has just stored and submitted it, so until it changes it is known to wait, unread."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        unread = submitted and job_id in self._unchanged
        self._unchanged.discard(job_id)
        while True:
            if unread:
                event, unread = self._settled[job_id], False
            else:
                event = self._settled.setdefault(job_id, asyncio.Event())  # before reading: no lost wake-up
                job = await self.store.get(job_id)
                if job is None or settled(job):
                    return job
            remaining = deadline - loop.time()
            if remaining <= 0:
                return None
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), remaining)

    def _notify(self, job_id: str) -> None:
        self._unchanged.discard(job_id)
        self._parsed.pop(job_id, None)
        event = self._settled.pop(job_id, None)
        if event is not None:
            event.set()

    # -- drafting --------------------------------------------------------------------------------

    async def _worker(self) -> None:
        while True:
            job_id = await self.queue.get()
            self.metrics.queue_depth.set(self.queue.qsize())
            try:
                await self._run(job_id)
            except asyncio.CancelledError:
                raise
            except Exception:  # a store failure must not kill the worker; the job is retried at restart
                log.exception("job %s: could not be processed", job_id)
            finally:
                self.queue.task_done()

    async def advance(self, job_id: str) -> None:
        """The shared queue's task: draft the job if it waits, deliver it if drafted (api/queue.py)."""
        if await self._run(job_id):
            return
        job = await self.store.get(job_id)
        if job is not None and job.status == "delivering":
            await self._deliver(job_id)

    async def _run(self, job_id: str) -> bool:
        """Draft the job if it can be claimed; False when it could not (finished, delivering, or another's)."""
        mail = self._parsed.pop(job_id, None)
        # The email's bytes are read back only when it was not parsed here: a 10 MB one is not held twice.
        claimed = await self.store.claim(job_id, by=self.worker_name, with_raw=mail is None)
        if claimed is None:
            return False  # never draft twice
        job, raw = claimed
        self.busy += 1
        self.metrics.in_flight.set(self.busy)
        try:
            status, reason, result = await self._draft(job, mail or raw)
        finally:
            self.busy -= 1
            self.metrics.in_flight.set(self.busy)
        public = result.to_public() if result is not None else None
        if self.delivery_enabled and result is not None and result.message and status in DELIVERABLE:
            if await self.store.finish(job.id, status="delivering", reason=reason, result=public,
                                       final_status=status, claim=job.claims):
                log.info("job %s drafted (%s), delivering", job.id, status)
                if self.job_queue is not None:
                    await self._deliver(job.id)  # inside the job's task: its lock keeps other workers away
                else:
                    self._in_background(self._deliver(job.id))  # a slow mailbox must not hold a drafting slot
            self._notify(job.id)
            return True
        if await self.store.finish(job.id, status=status, reason=reason, result=public, claim=job.claims):
            self.metrics.finished(status)
            log.info("job %s finished: %s", job.id, status)
        self._notify(job.id)
        return True

    async def _draft(self, job: Job, mail: ParsedMail | bytes) -> tuple[str, str | None, DraftResult | None]:
        try:
            if isinstance(mail, bytes):
                mail = await read_mail(mail)
            result = await draft_parsed(mail, settings=self.settings, backend=self.backend, today=job.today,
                                        now=self.clock())
        except ParseError as exc:
            return "failed", f"not a usable email: {exc}", None
        except DrafterError as exc:
            return "failed", str(exc), None
        except Exception:
            log.exception("job %s: drafting crashed", job.id)
            return "failed", "internal error while drafting (see the server log)", None
        self.metrics.observe_draft(result)
        return result.status, result.reason, result

    # -- delivery --------------------------------------------------------------------------------

    def _in_background(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(work)
        self._background.add(task)  # keep a reference until done, and cancel it on stop
        task.add_done_callback(self._background.discard)

    async def _deliver(self, job_id: str) -> None:
        if job_id in self._delivering:
            return
        self._delivering.add(job_id)
        try:
            async with self._delivery_slots:
                await self._deliver_once(job_id)
        finally:
            self._delivering.discard(job_id)
            self._notify(job_id)

    async def _deliver_once(self, job_id: str) -> None:
        from drafter.deliver import deliver_draft  # optional stage: imported only when delivery is configured

        job = await self.store.get(job_id)
        if job is None or job.status != "delivering" or not job.result or not job.result.get("message"):
            return
        try:
            reply = stored_reply(job.result, self.settings)
            receipt = await asyncio.to_thread(deliver_draft, reply, job.source, self.settings.delivery)
            await self._record_delivery(job)
        except Exception as exc:  # DeliveryError or anything else: keep the job and try again later
            await self._delivery_failed(job, exc)
            return
        drafted_reason = job.result.get("reason")
        if await self.store.delivered(job.id, drafted_reason if isinstance(drafted_reason, str) else None):
            self.metrics.deliveries.labels("duplicate" if receipt.duplicate else "delivered").inc()
            self.metrics.finished(job.final_status or "ready")
            log.info("job %s finished: %s (delivered by %s)", job.id, job.final_status, receipt.method)

    async def _record_delivery(self, job: Job) -> None:
        """Note the delivered draft in the tracking ledger (drafter sync matches the agent's reply to it). Also
        when the draft was there already: the process that put it there may have died before noting it, and the
        ledger keeps one row per draft. A ledger that cannot be written keeps the job delivering, so the note is
        tried again with the delivery (which finds the draft there and adds nothing)."""
        from drafter.track.ledger import record_delivery

        try:
            await asyncio.to_thread(record_delivery, self.settings.tracking_store, job.result or {},
                                    job.source, job.today)
        except Exception as exc:
            raise DeliveryError(f"the draft is in the agent's mailbox, but the tracking ledger could not note it "
                                f"({type(exc).__name__}: {exc})") from exc

    async def _delivery_failed(self, job: Job, exc: Exception) -> None:
        attempts = job.delivery_attempts + 1
        delay = min(self.tuning.delivery_retry_seconds * 2 ** (attempts - 1),
                    self.tuning.delivery_retry_max_seconds)
        retry_at = self.clock().timestamp() + delay
        when = dt.datetime.fromtimestamp(retry_at, dt.UTC).isoformat(timespec="seconds")
        what = str(exc) if isinstance(exc, DrafterError) else f"{type(exc).__name__}: {exc}"
        if not isinstance(exc, DrafterError):
            log.exception("job %s: delivery crashed", job.id)
        reason = f"drafted, delivery attempt {attempts} failed: {what}; retrying at {when}"
        await self.store.delivery_failed(job.id, reason, retry_at)
        if self.job_queue is not None:
            await self.job_queue.enqueue(job.id, delay_seconds=delay)
        self.metrics.deliveries.labels("failed").inc()
        log.warning("job %s: delivery attempt %d failed; retry in %.0f s", job.id, attempts, delay)

    async def _delivery_loop(self) -> None:
        while True:
            await asyncio.sleep(self.tuning.delivery_poll_seconds)
            try:
                assert isinstance(self.store, JobStore)  # with PostgreSQL, retries are delayed tasks in the queue
                for job_id in await self.store.due_deliveries(self.clock().timestamp()):
                    await self._deliver(job_id)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("delivery retry loop failed; trying again")

    # -- housekeeping ----------------------------------------------------------------------------

    async def _housekeeping(self) -> None:
        """Forget finished jobs after [api] idempotency_days, and used webhook tokens once stale anyway."""
        while True:
            try:
                now = self.clock().timestamp()
                keep_tokens = 2 * self.settings.api.mailgun_max_age_seconds + 60
                jobs, tokens = await self.store.purge(now - self.settings.api.idempotency_days * 86400,
                                                      now - keep_tokens)
                if jobs or tokens:
                    log.info("purged %d finished job(s) and %d webhook token(s)", jobs, tokens)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("purge failed; trying again later")
            await asyncio.sleep(self.tuning.purge_every_seconds)


def stored_reply(result: dict[str, Any], settings: Settings) -> Reply:
    """The Reply of a stored draft (its public JSON), with what only the agent sees rebuilt from its verdict:
    the keywords and the review note, exactly as build_reply made them."""
    verdict = Verdict.model_validate(result["verdict"]) if result.get("verdict") else Verdict(passed=True)
    return agent_view(str(result["body"]), str(result["message"]), verdict, settings,
                      degraded=bool(result.get("degraded")), language=str(result.get("language") or "en"))


def settled(job: Job) -> bool:
    return job.finished or (job.status == "delivering" and job.delivery_attempts > 0)

