"""The PostgreSQL job store and queue against a real server (tests/postgres.py): migrations, idempotency across
processes' connections, claims, notifications, the queue's sweep, and the API on top of them."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from functools import partial
from pathlib import Path

import psycopg
import pytest
import respx

from api.jobs import JobRunner
from api.metrics import Metrics
from api.queue import JobQueue
from api.ratelimit import Limits, MemoryBucket, RateLimited, SharedBucket, limited
from api.store import NewJob
from api.store_pg import MIGRATIONS, PgJobStore
from drafter.model import make_backend
from drafter.parse import read_mail
from tests.api_support import email_bytes, make_app, make_settings, model_route, poll, running
from tests.postgres import PostgresServer

pytestmark = pytest.mark.slow
RAW = {"content-type": "message/rfc822"}


def store_for(url: str) -> PgJobStore:
    return PgJobStore(url, clock=time.time, pool_size=4)


def new_job(key: str = "source:<a@c.example>", raw: bytes = b"raw") -> NewJob:
    return NewJob(key=key, fingerprint="f", source="<a@c.example>", origin="api", today=dt.date(2026, 11, 23),
                  raw=raw)


async def test_stores_starting_together_migrate_once(postgres_url: str) -> None:
    stores = [store_for(postgres_url) for _ in range(4)]
    await asyncio.gather(*(store.open() for store in stores))
    for store in stores:
        await store.close()
    with psycopg.connect(postgres_url) as conn:
        versions = [row[0] for row in conn.execute("SELECT version FROM drafter_migrations ORDER BY version")]
        tables = {row[0] for row in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
    assert versions == [version for version, _, _ in MIGRATIONS]
    assert {"drafter_jobs", "drafter_webhook_tokens", "procrastinate_jobs"} <= tables


async def test_simultaneous_duplicates_on_two_connections_make_one_job(postgres_url: str) -> None:
    first, second = store_for(postgres_url), store_for(postgres_url)
    await first.open()
    await second.open()
    try:
        admissions = await asyncio.gather(*(store.admit(new_job()) for store in (first, second) for _ in range(5)))
        replay = [await store.admit(new_job("source:<t@c.example>"), webhook_token=("mailgun", "tok"))
                  for store in (first, second)]
    finally:
        await first.close()
        await second.close()
    assert sum(admission.created for admission in admissions) == 1
    assert len({admission.job.id for admission in admissions if admission.job}) == 1
    assert (replay[0].created, replay[1].replayed, replay[1].job) == (True, True, None)


async def test_a_result_is_written_once_by_the_claim_that_drafted_it(postgres_url: str) -> None:
    store = store_for(postgres_url)
    await store.open()
    try:
        job = (await store.admit(new_job(raw=b"the email"))).job
        assert job is not None
        first = await store.claim(job.id)
        taken_over = await store.claim(job.id)  # the first worker was taken for dead
        assert first is not None and taken_over is not None and taken_over[1] == b"the email"
        late = await store.finish(job.id, status="ready", reason=None, result={"n": 1}, claim=first[0].claims)
        current = await store.finish(job.id, status="ready", reason=None, result={"n": 2},
                                     claim=taken_over[0].claims)
        again = await store.finish(job.id, status="failed", reason="x", result=None, claim=taken_over[0].claims)
        stored = await store.get(job.id)
        reclaimed = await store.claim(job.id)
    finally:
        await store.close()
    assert (late, current, again, reclaimed) == (False, True, False, None)
    assert stored is not None and stored.status == "ready" and stored.result == {"n": 2}


async def test_a_change_in_one_process_wakes_another(postgres_url: str) -> None:
    writer, reader = store_for(postgres_url), store_for(postgres_url)
    await writer.open()
    await reader.open()
    seen: asyncio.Queue[str | None] = asyncio.Queue()
    watching = asyncio.create_task(reader.watch(seen.put_nowait))
    try:
        assert await asyncio.wait_for(seen.get(), 10) is None  # listening: read the store once
        job = (await writer.admit(new_job())).job
        assert job is not None and await writer.claim(job.id)
        assert await writer.finish(job.id, status="skipped", reason="nothing to answer", result=None)
        assert await asyncio.wait_for(seen.get(), 10) == job.id
    finally:
        watching.cancel()
        await writer.close()
        await reader.close()


async def test_the_sweep_enqueues_a_stored_job_whose_process_died_before_enqueueing(postgres_url: str) -> None:
    store = store_for(postgres_url)
    queue = JobQueue(postgres_url)
    await store.open()
    await queue.open()
    try:
        job = (await store.admit(new_job())).job
        assert job is not None
        young = await queue.sweep_once(store, lease_seconds=3600)  # not yet: its process may enqueue it
        old = await queue.sweep_once(store, lease_seconds=0)
        again = await queue.sweep_once(store, lease_seconds=0)  # its task waits in the queue now
        depth = await queue.depth()
    finally:
        await queue.close()
        await store.close()
    assert (young, old, again) == ((0, 0), (0, 1), (0, 0))
    assert depth == {"todo": 1}


@pytest.fixture
def model():
    with respx.mock(assert_all_called=False) as router:
        yield router


async def test_the_api_on_postgresql_drafts_answers_duplicates_and_says_so(tmp_path: Path, postgres_url: str,
                                                                             model: respx.MockRouter) -> None:
    model_route(model)
    settings = make_settings(tmp_path, DRAFTER_STORE_URL=postgres_url)
    async with running(make_app(settings)) as client:
        ready = await client.get("/readyz")
        first = await client.post("/v1/drafts?today=2026-11-23", content=email_bytes("<pg-1@c.example>"),
                                  headers=RAW)
        duplicate = await client.post("/v1/drafts?today=2026-11-23", content=email_bytes("<pg-1@c.example>"),
                                      headers=RAW)
        queued = await client.post("/v1/drafts?today=2026-11-23", content=email_bytes("<pg-2@c.example>"),
                                   headers={**RAW, "Prefer": "respond-async"})
        later = await poll(client, queued.json()["id"])
        metrics = (await client.get("/metrics")).text
    assert ready.status_code == 200, ready.text
    assert {k: ready.json()[k] for k in ("store_type", "queue", "drafting")} == {
        "store_type": "postgresql", "queue": "procrastinate", "drafting": "in-process"}
    assert "password" not in ready.text and ready.json()["store_location"].startswith("PostgreSQL 127.0.0.1:")
    assert (first.status_code, first.json()["status"]) == (201, "ready")
    assert (duplicate.status_code, duplicate.json()["id"]) == (200, first.json()["id"])
    assert queued.status_code == 202 and later["status"] == "ready"
    assert "drafter_queue_depth 0.0" in metrics and "drafter_queue_oldest_age_seconds 0.0" in metrics
    assert len(model.calls) == 2


async def test_while_the_database_is_away_the_api_answers_503_then_recovers(
        tmp_path: Path, postgres: PostgresServer, postgres_url: str, model: respx.MockRouter) -> None:
    model_route(model)
    settings = make_settings(tmp_path, DRAFTER_STORE_URL=postgres_url)
    async with running(make_app(settings)) as client:
        postgres.stop("fast")
        try:
            refused = await client.post("/v1/drafts?today=2026-11-23", content=email_bytes("<pg-3@c.example>"),
                                        headers=RAW)
            not_ready = await client.get("/readyz")
        finally:
            postgres.start()
        for _ in range(10):  # as a sender does: again after Retry-After, until the pool has reconnected
            retried = await client.post("/v1/drafts?today=2026-11-23", content=email_bytes("<pg-3@c.example>"),
                                        headers=RAW)
            if retried.status_code != 503:
                break
            await asyncio.sleep(1)
    assert refused.status_code == 503 and refused.headers["retry-after"], refused.text
    assert refused.json()["type"].endswith("store-unavailable")
    assert not_ready.status_code == 503
    assert (retried.status_code, retried.json()["status"]) == (201, "ready")


async def test_the_rate_limit_is_shared_by_every_process(postgres_url: str) -> None:
    """Two processes' stores take from one bucket of 6 requests a minute: together they get 6, not 12."""
    limits = Limits(requests_per_minute=6, tokens_per_minute=None)
    stores = [store_for(postgres_url), store_for(postgres_url)]
    for store in stores:
        await store.open()
    buckets = [SharedBucket(store, "http://llm.test/v1 m", limits) for store in stores]
    try:
        async def take_all(bucket: SharedBucket) -> int:
            taken = 0
            for _ in range(10):
                taken += await bucket.update(partial(limits.take, wanted=0)) == 0.0
            return taken

        granted = await asyncio.gather(*(take_all(bucket) for bucket in buckets))
        wait = await buckets[0].update(partial(limits.take, wanted=0))
    finally:
        for store in stores:
            await store.close()
    assert sum(granted) == 6, granted  # (how the 6 split between the two is up to the row lock's queue)
    assert 9 <= wait <= 10  # the next request is 10 s of refill away (less the test's own run time)


