"""A phrase list searched like one big regex alternation, but in time proportional to the text.

Python's regex engine tries every alternative at every position, so a 60-phrase list costs about a
millisecond per draft. Here each phrase is indexed by the first one or two tokens it can start
with (read from the engine's own parse of the pattern), and only the phrases whose tokens occur in
the text are tried, at those places only. The matches are exactly those of
`regex.finditer` (a property test holds it to that); a phrase whose first tokens cannot be listed
is simply searched by regex.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from itertools import accumulate
from typing import Any

from guardrails.heads_cache import CACHE as HEADS

# Where a phrase may start: after a non-word character, or at an apostrophe ("it'll never happen").
START = r"(?:(?<![\w])|(?='))"
_WORD_CHAR = re.compile(r"\w")
# An entry that says "nothing but spaces may follow" (`(?!\s*\S)`, `(?=\s*$)`, `$`, `\Z`) ends where the searched
# window ends ("thank you for writing| this morning": the customer's act just before the time word; "no| le
# prometo": a negation just before the promise word), so it is matched within the window alone.
WINDOW_END = re.compile(r"\(\?!\\s\*\\S\)|\$|\\Z")
# What is no anchor however it reads: an escape ("\$" is a dollar sign) and a character class ("[$€£]" a currency).
_ESCAPE_OR_CLASS = re.compile(r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]", re.DOTALL)
# Tokens of a text: words and single punctuation characters. A phrase can only start on one.
_TOKEN = re.compile(r"\w+|[^\w\s]")
# The same tokens as split parts: gaps at even places, tokens at odd ones (one scan, no match objects).
_TOKEN_SPLIT = re.compile(r"(\w+|[^\w\s])")

Entry = tuple[int, re.Pattern[str]]


@dataclass(frozen=True, eq=False)
class Tokens:
    """The tokens of one text in order: where each starts, and its lower-cased text."""

    text: str
    starts: list[int]
    keys: list[str]
    # Per phrase list searched in this text: the token numbers where one of its entries may start, and those
    # entries. Checks search the same text sentence by sentence with the same lists, so each list is looked up
    # once per text.
    heads_at: dict[PhraseList, tuple[list[int], list[tuple[Entry, ...]]]] = field(default_factory=dict, repr=False)

    def where(self, phrases: PhraseList) -> tuple[list[int], list[tuple[Entry, ...]]]:
        found = self.heads_at.get(phrases)
        if found is None:
            found = self.heads_at[phrases] = phrases.heads_in(self)
        return found

    @cached_property
    def positions(self) -> dict[str, list[int]]:
        """Token numbers of each distinct token: for searches over a whole long text."""
        grouped: defaultdict[str, list[int]] = defaultdict(list)
        for number, key in enumerate(self.keys):
            grouped[key].append(number)
        return dict(grouped)

    @cached_property
    def distinct(self) -> frozenset[str]:
        """The distinct tokens, as a set: intersected with each phrase list's first tokens."""
        return frozenset(self.positions)


@lru_cache(maxsize=64)
def tokens_of(text: str) -> Tokens:
    # ASCII lower-casing keeps every offset; other texts are lower-cased token by token.
    if text.isascii():
        parts = _TOKEN_SPLIT.split(text.lower())
        # A token starts where the lengths of every part before it add up to.
        ends = list(accumulate(map(len, parts), initial=0))
        return Tokens(text, ends[1:-1:2], parts[1::2])
    found = list(_TOKEN.finditer(text))
    return Tokens(text, [m.start() for m in found], [m.group().lower() for m in found])


class PatternError(ValueError):
    """Entry `number` of a phrase list is not a valid regular expression."""

    def __init__(self, number: int, error: re.error) -> None:
        super().__init__(f"entry {number}: {error}")
        self.number = number
        self.error = error


