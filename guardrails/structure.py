"""The six sections: thank, empathise, paraphrase, apologise, timeline, surprise - none empty, in order.

Judged only when the draft is known section by section (context.sections): each section must have
words in it, and the draft text must hold them in their order. A plain draft is not judged here, as
cue words cannot tell an empathy sentence from a paraphrase reliably enough to reject a draft.
"""

from __future__ import annotations

from drafter_core.values import SECTION_NAMES, Violation
from guardrails.base import Check, CheckContext, violation
from guardrails.phrasebook import Phrases
from guardrails.rules import Rules

_ORDER = ", ".join(SECTION_NAMES)


def check_missing_section(text: str, context: CheckContext, phrases: Phrases, rules: Rules) -> list[Violation]:
    if context.sections is None:
        return []
    return [
        violation("missing_section", text, 0, 0, _message(rules, "missing_section", "", name))
        for name, body in context.sections.ordered() if not body.strip()
    ]


def check_section_order(text: str, context: CheckContext, phrases: Phrases, rules: Rules) -> list[Violation]:
    """Each section must be found in the text after the one before it."""
    if context.sections is None:
        return []
    found: list[Violation] = []
    cursor = 0
    for name, body in context.sections.ordered():
        part = body.strip()
        if not part:  # reported as missing_section too; the sequence thank … surprise is broken either way
            found.append(violation("section_order", text, 0, 0, _message(rules, "section_order", "missing", name)))
            continue
        start = text.find(part, cursor)
        if start >= 0:
            cursor = start + len(part)
            continue
        anywhere = text.find(part)
        if anywhere >= 0:
            found.append(violation("section_order", text, anywhere, anywhere + len(part),
                                   _message(rules, "section_order", "misplaced", name)))
        else:
            found.append(violation("section_order", text, 0, 0, _message(rules, "section_order", "absent", name)))
    return found


def _message(rules: Rules, code: str, situation: str, section: str) -> str:
    return rules.message(code, situation, section=section, order=_ORDER, section_fix=rules.text("sections", section))


CHECKS = (
    Check("missing_section", check_missing_section),
    Check("section_order", check_section_order),
)
