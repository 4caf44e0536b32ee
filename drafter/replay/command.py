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
import json
import re
import shlex
import sys
import time
import tomllib
import zoneinfo
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path
from typing import Any, Literal

import click
import httpx
from pydantic import BaseModel, ConfigDict, ValidationError
from rich import box
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from drafter.cli import today_option
from drafter.model import (
    Backend,
    ModelAnswer,
    ModelRequest,
    OpenAIBackend,
    Recorder,
    ReplayBackend,
    build_payload,
    request_key,
)
from drafter.replay.report import (
    Missing,
    build_report,
    compare_reports,
    email_record,
    is_failing,
    load_report,
    write_html,
    write_json,
)
from drafter_core.calendar import today_in
from drafter_core.errors import ConfigError, DrafterError, RecordingMissing
from drafter_core.settings import Settings, load_settings
from drafter_core.values import Complaint

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
EXPECT_SUFFIX = ".expect.toml"
RECORDING_NAME = re.compile(r"^[0-9a-f]{64}\.json$")


# -- expectations --------------------------------------------------------------------------------


class Expectations(BaseModel):
    """NAME.expect.toml: what QA expects drafter to do with NAME.eml. Every key is optional."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    status: Literal["ready", "needs_review", "skipped", "failed"] | None = None
    automated: bool | None = None
    follow_up_date: dt.date | None = None
    must_have_codes: list[str] = []
    must_not_have_codes: list[str] = []
    must_contain: list[str] = []
    must_not_contain: list[str] = []


def load_expectations(path: Path) -> Expectations | None:
    """The expectations in `path`, None when there is no such file; ConfigError naming the key otherwise."""
    if not path.is_file():
        return None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return Expectations.model_validate(data)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or '?'}: {e['msg']}" for e in exc.errors())
        raise ConfigError(f"{path}: {problems} (keys: {', '.join(Expectations.model_fields)})") from None


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def check_expectations(expect: Expectations, record: dict[str, Any]) -> list[dict[str, Any]]:
    """One result per expectation: passed True/False, or None when it cannot be judged (no recording)."""
    results: list[dict[str, Any]] = []
    unknown = record["status"] == "missing_recording"

    def add(check: str, expected: Any, actual: Any, passed: bool) -> None:
        judged = None if unknown else passed  # the missing recording already fails the run
        results.append({"check": check, "expected": expected, "actual": actual, "passed": judged})

    if expect.status is not None:
        add("status", expect.status, record["status"], record["status"] == expect.status)
    if expect.automated is not None:
        automated = record["automated"] is not None
        readable = record["email"] is not None
        add("automated", expect.automated, automated, readable and automated == expect.automated)
    if expect.follow_up_date is not None:
        wanted = expect.follow_up_date.isoformat()
        add("follow_up_date", wanted, record["follow_up_date"], record["follow_up_date"] == wanted)
    codes = {v["code"] for v in record["violations"]}
    drafted = record["body"] is not None
    for code in expect.must_have_codes:
        add("must_have_code", code, sorted(codes), drafted and code in codes)
    for code in expect.must_not_have_codes:
        add("must_not_have_code", code, sorted(codes), drafted and code not in codes)
    body = _words(record["body"] or "")
    for phrase in expect.must_contain:
        present = _words(phrase) in body
        add("must_contain", phrase, "present" if present else "absent", drafted and present)
    for phrase in expect.must_not_contain:
        present = _words(phrase) in body
        add("must_not_contain", phrase, "present" if present else "absent", drafted and not present)
    return results


def apply_expectations(record: dict[str, Any], expect: Expectations | None) -> None:
    if expect is None:
        return
    record["expectations"] = check_expectations(expect, record)
    verdicts = [e["passed"] for e in record["expectations"]]
    record["expectations_passed"] = False if False in verdicts else (True if True in verdicts else None)


# -- the model side: replay or record ------------------------------------------------------------


class TrackingRecorder(Recorder):
    """A Recorder that also remembers which keys this run wrote (for --prune)."""

    def __init__(self, directory: Path, meta: dict[str, Any]) -> None:
        super().__init__(directory, meta)
        self.keys: set[str] = set()

    def save(self, payload: dict[str, Any], response: dict[str, Any]) -> Path:
        path = super().save(payload, response)
        self.keys.add(path.stem)
        return path


class CountingBackend:
    """One email's view of the shared backend: counts its model calls and the recordings they use."""

    def __init__(self, inner: Backend, settings: Settings) -> None:
        self.inner = inner
        self.name = inner.name  # the pipeline treats backends by name (offline drafts are never repaired)
        self.settings = settings
        self.calls = 0
        self.keys: list[str] = []

    async def complete(self, request: ModelRequest) -> ModelAnswer:
        self.calls += 1
        if isinstance(self.inner, ReplayBackend):
            model = self.settings.model
            self.keys.append(request_key(build_payload(model, request.messages, model.structured_output)))
        return await self.inner.complete(request)

    async def aclose(self) -> None:
        return None  # the shared backend is closed once, by the run


