"""GET /healthz (alive), /readyz (can draft now: store writable, a backend that drafts), /metrics (Prometheus).

A load balancer reads /readyz: 200 whenever a draft can be made, the offline backend included (it
drafts without a model), naming the backend; 503 while starting or stopping, when the store takes no
writes, or when the chosen backend cannot draft (openai without a key or URL, replay without recordings).
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response

from api.deps import Authenticated, MetricsDep, ServicesDep
from api.metrics import CONTENT_TYPE
from api.problems import Problem, problem_responses
from api.schemas import Health, Readiness
from api.storage import describe
from drafter.model import default_recordings_dir, unconfigured
from drafter_core.settings import Settings

router = APIRouter(tags=["operations"])


@router.get("/healthz", response_model=Health, summary="The process is alive")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", response_model=None,
            summary="Ready to draft: store writable (PostgreSQL reachable), a backend that drafts",
            responses={200: {"model": Readiness, "description": "Ready"}, **problem_responses(503)})
async def readyz(services: ServicesDep) -> JSONResponse:
    try:
        await services.store.probe()
    except Exception as exc:
        raise Problem("not-ready", f"the job store {services.store.path} is not writable: {exc}",
                      headers={"Retry-After": "5"}) from None
    problem = model_problem(services.settings, services.backend.name)
    if problem:
        raise Problem("not-ready", problem, headers={"Retry-After": "30"})
    name = services.backend.name
    where = describe(services.settings)
    return JSONResponse({"status": "ready", "backend": name, "model": name, "store": "ok",
                         "store_type": where["store"], "store_location": where["store_location"],
                         "queue": where["queue"], "drafting": where["drafting"],
                         "queue_depth": await services.runner.waiting(), "in_flight": services.runner.busy})


def model_problem(settings: Settings, backend: str) -> str | None:
    """Why `backend` cannot draft, or None. Offline always can: it needs no model."""
    if problem := unconfigured(settings, backend):
        return problem
    if backend == "replay":
        directory = default_recordings_dir(settings)
        if not directory.is_dir():
            return f"the replay backend has no recordings at {directory}: set [model] recordings_dir"
    return None


@router.get("/metrics", dependencies=Authenticated, summary="Prometheus metrics",
            responses={200: {"content": {CONTENT_TYPE: {}}, "description": "Prometheus text format"},
                       **problem_responses(401)})
async def metrics(metrics: MetricsDep, services: ServicesDep) -> Response:
    """With PostgreSQL, the queue's figures are read from the database: every replica reports the team's."""
    try:
        await services.runner.observe_queue()
    except services.store.unavailable as exc:
        raise Problem("not-ready", f"the job store {services.store.path} cannot be read: {exc}",
                      headers={"Retry-After": "5"}) from None
    return Response(metrics.exposition(), media_type=CONTENT_TYPE)
