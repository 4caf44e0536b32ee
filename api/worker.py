"""`drafter worker`: drafts (and delivers) the jobs that `drafter serve` replicas stored in PostgreSQL.

Any number of workers, on any number of machines, take tasks from the one procrastinate queue. A worker
stopped with SIGTERM or Ctrl-C finishes what it holds within the graceful period, then hands the rest back
to the queue; one killed outright is taken for dead after [api] worker_lease_seconds without a heartbeat,
and its jobs are drafted by another worker (api/queue.py).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os
import signal
import socket
import sys

import click
import prometheus_client

from api.jobs import JobRunner
from api.metrics import Metrics
from api.ratelimit import limited
from api.serve import settle
from api.storage import describe, make_queue, make_store
from drafter.model import make_backend
from drafter_core.settings import Settings

log = logging.getLogger("api")
EXIT_USAGE = 2
GAUGES_EVERY_SECONDS = 2.0


@click.command("worker")
@click.option("--concurrency", type=click.IntRange(1, 1024), default=None,
              help="Jobs drafted at once by this process (default: [api] max_in_flight).")
@click.option("--name", default=None, help="This worker's name in logs and in the queue (default: host-pid).")
@click.option("--metrics-port", type=click.IntRange(1, 65535), default=None,
              help="Serve this worker's Prometheus metrics on 127.0.0.1:PORT/metrics (queue depth and the age of "
                   "the oldest job, from the database; drafts, model calls and deliveries of this worker).")
@click.option("--log-level", default="info", show_default=True,
              type=click.Choice(["critical", "error", "warning", "info", "debug"]))
@click.pass_context
def worker_command(ctx: click.Context, concurrency: int | None, name: str | None, metrics_port: int | None,
                   log_level: str) -> None:
    """Draft and deliver queued jobs from the shared PostgreSQL store ([api] store / DRAFTER_STORE_URL)."""
    settings: Settings = ctx.obj["settings"]
    if settings.api.store is None:
        click.echo("drafter: `drafter worker` needs the shared store: set DRAFTER_STORE_URL (or [api] store) to a "
                   "PostgreSQL URL. With the SQLite store, `drafter serve` drafts in its own process.", err=True)
        sys.exit(EXIT_USAGE)
    if concurrency is not None:
        settings = settings.model_copy(update={"api": settings.api.model_copy(update={"max_in_flight": concurrency})})
    logging.basicConfig(level=log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settle(settings)
    asyncio.run(run_worker(settings, name or f"{socket.gethostname()}-{os.getpid()}", metrics_port))


async def run_worker(settings: Settings, name: str, metrics_port: int | None = None) -> None:
    """Work until SIGTERM or SIGINT, then stop gracefully."""
    clock = lambda: dt.datetime.now(dt.UTC)  # noqa: E731
    store, job_queue = make_store(settings, clock), make_queue(settings)
    assert job_queue is not None
    await store.open()
    await job_queue.open()
    backend = limited(make_backend(settings), settings, store)
    metrics = Metrics()
    runner = JobRunner(store, settings, backend, metrics, clock, job_queue=job_queue)
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stopping.set)
    gauges = None
    try:
        await runner.start(worker_name=name)
        if metrics_port is not None:
            prometheus_client.start_http_server(metrics_port, addr="127.0.0.1", registry=metrics.registry)
            gauges = asyncio.create_task(_refresh_gauges(runner))
        where = describe(settings)
        log.info("drafter worker %s ready: %s, queue %s, model backend %s, %d job(s) at once", name,
                 where["store_location"], where["queue"], backend.name, settings.api.max_in_flight)
        await stopping.wait()
        log.info("drafter worker %s stopping: finishing what it holds, handing back the rest", name)
    finally:
        if gauges is not None:
            gauges.cancel()
        await runner.stop()
        await backend.aclose()
        await job_queue.close()
        await store.close()


async def _refresh_gauges(runner: JobRunner) -> None:
    """The queue as the database sees it, for this worker's /metrics (a scrape reads the last values)."""
    while True:
        try:
            await runner.observe_queue()
        except runner.store.unavailable as exc:
            log.warning("metrics: the queue cannot be read (%s)", exc)
        await asyncio.sleep(GAUGES_EVERY_SECONDS)
