"""The replay report: each email's record from its DraftResult, the totals, and the JSON document.

JSON (`drafter replay --json`), format 1:
    {tool, format, directory, recordings, mode, today, model, recorded_with: [..],
     emails: [record, ...] sorted by file, totals: {...}, comparison: {...} | null,
     timing: {total_seconds, per_email: {file: {wall_ms, model_latency_ms}}}, unused_recordings: [..] | null}
Everything but `timing` is a pure function of the emails, recordings, prompts and settings: the same
corpus gives the same bytes whatever the concurrency, and `--compare` ignores `timing`.
A record's violation spans index into its own `body` (the draft as the agent reads it, review banner
included), and `section_spans` say where each of the six sections sits in that body. Nothing is
rendered again here: the bodies are the pipeline's own (`Reply.body`, and each `Attempt.body`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from drafter.replay.values import (
    AttemptView,
    CodeCounts,
    Comparison,
    EmailOutcome,
    EmailRecord,
    EmailView,
    ExpectationTotals,
    GestureView,
    Missing,
    RecordStatus,
    Report,
    SectionSpans,
    Span,
    Timing,
    Tokens,
    Totals,
    VerdictView,
)
from drafter_core.values import Attempt, Complaint, DraftResult, Sections, Violation

__all__ = ["Missing", "build_report", "deterministic_part", "email_record", "email_view", "is_failing",
           "section_spans", "totals", "write_json"]


# -- one email -----------------------------------------------------------------------------------


def email_view(complaint: Complaint | None) -> EmailView | None:
    """The customer's email as the report shows it beside the draft."""
    if complaint is None:
        return None
    sender = complaint.from_address or ""
    if complaint.from_name:
        sender = f"{complaint.from_name} <{sender}>" if sender else complaint.from_name
    return EmailView(subject=complaint.subject, sender=sender, date=complaint.date, language=complaint.language,
                     body=complaint.body, automated=complaint.automated, facts=complaint.facts)


def email_record(
    file: str,
    *,
    result: DraftResult | None,
    complaint: Complaint | None,
    missing: Missing | None = None,
    error: str | None = None,
    crashed: bool = False,
) -> EmailRecord:
    """One email's line in the report. `result` is None when the draft could not be made at all.

    The bodies come with the result (`Reply.body`, each `Attempt.body`): nothing is rendered again.
    """
    status: RecordStatus = "missing_recording" if missing else (result.status if result else "failed")
    reason = _reason(result, missing, error)
    if result is None:
        return EmailRecord(file=file, status=status, reason=reason, email=email_view(complaint),
                           automated=complaint.automated if complaint else None, backend=None, degraded=False,
                           recording=missing, crashed=crashed)
    usage, plan, final = result.usage, result.plan, _final_draft(result)
    return EmailRecord(
        file=file, status=status, reason=reason, email=email_view(result.complaint),
        automated=result.complaint.automated, verdict=final.verdict, attempts=result.attempts,
        history=[_attempt_view(a) for a in result.history],
        follow_up_date=plan.follow_up_date if plan else None,
        gesture=GestureView(name=plan.gesture.name, wording=plan.gesture.wording) if plan else None,
        backend=result.backend, degraded=result.degraded, sections=final.sections,
        section_spans=final.section_spans, body=final.body, violations=final.violations,
        tokens=Tokens(prompt=usage.prompt_tokens, completion=usage.completion_tokens, total=usage.total_tokens),
        model_calls=usage.model_calls, recording=missing, crashed=crashed,
    )


@dataclass(frozen=True)
class FinalDraft:
    """The reply as the agent reads it, its sections and the last verdict's spans placed in it (or nothing)."""

    sections: Sections | None = None
    body: str | None = None
    section_spans: SectionSpans = field(default_factory=dict)
    verdict: VerdictView | None = None
    violations: list[Span] = field(default_factory=list)


def _final_draft(result: DraftResult) -> FinalDraft:
    if result.sections is None or result.reply is None or result.verdict is None:
        return FinalDraft()
    body = result.reply.body
    offset = _offset(body, _judged_body(result))
    return FinalDraft(sections=result.sections, body=body,
                      section_spans=section_spans(body, result.sections, start=offset),
                      verdict=VerdictView(passed=result.verdict.passed, codes=result.verdict.codes),
                      violations=[_span(v, body, offset) for v in result.verdict.violations])


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


