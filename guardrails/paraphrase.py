"""The paraphrase must be the customer's story: it shares their words, numbers or topic, and gives
their amounts and numbers the meaning they gave them.

Runs only when the draft is known section by section and the customer's email is known (the
pipeline knows both; a plain draft given to `drafter check` is not judged here, as nothing says which
words are the paraphrase). Three situations, one code:
    unrelated     nothing shared: none of the customer's words, numbers (identifiers, amounts, dates)
                  or topics (topics.toml) - "the problem you described", or somebody else's complaint
    other_story   the paraphrase tells of another topic than the customer's main one and uses none
                  of their words: their order number alone does not make a damaged parcel their story
    wrong_role    an amount or identifier of theirs next to a cue of another role ("your order of
                  $2,400" for "I've spent $2,400 with you over the years")
Word lists and role cues are the phrase book's [paraphrase] table; the topics are [data] topics_file.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from drafter_core.values import Facts, Violation
from guardrails.base import Check, CheckContext, quoted, violation
from guardrails.dates import find_dates, numeric_order
from guardrails.phrasebook import Phrases
from guardrails.phraselist import PhraseList, Tokens, tokens_of
from guardrails.rules import Rules
from guardrails.text import Spans, normalise
from guardrails.topics import TopicWords, topics_in

CODE = "paraphrase_unrelated"

_LETTERS = re.compile(r"[^\W\d_]+")
_MIN_LETTERS = 3
# Numbers are found from their digits (a scan for digits is cheap; a scan for currency words at every
# position is not), then read as a sum of money when a currency stands right before or after them,
# else as an identifier when their word holds three digits or more.
_DIGIT_RUN = re.compile(r"\d[\d.,]*")
_NUMBER = re.compile(r"\d{1,3}(?:[.,]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?")
_CURRENCY_BEFORE = re.compile(r"(?:US\$|[$£€¥]|(?<![A-Za-z])(?:EUR|USD|GBP|CHF))\s?\Z", re.IGNORECASE)
_CURRENCY_AFTER = re.compile(r"\s?(?:[$£€¥円]|(?:EUR|USD|GBP|CHF|euros?|dollars?|pounds?)\b)", re.IGNORECASE)
_ID_CHARS = frozenset("#/-_")
_NOT_ID = re.compile(r"[\W_]")
# A role cue is looked for in the figure's own clause: these end it.
_STOPS = frozenset(".!?;:()[]")
_QUOTE_CHARS = 80
_MAX_TWINS = 20


@dataclass(frozen=True)
class Figure:
    """An amount of money, an identifier or a date in a text, with the value it is compared by."""

    start: int
    end: int
    kind: str  # "amount" | "identifier" | "date"
    value: str


@dataclass(frozen=True)
class Cue:
    role: str
    start: int
    end: int


@dataclass(frozen=True, eq=False)  # one Reading per text (_read is cached): identity is enough
class Reading:
    """One text read for comparison: its story words (by stem), its figures and its topic words."""

    text: str
    norm: str  # the text with quotes and dashes straightened (same offsets)
    words: dict[str, tuple[int, str]]  # stem -> where the word first stands, as first written
    figures: tuple[Figure, ...]
    topics: TopicWords
    spans: Spans  # the figures' spans: is a word part of a number?

    @cached_property
    def tokens(self) -> Tokens:
        return tokens_of(self.norm)

    def cues(self, figure: Figure, roles: dict[str, PhraseList], before: int, after: int,
             links: frozenset[str]) -> list[Cue]:
        return _cues(self, figure, tuple(roles.items()), before, after, links)

    def figure_at(self, position: int) -> Figure | None:
        """The figure covering `position`, if any."""
        index = bisect_right([f.start for f in self.figures], position) - 1
        return self.figures[index] if index >= 0 and position < self.figures[index].end else None


def check_paraphrase(text: str, context: CheckContext, phrases: Phrases, rules: Rules) -> list[Violation]:
    sections, customer = context.sections, context.customer_text
    if sections is None or not customer or not any(ch.isalnum() for ch in customer):
        return []
    paraphrase = sections.paraphrase.strip()
    if not paraphrase:  # missing_section says so
        return []
    base = text.find(paraphrase)
    ours = _read(paraphrase, context.today, phrases, context.topics_file)
    shown = customer[:int(phrases.value("paraphrase.customer_chars"))]  # what the model was shown of it
    theirs = _read(shown, context.today, phrases, context.topics_file)
    if not theirs.words and not theirs.figures and not theirs.topics.found:
        return []  # nothing to compare with: the pipeline does not draft such an email
    found = _wrong_roles(ours, theirs, phrases, rules)
    story = _story(ours, theirs, context.facts, rules)
    if story is not None:
        found.append(story)
    return [_placed(item, text, base) for item in sorted(found, key=lambda v: v.start)]


# --- the three situations -----------------------------------------------------------------------

def _story(ours: Reading, theirs: Reading, facts: Facts | None, rules: Rules) -> Violation | None:
    if ours.words.keys() & theirs.words.keys():
        return None  # a word of their own story: a paraphrase, however loose
    customer_words = _listing(theirs)
    if not _shared_figures(ours, theirs, facts) and not ours.topics.names & theirs.topics.names:
        return violation(CODE, ours.text, 0, len(ours.text), rules.message(
            CODE, "unrelated", quote=quoted(_short(ours.text)), customer_words=customer_words))
    if not ours.topics.found or ours.topics.names & theirs.topics.main:
        return None
    start, end = ours.topics.found[0].start, ours.topics.found[-1].end
    main = sorted(theirs.topics.main)
    return violation(CODE, ours.text, start, end, rules.message(
        CODE, "other_story", quote=quoted(_short(ours.text[start:end])),
        topics=rules.joined(sorted(ours.topics.names), "or"),
        customer_topics=rules.joined(main, "and") if main else rules.text(CODE, "customer_topics_none"),
        customer_words=customer_words))


def _wrong_roles(ours: Reading, theirs: Reading, phrases: Phrases, rules: Rules) -> list[Violation]:
    before = int(phrases.value("paraphrase.window_words"))
    links = _words(phrases, "paraphrase.figure_links")
    found = []
    for figure in ours.figures:
        if figure.kind == "date":
            continue
        roles = _roles(phrases, figure.kind)
        after = before if figure.kind == "amount" else int(phrases.value("paraphrase.identifier_words_after"))
        our_cues = ours.cues(figure, roles, before, after, links)
        # The customer's own uses of it (a few are enough: an email that repeats one number a
        # thousand times must not cost a thousand look-ups).
        twins = [f for f in theirs.figures if f.kind == figure.kind and _same(f, figure)][:_MAX_TWINS]
        their_cues = [(twin, cue) for twin in twins for cue in theirs.cues(twin, roles, before, after, links)]
        if not our_cues or not their_cues or {c.role for c in our_cues} & {c.role for _, c in their_cues}:
            continue
        cue = min(our_cues, key=lambda c: _distance(c, figure))
        start, end = min(cue.start, figure.start), max(cue.end, figure.end)
        twin, _ = min(their_cues, key=lambda pair: _distance(pair[1], pair[0]))
        said = _surroundings(theirs, twin, before, after, links)
        found.append(violation(CODE, ours.text, start, end, rules.message(
            CODE, "wrong_role", quote=quoted(ours.text[start:end]), figure=ours.text[figure.start:figure.end],
            customer_quote=quoted(said))))
    return found


def _shared_figures(ours: Reading, theirs: Reading, facts: Facts | None) -> bool:
    known = list(theirs.figures) + _fact_figures(facts)
    return any(_same(mine, other) for mine in ours.figures for other in known if mine.kind == other.kind)


def _fact_figures(facts: Facts | None) -> list[Figure]:
    """What the parser found in the subject too: the customer's own numbers, wherever they wrote them."""
    if facts is None:
        return []
    ids = [Figure(0, 0, "identifier", _norm_id(i)) for i in facts.order_numbers + facts.invoice_numbers]
    amounts = [Figure(0, 0, "amount", value) for amount in facts.amounts for value in _amounts_in(amount)]
    return ids + amounts


