"""The `drafter` command line. Each command's docstring is its --help text.

Exit statuses: 0 success; 1 a draft needs review, failed, or a check rejected a draft; 2 bad usage or
unreadable input; 3 automated mail that gets no draft; 4 degraded: the model did not answer, and the
draft is the offline one.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import importlib
import importlib.metadata
import json
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from drafter_core.calendar import today_in
from drafter_core.errors import ConfigError, DrafterError, ParseError, RecordingMissing
from drafter_core.settings import DATA_DIR, Settings, load_settings
from drafter_core.values import Complaint, DraftResult, Verdict

F = TypeVar("F", bound=Callable[..., Any])
READS_NO_DATA = frozenset({"parse", "data"})  # `data` must work to repair a broken data folder
EXIT_OK, EXIT_REJECTED, EXIT_USAGE, EXIT_SKIPPED, EXIT_DEGRADED = 0, 1, 2, 3, 4
PUBLIC_COMPLAINT_KEYS = ("message_id", "in_reply_to", "references", "subject", "from_name", "from_address",
                         "reply_to", "date", "language", "body", "signature", "attachments", "automated", "facts")


def fail(message: str, status: int = EXIT_USAGE) -> None:
    click.echo(f"drafter: {message}", err=True)
    sys.exit(status)


def read_input(path: str) -> bytes:
    """Bytes of FILE ('-' is standard input); a clear ParseError when they cannot be read."""
    try:
        return sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except FileNotFoundError:
        raise ParseError("no such file") from None
    except IsADirectoryError:
        raise ParseError("is a directory, not an email file") from None
    except OSError as exc:
        raise ParseError(f"cannot read: {exc.strerror}") from None


def settings_from(ctx: click.Context) -> Settings:
    settings: Settings = ctx.obj["settings"]
    return settings


def today_option(help: str) -> Callable[[F], F]:
    """--today YYYY-MM-DD, the same for every command; a bad date is a one-line usage error."""
    return click.option("--today", callback=_iso_date, metavar="YYYY-MM-DD", help=help)


def _iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"--today must be a date like 2026-11-23 (got {value!r})")
        raise  # unreachable: fail() exits


class LazyGroup(click.Group):
    """Commands with heavy imports (the report) load only when they are run.

    Other packages add commands through the `drafter.commands` entry points (the HTTP API adds
    `serve`; see pyproject.toml), so drafter never imports the packages built on top of it.
    """

    lazy = {"replay": "drafter.replay.command:replay_command", "sync": "drafter.track.command:sync_command",
            "followups": "drafter.track.command:followups_command", "stats": "drafter.track.command:stats_command"}

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        options = args[:args.index("--")] if "--" in args else args
        ctx.meta["help_only"] = any(arg in ctx.help_option_names for arg in options)  # no data files for help
        return super().parse_args(ctx, hoist_config(args))

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.lazy, *_plugins()])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        plugin = _plugins().get(name)
        if plugin is not None:
            loaded: click.Command = plugin.load()
            return loaded
        if name not in self.lazy:
            return super().get_command(ctx, name)
        module_name, _, attribute = self.lazy[name].partition(":")
        command: click.Command = getattr(importlib.import_module(module_name), attribute)
        return command


def hoist_config(args: list[str]) -> list[str]:
    """`--config FILE` is the group's option, but users write it after the command name too
    (`drafter draft x.eml --config c.toml`): move every one found there to just before the command name,
    keeping their order, so it works on every command, plugins included. Nothing after `--` moves."""
    start = 0
    while start < len(args) and args[start].startswith("-") and args[start] != "--":
        start += 2 if args[start] == "--config" else 1  # the group's options: --config FILE, --version, --help
    rest, hoisted, index = args[start:], [], 0
    while index < len(rest) and rest[index] != "--":
        if rest[index] == "--config" and index + 1 < len(rest):
            hoisted += rest[index:index + 2]
            del rest[index:index + 2]
        elif rest[index].startswith("--config="):
            hoisted.append(rest.pop(index))
        else:
            index += 1
    return [*args[:start], *hoisted, *rest]


def _plugins() -> dict[str, importlib.metadata.EntryPoint]:
    return {point.name: point for point in importlib.metadata.entry_points(group="drafter.commands")}


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config_path", type=click.Path(dir_okay=False), envvar="DRAFTER_CONFIG",
              help="drafter.toml to read, before or after the command name "
                   "(default: $DRAFTER_CONFIG, else ./drafter.toml if present).")
@click.version_option(package_name="drafter")
@click.pass_context
def cli(ctx: click.Context, config_path: str | None) -> None:
    """Draft replies to customer complaint emails, and refuse to hand a bad draft to a human."""
    from_env = ctx.get_parameter_source("config_path") == click.core.ParameterSource.ENVIRONMENT
    try:
        ctx.obj = {"settings": load_settings(config_path, named_by="DRAFTER_CONFIG" if from_env else "--config"),
                   "config_path": config_path}
    except ConfigError as exc:
        fail(f"bad configuration: {exc}")
    if ctx.invoked_subcommand not in READS_NO_DATA and not ctx.meta.get("help_only"):
        from drafter.data_files import load_data

        try:
            load_data(ctx.obj["settings"])
        except ConfigError as exc:
            fail(f"bad data file: {exc}")


# -- parse ---------------------------------------------------------------------------------------


def complaint_record(path: str, complaint: Complaint) -> dict[str, Any]:
    data = complaint.model_dump(mode="json")
    return {"file": path, **{key: data[key] for key in PUBLIC_COMPLAINT_KEYS}}


@cli.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per file, one per line.")
def parse(files: tuple[str, ...], as_json: bool) -> None:
    """Parse raw emails (FILE... or - for stdin) into complaints: sender, body, facts, automated."""
    from drafter.parse import parse_email

    status = EXIT_OK
    for path in files:
        try:
            complaint = parse_email(read_input(path))
        except ParseError as exc:
            click.echo(f"drafter: {path}: {exc}", err=True)
            status = EXIT_USAGE
            continue
        if as_json:
            click.echo(json.dumps(complaint_record(path, complaint), ensure_ascii=False))
        else:
            click.echo(summary(path, complaint))
    sys.exit(status)


def summary(path: str, c: Complaint) -> str:
    sender = f"{c.from_name} <{c.from_address}>" if c.from_name else (c.from_address or "unknown sender")
    facts = "; ".join(f"{k.replace('_', ' ')}: {', '.join(v)}" for k, v in c.facts.model_dump().items() if v)
    lines = [
        f"{path}: {c.subject!r} from {sender} [{c.language}]",
        f"  reply to: {c.reply_to or '-'}   automated: {c.automated or 'no'}   attachments: {len(c.attachments)}",
        f"  facts: {facts or '-'}",
        f"  body: {' '.join(c.body.split())[:160]}",
    ]
    return "\n".join(lines)


# -- draft ---------------------------------------------------------------------------------------


@cli.command()
@click.argument("file")
@today_option("Judge and plan as of this date (default: today in [calendar] timezone).")
@click.option("--backend", "backend_choice", type=click.Choice(["auto", "openai", "offline", "replay"]),
              default="auto", show_default=True,
              help="auto = openai when OPENAI_API_KEY or OPENAI_BASE_URL is set, else offline.")
@click.option("--recordings", type=click.Path(file_okay=False, path_type=Path),
              help="Recordings for --backend replay (default: [model] recordings_dir, else samples/cassettes).")
@click.option("--json", "as_json", is_flag=True, help="Print the draft as JSON instead of the reply email.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file.")
@click.option("--deliver", is_flag=True, help="Also put the draft in the agent's Drafts folder ([delivery]).")
@click.pass_context
def draft(ctx: click.Context, file: str, today: dt.date | None, backend_choice: str, recordings: Path | None,
          as_json: bool, output: Path | None, deliver: bool) -> None:
    """Draft a checked six-section reply to one email (FILE or - for stdin).

    \b
    Exit status:
      0  ready: the draft passed every check
      1  needs review (said why on stderr), or failed
      2  bad usage or unreadable input, e.g. --backend openai without OPENAI_API_KEY or OPENAI_BASE_URL
      3  automated mail: no draft
      4  degraded: the model did not answer (unreachable, or 5xx after every retry), so the draft is
         the offline one; stderr says why and what to set ([model] fallback_offline = false: failed, 1)
    """
    from drafter.model import backend_name, unconfigured

    settings = settings_from(ctx)
    day = today or today_in(settings.calendar)
    if deliver and settings.delivery.method == "none":
        fail("--deliver needs [delivery] method = \"imap\" or \"maildir\" in drafter.toml")
    problem = unconfigured(settings, backend_name(settings, backend_choice))
    if problem:
        fail(f"{problem}; or draft without a model: --backend offline")
    try:
        raw = read_input(file)
        result = asyncio.run(_draft(raw, settings, backend_choice, recordings, day))
    except RecordingMissing as exc:
        fail(f"{file}: {exc}; record it with: drafter replay {Path(file).parent} --record")
    except DrafterError as exc:
        fail(f"{file}: {exc}")
    if result.status == "skipped":
        fail(f"{file}: skipped: {result.reason}", EXIT_SKIPPED)
    if result.degraded:  # first, before the draft: it is not the model's
        click.echo(f"drafter: {file}: degraded: {result.reason}", err=True)
    text = json.dumps(result.to_public(), ensure_ascii=False, indent=2) if as_json else (result.message or "")
    if output:
        output.write_text(text + "\n", encoding="utf-8")
    else:
        click.echo(text)
    if deliver and result.reply:
        _deliver(result, settings, day)
    if result.status == "failed":
        fail(f"{file}: failed: {result.reason}", EXIT_REJECTED)
    if result.degraded:
        sys.exit(EXIT_DEGRADED)  # said above, with the reason (a failing verdict included)
    if result.status == "needs_review":
        click.echo(f"drafter: {file}: needs review: {result.reason}", err=True)
        sys.exit(EXIT_REJECTED)


async def _draft(raw: bytes, settings: Settings, choice: str, recordings: Path | None,
                 today: dt.date) -> DraftResult:
    from drafter.model import make_backend
    from drafter.pipeline import draft_reply

    backend = make_backend(settings, choice, recordings_dir=recordings)
    try:
        return await draft_reply(raw, settings=settings, backend=backend, today=today)
    finally:
        await backend.aclose()


def _deliver(result: DraftResult, settings: Settings, today: dt.date) -> None:
    from drafter.deliver import deliver_draft
    from drafter.track.ledger import record_delivery

    assert result.reply is not None
    try:
        receipt = deliver_draft(result.reply, result.source, settings.delivery)
    except DrafterError as exc:
        fail(f"delivery failed: {exc}", EXIT_REJECTED)
    try:
        if not receipt.duplicate:  # an earlier draft was there already: that one is what the agent has
            record_delivery(settings.tracking_store, result.to_public(), result.source, today)
    except Exception as exc:
        fail(f"the draft is in the agent's mailbox, but the tracking ledger could not note it: {exc}",
             EXIT_REJECTED)
    state = "already there, nothing added" if receipt.duplicate else "added"
    where = f"{receipt.method} {receipt.folder or ''} {receipt.location or ''}".rstrip()
    tags = f" (keywords {' '.join(receipt.keywords)})" if receipt.keywords else ""
    note = f"; review note beside it: {receipt.note}" if receipt.note else ""
    click.echo(f"drafter: draft {state}: {where}{tags}{note}", err=True)


# -- check ---------------------------------------------------------------------------------------


@cli.command()
@click.argument("files", nargs=-1, required=True)
@today_option("Judge dates as of this day (default: today in [calendar] timezone).")
@click.option("--json", "as_json", is_flag=True, help='One line per file: {"file", "passed", "violations"}.')
@click.pass_context
def check(ctx: click.Context, files: tuple[str, ...], today: dt.date | None, as_json: bool) -> None:
    """Check drafts (plain text, or .eml whose text part is checked) against the guardrails."""
    from drafter.checkfile import check_file

    settings = settings_from(ctx)
    day = today or today_in(settings.calendar)
    status = EXIT_OK
    for path in files:
        try:
            text, verdict = check_file(read_input(path), path, settings, day)
        except ParseError as exc:
            click.echo(f"drafter: {path}: {exc}", err=True)
            status = EXIT_USAGE
            continue
        if not verdict.passed and status == EXIT_OK:
            status = EXIT_REJECTED
        if as_json:
            record = {"file": path, "passed": verdict.passed,
                      "violations": [v.model_dump() for v in verdict.violations]}
            click.echo(json.dumps(record, ensure_ascii=False))
        else:
            click.echo(readable_verdict(path, text, verdict))
    sys.exit(status)


def readable_verdict(path: str, text: str, verdict: Verdict) -> str:
    if verdict.passed:
        return f"{path}: passed"
    lines = [f"{path}: rejected ({len(verdict.violations)} problem{'s' if len(verdict.violations) != 1 else ''})"]
    for v in verdict.violations:
        line_no = text.count("\n", 0, v.start) + 1
        line_start = text.rfind("\n", 0, v.start) + 1
        line_end = text.find("\n", v.start)
        line = text[line_start: line_end if line_end != -1 else len(text)]
        col = v.start - line_start
        width = max(1, min(v.end, line_start + len(line)) - v.start)
        lines += [f"  {v.code} (line {line_no}): {v.message}",
                  f"    | {line}",
                  f"    | {' ' * col}{'^' * width}"]
    return "\n".join(lines)


# -- data ----------------------------------------------------------------------------------------


@cli.command()
@click.option("--copy-to", "copy_to", type=click.Path(file_okay=False, path_type=Path),
              help="Copy the packaged data folder here (it must not exist yet), to edit it.")
@click.pass_context
def data(ctx: click.Context, copy_to: Path | None) -> None:
    """Show where prompts, topics, gestures, reply words and guardrail texts are read from, or copy them to edit."""
    settings = settings_from(ctx)
    if copy_to is None:
        for name, path in settings.data.model_dump().items():
            click.echo(f"{name:<14} {path}")
        return
    if copy_to.exists():
        fail(f"{copy_to} already exists: name a new folder, so nothing you edited is overwritten")
    shutil.copytree(DATA_DIR, copy_to, ignore=shutil.ignore_patterns("__pycache__"))
    click.echo(f"copied to {copy_to}; to use it, put this in drafter.toml:\n\n[data]\ndir = {str(copy_to.resolve())!r}")


def main() -> None:
    cli(prog_name="drafter")
