"""A reply in another language than the customer's: each part the model wrote must be in their language.

Judged section by section when the draft is known by sections (else paragraph by paragraph), only where the
language detector is sure (a paragraph of `language.min_words` words or more), so a quoted product name or a
short English term does not count. Runs only when the reply's language is known (the pipeline knows it).
"""

from __future__ import annotations

import re

from drafter_core.language import confident_language
from drafter_core.values import Violation
from guardrails.base import Check, CheckContext, quoted, violation
from guardrails.phrasebook import Phrases
from guardrails.rules import Rules
from guardrails.text import section_spans

CODE = "wrong_language"
_WORDS = re.compile(r"[^\W\d_]+")
_PARAGRAPH = re.compile(r"[^\n]+(?:\n[^\n]+)*")


def check_wrong_language(text: str, context: CheckContext, phrases: Phrases, rules: Rules) -> list[Violation]:
    expected = context.language
    if not expected:
        return []
    least = int(phrases.value("language.min_words"))
    found = []
    for start, end in _parts(text, context):
        part = text[start:end]
        words = _prose(part)  # (the sign-off's name and brand lines say nothing of the language)
        if len(_WORDS.findall(words)) < least:
            continue
        language = confident_language(words, expected)
        if language is not None and language != expected:
            found.append(violation(CODE, text, start, end, rules.message(
                CODE, quote=quoted(_short(part)), found=rules.language_name(language),
                expected=rules.language_name(expected))))
    return found


def _prose(part: str) -> str:
    """The part without its lines of names (a signature's name, title and brand)."""
    lines = part.split("\n")
    if len(lines) < 2:
        return part
    return "\n".join(line for line in lines if not _is_name_line(line))


def _is_name_line(line: str) -> bool:
    """A line of at most five words, each in Title Case or capitals: "Patrick", "Table Ready Canada"."""
    words = _WORDS.findall(line)
    return bool(words) and len(words) <= 5 and all(word[0].isupper() for word in words)


def _parts(text: str, context: CheckContext) -> list[tuple[int, int]]:
    """The sections' spans in the draft when known (the model's own words), else its paragraphs."""
    if context.sections is not None:
        return section_spans(text, context.sections)
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]


def _short(words: str, most: int = 80) -> str:
    words = " ".join(words.split())
    return words if len(words) <= most else words[:most].rsplit(" ", 1)[0] + " …"


CHECKS = (Check(CODE, check_wrong_language),)