def _span(violation: Violation, text: str, offset: int) -> Span:
    start, end = violation.start + offset, violation.end + offset
    if text[start:end] != violation.text:  # never highlight the wrong words: find them, or drop the span
        found = text.find(violation.text) if violation.text else -1
        start, end = (found, found + len(violation.text)) if found >= 0 else (-1, -1)
    return Span(code=violation.code, message=violation.message, start=start, end=end, text=violation.text)


def _attempt_view(attempt: Attempt) -> AttemptView:
    """One attempt, its spans placed in the body the guardrails judged (none when it gave no sections)."""
    verdict, body, sections = attempt.verdict, attempt.body, attempt.sections
    spans: SectionSpans = {}
    violations: list[Span] = []
    if body is not None and sections is not None:
        spans = section_spans(body, sections)
        violations = [_span(v, body, 0) for v in (verdict.violations if verdict else [])]
    else:
        body = None
    return AttemptView(number=attempt.number, kind=attempt.kind, error=attempt.error,
                       passed=verdict.passed if verdict else None, codes=verdict.codes if verdict else [],
                       body=body, section_spans=spans, violations=violations, tokens=attempt.usage.total_tokens)


def section_spans(body: str, sections: Sections, start: int = 0) -> SectionSpans:
    """Where each section's text sits in the assembled body, found in their fixed order."""
    spans: SectionSpans = {}
    cursor = start
    for name, text in sections.ordered():
        text = text.strip()
        found = body.find(text, cursor) if text else -1
        if found < 0:
            continue
        spans[name] = [found, found + len(text)]
        cursor = found + len(text)
    return spans


def is_failing(record: EmailRecord | EmailOutcome) -> bool:
    """Failing: needs review, failed, missing a recording, or an expectation not met."""
    return EmailOutcome.of(record).failing


# -- the whole run -------------------------------------------------------------------------------


def totals(records: list[EmailRecord]) -> Totals:
    statuses = Counter(r.status for r in records)
    checked = [r for r in records if r.expectations]
    return Totals(
        emails=len(records),
        ready=statuses["ready"], needs_review=statuses["needs_review"], skipped=statuses["skipped"],
        failed=statuses["failed"], missing_recording=statuses["missing_recording"],
        failing=sum(1 for r in records if is_failing(r)),
        expectations=ExpectationTotals(
            emails=len(checked),
            checks=sum(len(r.expectations) for r in checked),
            failed_checks=sum(1 for r in checked for e in r.expectations if e.passed is False),
            failed_emails=sum(1 for r in checked if r.expectations_passed is False),
        ),
        model_attempts=sum(r.attempts for r in records),
        model_calls=sum(r.model_calls for r in records),
        tokens=Tokens(prompt=sum(r.tokens.prompt for r in records),
                      completion=sum(r.tokens.completion for r in records),
                      total=sum(r.tokens.total for r in records)),
        violations_by_code=_violations_by_code(records),
    )


def _violations_by_code(records: list[EmailRecord]) -> dict[str, CodeCounts]:
    """Codes in final drafts, and in the earlier attempts that were sent back for repair."""
    final: Counter[str] = Counter()
    repaired: Counter[str] = Counter()
    for r in records:
        final.update(v.code for v in r.violations)
        for attempt in r.history[:-1]:
            repaired.update(v.code for v in attempt.violations)
    return {code: CodeCounts(final=final[code], repaired=repaired[code]) for code in sorted(set(final) | set(repaired))}


def build_report(
    records: list[EmailRecord],
    *,
    directory: str,
    recordings: str,
    mode: Literal["replay", "record"],
    today: dt.date,
    model: str,
    recorded_with: list[str],
    timing: Timing,
    unused_recordings: list[str] | None = None,
    comparison: Comparison | None = None,
) -> Report:
    ordered = sorted(records, key=lambda r: r.file)
    return Report(directory=directory, recordings=recordings, mode=mode, today=today, model=model,
                  recorded_with=sorted(recorded_with), emails=ordered, totals=totals(ordered),
                  comparison=comparison, timing=timing, unused_recordings=unused_recordings)


def deterministic_part(report: Mapping[str, object]) -> dict[str, object]:
    """A JSON report without its wall-clock `timing` block: what must not change between identical runs."""
    return {key: value for key, value in report.items() if key != "timing"}


def write_json(report: Report, path: Path) -> None:
    """The JSON report: the one place the typed report becomes a dict."""
    path.write_text(json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