def describe_server(settings: Settings, today: dt.date) -> dict[str, Any]:
    """Recording metadata that says honestly what answered: drafter's stub is recognised by GET /models."""
    from drafter.replay.stub_model import OWNER

    model = settings.model
    base = (model.base_url or "https://api.openai.com/v1").rstrip("/")
    headers = {"Authorization": f"Bearer {model.api_key.get_secret_value()}"} if model.api_key else {}
    try:
        answer = httpx.get(f"{base}/models", headers=headers, timeout=min(model.timeout_seconds, 10))
        listed = answer.json()["data"]
        models = [m for m in listed if isinstance(m, dict)]
    except (httpx.HTTPError, ValueError, KeyError, TypeError):
        models = []
    meta: dict[str, Any] = {"recorded_by": "drafter replay --record", "requested_model": model.name,
                            "today": today.isoformat()}
    stub = next((m for m in models if m.get("owned_by") == OWNER), None)
    if stub:
        mode = str(stub.get("id", "")).removeprefix("drafter-stub-")
        return {**meta, "real_model": False, "server": "drafter.replay.stub_model on a local port", "stub_mode": mode,
                "recorded_with": f"drafter's model-shaped stub (python -m drafter.replay.stub_model --mode {mode}), "
                                 "not a real model",
                "note": "No real model was reachable: these answers were written by drafter's own "
                        "deterministic stub. They show how drafter handles a well-behaved model, "
                        "not what a real model writes."}
    ids = ", ".join(str(m.get("id")) for m in models[:5]) or "unknown (GET /models gave nothing)"
    return {**meta, "server": base, "server_models": ids,
            "recorded_with": f"the OpenAI-compatible server at {base} (asked for {model.name})"}


def read_meta(path: Path) -> dict[str, Any]:
    try:
        meta = json.loads(path.read_text(encoding="utf-8")).get("meta")
    except (OSError, ValueError, AttributeError):
        return {}
    return meta if isinstance(meta, dict) else {}


def recorded_with(meta: dict[str, Any]) -> str:
    if meta.get("recorded_with"):
        return str(meta["recorded_with"])
    return f"{meta.get('recorded_by', 'an unknown recorder')} against {meta.get('model', '?')} at " \
           f"{meta.get('base_url', '?')}"


def recordings_in(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.glob("*.json") if RECORDING_NAME.match(p.name))


def recorded_today(directory: Path) -> dt.date | None:
    """The one day every recording here was made for (the prompt holds dates computed from it), if any."""
    days = {read_meta(p).get("today") for p in recordings_in(directory)}
    if len(days) != 1:
        return None
    try:
        return dt.date.fromisoformat(str(days.pop()))
    except ValueError:
        return None


# -- running the corpus --------------------------------------------------------------------------


@dataclass(frozen=True)
class Job:
    path: Path
    expect: Expectations | None