def _same(one: Figure, other: Figure) -> bool:
    if one.value == other.value:
        return True
    # "order 20417" and "#B-20417": one identifier written with and without its letters.
    return (one.kind == "identifier" and min(len(one.value), len(other.value)) >= 4
            and (one.value in other.value or other.value in one.value))


def _distance(cue: Cue, figure: Figure) -> int:
    return figure.start - cue.end if cue.end <= figure.start else cue.start - figure.end


# --- reading a text -----------------------------------------------------------------------------

def _read(text: str, today: dt.date, phrases: Phrases, topics_file: Path | None) -> Reading:
    return _read_cached(text, today, phrases, topics_file)


@lru_cache(maxsize=64)
def _read_cached(text: str, today: dt.date, phrases: Phrases, topics_file: Path | None) -> Reading:
    norm = normalise(text)
    topics = topics_in(norm, topics_file)
    figures = _figures(norm, today, phrases)
    ignored = _ignored(phrases)
    stem = int(phrases.value("paraphrase.stem_letters"))
    words: dict[str, tuple[int, str]] = {}
    for match in _LETTERS.finditer(norm):
        word = _plain(match.group())
        if len(word) < _MIN_LETTERS or word in ignored:
            continue
        words.setdefault(word[:stem], (match.start(), match.group()))
    return Reading(text, norm, words, figures, topics, Spans([(f.start, f.end) for f in figures]))


