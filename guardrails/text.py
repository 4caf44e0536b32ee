"""A draft read once for every check: straightened quotes, sentences, clauses, quotations, paragraphs.

Offsets never move: normalisation swaps single characters for single characters, so a match in
`doc.norm` is a span of the original draft too.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from drafter_core.values import Sections
from guardrails.phraselist import PhraseList, Tokens, tokens_of

if TYPE_CHECKING:
    from guardrails.phrasebook import Phrases

# One character for one character, so offsets in the normalised text are offsets in the draft.
_STRAIGHTEN = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'", "\u0060": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ",
})

# round t19r: in chat-style writing an emoji stands for the full stop when a capital opens what follows ("tu reserva
# quedó confirmada ✈️ Te mando los tiquetes ...", "ton départ est maintenu 😊 Pour le siège, je ...")
_EMOJI = "\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF"
_SENTENCE_END = re.compile(r"[.!?]+[\"')\]]*(?=\s)|\n"
                           rf"|[{_EMOJI}][{_EMOJI}\uFE0F\u200D]*(?=\s+[¡¿]?[A-ZÀ-ÖØ-Þ])")
_WORD_BEFORE_DOT = re.compile(r"(\w+)\.*[\"')\]]*$")
# After a day written "12." (German), the sentence goes on with a lower-case word or a month: "bis 14. Januar".
_ORDINAL_GOES_ON = re.compile(r"\s+(?:[a-zäöüß]|(?i:jan|jän|feb|mär|apr|mai|jun|jul|aug|sep|okt|nov|dez)\w*\b)")
# Abbreviations whose full stop does not end a sentence ("Dec. 4", "Mr. Lee", "e.g. this").
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st no nr vs etc approx ref inc ltd co eg ie rs "
    # German, French and Spanish: titles, "z. B.", "Nr.", "n°" (months and weekdays: _DATE_ABBREVIATIONS)
    "hr fr bzw ca ggf inkl nr str tel vgl usw "
    "abs art ziff "  # "Art. 14 Abs. 2", "Ziff. 3"
    "m mme mlle mm env cf réf tél "
    "sr sra srta dña dra núm pág".split()
)
# A month or weekday cut short goes on as a date (a day, a year, a comma) or in lower case ("Dec. 4", "Fri. 4 Dec",
# "déc. 2026"); before anything else its full stop ends the sentence ("... on 28 Feb. The only deductions ...", and
# "do."/"so." are words, not only German weekdays).
_DATE_ABBREVIATIONS = frozenset(
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun "
    "jän mär märz mai okt dez mo di mi do sa so janv févr fév avr juil déc lun mer jeu ven sam dim "
    "ene abr ago dic mié jue vie sáb dom".split()
)
_DATE_GOES_ON = re.compile(r"\s+(?:\d|[a-zäöüßéèàáíóúñç(])")
_DOUBLE_QUOTED = re.compile(r'"[^"\n]{1,400}"')
# Single quotes may hold apostrophes ('it's company policy'): an apostrophe is followed by a letter.
_SINGLE_QUOTED = re.compile(r"(?<![\w'])'(?=\S)(?:[^'\n]|'(?=[A-Za-z])){1,400}?(?<=\S)'(?![\w])")
_SHORT_LINE = 45  # a line this short is a line of its own (a greeting, a sign-off), not wrapped prose
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def normalise(text: str) -> str:
    if text.isascii() and "`" not in text:
        return text  # most drafts: nothing to straighten (isascii is a flag lookup, translate a copy)
    return _straightened(text)


@lru_cache(maxsize=32)
def _straightened(text: str) -> str:
    # Several checks straighten the same draft and the same email: translate copies the text each time.
    return text.translate(_STRAIGHTEN)


@dataclass(frozen=True, eq=False)  # one Doc per text (analyse is cached): identity is enough
class Doc:
    """The draft (`text`), its normalised twin (`norm`, same offsets) and where its parts start."""

    text: str
    norm: str
    sentence_starts: tuple[int, ...]
    clause_starts: tuple[int, ...]
    quotes: tuple[tuple[int, int], ...]
    paragraph_starts: tuple[int, ...]
    tokens: Tokens

    def sentence(self, pos: int) -> tuple[int, int]:
        """(start, end) of the sentence holding position `pos`."""
        return _span_around(self.sentence_starts, pos, len(self.norm))

    def clause_start(self, pos: int) -> int:
        index = bisect.bisect_right(self.clause_starts, pos) - 1
        return self.clause_starts[index] if index >= 0 else 0

    def before_start(self, pos: int, window: int) -> int:
        """Start of the clause text just before `pos`, at most `window` characters back."""
        return max(self.clause_start(pos), pos - window)

    def after_end(self, pos: int, window: int) -> int:
        """End of the clause text just after `pos`, at most `window` characters on."""
        index = bisect.bisect_right(self.clause_starts, pos)
        end = self.clause_starts[index] if index < len(self.clause_starts) else len(self.norm)
        return min(end, pos + window)

    def next_sentence(self, pos: int) -> tuple[int, int] | None:
        _, end = self.sentence(pos)
        if end >= len(self.norm):
            return None
        start, stop = self.sentence(end)
        while start < len(self.norm) and not self.norm[start:stop].strip() and stop < len(self.norm):
            start, stop = self.sentence(stop)
        return (start, stop)

    def in_quotes(self, start: int, end: int) -> bool:
        index = bisect.bisect_right(self.quotes, (start, len(self.norm) + 1)) - 1
        return index >= 0 and self.quotes[index][0] < start and end <= self.quotes[index][1]

    def paragraph(self, pos: int) -> tuple[int, int]:
        start, end = _span_around(self.paragraph_starts, pos, len(self.norm))
        return start, start + len(self.norm[start:end].rstrip())

    def paragraphs(self) -> list[tuple[int, int]]:
        spans = []
        for index, start in enumerate(self.paragraph_starts):
            end = self.paragraph_starts[index + 1] if index + 1 < len(self.paragraph_starts) else len(self.norm)
            chunk = self.norm[start:end]
            if chunk.strip():
                spans.append((start, start + len(chunk.rstrip())))
        return spans


def analyse(text: str, clause_breaks: PhraseList) -> Doc:
    return _analyse(text, clause_breaks)


@lru_cache(maxsize=16)
def _analyse(text: str, clause_breaks: PhraseList) -> Doc:
    norm = normalise(text)
    sentences = [0] + [m.end() for m in _SENTENCE_END.finditer(norm)
                       if not _is_abbreviation(norm, m) and not _wrapped(norm, m)]
    tokens = tokens_of(norm)
    clauses = sorted(set(sentences) | {m.start() for m in clause_breaks.finditer(tokens)})
    quotes = sorted(
        [(m.start(), m.end()) for m in _DOUBLE_QUOTED.finditer(norm)]
        + [(m.start(), m.end()) for m in _SINGLE_QUOTED.finditer(norm)]
    )
    paragraphs = [0] + [m.end() for m in _PARAGRAPH_BREAK.finditer(norm)]
    return Doc(text, norm, tuple(sorted(set(sentences))), tuple(clauses), tuple(quotes), tuple(paragraphs), tokens)


def _is_abbreviation(norm: str, match: re.Match[str]) -> bool:
    if not match.group().startswith(".") or len(match.group().rstrip("\"')]")) > 1:
        return False
    word = _WORD_BEFORE_DOT.search(norm, max(0, match.start() - 8), match.end())
    if word is not None and word.group(1).isdigit() and len(word.group(1)) == 2:
        return _ORDINAL_GOES_ON.match(norm, match.end()) is not None  # German "vom 12. bis 14. Januar"
    if word is not None and word.group(1).lower() in _DATE_ABBREVIATIONS:
        return _DATE_GOES_ON.match(norm, match.end()) is not None
    return word is not None and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1)


def _wrapped(norm: str, match: re.Match[str]) -> bool:
    """Is this line break only the wrapping of a long line (plain-text mail wraps at ~72 characters)?

    A break ends a sentence after punctuation, after a short line ("Dear Sam,"), before a blank line
    or a list item; otherwise the sentence runs on to the next line."""
    if match.group() != "\n":
        return False
    line_start = norm.rfind("\n", 0, match.start()) + 1
    line = norm[line_start:match.start()].rstrip()
    following = norm[match.end():match.end() + 3].lstrip(" \t")
    if not line or len(line) < _SHORT_LINE or line[-1] in ".!?:;,)\"'" or not following:
        return False
    return not (following[0] in "\n-*\u2022" or following[0].isdigit())


def _span_around(starts: tuple[int, ...], pos: int, length: int) -> tuple[int, int]:
    index = max(0, bisect.bisect_right(starts, pos) - 1)
    end = starts[index + 1] if index + 1 < len(starts) else length
    return starts[index], end


def section_spans(text: str, sections: Sections) -> list[tuple[int, int]]:
    """(start, end) in the draft of each non-empty section, found in the fixed order, each after the last."""
    spans, cursor = [], 0
    for _, section in sections.ordered():
        section = section.strip()
        at = text.find(section, cursor) if section else -1
        if at >= 0:
            spans.append((at, at + len(section)))
            cursor = at + len(section)
    return spans


def next_word(text: str, pos: int) -> int:
    """Where the next word starts after `pos`, past spaces and tabs only (not across a line break)."""
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    return pos


def someone_elses(doc: Doc, start: int, end: int, phrases: Phrases, since: int = 0) -> bool:
    """Quoted or reported words ("you were told it would arrive today") are not the draft's own voice. A report is
    looked for back to `since` at most (its sentence's start, where a report before it must not count)."""
    window = max(since, doc.before_start(start, int(phrases.value("text.window_chars"))))
    reported = phrases.pattern("text.reported_speech")
    return doc.in_quotes(start, end) or bool(reported.search(doc.tokens, window, start))


def amount_value(amount: str) -> float:
    """'1,234.50' → 1234.5; '3 000' and '3.000' → 3000; '2.500,00' → 2500; '89,90' → 89.9."""
    if re.fullmatch(r"\d{1,3}(?:[ .\u202f]\d{3})+(?:,\d{1,2})?", amount):
        return float(re.sub(r"[ .\u202f]", "", amount).replace(",", "."))
    if re.fullmatch(r"\d+,\d{1,2}", amount):
        return float(amount.replace(",", "."))
    return float(amount.replace(",", ""))


@dataclass(frozen=True)
class Money:
    """A sum of money written in a text: '$49.99', '£1,200', '20 dollars'."""

    start: int
    end: int
    text: str
    value: float
    currency: str = ""  # ISO code when the text says it ("$" is read as USD, "₹" and "Rs" as INR)

    @property
    def local_peso(self) -> bool:
        """A plain "$" or "pesos": US dollars or Philippine pesos in English, but in a Spanish reply the peso of
        Mexico, Argentina, Colombia or Chile, which the text does not say (one is worth fifty of another)."""
        text = self.text.strip().lower()
        return (text.startswith("$") or text.endswith("$") or text.endswith(("peso", "pesos"))) and \
            self.currency in ("USD", "PHP")


# 1,234.50 and the Indian grouping 1,00,000; 3 000, 3.000 and 2.500,00 (German, French, Spanish); 89,90
_AMOUNT = (r"(?P<amount>\d{1,3}(?:,\d{2,3})*,\d{3}(?:\.\d{1,2})?|\d{1,3}(?:[ .\u202f]\d{3})+(?:,\d{1,2})?(?!\d)"
           r"|\d+,\d{1,2}(?!\d)|\d+(?:\.\d{1,2})?)")
_SYMBOLS = (r"(?:\b(?:A|C|NZ|S|US|HK|MX|COL|CLP|AR))?\$|[£€₹₱]|\bRs\.?|\bRM|\bS/\.?|\bFr\.|"
            r"\b(?:INR|SGD|MYR|PHP|AUD|CAD|NZD|ZAR|USD|GBP|EUR|CHF|MXN|ARS|COP|CLP|PEN)")
# Every symbol starts with one of these: tested first, so most positions of a text fail at once.
_SYMBOL_STARTS = "ACEFGHIMNPRSUZ$£€₹₱"
_SYMBOL_MONEY = re.compile(rf"(?=[{_SYMBOL_STARTS}])(?P<symbol>{_SYMBOLS})\s?{_AMOUNT}(?P<k>k\b)?(?![\w])")
_WORD_MONEY = re.compile(rf"(?<![\w.,]){_AMOUNT}\s?"
                         r"(?P<word>usd|eur|gbp|inr|aud|cad|nzd|sgd|myr|php|zar|chf|mxn|ars|cop|clp|pen|dollars?|"
                         r"euros?|pounds?|bucks|rupees?|ringgit|pesos?|rand|franken|francs?|soles|dólares)(?!\w)",
                         re.IGNORECASE)
# "89,90 €", "3.000 €": the symbol after the sum, as German, French and Spanish write it
_SUFFIX_MONEY = re.compile(rf"(?<![\w.,]){_AMOUNT}\s?(?P<suffix>€|£|\$)")
_CURRENCY_WORDS = ("usd", "eur", "gbp", "inr", "aud", "cad", "nzd", "sgd", "myr", "php", "zar", "chf", "dollar",
                   "euro", "pound", "buck", "rupee", "ringgit", "peso", "rand", "franken", "franc")
_CURRENCIES = {"$": "USD", "£": "GBP", "€": "EUR", "₹": "INR", "rs": "INR", "rs.": "INR", "inr": "INR", "usd": "USD",
               "eur": "EUR", "gbp": "GBP", "aud": "AUD", "cad": "CAD", "nzd": "NZD", "dollar": "USD", "dollars": "USD",
               "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP", "buck": "USD", "bucks": "USD",
               "rupee": "INR", "rupees": "INR", "a$": "AUD", "c$": "CAD", "nz$": "NZD", "s$": "SGD", "us$": "USD",
               "hk$": "HKD", "₱": "PHP", "rm": "MYR", "sgd": "SGD", "myr": "MYR", "php": "PHP", "zar": "ZAR",
               "ringgit": "MYR", "peso": "PHP", "pesos": "PHP", "rand": "ZAR", "chf": "CHF", "franken": "CHF",
               "franc": "CHF", "francs": "CHF", "fr.": "CHF", "mxn": "MXN", "mx$": "MXN", "ars": "ARS", "ar$": "ARS",
               "cop": "COP", "col$": "COP", "clp": "CLP", "clp$": "CLP", "pen": "PEN", "s/": "PEN", "s/.": "PEN",
               "soles": "PEN", "dólares": "USD"}


def find_money(text: str) -> tuple[Money, ...]:
    return _find_money(text)


@lru_cache(maxsize=32)
def _find_money(text: str) -> tuple[Money, ...]:
    # Symbols include letters ("RM", "SGD"), so that scan always runs; the word scan only when a word is there.
    matches = list(_SYMBOL_MONEY.finditer(text))
    if "€" in text or "£" in text or "$" in text:
        matches += list(_SUFFIX_MONEY.finditer(text))
    lowered = text.lower()
    if any(word in lowered for word in _CURRENCY_WORDS):
        matches += list(_WORD_MONEY.finditer(text))
    found = []
    taken = Spans()
    for m in sorted(matches, key=lambda m: (m.start(), -m.end())):
        if taken.overlaps(m.start(), m.end()):
            continue  # "€ 3 000 €" read once
        taken.add(m.start(), m.end())
        groups = m.groupdict()
        value = amount_value(m.group("amount")) * (1000 if groups.get("k") else 1)
        unit = (groups.get("symbol") or groups.get("word") or groups.get("suffix") or "").lower()
        currency = _CURRENCIES.get(unit, "")
        named = _NAMED_AFTER.match(text, m.end())  # "$3,000 MXN", "250.000 pesos colombianos": the country says
        if named is not None and unit in ("$", "peso", "pesos"):
            currency = _COUNTRY_CURRENCY.get(named.group(1).lower(), named.group(1).upper())
        end = named.end() if named is not None and unit in ("$", "peso", "pesos") else m.end()
        found.append(Money(m.start(), end, text[m.start():end], round(value, 2), currency))
    return tuple(found)


_NAMED_AFTER = re.compile(r"\s?(MXN|ARS|COP|CLP|USD|CAD|AUD|NZD|SGD|HKD|mexicanos|argentinos|colombianos|chilenos"
                          r"|uruguayos|filipinos)\b", re.IGNORECASE)
_COUNTRY_CURRENCY = {"mexicanos": "MXN", "argentinos": "ARS", "colombianos": "COP", "chilenos": "CLP",
                     "uruguayos": "UYU", "filipinos": "PHP"}


class Spans:
    """Non-overlapping spans, kept sorted: does a new span overlap any of them? (log n per question)."""

    def __init__(self, spans: list[tuple[int, int]] | None = None) -> None:
        self._spans = sorted(spans or [])

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect.bisect_left(self._spans, (end, end))
        return index > 0 and self._spans[index - 1][1] > start

    def add(self, start: int, end: int) -> None:
        bisect.insort(self._spans, (start, end))
