"""What every check shares: the context a draft is judged in, the shape of a check, and violations.

A check is Mailman-style: a name (its code), a description, and one `check(text, context, phrases, rules)`
that returns the violations it found, each with the exact characters of the draft that caused it and
a message worded by the rule book (rules.toml).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from drafter_core.replies import long_date, weekday_name
from drafter_core.settings import CalendarSettings, DataSettings
from drafter_core.values import Facts, Gesture, Sections, Violation
from guardrails.rules import Rules, load_rules

if TYPE_CHECKING:
    from guardrails.phrasebook import Phrases


@dataclass(frozen=True)
class CheckContext:
    """Everything a check may know about the draft besides its text; only `today` is always known."""

    today: dt.date
    calendar: CalendarSettings
    gestures: tuple[Gesture, ...]
    min_lead_business_days: int = 1
    follow_up_date: dt.date | None = None
    facts: Facts | None = None
    customer_text: str | None = None
    sections: Sections | None = None
    support_address: str = "support@example.com"  # always allowed in a draft (injection check)
    allowed_link_domains: tuple[str, ...] = ()  # besides the support address's domain
    allowed_payment_details: tuple[str, ...] = ()
    prompt_text: str | None = None  # our prompts' own words: a reply must not repeat them (prompt_leak)
    customer_name: str | None = None  # whom the reply is for (wrong_recipient)
    language: str | None = None  # the customer's language, which the reply must be in (wrong_language)
    phrases_file: Path | None = None  # the phrase book check_draft uses when given none (default: ours)
    rules_file: Path | None = None  # the rule book that words the violations (default: ours)
    replies_file: Path | None = None  # how a date is written out in the reply's language (default: ours)
    topics_file: Path | None = None  # the topic words a paraphrase is compared by (default: ours)


    def long_date(self, day: dt.date, *, with_weekday: bool = True) -> str:
        """A date in a violation's message, written out in the reply's language ("Freitag, 4. Dezember 2026")."""
        return long_date(day, self.language or "en", self._replies_file, with_weekday=with_weekday)

    def weekday(self, day: dt.date) -> str:
        return weekday_name(day, self.language or "en", self._replies_file)

    @property
    def _replies_file(self) -> Path:
        return self.replies_file or DataSettings().replies_file


CheckFunction = Callable[[str, CheckContext, "Phrases", Rules], list[Violation]]


@dataclass(frozen=True)
class Check:
    """One named rule: `check` returns its violations (empty when the draft is fine)."""

    code: str
    run: CheckFunction

    @property
    def name(self) -> str:
        return self.code

    @property
    def description(self) -> str:
        """What the rule catches, from the packaged rule book (another one: load_rules(path).description(code))."""
        return load_rules().description(self.code)

    def check(self, text: str, context: CheckContext, phrases: Phrases, rules: Rules) -> list[Violation]:
        return self.run(text, context, phrases, rules)


def violation(code: str, text: str, start: int, end: int, message: str) -> Violation:
    """A violation whose `text` is exactly `text[start:end]` (the contract every check keeps)."""
    return Violation(code=code, message=message, start=start, end=end, text=text[start:end])


def said(text: str, match: re.Match[str]) -> str:
    """The draft's own words at a match, quoted for a message."""
    return quoted(text[match.start():match.end()])


def quoted(words: str) -> str:
    """Words of the draft as a message's {quote} shows them."""
    return f"'{words}'"