@dataclass(frozen=True, eq=False)  # hashed by identity: compiled once, used as a cache key
class PhraseList:
    sources: tuple[str, ...]
    flags: int
    index: dict[str, tuple[Entry, ...]]
    fallback: tuple[tuple[int, re.Pattern[str], re.Pattern[str]], ...]
    heads: frozenset[str]  # first tokens of every key
    pair_heads: frozenset[str]  # first tokens of the two-token keys
    anchored: frozenset[int] = frozenset()  # entries that end at the window's end (WINDOW_END)

    @classmethod
    def build(cls, patterns: list[str], flags: int = re.IGNORECASE) -> PhraseList:
        """Each pattern matches whole words only (see START); `patterns` are plain regex sources.
        Raises PatternError naming the first entry that does not compile."""
        index: dict[str, list[Entry]] = {}
        fallback = []
        for number, source in enumerate(patterns):
            try:
                entry, keys = _compiled(source, flags)
            except re.error as exc:
                raise PatternError(number, exc) from None
            if keys is None:
                fallback.append((number, entry, re.compile(rf"(?=(?:{entry.pattern}))", flags)))
                continue
            for key in keys:
                index.setdefault(key, []).append((number, entry))
        pair_heads = frozenset(key.split(" ")[0] for key in index if " " in key)
        heads = frozenset(key for key in index if " " not in key) | pair_heads
        anchored = frozenset(number for number, source in enumerate(patterns) if ends_at_window_end(source))
        return cls(tuple(patterns), flags, {k: tuple(v) for k, v in index.items()}, tuple(fallback), heads,
                   pair_heads, anchored)

    @cached_property
    def regex(self) -> re.Pattern[str]:
        """The whole list as one regex: what `finditer` must agree with (compiled only when asked for)."""
        body = "|".join(f"(?:{p})" for p in self.sources) or r"(?!x)x"
        return re.compile(rf"{START}(?:{body})(?![\w])", self.flags)

    def finditer(self, text: str | Tokens, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
        """Non-overlapping matches in text[start:end], leftmost first, like `regex.finditer`.

        A plain string is searched exactly like `regex.finditer(text, start, end)`. The Tokens of a draft are
        searched as the draft: `start` and `end` bound where a match may lie (a window of a clause), but its
        word boundaries and lookaheads read the draft's words past `end`, so a window that ends mid-clause (or
        mid-word) neither cuts "guaranteed" to "guarantee" nor hides the words a lookahead needs ("not in a
        position to| confirm a date" is no refusal). An entry anchored to the window's end (WINDOW_END) is the
        exception: it asks about the window itself."""
        return self._scan(text, start, end, None)

    def search(self, text: str | Tokens, start: int = 0, end: int | None = None) -> re.Match[str] | None:
        found = self._scan(text, start, end, 1)
        return found[0] if found else None

    def _scan(self, text: str | Tokens, start: int, end: int | None, most: int | None) -> list[re.Match[str]]:
        if isinstance(text, Tokens):
            tokens = text
        else:  # a plain string ends at `end`, as for a regex: a word cut there is the shorter word ("no|t")
            cut = end is not None and 0 < end < len(text) and _cuts_a_word(text, end)
            tokens = tokens_of(text[:end] if cut else text)
        within_draft = tokens is text
        norm = text if isinstance(text, str) else tokens.text
        end = len(norm) if end is None else end
        reach = len(norm) if within_draft else end  # what a match's lookaheads may read
        numbers, entries = tokens.where(self)
        starts = tokens.starts
        first = bisect.bisect_left(numbers, bisect.bisect_left(starts, start))
        last = bisect.bisect_left(numbers, bisect.bisect_left(starts, end), first)
        if self.fallback:
            candidates = self._with_fallback(norm, start, end, starts, numbers[first:last], entries[first:last])
        elif first == last:
            return []  # most searches: no entry of this list starts in the range
        else:  # token order is text order, and each place's entries are in list order (heads_in)
            candidates = [(starts[numbers[k]], entries[k]) for k in range(first, last)]
        matches: list[re.Match[str]] = []
        cursor = start
        for pos, tried in candidates:
            if pos < cursor:
                continue
            for number, entry in tried:
                hit = entry.match(norm, pos, end if number in self.anchored else reach)
                if hit is not None and hit.end() > end:  # runs past the window: a shorter reading that ends in
                    hit = entry.match(norm, pos, end)    # it counts only where a word really ends
                    if hit is not None and hit.end() == end < len(norm) and _WORD_CHAR.match(norm, end):
                        hit = None
                if hit and hit.end() > pos:
                    matches.append(hit)
                    if len(matches) == most:
                        return matches
                    cursor = hit.end()
                    break
        return matches

    def _with_fallback(self, norm: str, start: int, end: int, starts: list[int], numbers: list[int],
                       entries: list[tuple[Entry, ...]]) -> list[tuple[int, tuple[Entry, ...]]]:
        """The indexed places, and wherever an entry that could not be indexed matches, in text order."""
        candidates = {starts[n]: found for n, found in zip(numbers, entries, strict=True)}
        for number, entry, finder in self.fallback:
            # (where such an entry may start is looked for in the window alone: scanning past it costs every search)
            for found in finder.finditer(norm, start, end):
                candidates[found.start()] = (*candidates.get(found.start(), ()), (number, entry))
        return [(pos, tuple(sorted(candidates[pos], key=_number))) for pos in sorted(candidates)]

    def match(self, text: str | Tokens, pos: int = 0, end: int | None = None) -> re.Match[str] | None:
        found = self.search(text, pos, end)
        return found if found and found.start() == pos else None

    def heads_in(self, tokens: Tokens) -> tuple[list[int], list[tuple[Entry, ...]]]:
        """Every token number of `tokens` where an entry may start, in order, with the entries to try there."""
        positions, keys = tokens.positions, tokens.keys
        index, pair_heads, last = self.index, self.pair_heads, len(keys) - 1
        numbers, entries = [], []
        places = [n for key in self.heads & tokens.distinct for n in positions[key]]
        places.sort()
        for n in places:
            key = keys[n]
            found = index.get(key, ())
            if key in pair_heads and n < last:
                pair = index.get(f"{key} {keys[n + 1]}", ())
                if pair:
                    found = tuple(sorted(found + pair, key=_number)) if found else pair
            if found:
                numbers.append(n)
                entries.append(found)
        return numbers, entries


def ends_at_window_end(source: str) -> bool:
    """Does the entry say that nothing but spaces may follow it (WINDOW_END outside escapes and classes)?"""
    return WINDOW_END.search(_ESCAPE_OR_CLASS.sub(_kept_anchor, source)) is not None


def _kept_anchor(escape_or_class: re.Match[str]) -> str:
    # An anchor, or the escapes WINDOW_END reads, stays; anything else becomes a plain character (not nothing,
    # which could join its neighbours into an anchor).
    return escape_or_class.group() if escape_or_class.group() in (r"\Z", r"\s", r"\S") else "_"


def _cuts_a_word(text: str, position: int) -> bool:
    return _WORD_CHAR.match(text, position - 1) is not None and _WORD_CHAR.match(text, position) is not None


@cache
def _compiled(source: str, flags: int) -> tuple[re.Pattern[str], frozenset[str] | None]:
    """One entry compiled, and its first tokens: once per process, however many phrase books (every language,
    then each reply's own) list it."""
    return re.compile(rf"{START}(?:{source})(?![\w])", flags), HEADS.heads(source, 2, first_tokens)


def _number(entry: Entry) -> int:
    return entry[0]


# --- which tokens can a pattern start with? -----------------------------------------------------
# Read from the parsed regex (re._parser, the engine's own parser: private, so imported lazily and
# any surprise means "search this entry by regex"). Only speed ever depends on this.

_END = "\x00"
_MAX_STRINGS = 600


def first_tokens(pattern: str, count: int) -> frozenset[str] | None:
    """Every lower-cased run of the first `count` (or, failing that, fewer) tokens a match of `pattern`
    can start with, joined by spaces; None when they cannot be listed."""
    try:
        from re import _constants as constants  # type: ignore[attr-defined]
        from re import _parser as parser  # type: ignore[attr-defined]

        parsed = parser.parse(pattern, re.IGNORECASE).data
        for tokens in range(count, 0, -1):
            keys = _keys(_Enumerator(constants, tokens).sequence(parsed), tokens)
            if keys is not None:
                return keys
    except Exception:  # noqa: BLE001 - an unexpected construct only costs speed
        return None
    return None


def _keys(strings: set[str] | None, count: int) -> frozenset[str] | None:
    if not strings:
        return None
    keys = set()
    for string in strings:
        text = string.removesuffix(_END)
        if not text or text[0].isspace():
            return None
        keys.add(" ".join(_TOKEN.findall(text)[:count]))
    return frozenset(keys)


class _Enumerator:
    """Expands a parsed pattern into the strings of its first tokens (cut after `count` tokens)."""

    def __init__(self, constants: Any, count: int) -> None:
        self.c = constants
        self.count = count

    def sequence(self, items: list[Any]) -> set[str] | None:
        result: set[str] | None = {""}
        for item in items:
            assert result is not None
            if all(s.endswith(_END) for s in result):
                return result
            options = self.item(item)
            if options is None:
                return None
            result = self.concat(result, options)
            if result is None:
                return None
        return result

    def item(self, item: tuple[Any, Any]) -> set[str] | None:
        c = self.c
        op, av = item
        if op is c.LITERAL:
            return {chr(av).lower()}
        if op is c.IN:
            return self.charset(av)
        if op is c.SUBPATTERN:
            return self.sequence(av[-1])
        if op is c.BRANCH:
            union: set[str] = set()
            for branch in av[1]:
                options = self.sequence(branch)
                if options is None:
                    return None
                union |= options
            return union
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
            return self.repeat(av)
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            return {""}
        return None

    def charset(self, av: list[Any]) -> set[str] | None:
        c = self.c
        chars: set[str] = set()
        for op, value in av:
            if op is c.LITERAL:
                chars.add(chr(value).lower())
            elif op is c.RANGE and value[1] - value[0] <= 40:
                chars |= {chr(v).lower() for v in range(value[0], value[1] + 1)}
            elif op is c.CATEGORY and value is c.CATEGORY_SPACE:
                chars.add(" ")
            elif op is c.CATEGORY and value is c.CATEGORY_DIGIT:
                chars |= set("0123456789")
            else:
                return None
        return chars

    def repeat(self, av: tuple[Any, Any, Any]) -> set[str] | None:
        low, high, body = av
        once = self.sequence(body)
        if once is None:
            return None
        if high > 4:
            # Unbounded: fine only when one repetition already settles the tokens (e.g. \s+).
            closed = {self.cut(s) for s in once}
            if not all(s.endswith(_END) or s.isspace() for s in closed):
                return None
            return {" " if s.isspace() else s for s in closed} | ({""} if low == 0 else set())
        result: set[str] = {""} if low == 0 else set()
        current: set[str] | None = {""}
        for times in range(1, high + 1):
            current = self.concat(current or set(), once)
            if current is None:
                return None
            if times >= low:
                result |= current
        return result

    def concat(self, left: set[str], right: set[str]) -> set[str] | None:
        result = set()
        for a in left:
            if a.endswith(_END):
                result.add(a)
                continue
            for b in right:
                result.add(self.cut(a + b))
        return result if len(result) <= _MAX_STRINGS else None

    def cut(self, string: str) -> str:
        """Close a string once its first `count` tokens are complete: the rest never matters."""
        if string.endswith(_END):
            return string
        tokens = 0
        i, length = 0, len(string)
        while i < length:
            char = string[i]
            if char.isspace():
                i += 1
                continue
            if char.isalnum() or char == "_":
                j = i
                while j < length and (string[j].isalnum() or string[j] == "_"):
                    j += 1
                if j == length:
                    return string  # the word may go on
                i = j
            else:
                i += 1
            tokens += 1
            if tokens == self.count:
                return string[:i] + _END
        return string
