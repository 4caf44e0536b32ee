"""Apologies that are not apologies, and sympathy (pity FOR the customer) where empathy belongs.

"Sorry for any inconvenience" and "sorry you feel that way" apologise for nothing we did; "I feel
sorry for you" looks down on the customer instead of feeling it with them.
"""

from __future__ import annotations

from drafter_core.values import Violation
from guardrails.base import Check, CheckContext, said, violation
from guardrails.phrasebook import Phrases
from guardrails.text import analyse, someone_elses


def check_non_apology(text: str, context: CheckContext, phrases: Phrases) -> list[Violation]:
    doc = analyse(text, phrases.pattern("text.clause_breaks"))
    return [
        violation("non_apology", text, m.start(), m.end(),
                  f"{said(text, m)} is a non-apology: it apologises for the customer's feelings or for 'any' "
                  f"problem instead of for what we did. Name our mistake and own it, e.g. \"I'm sorry we "
                  f"sent your order late and left you without it for your event.\"")
        for m in phrases.pattern("apology.non_apology").finditer(doc.tokens)
        if not someone_elses(doc, m.start(), m.end(), phrases)
    ]


def check_sympathy(text: str, context: CheckContext, phrases: Phrases) -> list[Violation]:
    doc = analyse(text, phrases.pattern("text.clause_breaks"))
    negators = phrases.pattern("apology.sympathy_negators")
    return [
        violation("sympathy_not_empathy", text, m.start(), m.end(),
                  f"{said(text, m)} is sympathy (feeling sorry FOR the customer), not empathy. Feel it WITH "
                  f"them instead: name their feeling and why it makes sense, e.g. \"I'd be just as "
                  f"frustrated to wait two weeks for a parcel that never came.\"")
        for m in phrases.pattern("apology.sympathy").finditer(doc.tokens)
        if not negators.search(doc.tokens, doc.before_start(m.start(), 30), m.start())
        and not someone_elses(doc, m.start(), m.end(), phrases)
    ]


CHECKS = (
    Check("non_apology", "An apology for the customer's feelings or for 'any inconvenience' instead of our mistake.",
          check_non_apology),
    Check("sympathy_not_empathy", "Pity for the customer ('I feel sorry for you') instead of empathy.",
          check_sympathy),
)
