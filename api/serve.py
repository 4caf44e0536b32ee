"""`drafter serve`: the HTTP API under uvicorn. Also runnable alone: `python -m api.serve --port 8000`."""

from __future__ import annotations

import ipaddress
import logging
import sys

import click

from drafter_core.errors import ConfigError
from drafter_core.settings import Settings, load_settings

EXIT_USAGE = 2


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
@click.pass_context
def serve_command(ctx: click.Context, host: str, port: int, log_level: str) -> None:
    """Serve the HTTP API: POST /v1/drafts, /v1/checks, inbound webhooks, /healthz, /readyz, /metrics.

    One process per store file ([api] store_path): accepted jobs survive a crash and finish after
    the next start. Email bodies and tokens are never logged at INFO.
    """
    settings: Settings = ctx.obj["settings"]
    if settings.api.token is None and not is_loopback(host):
        click.echo(f"drafter: refusing to listen on {host} without an API token: set DRAFTER_API_TOKEN "
                   "(or [api] token in drafter.toml), or listen on 127.0.0.1", err=True)
        sys.exit(EXIT_USAGE)
    import uvicorn

    from api.app import create_app
    from api.store import StoreLocked, ensure_unlocked

    logging.basicConfig(level=log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        ensure_unlocked(settings.api.store_path)
    except (StoreLocked, OSError) as exc:
        click.echo(f"drafter: cannot use the job store: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    uvicorn.run(create_app(settings), host=host, port=port, log_level=log_level, timeout_graceful_shutdown=10,
                server_header=False)


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
