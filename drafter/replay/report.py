"""The replay report: one JSON document per corpus run, and the self-contained HTML page rendered from it.

JSON (`drafter replay --json`), format 1:
    {tool, format, directory, recordings, mode, today, model, recorded_with: [..],
     emails: [record, ...] sorted by file, totals: {...}, comparison: {...} | null,
     timing: {total_seconds, per_email: {file: {wall_ms, model_latency_ms}}}}
Everything but `timing` is a pure function of the emails, recordings, prompts and settings: the same
corpus gives the same bytes whatever the concurrency, and `--compare` ignores `timing`.
A record's violation spans index into its own `body` (the draft as the agent reads it, review banner
included), and `section_spans` say where each of the six sections sits in that body.
"""

from __future__ import annotations

import difflib
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from drafter_core.settings import Settings
from drafter_core.values import SECTION_NAMES, Attempt, Complaint, DraftResult, Sections, Violation

REPORT_FORMAT = 1
TEMPLATES = Path(__file__).with_name("templates")
STATUSES = ("ready", "needs_review", "skipped", "failed", "missing_recording")
FAILING_STATUSES = {"needs_review", "failed", "missing_recording"}


# -- one email -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Missing:
    """A model request with no recording: which attempt, its key, and the command that records it."""

    key: str
    attempt: int
    command: str


def email_view(complaint: Complaint | None) -> dict[str, Any] | None:
    """The customer's email as the report shows it beside the draft."""
    if complaint is None:
        return None
    sender = complaint.from_address or ""
    if complaint.from_name:
        sender = f"{complaint.from_name} <{sender}>" if sender else complaint.from_name
    return {
        "subject": complaint.subject,
        "from": sender,
        "date": complaint.date.isoformat() if complaint.date else None,
        "language": complaint.language,
        "body": complaint.body,
        "automated": complaint.automated,
        "facts": complaint.facts.model_dump(),
    }


def email_record(
    file: str,
    *,
    result: DraftResult | None,
    complaint: Complaint | None,
    settings: Settings,
    missing: Missing | None = None,
    error: str | None = None,
) -> dict[str, Any]:
    """One email's line in the report. `result` is None when the draft could not be made at all."""
    source = result.complaint if result else complaint
    record: dict[str, Any] = {
        "file": file,
        "status": "missing_recording" if missing else (result.status if result else "failed"),
        "reason": _reason(result, missing, error),
        "email": email_view(source),
        "automated": source.automated if source else None,
        "verdict": None, "attempts": 0, "history": [], "follow_up_date": None, "gesture": None,
        "backend": result.backend if result else None, "degraded": bool(result and result.degraded),
        "sections": None, "section_spans": {}, "body": None, "violations": [],
        "tokens": {"prompt": 0, "completion": 0, "total": 0}, "model_calls": 0,
        "recording": {"missing_key": missing.key, "attempt": missing.attempt, "command": missing.command}
        if missing else None,
        "expectations": [], "expectations_passed": None, "crashed": False,
    }
    if result is None:
        return record
    usage = result.usage
    record.update(
        attempts=result.attempts,
        tokens={"prompt": usage.prompt_tokens, "completion": usage.completion_tokens,
                "total": usage.total_tokens},
        model_calls=usage.model_calls,
        follow_up_date=result.plan.follow_up_date.isoformat() if result.plan else None,
        gesture={"name": result.plan.gesture.name, "wording": result.plan.gesture.wording}
        if result.plan else None,
        history=[_attempt_view(a, result, settings) for a in result.history],
    )
    if result.sections is not None and result.body is not None and result.verdict is not None:
        offset = _offset(result.body, _judged_body(result))
        record.update(
            sections=result.sections.model_dump(),
            body=result.body,
            section_spans=section_spans(result.body, result.sections, start=offset),
            verdict={"passed": result.verdict.passed, "codes": result.verdict.codes},
            violations=[_span(v, result.body, offset) for v in result.verdict.violations],
        )
    return record


def _reason(result: DraftResult | None, missing: Missing | None, error: str | None) -> str | None:
    if missing:
        kind = "first draft" if missing.attempt == 1 else f"repair (attempt {missing.attempt})"
        return f"no recording for the {kind}: key {missing.key[:12]}…"
    return error or (result.reason if result else None)