def _figures(norm: str, today: dt.date, phrases: Phrases) -> tuple[Figure, ...]:
    """Dates, then sums of money, then identifiers, each where no earlier one stands (log n a test)."""
    found = [Figure(d.start, d.end, "date", d.date.isoformat())
             for d in find_dates(norm, today, numeric_order(phrases))]
    taken = Spans([(f.start, f.end) for f in found])
    for run in _DIGIT_RUN.finditer(norm):
        if taken.overlaps(run.start(), run.end()):
            continue
        figure = _money_at(norm, run.start(), run.group()) or _identifier_at(norm, run.start(), run.end())
        if figure is not None and not taken.overlaps(figure.start, figure.end):
            found.append(figure)
            taken.add(figure.start, figure.end)
    return tuple(sorted(found, key=lambda f: f.start))


def _money_at(text: str, start: int, digits: str) -> Figure | None:
    """A sum of money whose number starts at `start`: '$2,400', '89,90 €', '449,00 EUR', '12,800円'."""
    number = _NUMBER.match(digits)
    if number is None:
        return None
    end = start + number.end()
    before = _CURRENCY_BEFORE.search(text, max(0, start - 4), start)
    if before is not None:
        return Figure(before.start(), end, "amount", _money_value(number.group()))
    after = _CURRENCY_AFTER.match(text, end)
    if after is not None and not (start and (text[start - 1].isalnum() or text[start - 1] in ".,")):
        return Figure(start, after.end(), "amount", _money_value(number.group()))
    return None


def _identifier_at(text: str, start: int, end: int) -> Figure | None:
    """The word holding a run of digits, when it has three digits or more and is not a year: 'A-10311'."""
    while start and (text[start - 1].isalnum() or text[start - 1] in _ID_CHARS):
        start -= 1
    while end < len(text) and (text[end].isalnum() or text[end] in _ID_CHARS - {"#"}):
        end += 1
    token = text[start:end].rstrip("/-.,_")
    value = _norm_id(token)
    if sum(c.isdigit() for c in value) < 3 or (len(value) == 4 and value[:2] in ("19", "20") and value.isdigit()):
        return None
    return Figure(start, start + len(token), "identifier", value)


def _amounts_in(text: str) -> list[str]:
    """The values of the sums of money written in `text` (the facts' amounts: "$49.99", "449,00 EUR")."""
    found = (_money_at(text, run.start(), run.group()) for run in _DIGIT_RUN.finditer(text))
    return [figure.value for figure in found if figure is not None]


def _money_value(number: str) -> str:
    """'3,000' and '2.400' are thousands, '45,00' and '89.90' decimals; '1.249,00' is 1249."""
    separators = [c for c in number if c in ".,"]
    if not separators:
        return f"{float(number):.2f}"
    decimal = separators[-1]
    whole, _, fraction = number.rpartition(decimal)
    if len(separators) == 1 and len(fraction) == 3:  # a lone separator before three digits groups thousands
        whole, fraction = number, ""
    digits = re.sub(r"\D", "", whole)
    return f"{float(digits + '.' + (fraction or '0')):.2f}"


def _norm_id(ident: str) -> str:
    return _NOT_ID.sub("", ident).upper()


