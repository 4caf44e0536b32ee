"""The typed values passed between pipeline stages, defined once.

parse → Complaint;  plan → Plan;  model → Sections (+ Usage);  guardrails → Verdict;
assemble → Reply;  pipeline → DraftResult (what the CLI, the HTTP API and replay all print).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SECTION_NAMES: tuple[str, ...] = (
    "thank",
    "empathise",
    "paraphrase",
    "apologise",
    "timeline",
    "surprise",
)

Status = Literal["queued", "drafting", "ready", "needs_review", "skipped", "failed"]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Attachment(Frozen):
    filename: str | None
    content_type: str
    size: int


class Facts(Frozen):
    """Identifiers the customer wrote: the only ones a draft may repeat."""

    order_numbers: list[str] = Field(default_factory=list)
    invoice_numbers: list[str] = Field(default_factory=list)
    amounts: list[str] = Field(default_factory=list)
    dates: list[str] = Field(default_factory=list)


# A real model refuses (or bills) a multi-megabyte prompt; the start of a complaint is what matters.
BODY_SHOWN_CHARS = 20_000


class Complaint(Frozen):
    """An inbound email, decoded: who wrote, what they wrote, and what must not be answered."""

    message_id: str | None
    in_reply_to: str | None
    references: list[str]
    subject: str
    from_name: str | None
    from_address: str | None
    reply_to: str | None
    date: dt.datetime | None
    language: str
    body: str
    signature: str | None
    attachments: list[Attachment]
    automated: str | None
    facts: Facts
    quoted: str = ""
    body_cut: int = 0  # characters cut from the end of `body` by `shown_only`

    @property
    def body_shown(self) -> str:
        """The start of the body: all the model is shown, and all the plan and the guardrails read (a 10 MB
        email is not read again by every stage)."""
        return self.body[:BODY_SHOWN_CHARS]

    def shown_only(self) -> Complaint:
        """The complaint with its body cut to `body_shown`, all that drafting reads: a server that parses at
        intake and drafts later does not hold a 10 MB body while the model writes."""
        if len(self.body) <= BODY_SHOWN_CHARS:
            return self
        return self.model_copy(update={"body": self.body_shown,
                                       "body_cut": self.body_cut + len(self.body) - BODY_SHOWN_CHARS})


class Gesture(Frozen):
    """A goodwill gesture from the configured catalogue: the model phrases it, never invents it."""

    name: str
    wording: str
    value: float = 0.0
    currency: str = ""
    applies_to: list[str] = Field(default_factory=lambda: ["any"])
    wordings: dict[str, str] = Field(default_factory=dict)  # per language (ISO 639-1); `wording` is English

    def wording_in(self, language: str) -> str:
        """The gesture as a reply in `language` words it (English when no translation is configured)."""
        return self.wordings.get(language) or self.wording


class Plan(Frozen):
    """What the system decides before the model is asked anything."""

    today: dt.date
    follow_up_date: dt.date
    business_days: int
    severity: str
    topic: str
    gesture: Gesture
    language: str


class Sections(Frozen):
    """The six parts of a reply, in the only order they may come."""

    thank: str
    empathise: str
    paraphrase: str
    apologise: str
    timeline: str
    surprise: str

    def ordered(self) -> list[tuple[str, str]]:
        return [(name, getattr(self, name)) for name in SECTION_NAMES]


class Usage(Frozen):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0
    latency_ms: float = 0.0
    model_calls: int = 0
    retries: int = 0

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
            total_tokens=self.total_tokens + other.total_tokens,
            latency_ms=round(self.latency_ms + other.latency_ms, 3),
            model_calls=self.model_calls + other.model_calls,
            retries=self.retries + other.retries,
        )


class Violation(Frozen):
    """One guardrail failure, with the exact characters of the draft that caused it."""

    code: str
    message: str
    start: int
    end: int
    text: str


class Verdict(Frozen):
    passed: bool
    violations: list[Violation] = Field(default_factory=list)

    @property
    def codes(self) -> list[str]:
        return sorted({v.code for v in self.violations})


class Attempt(Frozen):
    """One model answer (first draft or a repair) and how the guardrails judged it."""

    number: int
    kind: Literal["draft", "repair"]
    sections: Sections | None
    verdict: Verdict | None
    error: str | None = None
    usage: Usage = Field(default_factory=Usage)
    body: str | None = None  # the text the guardrails judged: the violations' spans index into it


class Reply(Frozen):
    """The reply email, assembled once: the CLI prints it, the API stores it, delivery appends it.

    `message` is exactly what the customer may receive: nothing internal in it. What only the agent sees
    travels beside it: `keywords` for the delivered draft, and for a draft that needs review, `note`.
    """

    body: str  # the draft as the customer reads it
    message: str  # the whole RFC 5322 message, LF line endings
    needs_review: bool = False  # the guardrails still fail: the agent must read `note` before sending
    keywords: list[str] = Field(default_factory=list)  # IMAP keywords for the delivered draft, besides \Draft
    note: str = ""  # the review note (an RFC 5322 message to the agent, never a draft); "" when ready

    @property
    def wire(self) -> bytes:
        """The message as bytes with CRLF line endings, as IMAP APPEND and SMTP expect."""
        return _crlf(self.message)

    @property
    def note_wire(self) -> bytes:
        """The review note as bytes with CRLF line endings (empty when there is no note)."""
        return _crlf(self.note)


def _crlf(message: str) -> bytes:
    """A message with LF (or mixed) line endings as UTF-8 bytes with CRLF: no bare CR or LF is left."""
    return message.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n").encode("utf-8")


class DraftResult(Frozen):
    """Everything a caller needs: the draft, its verdict, and how it was made."""

    status: Status
    reason: str | None = None
    source: str
    complaint: Complaint
    plan: Plan | None = None
    sections: Sections | None = None
    reply: Reply | None = None
    verdict: Verdict | None = None
    backend: str
    degraded: bool = False
    attempts: int = 0
    history: list[Attempt] = Field(default_factory=list)
    usage: Usage = Field(default_factory=Usage)

    @property
    def body(self) -> str | None:
        return self.reply.body if self.reply else None

    @property
    def message(self) -> str | None:
        return self.reply.message if self.reply else None

    def to_public(self) -> dict[str, object]:
        """The JSON shape of `drafter draft --json` (a public contract)."""
        return {
            "status": self.status,
            "reason": self.reason,
            "source": self.source,
            "sections": self.sections.model_dump() if self.sections else None,
            "body": self.body,
            "follow_up_date": self.plan.follow_up_date.isoformat() if self.plan else None,
            "gesture": self.plan.gesture.model_dump() if self.plan else None,
            "language": self.plan.language if self.plan else None,
            "backend": self.backend,
            "degraded": self.degraded,
            "attempts": self.attempts,
            "history": [a.model_dump(mode="json") for a in self.history],
            "usage": self.usage.model_dump(),
            "verdict": self.verdict.model_dump() if self.verdict else None,
            "message": self.message,
        }
