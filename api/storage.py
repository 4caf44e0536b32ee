"""Which job store and queue, from the settings: the one place that decides.

[api] store unset: the SQLite file [api] store_path and a queue inside the one `drafter serve` process.
[api] store = "postgresql://…" (or DRAFTER_STORE_URL): PostgreSQL for the jobs and procrastinate on it for the
queue, shared by any number of `drafter serve` replicas and `drafter worker` processes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from api.queue import JobQueue
from api.store import JobStore
from api.store_pg import PgJobStore
from api.store_pg import describe as where
from drafter_core.settings import Settings


def make_store(settings: Settings, clock: Callable[[], dt.datetime]) -> JobStore | PgJobStore:
    timestamp = lambda: clock().timestamp()  # noqa: E731
    if settings.api.store is None:
        return JobStore(settings.api.store_path, clock=timestamp)
    return PgJobStore(settings.api.store.get_secret_value(), clock=timestamp,
                      pool_size=settings.api.store_pool_size)


def make_queue(settings: Settings) -> JobQueue | None:
    """The shared queue, or None for the in-process one (SQLite)."""
    if settings.api.store is None:
        return None
    return JobQueue(settings.api.store.get_secret_value())


def describe(settings: Settings) -> dict[str, str]:
    """What /readyz and the start-up log say about the store and queue (no password)."""
    if settings.api.store is None:
        return {"store": "sqlite", "store_location": str(settings.api.store_path), "queue": "in-process",
                "drafting": "in-process"}
    return {"store": "postgresql", "store_location": where(settings.api.store.get_secret_value()),
            "queue": "procrastinate", "drafting": settings.api.drafting}
