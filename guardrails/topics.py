"""Which complaint topics a text names, from the topic words a support lead keeps in topics.toml.

    topics_in(text, path) -> TopicWords      every topic word found, with its topic and span
    TopicWords.main                           the topics named most often (several on a tie)

Matching is case-insensitive on word starts ("deliver" finds "delivered"), the rule topics.toml states.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from drafter_core.errors import ConfigError
from drafter_core.settings import DataSettings, read_toml

DEFAULT_TOPICS_PATH = DataSettings().topics_file


@dataclass(frozen=True)
class TopicWord:
    start: int
    end: int
    topic: str


@dataclass(frozen=True)
class TopicWords:
    """The topic words of one text, in order."""

    found: tuple[TopicWord, ...]

    @cached_property
    def counts(self) -> Counter[str]:
        return Counter(word.topic for word in self.found)

    @property
    def names(self) -> frozenset[str]:
        return frozenset(self.counts)

    @property
    def main(self) -> frozenset[str]:
        """The topics named most often: what the text is mainly about (empty when it names none)."""
        if not self.counts:
            return frozenset()
        most = max(self.counts.values())
        return frozenset(topic for topic, hits in self.counts.items() if hits == most)


def topic_names(path: Path | None = None) -> tuple[str, ...]:
    """The topics in the order topics.toml lists them (the order that breaks ties)."""
    return tuple(_named(path)[1])


def topics_in(text: str, path: Path | None = None) -> TopicWords:
    pattern, names = _named(path)
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter whose lower case is longer ("İ"): keep the offsets right
        pattern, lowered = re.compile(pattern.pattern, re.IGNORECASE), text
    found = [TopicWord(m.start(), m.end(), names[int(str(m.lastgroup)[1:])]) for m in pattern.finditer(lowered)]
    return TopicWords(tuple(found))


@lru_cache(maxsize=8)
def _named(path: Path | None) -> tuple[re.Pattern[str], list[str]]:
    # Asked once per text read: resolving the name each time would cost more than the search.
    return _vocabulary(Path(path).resolve() if path else DEFAULT_TOPICS_PATH)


@lru_cache(maxsize=4)
def _vocabulary(path: Path) -> tuple[re.Pattern[str], list[str]]:
    """One alternation over every topic's words; the group that matched names the topic."""
    data = read_toml(path, "[data] topics_file")
    topics = data.get("topics")
    if not isinstance(topics, dict) or not topics:
        raise ConfigError(f"{path}: no [topics] table of word lists")
    names = list(topics)
    # Longest words first inside each topic, so "missing part" is one word, not "missing".
    groups = [f"(?P<g{i}>{'|'.join(re.escape(w.lower()) for w in sorted(words, key=len, reverse=True))})"
              for i, words in enumerate(topics.values())]
    # Matched on the lower-cased text: several times faster than IGNORECASE.
    return re.compile(r"(?<!\w)(?:" + "|".join(groups) + r")\w*"), names
