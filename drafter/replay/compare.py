"""`--compare OLD.json`: what changed since an earlier run, read from that run's JSON report.

An earlier report is read through `ReportOutcomes` (file, status, body, expectations_passed of each
email, and its `today`): the part every format-1 report has, so reports written by older drafters
keep comparing, and this run's typed Report is read the same way.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path

from pydantic import ValidationError

from drafter.replay.values import ChangedDraft, Comparison, EmailOutcome, Report, ReportOutcomes, StatusChange

__all__ = ["compare_reports", "load_report"]


def load_report(path: Path) -> ReportOutcomes:
    """An earlier `--json` report; ValueError saying why when the file is not one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: cannot read it ({exc})") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(data, dict) or data.get("tool") != "drafter replay" \
            or not isinstance(data.get("emails"), list):
        raise ValueError(f"{path}: not a `drafter replay --json` report")
    try:
        return ReportOutcomes.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()[:3])
        raise ValueError(f"{path}: not a `drafter replay --json` report I can compare with ({problems})") from None


def compare_reports(old: Report | ReportOutcomes, new: Report | ReportOutcomes) -> Comparison:
    """Newly failing, newly passing and changed drafts since `old`, by file name."""
    earlier, now = ReportOutcomes.of(old), ReportOutcomes.of(new)
    before = {r.file: r for r in earlier.emails}
    after = {r.file: r for r in now.emails}
    newly_failing: list[StatusChange] = []
    newly_passing: list[StatusChange] = []
    changed: list[ChangedDraft] = []
    for file, record in sorted(after.items()):
        previous = before.get(file)
        change = StatusChange(file=file, old_status=previous.status if previous else None, new_status=record.status)
        was = previous.failing if previous else False
        if record.failing and not was:
            newly_failing.append(change)
        elif was and not record.failing:
            newly_passing.append(change)
        if previous and _differs(previous, record):
            changed.append(ChangedDraft(file=file, old_status=change.old_status, new_status=change.new_status,
                                       diff=_diff(previous.body, record.body, file)))
    return Comparison(against=earlier.today, newly_failing=newly_failing, newly_passing=newly_passing,
                      changed=changed, added=sorted(set(after) - set(before)),
                      removed=sorted(set(before) - set(after)))


def _differs(old: EmailOutcome, new: EmailOutcome) -> bool:
    return (old.body, old.status) != (new.body, new.status)


def _diff(old: str | None, new: str | None, file: str) -> list[str]:
    lines = difflib.unified_diff((old or "").splitlines(), (new or "").splitlines(),
                                 fromfile=f"before/{file}", tofile=f"after/{file}", lineterm="", n=1)
    return list(lines)
