"""The terminal: a progress bar while the corpus runs, then the summary table and what needs a look."""

from __future__ import annotations

from collections import Counter

import click
from rich import box
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from drafter.replay.run import Drafted
from drafter.replay.values import Comparison, EmailRecord, Report

__all__ = ["ProgressDisplay", "print_comparison", "print_summary"]


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

    def done(self, done: Drafted) -> None:
        record = done.record
        self.counts[record.status] += 1
        if self.bar:
            counts = " · ".join(f"{status} {n}" for status, n in sorted(self.counts.items()))
            self.bar.update(self.task, advance=1, counts=counts)
            return
        n = sum(self.counts.values())
        unmet = " (expectations not met)" if record.expectations_passed is False else ""
        degraded = " (degraded: offline draft)" if record.degraded else ""
        click.echo(f"[{n}/{self.total}] {record.file}: {record.status}{degraded}{unmet}", err=True)


def print_summary(report: Report, concurrency: int) -> None:
    console = Console(highlight=False, soft_wrap=True)
    t = report.totals
    degraded = sum(1 for r in report.emails if r.degraded)
    table = Table(title=f"drafter replay {report.directory} (today {report.today.isoformat()}, {report.mode})",
                  box=box.SIMPLE, show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    expectations = t.expectations
    rows = [
        ("drafts passed", t.ready), ("needing review", t.needs_review),
        ("skipped (automated)", t.skipped), ("failed", t.failed),
        ("missing recording", t.missing_recording),
        *([("degraded (offline draft: no model answer)", degraded)] if degraded else []),
        ("expectations not met", f"{expectations.failed_emails} of {expectations.emails} emails"),
        ("model attempts", f"{t.model_attempts} ({t.model_calls} calls)"),
        ("tokens", f"{t.tokens.total} ({t.tokens.prompt} in, {t.tokens.completion} out)"),
        ("time", f"{report.timing.total_seconds:.2f} s (concurrency {concurrency})"),
    ]
    for label, value in rows:
        table.add_row(label, str(value))
    console.print(table)
    for record in report.emails:
        _print_findings(console, record)
    if t.missing_recording:
        console.print("(record against a model by setting OPENAI_BASE_URL and OPENAI_API_KEY, e.g. the stub: "
                      "python -m drafter.replay.stub_model --port 8900 and OPENAI_BASE_URL=http://127.0.0.1:8900/v1)")


def _print_findings(console: Console, record: EmailRecord) -> None:
    """A missing recording (with the command that records it), a failure, each expectation not met."""
    if record.recording:
        console.print(f"missing recording: {record.file}: {record.reason}\n"
                      f"  record it with: {record.recording.command}")
    elif record.status == "failed":
        console.print(f"failed: {record.file}: {record.reason}")
    elif record.degraded:
        console.print(f"degraded: {record.file}: {record.reason}")
    for e in record.expectations:
        if e.passed is False:
            console.print(f"expectation not met: {record.file}: {e.check}: "
                          f"expected {e.expected!r}, got {e.actual!r}")


def print_comparison(comparison: Comparison) -> None:
    console = Console(highlight=False, soft_wrap=True)
    c = comparison
    console.print(f"compared with the earlier run: {len(c.newly_failing)} newly failing, "
                  f"{len(c.newly_passing)} newly passing, {len(c.changed)} changed drafts, "
                  f"{len(c.added)} added, {len(c.removed)} removed")
    for label, entries in (("newly failing", c.newly_failing), ("newly passing", c.newly_passing)):
        for e in entries:
            was = e.old_status or "new"
            console.print(f"  {label}: {e.file} ({was} → {e.new_status})")
    for change in c.changed:
        console.print(f"  changed: {change.file} ({change.old_status} → {change.new_status})")
