"""What routes depend on, as named `Annotated` aliases, and the API's bearer-token check."""

from __future__ import annotations

import datetime as dt
import hmac
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, Request

from api.jobs import JobRunner
from api.metrics import Metrics
from api.problems import Problem
from api.store import JobStore
from drafter.model import Backend
from drafter_core.calendar import today_in
from drafter_core.settings import Settings

if TYPE_CHECKING:
    from api.store_pg import PgJobStore

    AnyStore = JobStore | PgJobStore
else:
    AnyStore = JobStore  # FastAPI reads this type at run time but never checks a dependency's value against it:
    # naming the PostgreSQL store here would import psycopg into every SQLite server

Clock = Callable[[], dt.datetime]


@dataclass(frozen=True)
class ApiTuning:
    sync_timeout: float = 120.0  # how long a synchronous POST waits for its draft before answering 202
    retry_after_seconds: int = 5  # Retry-After on 503 when the queue is full


@dataclass(frozen=True)
class Services:
    """Everything the lifespan opened; lives on `app.state.services` while the app runs."""

    settings: Settings
    store: JobStore | PgJobStore
    runner: JobRunner
    metrics: Metrics
    backend: Backend
    clock: Clock
    tuning: ApiTuning

    def today(self) -> dt.date:
        """Today in the configured [calendar] time zone, by the app's clock."""
        return today_in(self.settings.calendar, self.clock())


def get_services(request: Request) -> Services:
    services: Services | None = getattr(request.app.state, "services", None)
    if services is None:
        raise Problem("not-ready", "the service is starting or stopping", headers={"Retry-After": "1"})
    return services


ServicesDep = Annotated[Services, Depends(get_services)]


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


def get_store(services: ServicesDep) -> AnyStore:
    return services.store


def get_runner(services: ServicesDep) -> JobRunner:
    return services.runner


def get_metrics(request: Request) -> Metrics:
    metrics: Metrics = request.app.state.metrics
    return metrics


StoreDep = Annotated[AnyStore, Depends(get_store)]
RunnerDep = Annotated[JobRunner, Depends(get_runner)]
MetricsDep = Annotated[Metrics, Depends(get_metrics)]


def require_token(request: Request, settings: SettingsDep) -> None:
    """`Authorization: Bearer <token>` when [api] token / DRAFTER_API_TOKEN is set (constant-time compare)."""
    if settings.api.token is None:
        return
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    challenge = 'Bearer realm="drafter"'
    if scheme.lower() != "bearer" or not given.strip():
        raise Problem("unauthorized",
                      "send Authorization: Bearer <token> (the [api] token / DRAFTER_API_TOKEN)",
                      headers={"WWW-Authenticate": challenge})
    if not same_secret(given.strip(), settings.api.token.get_secret_value()):
        raise Problem("unauthorized", "the bearer token is not valid",
                      headers={"WWW-Authenticate": f'{challenge}, error="invalid_token"'})


def same_secret(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


Authenticated = [Depends(require_token)]
