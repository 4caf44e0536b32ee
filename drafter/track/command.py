"""drafter sync, followups and stats: what the agent sent, the follow-ups it promised, and the figures."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from drafter.cli import EXIT_REJECTED, fail, settings_from, today_option
from drafter_core.calendar import today_in
from drafter_core.errors import DrafterError
from drafter_core.settings import Settings

STATES = ("open", "kept", "missed")


@click.command("sync")
@today_option("Settle follow-ups as of this day: a date before it with nothing sent is missed "
              "(default: today in [calendar] timezone).")
@click.option("--json", "as_json", is_flag=True, help="Print what was found as one JSON object.")
@click.pass_context
def sync_command(ctx: click.Context, today: dt.date | None, as_json: bool) -> None:
    """Read the agent's Sent folder ([delivery] IMAP account, read-only) from where the last sync stopped:
    match each reply to its draft, note how it was edited, record the follow-up date it promises, mark
    follow-ups kept or missed, and put a reminder draft into Drafts for each one due with nothing sent."""
    from drafter.track.ledger import Ledger
    from drafter.track.sync import sync

    settings = settings_from(ctx)
    _require_imap(settings)
    day = today or today_in(settings.calendar)
    try:
        with Ledger(settings.tracking_store) as ledger:
            report = sync(settings, day, ledger)
    except DrafterError as exc:
        fail(f"sync failed: {exc}", EXIT_REJECTED)
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False))
        return
    click.echo(f"{report.folder}: {report.read} new message(s): {report.unchanged} sent unchanged, "
               f"{report.edited} edited, {report.later} later replies, {report.unmatched} not from a draft; "
               f"{report.new_commitments} new follow-up(s), {len(report.kept)} kept, {len(report.missed)} missed, "
               f"{len(report.reminded)} reminder draft(s) added")


@click.command("followups")
@today_option("Which follow-ups are overdue as of this day (default: today in [calendar] timezone).")
@click.option("--due", "due", metavar="YYYY-MM-DD", help="Only open follow-ups due on or before this day.")
@click.option("--overdue", is_flag=True, help="Only follow-ups whose date passed with nothing sent.")
@click.option("--state", type=click.Choice(STATES), help="Only follow-ups in this state.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per follow-up, one per line.")
@click.pass_context
def followups_command(ctx: click.Context, today: dt.date | None, due: str | None, overdue: bool,
                      state: str | None, as_json: bool) -> None:
    """List the follow-ups our sent replies promised: open (still ahead), kept (a later reply went out on
    or before the date), missed (the date passed with nothing sent). As of the last `drafter sync`."""
    from drafter.track.ledger import Ledger

    settings = settings_from(ctx)
    day = today or today_in(settings.calendar)
    until = _date(due, "--due") if due else None
    with Ledger(settings.tracking_store) as ledger:
        found = ledger.commitments(state)
    if until is not None:
        found = [c for c in found if c.state == "open" and c.due <= until]
    if overdue:
        found = [c for c in found if c.state == "missed" or (c.state == "open" and c.due < day)]
    for commitment in found:
        if as_json:
            click.echo(json.dumps(commitment.to_json(), ensure_ascii=False))
        else:
            click.echo(f"{commitment.due.isoformat()}  {commitment.state:<6}  {commitment.customer}  "
                       f"{commitment.subject}\n            {commitment.promise}")
    if not found and not as_json:
        click.echo("no follow-ups" + (" match" if (until or overdue or state) else " yet: run drafter sync"),
                   err=True)
    sys.exit(0)


def _require_imap(settings: Settings) -> None:
    if settings.delivery.method != "imap":
        fail("drafter sync reads the agent's Sent folder over IMAP: set [delivery] method = \"imap\" and the "
             "imap_* settings in drafter.toml")


def _date(value: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"{option} must be a date like 2026-11-23 (got {value!r})")
        raise


@click.command("stats")
@click.option("--since", "since", metavar="YYYY-MM-DD", required=True, help="Drafts delivered on or after this day.")
@today_option("Count as of this day: a draft delivered [tracking] never_sent_after_days before it and not sent is "
              "never sent (default: today in [calendar] timezone).")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write a self-contained HTML report with plots here.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
@click.pass_context
def stats_command(ctx: click.Context, since: str, today: dt.date | None, report_path: Path | None,
                  as_json: bool) -> None:
    """How agents used the drafts (sent unchanged, edited, never sent; how much of each section they changed),
    by guardrail verdict, gesture and backend, and how many follow-ups were kept: as of the last sync."""
    from drafter.track.ledger import Ledger
    from drafter.track.stats import compute

    settings = settings_from(ctx)
    day = today or today_in(settings.calendar)
    with Ledger(settings.tracking_store) as ledger:
        figures = compute(ledger, _date(since, "--since"), day, settings.tracking.never_sent_after_days)
    if report_path is not None:
        from drafter.track.report import write_report

        write_report(figures, report_path)
        click.echo(f"drafter stats: wrote {report_path}", err=True)
    data = figures.to_json()
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False))
        return
    overall = data["overall"]
    acceptance = "–" if overall["acceptance"] is None else f"{overall['acceptance']:.0%}"
    click.echo(f"{overall['drafts']} drafts since {data['since']}: {overall['unchanged']} sent unchanged, "
               f"{overall['edited']} edited, {overall['never_sent']} never sent, {overall['pending']} pending "
               f"(acceptance {acceptance})")
    rates = ", ".join(f"{name} {rate:.2f}" for name, rate in overall["edit_rate"].items() if rate is not None)
    click.echo(f"edit rate per section: {rates or '–'}")
    follow = data["follow_ups"]
    click.echo(f"follow-ups: {follow['kept']} kept, {follow['missed']} missed, {follow['open']} open")