@lru_cache(maxsize=4096)
def _plain(word: str) -> str:
    """Case, accents and a plural s ignored: 'Lieferungen' ~ 'lieferungen', 'Décembre' ~ 'decembre'."""
    folded = unicodedata.normalize("NFKD", word.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return folded[:-1] if len(folded) > 4 and folded.endswith("s") else folded


@lru_cache(maxsize=8)
def _ignored(phrases: Phrases) -> frozenset[str]:
    """Every word of every [paraphrase] ignored_* list, normalised like the words compared."""
    return frozenset(_plain(word) for key, words in phrases.values.items()
                     if key.startswith("paraphrase.ignored_") and isinstance(words, list)
                     for word in words if isinstance(word, str))


@lru_cache(maxsize=8)
def _words(phrases: Phrases, key: str) -> frozenset[str]:
    """A plain list of words of the phrase book, lower-cased."""
    return frozenset(str(word).lower() for word in phrases.value(key))


@lru_cache(maxsize=16)
def _roles(phrases: Phrases, kind: str) -> dict[str, PhraseList]:
    prefix = f"paraphrase.{kind}_role_"
    return {key.removeprefix(prefix): pattern for key, pattern in phrases.patterns.items() if key.startswith(prefix)}


@lru_cache(maxsize=256)
def _cues(reading: Reading, figure: Figure, roles: tuple[tuple[str, PhraseList], ...], before: int,
          after: int, links: frozenset[str]) -> list[Cue]:
    """Role cues within `before` words before the figure or `after` words after it (see _reach)."""
    spans = (_reach(reading, reading.tokens, figure, before, True, links),
             _reach(reading, reading.tokens, figure, after, False, links))
    cues = []
    for role, pattern in roles:
        for start, end in spans:
            cues += [Cue(role, m.start(), m.end()) for m in pattern.finditer(reading.tokens, start, end)]
    return cues


def _surroundings(reading: Reading, figure: Figure, before: int, after: int, links: frozenset[str]) -> str:
    """The words around a figure that give it its role: what the customer wrote, to quote."""
    start = _reach(reading, reading.tokens, figure, before, True, links)[0]
    end = _reach(reading, reading.tokens, figure, after, False, links)[1]
    return reading.text[start:end].strip()


def _reach(reading: Reading, tokens: Tokens, figure: Figure, window: int, backwards: bool,
           links: frozenset[str]) -> tuple[int, int]:
    """The text just before (or after) a figure that may hold its role cue: up to `window` words, never
    past the end of its clause, nor past another figure unless a link word joins the two ("order
    A-10234 of $2,400" makes the sum the order's; "order A-10311, £3,000" only lists them)."""
    step = -1 if backwards else 1
    edge = figure.start if backwards else figure.end
    index = bisect_left(tokens.starts, edge) + (-1 if backwards else 0)
    reached, words, last = edge, 0, ""
    while 0 <= index < len(tokens.starts) and words < window:
        start = tokens.starts[index]
        key = tokens.keys[index]
        end = start + len(key)
        gap = reading.text[end:reached] if backwards else reading.text[reached:start]
        if key in _STOPS or "\n" in gap:
            break
        other = reading.figure_at(start) if reading.spans.overlaps(start, end) else None
        if other is not None:
            if last not in links:
                break
            start, end = other.start, other.end
            index = bisect_left(tokens.starts, start if backwards else end) + (0 if backwards else -1)
        reached = start if backwards else end
        words += key[0].isalnum()
        last = key
        index += step
    return (reached, edge) if backwards else (edge, reached)


# --- wording ------------------------------------------------------------------------------------

def _listing(reading: Reading, most: int = 8) -> str:
    """The first of the customer's own words, in their order (for the repair: what to retell)."""
    return ", ".join(word for _, word in list(reading.words.values())[:most])


def _short(words: str) -> str:
    words = " ".join(words.split())
    return words if len(words) <= _QUOTE_CHARS else words[:_QUOTE_CHARS - 1].rstrip() + "…"


def _placed(item: Violation, text: str, base: int) -> Violation:
    """A violation found in the paraphrase, moved to where the paraphrase stands in the draft."""
    if base < 0:
        return violation(item.code, text, 0, 0, item.message)
    return violation(item.code, text, base + item.start, base + item.end, item.message)


CHECKS = (Check(CODE, check_paraphrase),)


def read(text: str, today: dt.date, phrases: Phrases, topics_file: Path | None = None) -> Reading:
    """A text read for comparison (its story words by stem, figures and topic words); cached."""
    return _read(text, today, phrases, topics_file)


def shared_figures(ours: Reading, theirs: Reading, facts: Facts | None) -> bool:
    """Does `ours` give any of the customer's numbers (identifiers, amounts, dates), by value?"""
    return _shared_figures(ours, theirs, facts)