def _judged_body(result: DraftResult) -> str:
    """The text the guardrails judged last: the body without any review banner (their spans index into it)."""
    return next((a.body for a in reversed(result.history) if a.body is not None), "")


def _offset(body: str, judged: str) -> int:
    # The review banner is a prefix; anything else means the spans cannot be placed, so keep them as given.
    return len(body) - len(judged) if body.endswith(judged) else 0


def _span(violation: Violation, text: str, offset: int) -> dict[str, Any]:
    start, end = violation.start + offset, violation.end + offset
    if text[start:end] != violation.text:  # never highlight the wrong words: find them, or drop the span
        found = text.find(violation.text) if violation.text else -1
        start, end = (found, found + len(violation.text)) if found >= 0 else (-1, -1)
    return {"code": violation.code, "message": violation.message, "start": start, "end": end,
            "text": violation.text}


def _attempt_view(attempt: Attempt, result: DraftResult, settings: Settings) -> dict[str, Any]:
    view: dict[str, Any] = {"number": attempt.number, "kind": attempt.kind, "error": attempt.error,
                            "passed": attempt.verdict.passed if attempt.verdict else None,
                            "codes": attempt.verdict.codes if attempt.verdict else [],
                            "body": None, "section_spans": {}, "violations": [],
                            "tokens": attempt.usage.total_tokens}
    if attempt.sections is not None and attempt.body is not None:
        body = attempt.body
        violations = attempt.verdict.violations if attempt.verdict else []
        view.update(body=body, section_spans=section_spans(body, attempt.sections),
                    violations=[_span(v, body, 0) for v in violations])
    return view


def section_spans(body: str, sections: Sections, start: int = 0) -> dict[str, list[int]]:
    """Where each section's text sits in the assembled body, found in their fixed order."""
    spans: dict[str, list[int]] = {}
    cursor = start
    for name, text in sections.ordered():
        text = text.strip()
        found = body.find(text, cursor) if text else -1
        if found < 0:
            continue
        spans[name] = [found, found + len(text)]
        cursor = found + len(text)
    return spans


def is_failing(record: dict[str, Any]) -> bool:
    """Failing: needs review, failed, missing a recording, or an expectation not met."""
    return record.get("status") in FAILING_STATUSES or record.get("expectations_passed") is False


# -- the whole run -------------------------------------------------------------------------------


def totals(records: list[dict[str, Any]]) -> dict[str, Any]:
    statuses = Counter(r["status"] for r in records)
    final: Counter[str] = Counter()
    repaired: Counter[str] = Counter()
    for r in records:
        final.update(v["code"] for v in r["violations"])
        for attempt in r["history"][:-1]:
            repaired.update(v["code"] for v in attempt["violations"])
    checked = [r for r in records if r["expectations"]]
    return {
        "emails": len(records),
        **{status: statuses.get(status, 0) for status in STATUSES},
        "failing": sum(1 for r in records if is_failing(r)),
        "expectations": {
            "emails": len(checked),
            "checks": sum(len(r["expectations"]) for r in checked),
            "failed_checks": sum(1 for r in checked for e in r["expectations"] if e["passed"] is False),
            "failed_emails": sum(1 for r in checked if r["expectations_passed"] is False),
        },
        "model_attempts": sum(r["attempts"] for r in records),
        "model_calls": sum(r["model_calls"] for r in records),
        "tokens": {key: sum(r["tokens"][key] for r in records) for key in ("prompt", "completion", "total")},
        "violations_by_code": {code: {"final": final.get(code, 0), "repaired": repaired.get(code, 0)}
                               for code in sorted(set(final) | set(repaired))},
    }


def build_report(
    records: list[dict[str, Any]],
    *,
    directory: str,
    recordings: str,
    mode: str,
    today: str,
    model: str,
    recorded_with: list[str],
    timing: dict[str, Any],
) -> dict[str, Any]:
    ordered = sorted(records, key=lambda r: r["file"])
    return {
        "tool": "drafter replay", "format": REPORT_FORMAT, "directory": directory, "recordings": recordings,
        "mode": mode, "today": today, "model": model, "recorded_with": sorted(recorded_with),
        "emails": ordered, "totals": totals(ordered), "comparison": None, "timing": timing,
    }


def deterministic_part(report: dict[str, Any]) -> dict[str, Any]:
    """The report without its wall-clock `timing` block: what must not change between identical runs."""
    return {key: value for key, value in report.items() if key != "timing"}


