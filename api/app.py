"""The HTTP API: `create_app(settings)` builds the FastAPI app; nothing is read or opened at import time.

The lifespan opens the job store, re-queues whatever a crash left unfinished, starts the workers,
and on the way out stops them and closes everything it opened. Routes, one router per resource:
drafts (api/routes_drafts.py), checks, inbound webhooks, and operations (health, readiness, metrics).
/docs (Swagger UI) and /redoc come with their assets (fastapi-offline): they work without internet.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi_offline import FastAPIOffline

from api import routes_checks, routes_drafts, routes_inbound, routes_ops
from api.deps import ApiTuning, Services
from api.followups import SentSync
from api.jobs import JobRunner, RunnerTuning
from api.metrics import Metrics
from api.middleware import BodyLimit, Observed
from api.problems import MEDIA_TYPE, ProblemBody, install_problem_handlers
from api.ratelimit import limited
from api.schemas import CheckRequest, DraftRequest
from api.storage import make_queue, make_store
from drafter.model import Backend, make_backend
from drafter_core.settings import Settings

log = logging.getLogger("api")
DOCS_ASSETS = "/static-offline-docs"


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def create_app(
    settings: Settings,
    *,
    backend: Backend | None = None,
    clock: Callable[[], dt.datetime] = _utc_now,
    api_tuning: ApiTuning | None = None,
    runner_tuning: RunnerTuning | None = None,
) -> FastAPI:
    """The app for these settings. `backend` replaces the configured model (the app then leaves it open);
    `clock`, `api_tuning` and `runner_tuning` let tests fix the time and shorten waits."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        store = make_store(settings, clock)
        job_queue = make_queue(settings)
        await store.open()
        if job_queue is not None:
            await job_queue.open()
        model = limited(backend or make_backend(settings), settings, store)
        runner = JobRunner(store, settings, model, app.state.metrics, clock, runner_tuning, job_queue=job_queue,
                           drafting=settings.api.drafting == "in-process")
        sent_sync = SentSync(settings, app.state.metrics, clock)
        try:
            recovered = await runner.start(worker_name=f"drafter-serve-{os.getpid()}")
            sent_sync.start()
            app.state.services = Services(settings=settings, store=store, runner=runner,
                                          metrics=app.state.metrics, backend=model, clock=clock,
                                          tuning=api_tuning or ApiTuning())
            log.info("drafter API ready: store %s, model backend %s, %d worker(s), %d job(s) recovered",
                     store.path, model.name, settings.api.max_in_flight if runner.drafting else 0, recovered)
            yield
        finally:
            app.state.services = None
            await sent_sync.stop()
            await runner.stop()
            if backend is None:
                await model.aclose()
            if job_queue is not None:
                await job_queue.close()
            await store.close()

    app = FastAPIOffline(  # Swagger UI and ReDoc served from the package, not a CDN
        title="drafter",
        summary="Drafts replies to customer complaint emails, and refuses to hand a bad draft to a human.",
        version="1",
        lifespan=lifespan,
        static_url=DOCS_ASSETS,
        swagger_ui_parameters={"validatorUrl": None},  # no badge fetched from validator.swagger.io
    )
    app.state.settings = settings
    app.state.metrics = Metrics()
    app.state.services = None
    install_problem_handlers(app)
    for module in (routes_drafts, routes_checks, routes_inbound, routes_ops):
        app.include_router(module.router)
    app.add_middleware(BodyLimit, max_body_bytes=settings.api.max_body_bytes,
                       timeout_seconds=settings.api.body_timeout_seconds)
    app.add_middleware(Observed, metrics=app.state.metrics)  # added last = outermost
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's schema, plus the request bodies read by hand and errors typed as problem+json."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, summary=app.summary, routes=app.routes)
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for model in (DraftRequest, CheckRequest, ProblemBody):
        components[model.__name__] = model.model_json_schema(ref_template="#/components/schemas/{model}")
    problem = {"schema": {"$ref": "#/components/schemas/ProblemBody"}}
    for path in schema.get("paths", {}).values():
        for operation in path.values():
            for status, response in operation.get("responses", {}).items():
                content = response.get("content", {})
                if status[:1] in "45" and "application/json" in content:
                    content.pop("application/json")
                    content[MEDIA_TYPE] = problem
    for unused in ("HTTPValidationError", "ValidationError"):  # our 422s are problems too
        components.pop(unused, None)
    app.openapi_schema = schema
    return schema
