"""How much the agent changed a draft before sending it, section by section.

The sent text is what the agent wrote above the quoted mail. Each of the draft's sections is aligned with
its closest stretch of the sent text (rapidfuzz's partial-ratio alignment, a maintained C++ implementation of
the edit distance), and the distance is 1 minus that similarity: 0 for a section sent as drafted, 1 for one
deleted or rewritten beyond recognition.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from drafter_core.values import SECTION_NAMES


def squeezed(text: str) -> str:
    """Whitespace and line wrapping do not count as edits (mail clients re-wrap and re-flow text)."""
    return " ".join(text.split())


def unchanged(draft_body: str, sent_text: str) -> bool:
    return squeezed(draft_body) == squeezed(sent_text)


def section_edits(sections: dict[str, str], sent_text: str) -> dict[str, float]:
    """Per section, in the six-section order: 0.0 (sent as drafted) .. 1.0 (gone or rewritten)."""
    sent = squeezed(sent_text)
    edits = {}
    for name in SECTION_NAMES:
        text = squeezed(sections.get(name, ""))
        if text:
            alignment = fuzz.partial_ratio_alignment(text, sent) if sent else None
            edits[name] = round(1 - (alignment.score if alignment else 0.0) / 100, 3)
    return edits
