"""How much the agent changed a draft before sending it, section by section.

The sent text is what the agent wrote above the quoted mail. Each of the draft's sections is aligned with
its closest stretch of the sent text (rapidfuzz's partial-ratio alignment, a maintained C++ implementation),
and the distance is the normalised Levenshtein distance between the section and that stretch: 0 for a section
sent as drafted, 1 for one deleted or rewritten beyond recognition (an alignment this poor is no alignment:
two unrelated English sentences still share half their letters).
"""

from __future__ import annotations

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from drafter_core.values import SECTION_NAMES


def squeezed(text: str) -> str:
    """Whitespace and line wrapping do not count as edits (mail clients re-wrap and re-flow text)."""
    return " ".join(text.split())


NO_ALIGNMENT = 60  # a partial-ratio score below this: the section is not in the sent text at all


def unchanged(sections: dict[str, str], sent_text: str) -> bool:
    """Every section sent word for word (a signature or disclaimer the mail client adds is no edit)."""
    sent = squeezed(sent_text)
    return all(squeezed(text) in sent for text in sections.values() if text.strip())


def section_edits(sections: dict[str, str], sent_text: str) -> dict[str, float]:
    """Per section, in the six-section order: 0.0 (sent as drafted) .. 1.0 (gone or rewritten)."""
    sent = squeezed(sent_text)
    edits = {}
    for name in SECTION_NAMES:
        text = squeezed(sections.get(name, ""))
        if text:
            edits[name] = round(_distance(text, sent), 3)
    return edits


def _distance(section: str, sent: str) -> float:
    if section in sent:
        return 0.0
    alignment = fuzz.partial_ratio_alignment(section, sent) if sent else None
    if alignment is None or alignment.score < NO_ALIGNMENT:
        return 1.0
    # partial_ratio aligns the shorter text inside the longer: find the sent stretch either way
    stretch = sent[alignment.dest_start:alignment.dest_end] if len(section) <= len(sent) else sent
    return Levenshtein.normalized_distance(section, stretch)
