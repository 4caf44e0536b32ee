"""The six sections: thank, empathise, paraphrase, apologise, timeline, surprise - none empty, in order.

Judged only when the draft is known section by section (context.sections): each section must have
words in it, and the draft text must hold them in their order. A plain draft is not judged here, as
cue words cannot tell an empathy sentence from a paraphrase reliably enough to reject a draft.
"""

from __future__ import annotations

from drafter_core.values import SECTION_NAMES, Violation
from guardrails.base import Check, CheckContext, violation
from guardrails.phrasebook import Phrases

_HOW_TO_FIX = {
    "thank": "thank the customer for writing and for telling us",
    "empathise": "say how the customer feels and why that makes sense, feeling it with them",
    "paraphrase": "restate the complaint in our words, with the order number, dates and amounts they gave",
    "apologise": "apologise plainly for what we did wrong",
    "timeline": "say what we will do next and the concrete follow-up date",
    "surprise": "offer the goodwill gesture from the catalogue",
}
_ORDER = ", ".join(SECTION_NAMES)


def check_missing_section(text: str, context: CheckContext, phrases: Phrases) -> list[Violation]:
    if context.sections is None:
        return []
    return [
        violation("missing_section", text, 0, 0,
                  f"The {name} section is empty. Write it, in its place ({_ORDER}): {_HOW_TO_FIX[name]}.")
        for name, body in context.sections.ordered() if not body.strip()
    ]


def check_section_order(text: str, context: CheckContext, phrases: Phrases) -> list[Violation]:
    """Each section must be found in the text after the one before it."""
    if context.sections is None:
        return []
    found: list[Violation] = []
    cursor = 0
    for name, body in context.sections.ordered():
        part = body.strip()
        if not part:  # reported as missing_section too; the sequence thank … surprise is broken either way
            found.append(violation("section_order", text, 0, 0,
                                   f"The {name} section is missing, so the draft does not run {_ORDER}. Write it "
                                   f"in its place: {_HOW_TO_FIX[name]}."))
            continue
        start = text.find(part, cursor)
        if start >= 0:
            cursor = start + len(part)
            continue
        anywhere = text.find(part)
        if anywhere >= 0:
            found.append(violation("section_order", text, anywhere, anywhere + len(part),
                                   f"The {name} section is out of place. Put the sections in this order: {_ORDER}; "
                                   f"move this part so that it comes where you {_HOW_TO_FIX[name]}."))
        else:
            found.append(violation("section_order", text, 0, 0,
                                   f"The {name} section is not in the draft text. Put it in its place "
                                   f"({_ORDER}): {_HOW_TO_FIX[name]}."))
    return found


CHECKS = (
    Check("missing_section", "A section (thank … surprise) of a draft known by sections is empty.",
          check_missing_section),
    Check("section_order", "A draft known by sections does not hold them in the order thank, empathise, "
          "paraphrase, apologise, timeline, surprise.", check_section_order),
)
