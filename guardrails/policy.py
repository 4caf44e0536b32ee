"""Policy deflection: the draft hides behind rules instead of solving the customer's problem.

Naming a rule is fine when the draft acts in the customer's favour (an exception, a waived fee, a
rule sent for review), disowns it ("you were told 'it's policy' - that was wrong"), or quotes it.
"""

from __future__ import annotations

import re

from drafter_core.values import Violation
from guardrails.base import Check, CheckContext, said, violation
from guardrails.phrasebook import Phrases
from guardrails.rules import Rules
from guardrails.text import Doc, analyse, someone_elses

CODE = "policy_deflection"


def check_policy_deflection(text: str, context: CheckContext, phrases: Phrases, rules: Rules) -> list[Violation]:
    doc = analyse(text, phrases.pattern("text.clause_breaks"))
    return [
        violation(CODE, text, m.start(), m.end(), rules.message(CODE, quote=said(text, m)))
        for m in phrases.pattern("policy.deflection").finditer(doc.tokens)
        if not _excused(doc, m, phrases)
    ]


def _excused(doc: Doc, m: re.Match[str], phrases: Phrases) -> bool:
    if someone_elses(doc, m.start(), m.end(), phrases):
        return True
    start, end = doc.sentence(m.start())
    if phrases.pattern("policy.disowned").search(doc.tokens, start, end) or _favour(doc, start, end, phrases):
        return True
    following = doc.next_sentence(m.start())
    if following is None:
        return False
    next_start, next_end = following
    if phrases.pattern("policy.disowned").search(doc.tokens, next_start, next_end):
        return True
    opener = phrases.pattern("policy.contrast_openers").match(doc.tokens, _skip_space(doc.norm, next_start))
    return opener is not None and _favour(doc, next_start, next_end, phrases)


def _favour(doc: Doc, start: int, end: int, phrases: Phrases) -> bool:
    """Does this sentence act in the customer's favour? "we cannot make an exception" does not."""
    negators = phrases.pattern("text.negators")
    return any(
        not negators.search(doc.tokens, max(start, m.start() - 25), m.start())
        for m in phrases.pattern("policy.in_customer_favour").finditer(doc.tokens, start, end)
    )


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and not text[pos].isalnum():
        pos += 1
    return pos


CHECKS = (Check(CODE, check_policy_deflection),)
