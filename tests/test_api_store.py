"""The job store on its own: admission by key, exactly-once transitions, crash recovery, the lock, purging."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from api.store import JobStore, NewJob, StoreLocked

TODAY = dt.date(2026, 11, 23)


def new(key: str = "source:<a@b>", raw: bytes = b"From: a@b\n\nhi\n") -> NewJob:
    return NewJob(key=key, fingerprint="f", source="<a@b>", origin="api", today=TODAY, raw=raw)


@pytest.fixture
async def store(tmp_path: Path):
    store = JobStore(tmp_path / "jobs.db", clock=lambda: 1_000_000.0)
    await store.open()
    yield store
    await store.close()


async def test_admit_stores_once_per_key(store: JobStore) -> None:
    first = await store.admit(new())
    again = await store.admit(new(raw=b"other bytes, same key"))
    assert first.created and not again.created
    assert first.job is not None and again.job is not None and again.job.id == first.job.id
    assert first.job.status == "queued" and first.job.today == TODAY


async def test_a_job_is_claimed_once_and_finished_once(store: JobStore) -> None:
    job = (await store.admit(new())).job
    assert job is not None
    claimed = await store.claim(job.id)
    assert claimed is not None and claimed[1] == b"From: a@b\n\nhi\n"
    assert await store.claim(job.id) is None
    assert await store.finish(job.id, status="ready", reason=None, result={"body": "first"})
    assert not await store.finish(job.id, status="failed", reason="late", result={"body": "second"})
    stored = await store.get(job.id)
    assert stored is not None and stored.status == "ready" and stored.result == {"body": "first"}


async def test_recover_requeues_what_a_crash_left_drafting(tmp_path: Path) -> None:
    path = tmp_path / "jobs.db"
    store = JobStore(path)
    await store.open()
    ids = []
    for n in range(3):
        admission = await store.admit(new(key=f"k{n}"))
        assert admission.job is not None
        ids.append(admission.job.id)
    await store.claim(ids[0])
    await store.claim(ids[1])
    await store.finish(ids[1], status="ready", reason=None, result={})
    await store.close()  # as good as a crash: ids[0] is left drafting

    reopened = JobStore(path)
    await reopened.open()
    try:
        assert await reopened.recover() == [ids[0], ids[2]]
        assert (await reopened.counts()) == {"queued": 2, "ready": 1}
    finally:
        await reopened.close()


async def test_a_second_process_cannot_open_the_same_store(store: JobStore) -> None:
    other = JobStore(store.path)
    with pytest.raises(StoreLocked, match="another drafter serve"):
        await other.open()


async def test_webhook_token_is_used_once(store: JobStore) -> None:
    first = await store.admit(new(), webhook_token=("mailgun", "t1"))
    replay = await store.admit(new(key="other"), webhook_token=("mailgun", "t1"))
    other_provider = await store.admit(new(), webhook_token=("sendgrid", "t1"))
    assert first.created and replay.replayed and replay.job is None
    assert not other_provider.replayed and not other_provider.created
    assert await store.find("other") is None  # the refused replay stored nothing


async def test_purge_forgets_old_finished_jobs_only(store: JobStore) -> None:
    done = (await store.admit(new(key="done"))).job
    waiting = (await store.admit(new(key="waiting"))).job
    assert done is not None and waiting is not None
    await store.claim(done.id)
    await store.finish(done.id, status="ready", reason=None, result={})
    await store.admit(new(key="x"), webhook_token=("mailgun", "t"))
    assert await store.purge(jobs_before=1_000_001.0, tokens_before=1_000_001.0) == (1, 1)
    assert await store.get(done.id) is None and await store.get(waiting.id) is not None
    assert (await store.admit(new(key="done"))).created  # the key is free again after the window
