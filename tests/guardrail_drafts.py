"""A draft around one sentence, judged with the writers' catalogue and calendar (tests/guardrails_writers):
the harness of the behaviour tests written in each round of tuning."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafter_core.settings import load_settings
from drafter_core.values import Verdict
from guardrails import check_draft, context_from_settings, load_phrases

SETTINGS = load_settings(Path(__file__).parent / "guardrails_writers" / "drafter.toml", env={})
TUESDAY = dt.date(2026, 12, 1)
FOLLOW_UP = "I'll call you on Friday 4 December with an update."


def check(body: str, follow_up: str = FOLLOW_UP, today: dt.date = TUESDAY) -> tuple[str, Verdict]:
    """The draft (greeting, thanks, `body`, `follow_up`, sign-off) and its verdict."""
    draft = f"Hi Lee,\n\nThanks for getting in touch.\n\n{body}\n\n{follow_up}\n\nKind regards,\nMo"
    return draft, check_draft(draft, context_from_settings(SETTINGS, today), load_phrases(language="en"))


def codes(body: str, follow_up: str = FOLLOW_UP, today: dt.date = TUESDAY) -> list[str]:
    return check(body, follow_up, today)[1].codes


NO_DATE = "Thanks again for your patience."
WEDNESDAY = dt.date(2027, 2, 10)


def placed_codes(body: str, follow_up: str = NO_DATE, today: dt.date = WEDNESDAY) -> list[str]:
    """The codes of the draft around `body` (by default with no date of ours, on a Wednesday in February), each
    violation's text checked against the span it names."""
    draft, verdict = check(body, follow_up, today)
    assert all(v.text == draft[v.start:v.end] for v in verdict.violations)
    return verdict.codes


def codes_in(language: str, text: str, today: dt.date) -> tuple[set[str], list[object]]:
    """The codes of `text` judged as a reply in `language` with the packaged settings, and the violations (for
    the assertion message)."""
    verdict = check_draft(text, context_from_settings(PACKAGED, today, language=language))
    return set(verdict.codes), list(verdict.violations)


PACKAGED = load_settings(env={})


# The de/fr/es rounds' harness: judged on a Monday with the packaged catalogue; a sentence of ours with a concrete
# date in each language, and the three core codes.
MONDAY = dt.date(2026, 12, 7)
CORE = frozenset({"policy_deflection", "missing_follow_up_date", "over_promise"})
DATE = {"de": " Wir melden uns am Mittwoch, 9. Dezember.", "fr": " Nous vous écrirons le mercredi 9 décembre.",
        "es": " Le escribiremos el miércoles 9 de diciembre."}
MISSING = {"missing_follow_up_date"}
OVER = {"over_promise"}
POLICY = {"policy_deflection"}


def lang_codes(language: str, draft: str) -> set[str]:
    """Every code of `draft` as a reply in `language`, on MONDAY."""
    return codes_in(language, draft, MONDAY)[0]


def core_codes(language: str, draft: str) -> set[str]:
    """The three core codes of `draft` as a reply in `language`, on MONDAY."""
    return lang_codes(language, draft) & CORE
