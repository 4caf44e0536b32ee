"""The typed values the replay modules pass each other, defined once; `to_json()` is the only way to a dict.

run → EmailRecord (one per email: the draft, its spans, its expectation results);
report → Report (the records, Totals, Timing, a Comparison); compare reads any report as ReportOutcomes.
Every field is in the order, and under the name, the JSON report (format 1, see report.py) gives it.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer

from drafter_core.values import Facts, Sections, Status

RecordStatus = Status | Literal["missing_recording"]
FAILING_STATUSES = frozenset({"needs_review", "failed", "missing_recording"})
ExpectedValue = str | bool | list[str]
IsoDateTime = Annotated[dt.datetime, PlainSerializer(lambda value: value.isoformat(), return_type=str)]


class ReportValue(BaseModel):
    """A frozen part of the report. `to_json()` is its shape in the JSON report, made at the edge."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    def to_json(self) -> dict[str, object]:
        return self.model_dump(mode="json", by_alias=True)


# -- one email -----------------------------------------------------------------------------------


class Missing(ReportValue):
    """A model request with no recording: which attempt, its key, and the command that records it."""

    key: str = Field(serialization_alias="missing_key")
    attempt: int
    command: str


class EmailView(ReportValue):
    """The customer's email as the report shows it beside the draft."""

    subject: str
    sender: str = Field(serialization_alias="from")
    date: IsoDateTime | None
    language: str
    body: str
    automated: str | None
    facts: Facts


class Span(ReportValue):
    """A violation placed in the body it is shown with; start = end = -1 when its words are not there."""

    code: str
    message: str
    start: int
    end: int
    text: str


class VerdictView(ReportValue):
    passed: bool
    codes: list[str]


class GestureView(ReportValue):
    name: str
    wording: str


class Tokens(ReportValue):
    prompt: int = 0
    completion: int = 0
    total: int = 0


SectionSpans = dict[str, list[int]]  # section name → [start, end] in the body it belongs to


class AttemptView(ReportValue):
    """One model answer as the guardrails judged it (its own body, spans into that body)."""

    number: int
    kind: Literal["draft", "repair"]
    error: str | None
    passed: bool | None
    codes: list[str]
    body: str | None = None
    section_spans: SectionSpans = {}
    violations: list[Span] = []
    tokens: int


class ExpectationResult(ReportValue):
    """One NAME.expect.toml check: passed True/False, or None when it cannot be judged (no recording)."""

    check: str
    expected: ExpectedValue
    actual: ExpectedValue | None
    passed: bool | None


class EmailRecord(ReportValue):
    """One email's line in the report: the draft as the agent reads it, with every span indexing into `body`."""

    file: str
    status: RecordStatus
    reason: str | None
    email: EmailView | None
    automated: str | None
    verdict: VerdictView | None = None
    attempts: int = 0
    history: list[AttemptView] = []
    follow_up_date: dt.date | None = None
    gesture: GestureView | None = None
    backend: str | None
    degraded: bool
    sections: Sections | None = None
    section_spans: SectionSpans = {}
    body: str | None = None
    violations: list[Span] = []
    tokens: Tokens = Tokens()
    model_calls: int = 0
    recording: Missing | None
    expectations: list[ExpectationResult] = []
    expectations_passed: bool | None = None
    crashed: bool = False


# -- the whole run -------------------------------------------------------------------------------


class ExpectationTotals(ReportValue):
    emails: int
    checks: int
    failed_checks: int
    failed_emails: int


class CodeCounts(ReportValue):
    """How often a guardrail code was in final drafts, and in earlier attempts sent back for repair."""

    final: int
    repaired: int


class Totals(ReportValue):
    emails: int
    ready: int
    needs_review: int
    skipped: int
    failed: int
    missing_recording: int
    failing: int
    expectations: ExpectationTotals
    model_attempts: int
    model_calls: int
    tokens: Tokens
    violations_by_code: dict[str, CodeCounts]


class EmailTiming(ReportValue):
    wall_ms: float
    model_latency_ms: float


class Timing(ReportValue):
    """Wall-clock values, kept apart from the deterministic part of the report."""

    total_seconds: float
    concurrency: int
    per_email: dict[str, EmailTiming]


class StatusChange(ReportValue):
    file: str
    old_status: str | None
    new_status: str


class ChangedDraft(StatusChange):
    diff: list[str]


class Comparison(ReportValue):
    """What changed since an earlier run, by file name."""

    against: str | None
    newly_failing: list[StatusChange]
    newly_passing: list[StatusChange]
    changed: list[ChangedDraft]
    added: list[str]
    removed: list[str]


class Report(ReportValue):
    tool: Literal["drafter replay"] = "drafter replay"
    format: Literal[1] = 1
    directory: str
    recordings: str
    mode: Literal["replay", "record"]
    today: dt.date
    model: str
    recorded_with: list[str]
    emails: list[EmailRecord]
    totals: Totals
    comparison: Comparison | None = None
    timing: Timing
    unused_recordings: list[str] | None = None  # None when only some emails ran (--only)


# -- what every report has: read by --compare, whatever wrote the report -------------------------


class EmailOutcome(BaseModel):
    """The part of a record every format-1 report has; `failing` is the one definition of failing."""

    model_config = ConfigDict(frozen=True, extra="ignore", strict=True, from_attributes=True)

    file: str
    status: str
    body: str | None = None
    expectations_passed: bool | None = None

    @classmethod
    def of(cls, record: EmailRecord | EmailOutcome) -> EmailOutcome:
        """The outcome of this run's record (an earlier run's is read with model_validate)."""
        return record if isinstance(record, EmailOutcome) else cls.model_validate(record)

    @property
    def failing(self) -> bool:
        """Failing: needs review, failed, missing a recording, or an expectation not met."""
        return self.status in FAILING_STATUSES or self.expectations_passed is False


class ReportOutcomes(BaseModel):
    """A report as --compare reads it: this run's Report, or an earlier `--json` file loaded as it is."""

    model_config = ConfigDict(frozen=True, extra="ignore", strict=True, from_attributes=True)

    today: str | None = None
    emails: list[EmailOutcome]

    @classmethod
    def of(cls, report: Report | ReportOutcomes) -> ReportOutcomes:
        if isinstance(report, ReportOutcomes):
            return report
        # a Report's `today` is a date; an earlier file's is the ISO string
        return cls(today=report.today.isoformat(), emails=[EmailOutcome.of(r) for r in report.emails])
