"""Prompt leaks: the draft repeats our own instructions to the customer.

Measured by overlap, not by a phrase: any run of `leak.run_words` consecutive words that also stands
in what the model was told (the system prompt and the fixed text of the user prompt,
`CheckContext.prompt_text`) is a leak, whatever asked for it. Shorter shared runs are the ordinary
phrases a reply and its instructions both use ("I'm sorry we sent the wrong size").
"""

from __future__ import annotations

import re
from functools import lru_cache

from drafter_core.values import Violation
from guardrails.base import Check, CheckContext, quoted, violation
from guardrails.phrasebook import Phrases
from guardrails.rules import Rules
from guardrails.text import normalise

CODE = "prompt_leak"

_WORD = re.compile(r"\w+(?:'\w+)*")


def check_prompt_leak(text: str, context: CheckContext, phrases: Phrases, rules: Rules) -> list[Violation]:
    if not context.prompt_text:
        return []
    size = int(phrases.value("leak.run_words"))
    known, firsts = _runs(context.prompt_text, size)
    words = [(m.start(), m.end(), m.group().casefold()) for m in _WORD.finditer(normalise(text))]
    plain = [w for _, _, w in words]
    hits = [i for i in range(len(plain) - size + 1)
            if plain[i] in firsts and " ".join(plain[i:i + size]) in known]
    found, i = [], 0
    while i < len(hits):
        first = last = hits[i]
        while i + 1 < len(hits) and hits[i + 1] <= last + size:
            i += 1
            last = hits[i]
        start, end = words[first][0], words[last + size - 1][1]
        found.append(violation(CODE, text, start, end, rules.message(CODE, quote=quoted(_short(text[start:end])))))
        i += 1
    return found


@lru_cache(maxsize=8)
def _runs(prompt: str, size: int) -> tuple[frozenset[str], frozenset[str]]:
    """Every run of `size` words of the prompt, and the words they start with (most of a draft's words start
    none, and need no run built)."""
    words = [w.casefold() for w in _WORD.findall(normalise(prompt))]
    starts = range(len(words) - size + 1)
    return frozenset(" ".join(words[i:i + size]) for i in starts), frozenset(words[i] for i in starts)


def _short(words: str, most: int = 120) -> str:
    return words if len(words) <= most else words[:most].rsplit(" ", 1)[0] + " …"


CHECKS = (Check(CODE, check_prompt_leak),)