@dataclass
class Done:
    record: dict[str, Any]
    wall_ms: float
    model_latency_ms: float
    keys: list[str] = field(default_factory=list)


def _parse_quietly(raw: bytes) -> Complaint | None:
    from drafter.parse import parse_email

    try:
        return parse_email(raw)
    except DrafterError:
        return None


async def draft_one(job: Job, *, settings: Settings, backend: Backend, today: dt.date, now: dt.datetime,
                    command_for: Callable[[str], str]) -> Done:
    """Draft one email through the pipeline; a missing recording or an unreadable email becomes a record."""
    from drafter.pipeline import draft_reply

    started = time.perf_counter()
    counting = CountingBackend(backend, settings)
    name = job.path.name
    raw = b""
    latency = 0.0
    try:
        raw = job.path.read_bytes()
        result = await draft_reply(raw, settings=settings, backend=counting, today=today, now=now)
        record = email_record(name, result=result, complaint=None, settings=settings)
        latency = result.usage.latency_ms
    except RecordingMissing as exc:
        missing = Missing(key=exc.key, attempt=counting.calls, command=command_for(name))
        record = email_record(name, result=None, complaint=_parse_quietly(raw), settings=settings,
                              missing=missing)
    except (DrafterError, OSError) as exc:
        record = email_record(name, result=None, complaint=_parse_quietly(raw) if raw else None,
                              settings=settings, error=f"{type(exc).__name__}: {exc}")
    except Exception as exc:  # one email's bug must not hide the rest of the corpus
        record = email_record(name, result=None, complaint=None, settings=settings,
                              error=f"drafter crashed: {type(exc).__name__}: {exc} (a bug: rerun with "
                                    f"`drafter draft {job.path}` to see the traceback)")
        record["crashed"] = True
    apply_expectations(record, job.expect)
    wall_ms = round((time.perf_counter() - started) * 1000, 3)
    return Done(record=record, wall_ms=wall_ms, model_latency_ms=round(latency, 3), keys=counting.keys)


async def run_corpus(jobs: list[Job], *, settings: Settings, backend: Backend, today: dt.date,
                     concurrency: int, command_for: Callable[[str], str],
                     on_done: Callable[[Done], None]) -> list[Done]:
    """Every email through `draft_one`, at most `concurrency` at once; results in file order."""
    semaphore = asyncio.Semaphore(concurrency)
    # A fixed "now" (09:00 on `today` in the support time zone): drafts do not depend on the wall clock.
    now = dt.datetime.combine(today, dt.time(9, 0), tzinfo=zoneinfo.ZoneInfo(settings.calendar.timezone))

    async def one(job: Job) -> Done:
        async with semaphore:
            done = await draft_one(job, settings=settings, backend=backend, today=today, now=now,
                                   command_for=command_for)
        on_done(done)
        return done

    try:
        return list(await asyncio.gather(*(one(job) for job in jobs)))
    finally:
        await backend.aclose()


# -- the terminal --------------------------------------------------------------------------------


