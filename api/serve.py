"""`drafter serve`: the HTTP API under uvicorn. Also runnable alone: `python -m api.serve --port 8000`."""

from __future__ import annotations

import gc
import ipaddress
import logging
import os
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from drafter_core.errors import ConfigError
from drafter_core.settings import Settings, load_settings

EXIT_USAGE = 2
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to anything, so it is not known to be loopback


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback needs DRAFTER_API_TOKEN / [api] token.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="TCP port.")
@click.option("--log-level", default="info", show_default=True,
              type=click.Choice(["critical", "error", "warning", "info", "debug"]))
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes on this port (needs the PostgreSQL store: [api] store / DRAFTER_STORE_URL).")
@click.option("--drafting", type=click.Choice(["in-process", "workers"]), default=None,
              help="in-process: this server drafts too; workers: it only stores and enqueues, for `drafter worker` "
                   "processes (PostgreSQL only). Default: [api] drafting.")
@click.pass_context
def serve_command(ctx: click.Context, host: str, port: int, log_level: str, workers: int,
                  drafting: str | None) -> None:
    """Serve the HTTP API: POST /v1/drafts, /v1/checks, inbound webhooks, /healthz, /readyz, /metrics.

    With the SQLite store, one process per store file ([api] store_path); with PostgreSQL ([api] store), any
    number of replicas and `drafter worker` processes. Accepted jobs survive a crash and finish after the
    next start. Email bodies and tokens are never logged at INFO.
    """
    settings: Settings = ctx.obj["settings"]
    if settings.api.token is None and not is_loopback(host):
        fail(f"refusing to listen on {host} without an API token: set DRAFTER_API_TOKEN "
             "(or [api] token in drafter.toml), or listen on 127.0.0.1")
    if settings.api.store is None and (workers > 1 or drafting == "workers"):
        fail("--workers and --drafting workers need the shared store: set DRAFTER_STORE_URL (or [api] store) to a "
             "PostgreSQL URL; one SQLite file serves one process")
    if drafting is not None:
        settings = settings.model_copy(update={"api": settings.api.model_copy(update={"drafting": drafting})})
    import uvicorn

    from api.store import StoreLocked, ensure_unlocked

    logging.basicConfig(level=log_level.upper(), format=LOG_FORMAT)
    if settings.api.store is None:
        try:
            ensure_unlocked(settings.api.store_path)
        except (StoreLocked, OSError) as exc:
            fail(f"cannot use the job store: {exc}")
    options: dict[str, Any] = {"host": host, "port": port, "log_level": log_level, "server_header": False,
                               "timeout_graceful_shutdown": 10}
    if workers == 1:
        from api.app import create_app

        settle(settings)
        uvicorn.run(create_app(settings), **options)
        return
    # Each process reads the same settings again: the same config file and environment, and what the
    # command line changed.
    config_path = (ctx.obj or {}).get("config_path")
    if config_path:
        os.environ["DRAFTER_CONFIG"] = str(Path(config_path).resolve())
    os.environ["DRAFTER_API__DRAFTING"] = settings.api.drafting
    os.environ["DRAFTER_SERVE_LOG_LEVEL"] = log_level
    uvicorn.run("api.serve:app_in_worker_process", factory=True, workers=workers, **options)


def app_in_worker_process() -> Any:
    """The app of one of `drafter serve --workers N`'s processes (uvicorn imports and calls this)."""
    from api.app import create_app

    logging.basicConfig(level=os.environ.get("DRAFTER_SERVE_LOG_LEVEL", "info").upper(), format=LOG_FORMAT)
    settings = load_settings()
    settle(settings)
    return create_app(settings)


def settle(settings: Settings) -> None:
    """Before a process serves or drafts: read every data file (cached; a broken one stops it now, and no draft
    pays for building a phrase book), then freeze what is loaded. The phrase books, rules and language model
    live as long as the process, so the collector need not walk their few hundred thousand objects again at
    every full collection (gc.freeze). Large buffers get their own mappings from the first request on
    (drafter.parse.big.map_large_buffers)."""
    from drafter.data_files import load_data
    from drafter.parse.big import map_large_buffers

    try:
        load_data(settings)
    except ConfigError as exc:
        fail(f"bad data file: {exc}")
    gc.collect()
    gc.freeze()
    map_large_buffers()


def fail(message: str) -> NoReturn:
    click.echo(f"drafter: {message}", err=True)
    sys.exit(EXIT_USAGE)


def main() -> None:
    """`python -m api.serve`: settings from DRAFTER_CONFIG (or ./drafter.toml) and the environment."""
    try:
        settings = load_settings()
    except ConfigError as exc:
        click.echo(f"drafter: bad configuration: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    serve_command.main(prog_name="drafter serve", obj={"settings": settings})


if __name__ == "__main__":
    main()
