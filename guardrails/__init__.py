"""Guardrails: judge a draft reply before a human sees it, and say exactly what to fix.

    check_draft(text, context) -> Verdict      every check in CHECKS, violations sorted by position
    CHECKS                                      the named checks, Mailman-style (code, description, check)
    load_phrases(path)                          the phrase book a support lead edits ([data] phrases_file)
    load_rules(path)                            each rule's description, messages and fixes ([data] rules_file)

Codes (a public contract): policy_deflection, missing_follow_up_date, over_promise, and the extras
follow_up_date_mismatch, past_follow_up_date, weekday_mismatch, non_apology, sympathy_not_empathy,
missing_section, section_order, unknown_fact, injection_obeyed, paraphrase_unrelated; and the checks that
hold when the model obeys an attacker: link_not_allowed, payment_details, prompt_leak, liability_admission,
wrong_recipient, complaint_not_addressed; and wrong_language (issue 19).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from drafter_core.settings import Settings
from drafter_core.values import Verdict, Violation
from guardrails import (
    addressed,
    apology,
    dates,
    injection,
    invented,
    language,
    leaks,
    liability,
    links,
    paraphrase,
    payments,
    policy,
    promises,
    recipients,
    structure,
)
from guardrails.base import Check, CheckContext
from guardrails.phrasebook import Phrases, language_files, load_phrases
from guardrails.rules import Rules, load_rules

__all__ = [
    "CHECKS",
    "HIJACKED_MODEL_CODES",
    "Check",
    "CheckContext",
    "Phrases",
    "Rules",
    "check_draft",
    "context_from_settings",
    "load_phrases",
    "load_rules",
    "phrases_from_settings",
]

# A template's tags and comments: what is between them is our prompt's own wording.
_JINJA = re.compile(r"\{#.*?#\}|\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)

CHECKS: tuple[Check, ...] = (
    *policy.CHECKS,
    *dates.CHECKS,
    *promises.CHECKS,
    *apology.CHECKS,
    *structure.CHECKS,
    *invented.CHECKS,
    *injection.CHECKS,
    *paraphrase.CHECKS,
    *links.CHECKS,
    *payments.CHECKS,
    *leaks.CHECKS,
    *liability.CHECKS,
    *recipients.CHECKS,
    *addressed.CHECKS,
    *language.CHECKS,
)


# The checks that hold when the model obeys an attacker (issue 18); the evaluations list them apart.
HIJACKED_MODEL_CODES: tuple[str, ...] = (
    "past_follow_up_date",
    *(check.code for check in (*links.CHECKS, *payments.CHECKS, *leaks.CHECKS, *liability.CHECKS,
                               *recipients.CHECKS, *addressed.CHECKS)),
)


def check_draft(text: str, context: CheckContext, phrases: Phrases | None = None) -> Verdict:
    """Run every check on `text`; the verdict passes only when no check found anything.

    The phrase book is `phrases`, else context.phrases_file's; the messages are context.rules_file's, in the
    reply's language where a rule book for it lies beside (rules.de.toml)."""
    phrases = phrases or load_phrases(context.phrases_file, context.language)
    rules = load_rules(context.rules_file, context.language)
    found: dict[tuple[str, int, int, str], Violation] = {}
    for check in CHECKS:
        for item in check.check(text, context, phrases, rules):
            found.setdefault((item.code, item.start, item.end, item.message), item)
    violations = sorted(found.values(), key=lambda v: (v.start, v.end, v.code))
    return Verdict(passed=not violations, violations=violations)


def context_from_settings(settings: Settings, today: dt.date, **known: Any) -> CheckContext:
    """A CheckContext from settings; `known` adds follow_up_date, facts, customer_text, sections, customer_name
    (and may replace prompt_text)."""
    known.setdefault("prompt_text", prompt_text(settings.data.prompts_dir))
    return CheckContext(
        today=today,
        calendar=settings.calendar,
        gestures=tuple(settings.gestures),
        min_lead_business_days=settings.guardrails.min_lead_business_days,
        support_address=settings.support.address,
        allowed_link_domains=settings.guardrails.allowed_link_domains,
        allowed_payment_details=settings.guardrails.allowed_payment_details,
        phrases_file=settings.data.phrases_file,
        rules_file=settings.data.rules_file,
        topics_file=settings.data.topics_file,
        replies_file=settings.data.replies_file,
        **known,
    )


def prompt_text(prompts_dir: Path) -> str:
    """Our own words to the model: the fixed text of the system, user and repair prompts, with the rules the
    system prompt sets (template tags and comments left out). The rule book's messages are not in it: they
    quote good wording a reply may well use ("I can't promise it will never happen again, but")."""
    return _prompt_text(prompts_dir.resolve())


@lru_cache(maxsize=4)
def _prompt_text(prompts_dir: Path) -> str:
    parts = []
    for name in ("system.j2", "user.j2", "repair.j2"):
        path = prompts_dir / name
        if path.is_file():
            parts.append(_JINJA.sub("\n", path.read_text(encoding="utf-8")))
    return "\n".join(parts)


def phrases_from_settings(settings: Settings) -> list[Phrases]:
    """The phrase books a reply is checked with, as [data] phrases_file names them: the main book alone (English)
    and with each language file beside it. The book of every language at once, for a text whose language is not
    known, is built only when one is checked (`drafter check`): a server never needs it."""
    path = Path(settings.data.phrases_file)
    languages = ["en"] + [file.name.removeprefix(f"{path.stem}.").removesuffix(path.suffix)
                          for file in language_files(path)]
    return [load_phrases(path, language) for language in dict.fromkeys(languages)]
