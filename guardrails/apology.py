"""Apologies that are not apologies, and sympathy (pity FOR the customer) where empathy belongs.

"Sorry for any inconvenience" and "sorry you feel that way" apologise for nothing we did; "I feel
sorry for you" looks down on the customer instead of feeling it with them.
"""

from __future__ import annotations

from drafter_core.values import Violation
from guardrails.base import Check, CheckContext, said, violation
from guardrails.phrasebook import Phrases
from guardrails.rules import Rules
from guardrails.text import analyse, someone_elses


def check_non_apology(text: str, context: CheckContext, phrases: Phrases, rules: Rules) -> list[Violation]:
    doc = analyse(text, phrases.pattern("text.clause_breaks"))
    return [
        violation("non_apology", text, m.start(), m.end(), rules.message("non_apology", quote=said(text, m)))
        for m in phrases.pattern("apology.non_apology").finditer(doc.tokens)
        if not someone_elses(doc, m.start(), m.end(), phrases)
    ]


def check_sympathy(text: str, context: CheckContext, phrases: Phrases, rules: Rules) -> list[Violation]:
    doc = analyse(text, phrases.pattern("text.clause_breaks"))
    negators = phrases.pattern("apology.sympathy_negators")
    return [
        violation("sympathy_not_empathy", text, m.start(), m.end(),
                  rules.message("sympathy_not_empathy", quote=said(text, m)))
        for m in phrases.pattern("apology.sympathy").finditer(doc.tokens)
        if not negators.search(doc.tokens, doc.before_start(m.start(), 30), m.start())
        and not someone_elses(doc, m.start(), m.end(), phrases)
    ]


CHECKS = (
    Check("non_apology", check_non_apology),
    Check("sympathy_not_empathy", check_sympathy),
)