# -- comparing with an earlier run ---------------------------------------------------------------


def load_report(path: Path) -> dict[str, Any]:
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
    return data


def compare_reports(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Newly failing, newly passing and changed drafts since `old`, by file name."""
    before = {r["file"]: r for r in old["emails"]}
    after = {r["file"]: r for r in new["emails"]}
    newly_failing, newly_passing, changed = [], [], []
    for file, record in sorted(after.items()):
        previous = before.get(file)
        was = is_failing(previous) if previous else False
        now = is_failing(record)
        entry = {"file": file, "old_status": previous["status"] if previous else None,
                 "new_status": record["status"]}
        if now and not was:
            newly_failing.append(entry)
        elif was and not now:
            newly_passing.append(entry)
        if previous and (previous.get("body"), previous["status"]) != (record.get("body"), record["status"]):
            changed.append({**entry, "diff": _diff(previous.get("body"), record.get("body"), file)})
    return {
        "against": old.get("today"),
        "newly_failing": newly_failing,
        "newly_passing": newly_passing,
        "changed": changed,
        "added": sorted(set(after) - set(before)),
        "removed": sorted(set(before) - set(after)),
    }


def _diff(old: str | None, new: str | None, file: str) -> list[str]:
    lines = difflib.unified_diff((old or "").splitlines(), (new or "").splitlines(),
                                 fromfile=f"before/{file}", tofile=f"after/{file}", lineterm="", n=1)
    return list(lines)


# -- HTML ----------------------------------------------------------------------------------------

SECTION_COLOURS = {"thank": "#2e7d32", "empathise": "#6a1b9a", "paraphrase": "#1565c0",
                   "apologise": "#c62828", "timeline": "#ef6c00", "surprise": "#00838f"}


def segments(body: str, spans: dict[str, list[int]],
             violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The body cut at every section and violation edge, grouped into runs of one section (or none).

    Each block is {section, pieces: [{text, violations: [index, ...]}]}: the template marks
    sections and highlights violations without ever building HTML in Python (autoescape stays whole).
    """
    placed = [(i, v) for i, v in enumerate(violations) if 0 <= v["start"] < v["end"] <= len(body)]
    cuts = {0, len(body)}
    for start, end in spans.values():
        cuts.update((start, end))
    for _, v in placed:
        cuts.update((v["start"], v["end"]))
    edges = sorted(cuts)
    blocks: list[dict[str, Any]] = []
    for start, end in zip(edges, edges[1:], strict=False):
        section = next((name for name, (s, e) in spans.items() if s <= start and end <= e), None)
        marks = [i for i, v in placed if v["start"] <= start and end <= v["end"]]
        if not blocks or blocks[-1]["section"] != section:
            blocks.append({"section": section, "pieces": []})
        blocks[-1]["pieces"].append({"text": body[start:end], "violations": marks})
    return blocks


def chart(violations_by_code: dict[str, dict[str, int]]) -> dict[str, Any]:
    """Geometry of the inline SVG bar chart: one row per code, final drafts and repaired attempts stacked."""
    rows = []
    top = max((c["final"] + c["repaired"] for c in violations_by_code.values()), default=0)
    scale = 360 / top if top else 0
    for index, (code, counts) in enumerate(violations_by_code.items()):
        final_width = round(counts["final"] * scale, 1)
        rows.append({"code": code, "final": counts["final"], "repaired": counts["repaired"],
                     "y": 8 + index * 26, "final_width": final_width,
                     "repaired_width": round(counts["repaired"] * scale, 1)})
    return {"rows": rows, "height": 16 + 26 * len(rows)}


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["segments"] = segments
    return env


def render_html(report: dict[str, Any]) -> str:
    """The self-contained page: inline CSS and JS only, every value from an email escaped."""
    template = _environment().get_template("report.html.j2")
    return template.render(
        report=report,
        totals=report["totals"],
        chart=chart(report["totals"]["violations_by_code"]),
        failing={r["file"]: is_failing(r) for r in report["emails"]},
        section_names=SECTION_NAMES,
        section_colours=SECTION_COLOURS,
    )


def write_json(report: dict[str, Any], path: Path) -> None:
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def write_html(report: dict[str, Any], path: Path) -> None:
    path.write_text(render_html(report), encoding="utf-8")
