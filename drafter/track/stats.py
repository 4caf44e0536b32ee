"""What agents did with the drafts, and whether the follow-ups were kept: the figures of `drafter stats`.

Every draft delivered since a day is, as of `today`: sent *unchanged*, sent *edited*, *never sent* (still not
sent [tracking] never_sent_after_days after delivery), or *pending*. Acceptance is the share sent unchanged of
those decided; the edit rate of a section is its mean edit distance (0..1, edits.py) over the drafts sent.
Both are broken down by guardrail verdict, gesture and backend; follow-ups are counted kept, missed or open.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from drafter.track.ledger import DraftRecord, Ledger, SentRecord
from drafter_core.values import SECTION_NAMES

OUTCOMES = ("unchanged", "edited", "never_sent", "pending")


@dataclass
class Group:
    """The outcomes of a set of drafts, and their section edits."""

    outcomes: Counter[str] = field(default_factory=Counter)
    edits: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))

    def add(self, outcome: str, edits: dict[str, float]) -> None:
        self.outcomes[outcome] += 1
        for name, distance in edits.items():
            self.edits[name].append(distance)

    @property
    def acceptance(self) -> float | None:
        """Sent unchanged, of the drafts whose fate is known (sent, or never sent)."""
        decided = sum(self.outcomes[o] for o in ("unchanged", "edited", "never_sent"))
        return self.outcomes["unchanged"] / decided if decided else None

    def edit_rate(self) -> dict[str, float | None]:
        return {name: (sum(self.edits[name]) / len(self.edits[name]) if self.edits[name] else None)
                for name in SECTION_NAMES}

    def to_json(self) -> dict[str, Any]:
        return {"drafts": sum(self.outcomes.values()), **{o: self.outcomes[o] for o in OUTCOMES},
                "acceptance": _round(self.acceptance),
                "edit_rate": {k: _round(v) for k, v in self.edit_rate().items()}}


@dataclass
class Stats:
    since: dt.date
    today: dt.date
    overall: Group = field(default_factory=Group)
    by_verdict: dict[str, Group] = field(default_factory=lambda: defaultdict(Group))
    by_gesture: dict[str, Group] = field(default_factory=lambda: defaultdict(Group))
    by_backend: dict[str, Group] = field(default_factory=lambda: defaultdict(Group))
    by_day: dict[dt.date, Group] = field(default_factory=lambda: defaultdict(Group))
    follow_ups: Counter[str] = field(default_factory=Counter)
    follow_ups_by_due: dict[dt.date, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))

    def to_json(self) -> dict[str, Any]:
        def groups(table: dict[Any, Group], key: Callable[[Any], str] = str) -> dict[str, Any]:
            return {key(name): group.to_json() for name, group in sorted(table.items())}

        return {
            "since": self.since.isoformat(), "today": self.today.isoformat(), "overall": self.overall.to_json(),
            "by_verdict": groups(self.by_verdict), "by_gesture": groups(self.by_gesture),
            "by_backend": groups(self.by_backend), "by_day": groups(self.by_day, dt.date.isoformat),
            "follow_ups": {state: self.follow_ups[state] for state in ("kept", "missed", "open")},
            "follow_ups_by_due": {day.isoformat(): {s: c[s] for s in ("kept", "missed", "open")}
                                  for day, c in sorted(self.follow_ups_by_due.items())},
        }


def compute(ledger: Ledger, since: dt.date, today: dt.date, never_sent_after_days: int) -> Stats:
    stats = Stats(since=since, today=today)
    for draft in ledger.drafts(since):
        outcome, edits = fate(draft, ledger.first_reply(draft.draft_id), today, never_sent_after_days)
        for group in (stats.overall, stats.by_verdict[draft.status], stats.by_gesture[draft.gesture or "none"],
                      stats.by_backend[draft.backend or "unknown"], stats.by_day[draft.delivered_on]):
            group.add(outcome, edits)
    for commitment in ledger.commitments():
        sent = ledger.sent_message(commitment.reply_id)
        if sent is None or sent.sent_on >= since:
            stats.follow_ups[commitment.state] += 1
            stats.follow_ups_by_due[commitment.due][commitment.state] += 1
    return stats


def fate(draft: DraftRecord, reply: SentRecord | None, today: dt.date,
         never_sent_after_days: int) -> tuple[str, dict[str, float]]:
    if reply is not None and reply.outcome in ("unchanged", "edited"):
        return reply.outcome, reply.edits
    if (today - draft.delivered_on).days >= never_sent_after_days:
        return "never_sent", {}
    return "pending", {}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)