async def test_a_rate_limited_model_call_gives_back_the_tokens_it_did_not_use(tmp_path: Path,
                                                                             model: respx.MockRouter) -> None:
    model_route(model)
    settings = make_settings(tmp_path, DRAFTER_MODEL__TOKENS_PER_MINUTE="10000",
                             DRAFTER_MODEL__REQUESTS_PER_MINUTE="100")
    backend = limited(make_backend(settings), settings, store=None)
    assert isinstance(backend, RateLimited) and isinstance(backend.bucket, MemoryBucket)
    try:
        from drafter.pipeline import draft_reply

        result = await draft_reply(email_bytes(), settings=settings, backend=backend, today=dt.date(2026, 11, 23),
                                   now=dt.datetime(2026, 11, 23, 10, tzinfo=dt.UTC))
    finally:
        await backend.aclose()
    assert result.status == "ready" and result.usage.model_calls == 1
    # One request and the 150 tokens the server reported (stub usage), not the estimate of 1,200+ tokens.
    assert backend.bucket.requests == pytest.approx(99, abs=0.1)
    assert backend.bucket.tokens == pytest.approx(10000 - 150, abs=5)


async def test_a_parse_kept_for_drafting_here_is_let_go_when_another_process_drafts_the_job(
        tmp_path: Path, postgres_url: str, model: respx.MockRouter) -> None:
    """The process that took the email keeps its parse for its own worker; when a worker elsewhere drafts the job
    (from the stored bytes), the job's change lets the parse go: nothing held for jobs this process never drafts."""
    model_route(model)
    settings = make_settings(tmp_path, DRAFTER_STORE_URL=postgres_url)
    here_store, there_store = store_for(postgres_url), store_for(postgres_url)
    here_queue, there_queue = JobQueue(postgres_url), JobQueue(postgres_url)
    for part in (here_store, there_store, here_queue, there_queue):
        await part.open()
    backend = make_backend(settings)
    clock = partial(dt.datetime.now, dt.UTC)
    here = JobRunner(here_store, settings, backend, Metrics(), clock, job_queue=here_queue)  # its worker not started
    there = JobRunner(there_store, settings, backend, Metrics(), clock, job_queue=there_queue)
    listening = asyncio.Event()

    def changed(job_id: str | None) -> None:
        here._changed(job_id)
        listening.set()

    watching = asyncio.create_task(here_store.watch(changed))
    await asyncio.wait_for(listening.wait(), 10)
    await there.start(worker_name="there")
    try:
        raw = email_bytes("<drafted-elsewhere@c.example>")
        mail = await read_mail(raw)
        job = (await here_store.admit(NewJob(key=f"source:{mail.source}", fingerprint="f", source=mail.source,
                                             origin="api", today=dt.date(2026, 11, 23), raw=raw))).job
        assert job is not None
        await here.submit(job.id, mail)
        held = job.id in here._parsed
        done = await here.wait(job.id, 30, submitted=True)
    finally:
        watching.cancel()
        await there.stop()
        await backend.aclose()
        for part in (here_queue, there_queue, here_store, there_store):
            await part.close()
    assert held
    assert done is not None and done.status == "ready"
    assert job.id not in here._parsed
