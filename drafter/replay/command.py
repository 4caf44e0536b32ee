"""`drafter replay DIR`: draft a whole corpus of emails from recorded model answers, offline, and report.

Replay opens no socket: every answer comes from DIR/cassettes (the format is in drafter/model.py's
docstring), so an edited prompt or guardrail shows up as `missing_recording`, with the command that
records it, never as a stale answer. `--record` drafts through the configured model (OPENAI_BASE_URL)
and writes the recordings. NAME.expect.toml beside NAME.eml holds expectations; exit status 1 when one
is not met or a recording is missing, so CI can gate on it.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import sys
import time
from collections.abc import Callable
from fnmatch import fnmatch
from pathlib import Path

import click

from drafter.cli import today_option
from drafter.model import Backend, OpenAIBackend, ReplayBackend
from drafter.replay.compare import compare_reports, load_report
from drafter.replay.display import ProgressDisplay, print_comparison, print_summary
from drafter.replay.expectations import expectations_path, load_expectations
from drafter.replay.html import write_html
from drafter.replay.recordings import (
    TrackingRecorder,
    describe_server,
    prune_recordings,
    record_command,
    recorded_today,
    sources_of,
    unused_recordings,
)
from drafter.replay.report import build_report, write_json
from drafter.replay.run import CorpusEmail, Drafted, run_corpus, timing_of
from drafter.replay.values import Report, ReportOutcomes, Timing
from drafter_core.calendar import today_in
from drafter_core.errors import ConfigError
from drafter_core.settings import Settings, load_settings

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

__all__ = ["replay_command"]


def usage_error(message: str) -> None:
    click.echo(f"drafter replay: {message}", err=True)
    sys.exit(EXIT_USAGE)


@click.command("replay")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--record", is_flag=True,
              help="Draft through the configured model (OPENAI_BASE_URL, OPENAI_API_KEY) "
                   "and write the recordings.")
@click.option("--report", "html_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the self-contained HTML report here.")
@click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the JSON report here (one record per email, totals, timing).")
@today_option("Plan and judge as of this date (default: the day the recordings were made for, "
              "else today in [calendar] timezone).")
@click.option("--compare", "compare_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="An earlier --json report: show newly failing, newly passing and changed drafts.")
@click.option("--concurrency", type=click.IntRange(1, 512), default=8, show_default=True,
              help="Emails drafted at once.")
@click.option("--recordings", type=click.Path(file_okay=False, path_type=Path),
              help="Where recordings live (default: [model] recordings_dir, else DIR/cassettes).")
@click.option("--only", "only", multiple=True, metavar="GLOB",
              help="Only emails whose file name matches (repeatable), e.g. --only 'late-*.eml'.")
@click.option("--prune", is_flag=True,
              help="With --record (whole corpus): delete the recordings this run did not use.")
@click.pass_context
def replay_command(ctx: click.Context, directory: Path, record: bool, html_path: Path | None,
                   json_path: Path | None, today: dt.date | None, compare_path: Path | None, concurrency: int,
                   recordings: Path | None, only: tuple[str, ...], prune: bool) -> None:
    """Draft every DIR/*.eml from recorded model answers (no network), check NAME.expect.toml, report.

    Exit status: 0 all expectations met; 1 an expectation not met, a recording missing, drafter
    crashed on an email, or (with --record) a draft failed; 2 bad usage.
    """
    settings = _settings(ctx)
    cassettes = recordings or settings.model.recordings_dir or directory / "cassettes"
    if prune and (only or not record):
        usage_error("--prune goes with --record of the whole corpus (no --only): it deletes the recordings "
                    "that run did not use")
    emails = _corpus(directory, only)
    old = _old_report(compare_path)
    day, origin = _today(today, record, cassettes, settings)
    if record:
        _check_can_record(settings, cassettes, day, only)
    config = ctx.parent.params.get("config_path") if ctx.parent else None

    def command_for(name: str) -> str:
        return record_command(directory, name, day, recordings, config)

    run_settings, backend, recorder, sources = _backend(settings, record, cassettes, day)
    click.echo(f"drafter replay: {len(emails)} emails in {directory}, today {day.isoformat()} ({origin}), "
               f"{'recording into' if record else 'recordings from'} {cassettes}", err=True)
    drafted, timing = _draft_all(emails, run_settings, backend, day, concurrency, command_for)
    used = recorder.keys if recorder else {key for d in drafted for key in d.keys}
    unused = None if only else unused_recordings(cassettes, used)  # known only when the whole corpus ran
    report = build_report(
        [d.record for d in drafted], directory=str(directory), recordings=str(cassettes),
        mode="record" if record else "replay", today=day, model=settings.model.name,
        recorded_with=sources if record else sources_of(cassettes, used), timing=timing,
        unused_recordings=unused,
    )
    if prune and unused is not None:
        prune_recordings(cassettes, unused, report.emails)
    if old is not None:
        report = report.model_copy(update={"comparison": compare_reports(old, report)})
    _write(report, json_path, html_path)
    print_summary(report, concurrency)
    if report.comparison:
        print_comparison(report.comparison)
    sys.exit(_exit_status(report, record))


def _draft_all(emails: list[CorpusEmail], settings: Settings, backend: Backend, day: dt.date, concurrency: int,
               command_for: Callable[[str], str]) -> tuple[list[Drafted], Timing]:
    """The corpus through the pipeline with progress on the terminal; the results and how long they took."""
    started = time.perf_counter()
    with ProgressDisplay(len(emails)) as progress:
        drafted = asyncio.run(run_corpus(emails, settings=settings, backend=backend, today=day,
                                         concurrency=concurrency, command_for=command_for, on_done=progress.done))
    return drafted, timing_of(drafted, time.perf_counter() - started, concurrency)


def _corpus(directory: Path, only: tuple[str, ...]) -> list[CorpusEmail]:
    """DIR/*.eml (those matching --only), each with its NAME.expect.toml; a usage error when there is none."""
    paths = sorted(p for p in directory.glob("*.eml") if not only or any(fnmatch(p.name, g) for g in only))
    if not paths:
        usage_error(f"no *.eml files in {directory}{' matching ' + ', '.join(only) if only else ''}")
    try:
        return [CorpusEmail(path, load_expectations(expectations_path(path))) for path in paths]
    except ConfigError as exc:
        usage_error(str(exc))
        raise  # unreachable: usage_error exits


def _settings(ctx: click.Context) -> Settings:
    if ctx.obj and "settings" in ctx.obj:
        settings: Settings = ctx.obj["settings"]
        return settings
    try:
        return load_settings()
    except ConfigError as exc:
        usage_error(f"bad configuration: {exc}")
        raise  # unreachable: usage_error exits


def _old_report(path: Path | None) -> ReportOutcomes | None:
    if path is None:
        return None
    try:
        return load_report(path)
    except ValueError as exc:
        usage_error(f"--compare: {exc}")
        raise  # unreachable


def _today(given: dt.date | None, record: bool, cassettes: Path, settings: Settings) -> tuple[dt.date, str]:
    """--today, else (when replaying) the day the recordings were made for, else today in [calendar] timezone.

    The prompt contains the follow-up date computed from `today`, so replaying a corpus recorded on
    another day with the real date would miss every recording.
    """
    if given:
        return given, "--today"
    recorded = None if record else recorded_today(cassettes)
    if recorded:
        return recorded, f"the day the recordings in {cassettes} were made for"
    return today_in(settings.calendar), f"today in {settings.calendar.timezone}"


def _check_can_record(settings: Settings, cassettes: Path, day: dt.date, only: tuple[str, ...]) -> None:
    if not (settings.model.base_url or settings.model.api_key):
        usage_error("--record needs a model to record against: set OPENAI_BASE_URL and OPENAI_API_KEY "
                    "(for drafter's stub: python -m drafter.replay.stub_model --port 8900, then "
                    "OPENAI_BASE_URL=http://127.0.0.1:8900/v1 OPENAI_API_KEY=stub)")
    existing = recorded_today(cassettes)
    if only and existing and existing != day:
        usage_error(f"the recordings in {cassettes} were made for {existing.isoformat()}: record with "
                    f"--today {existing.isoformat()}, or re-record the whole corpus (without --only) "
                    "with --prune")


def _backend(settings: Settings, record: bool, cassettes: Path,
             day: dt.date) -> tuple[Settings, Backend, TrackingRecorder | None, list[str]]:
    if not record:
        return settings, ReplayBackend(settings.model, cassettes), None, []
    # While recording, an unreachable model must fail loudly, not quietly fall back to the offline draft.
    model = settings.model.model_copy(update={"fallback_offline": False})
    run_settings = settings.model_copy(update={"model": model})
    meta = describe_server(settings, day)
    recorder = TrackingRecorder(cassettes, meta)
    return run_settings, OpenAIBackend(model, recorder=recorder), recorder, [meta.describe()]


def _write(report: Report, json_path: Path | None, html_path: Path | None) -> None:
    if json_path:
        write_json(report, json_path)
        click.echo(f"drafter replay: wrote {json_path}", err=True)
    if html_path:
        write_html(report, html_path)
        click.echo(f"drafter replay: wrote {html_path}", err=True)


def _exit_status(report: Report, record: bool) -> int:
    totals = report.totals
    crashed = any(r.crashed for r in report.emails)
    if crashed or totals.missing_recording or totals.expectations.failed_emails:
        return EXIT_FAILED
    if record and totals.failed:
        return EXIT_FAILED
    return EXIT_OK
