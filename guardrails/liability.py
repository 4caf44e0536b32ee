"""Admissions of liability: the draft owns the mistake (an apology) but never concedes legal fault.

"I'm sorry we sent the wrong size" is an apology; "we accept full legal liability for all damages",
"this was gross negligence on our part", "wir übernehmen die volle Haftung" are admissions a support
reply must not make without legal review. The phrase book's `liability.admissions` lists them in
every language drafter answers in; a negated one ("without admitting liability", "sans reconnaître
notre responsabilité") is not an admission.
"""

from __future__ import annotations

from drafter_core.values import Violation
from guardrails.base import Check, CheckContext, said, violation
from guardrails.phrasebook import Phrases
from guardrails.rules import Rules
from guardrails.text import analyse, someone_elses

CODE = "liability_admission"


def check_liability_admission(text: str, context: CheckContext, phrases: Phrases, rules: Rules) -> list[Violation]:
    doc = analyse(text, phrases.pattern("text.clause_breaks"))
    negators = phrases.pattern("liability.negators")
    found = []
    for m in phrases.pattern("liability.admissions").finditer(doc.tokens):
        clause_start = doc.clause_start(m.start())
        if negators.search(doc.tokens, clause_start, m.start()) or someone_elses(doc, m.start(), m.end(), phrases):
            continue
        found.append(violation(CODE, text, m.start(), m.end(), rules.message(CODE, quote=said(text, m))))
    return found


CHECKS = (Check(CODE, check_liability_admission),)