class ProgressDisplay:
    """A rich progress bar with counts on a terminal; one plain line per email otherwise (CI logs)."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.counts: Counter[str] = Counter()
        self.console = Console(stderr=True)
        self.bar: Progress | None = None
        if self.console.is_terminal:
            self.bar = Progress(TextColumn("drafting"), BarColumn(), MofNCompleteColumn(),
                                TextColumn("{task.fields[counts]}"), TimeElapsedColumn(),
                                console=self.console)
            self.task = self.bar.add_task("drafting", total=total, counts="")

    def __enter__(self) -> ProgressDisplay:
        if self.bar:
            self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar:
            self.bar.stop()

    def done(self, done: Done) -> None:
        record = done.record
        self.counts[record["status"]] += 1
        if self.bar:
            counts = " · ".join(f"{status} {n}" for status, n in sorted(self.counts.items()))
            self.bar.update(self.task, advance=1, counts=counts)
            return
        n = sum(self.counts.values())
        unmet = " (expectations not met)" if record["expectations_passed"] is False else ""
        click.echo(f"[{n}/{self.total}] {record['file']}: {record['status']}{unmet}", err=True)


def print_summary(report: dict[str, Any], concurrency: int) -> None:
    console = Console(highlight=False, soft_wrap=True)
    t = report["totals"]
    table = Table(title=f"drafter replay {report['directory']} (today {report['today']}, {report['mode']})",
                  box=box.SIMPLE, show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    expectations = t["expectations"]
    rows = [
        ("drafts passed", t["ready"]), ("needing review", t["needs_review"]),
        ("skipped (automated)", t["skipped"]), ("failed", t["failed"]),
        ("missing recording", t["missing_recording"]),
        ("expectations not met", f"{expectations['failed_emails']} of {expectations['emails']} emails"),
        ("model attempts", f"{t['model_attempts']} ({t['model_calls']} calls)"),
        ("tokens", f"{t['tokens']['total']} ({t['tokens']['prompt']} in, {t['tokens']['completion']} out)"),
        ("time", f"{report['timing']['total_seconds']:.2f} s (concurrency {concurrency})"),
    ]
    for label, value in rows:
        table.add_row(label, str(value))
    console.print(table)
    for record in report["emails"]:
        if record["recording"]:
            console.print(f"missing recording: {record['file']}: {record['reason']}\n"
                          f"  record it with: {record['recording']['command']}")
        elif record["status"] == "failed":
            console.print(f"failed: {record['file']}: {record['reason']}")
        for e in record["expectations"]:
            if e["passed"] is False:
                console.print(f"expectation not met: {record['file']}: {e['check']}: "
                              f"expected {e['expected']!r}, got {e['actual']!r}")
    if t["missing_recording"]:
        console.print("(record against a model by setting OPENAI_BASE_URL and OPENAI_API_KEY, e.g. the stub: "
                      "python -m drafter.replay.stub_model --port 8900 and OPENAI_BASE_URL=http://127.0.0.1:8900/v1)")


def print_comparison(comparison: dict[str, Any]) -> None:
    console = Console(highlight=False, soft_wrap=True)
    c = comparison
    console.print(f"compared with the earlier run: {len(c['newly_failing'])} newly failing, "
                  f"{len(c['newly_passing'])} newly passing, {len(c['changed'])} changed drafts, "
                  f"{len(c['added'])} added, {len(c['removed'])} removed")
    for label in ("newly_failing", "newly_passing"):
        for e in c[label]:
            was = e["old_status"] or "new"
            console.print(f"  {label.replace('_', ' ')}: {e['file']} ({was} → {e['new_status']})")
    for e in c["changed"]:
        console.print(f"  changed: {e['file']} ({e['old_status']} → {e['new_status']})")


# -- the command ---------------------------------------------------------------------------------


def record_command(directory: Path, name: str, today: dt.date, recordings: Path | None,
                   config: str | None) -> str:
    """The exact command that records one email's model answers."""
    parts = ["drafter", *(["--config", config] if config else []), "replay", str(directory), "--record",
             "--today", today.isoformat(), *(["--recordings", str(recordings)] if recordings else []),
             "--only", name]
    return " ".join(shlex.quote(p) for p in parts)


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
    emails = sorted(p for p in directory.glob("*.eml") if not only or any(fnmatch(p.name, g) for g in only))
    if not emails:
        usage_error(f"no *.eml files in {directory}{' matching ' + ', '.join(only) if only else ''}")
    old = _old_report(compare_path)
    day, origin = _today(today, record, cassettes, settings)
    try:
        jobs = [Job(path, load_expectations(path.with_name(path.name.removesuffix(".eml") + EXPECT_SUFFIX)))
                for path in emails]
    except ConfigError as exc:
        usage_error(str(exc))
    if record:
        _check_can_record(settings, cassettes, day, only)
    config = ctx.parent.params.get("config_path") if ctx.parent else None

    def command_for(name: str) -> str:
        return record_command(directory, name, day, recordings, config)

    run_settings, backend, recorder, sources = _backend(settings, record, cassettes, day)
    click.echo(f"drafter replay: {len(jobs)} emails in {directory}, today {day.isoformat()} ({origin}), "
               f"{'recording into' if record else 'recordings from'} {cassettes}", err=True)
    started = time.perf_counter()
    with ProgressDisplay(len(jobs)) as progress:
        done = asyncio.run(run_corpus(jobs, settings=run_settings, backend=backend, today=day,
                                      concurrency=concurrency, command_for=command_for,
                                      on_done=progress.done))
    timing = _timing(done, time.perf_counter() - started, concurrency)
    used = recorder.keys if recorder else {key for d in done for key in d.keys}
    report = build_report(
        [d.record for d in done], directory=str(directory), recordings=str(cassettes),
        mode="record" if record else "replay", today=day.isoformat(), model=settings.model.name,
        recorded_with=sources if record else _sources(cassettes, used), timing=timing,
    )
    # Which recordings nothing uses is only known when the whole corpus ran.
    report["unused_recordings"] = None if only else [p.name for p in recordings_in(cassettes)
                                                     if p.stem not in used]
    if prune:
        _prune(cassettes, report["unused_recordings"], report)
    if old is not None:
        report["comparison"] = compare_reports(old, report)
    _write(report, json_path, html_path)
    print_summary(report, concurrency)
    if report["comparison"]:
        print_comparison(report["comparison"])
    sys.exit(_exit_status(report, record))


