"""Which job store and queue, from the settings: the one place that decides.

[api] store unset: the SQLite file [api] store_path and a queue inside the one `drafter serve` process.
[api] store = "postgresql://…" (or DRAFTER_STORE_URL): PostgreSQL for the jobs and procrastinate on it for the
queue, shared by any number of `drafter serve` replicas and `drafter worker` processes. Their modules (psycopg,
procrastinate: about 9 MB and half a second) are imported only then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from api.store import JobStore
from drafter_core.settings import Settings

if TYPE_CHECKING:
    from api.queue import JobQueue
    from api.store_pg import PgJobStore


def make_store(settings: Settings, clock: Callable[[], dt.datetime]) -> JobStore | PgJobStore:
    timestamp = lambda: clock().timestamp()  # noqa: E731
    if settings.api.store is None:
        return JobStore(settings.api.store_path, clock=timestamp)
    from api.store_pg import PgJobStore

    return PgJobStore(settings.api.store.get_secret_value(), clock=timestamp,
                      pool_size=settings.api.store_pool_size)


def make_queue(settings: Settings) -> JobQueue | None:
    """The shared queue, or None for the in-process one (SQLite)."""
    if settings.api.store is None:
        return None
    from api.queue import JobQueue

    return JobQueue(settings.api.store.get_secret_value())


def describe(settings: Settings) -> dict[str, str]:
    """What /readyz and the start-up log say about the store and queue (no password)."""
    if settings.api.store is None:
        return {"store": "sqlite", "store_location": str(settings.api.store_path), "queue": "in-process",
                "drafting": "in-process"}
    from api.store_pg import describe as where

    return {"store": "postgresql", "store_location": where(settings.api.store.get_secret_value()),
            "queue": "procrastinate", "drafting": settings.api.drafting}