def _settings(ctx: click.Context) -> Settings:
    if ctx.obj and "settings" in ctx.obj:
        settings: Settings = ctx.obj["settings"]
        return settings
    try:
        return load_settings()
    except ConfigError as exc:
        usage_error(f"bad configuration: {exc}")
        raise  # unreachable: usage_error exits


def _old_report(path: Path | None) -> dict[str, Any] | None:
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
    return run_settings, OpenAIBackend(model, recorder=recorder), recorder, [meta["recorded_with"]]


def _timing(done: list[Done], elapsed: float, concurrency: int) -> dict[str, Any]:
    """Wall-clock values, kept apart from the deterministic part of the report."""
    per_email = {d.record["file"]: {"wall_ms": d.wall_ms, "model_latency_ms": d.model_latency_ms}
                 for d in sorted(done, key=lambda d: d.record["file"])}
    return {"total_seconds": round(elapsed, 3), "concurrency": concurrency, "per_email": per_email}


def _sources(cassettes: Path, used: set[str]) -> list[str]:
    """What the recordings this run used say they were made with (their `meta`)."""
    paths = [cassettes / f"{key}.json" for key in used]
    return sorted({recorded_with(read_meta(path)) for path in paths if path.is_file()})


def _prune(cassettes: Path, unused: list[str], report: dict[str, Any]) -> None:
    if any(r["status"] == "failed" for r in report["emails"]):
        click.echo("drafter replay: not pruning: some drafts failed, so their old recordings may still be "
                   "the only ones", err=True)
        return
    for name in unused:
        (cassettes / name).unlink()
    click.echo(f"drafter replay: pruned {len(unused)} unused recording(s) from {cassettes}", err=True)


def _write(report: dict[str, Any], json_path: Path | None, html_path: Path | None) -> None:
    if json_path:
        write_json(report, json_path)
        click.echo(f"drafter replay: wrote {json_path}", err=True)
    if html_path:
        write_html(report, html_path)
        click.echo(f"drafter replay: wrote {html_path}", err=True)


def _exit_status(report: dict[str, Any], record: bool) -> int:
    totals = report["totals"]
    crashed = any(r.get("crashed") for r in report["emails"])
    if crashed or totals["missing_recording"] or totals["expectations"]["failed_emails"]:
        return EXIT_FAILED
    if record and totals["failed"]:
        return EXIT_FAILED
    return EXIT_OK


__all__ = ["Expectations", "check_expectations", "is_failing", "load_expectations", "record_command",
           "replay_command", "run_corpus"]
