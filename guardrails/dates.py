"""Dates in a draft: find every calendar date, decide which is our follow-up, and check it.

A regex finder (not dateparser): spans are exact, "We" is never Wednesday and "3-5 business days" is
never March 5. Weekdays only disambiguate; a missing year is the one putting the date nearest today.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from drafter_core.calendar import business_days_after
from drafter_core.values import Violation
from guardrails.base import Check, CheckContext, quoted, violation
from guardrails.phrasebook import Phrases
from guardrails.phraselist import PhraseList
from guardrails.rules import Rules
from guardrails.text import Doc, analyse, next_word

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
# German, French and Spanish month names: a model writing to those customers may date its follow-up so
# ("25. November 2026", "25 novembre 2026", "25 de noviembre de 2026"). Day-first forms only.
_FOREIGN_MONTHS = {
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "april": 4, "mai": 5, "juni": 6, "juli": 7,
    "august": 8, "september": 9, "oktober": 10, "november": 11, "dezember": 12,
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "juin": 6, "juillet": 7, "août": 8,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
    "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    # abbreviated: "jeu. 10 déc.", "10. Dez.", "el 4 de dic."
    "jän": 1, "mär": 3, "okt": 10, "dez": 12, "janv": 1, "févr": 2, "fevr": 2, "avr": 4, "juil": 7, "déc": 12,
    "ene": 1, "abr": 4, "dic": 12, "ago": 8, "sept": 9, "set": 9,
    # ... and those they share with English, day first: "8. Jan.", "12 feb.", "3 nov."
    "jan": 1, "feb": 2, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_FOREIGN_MONTH = "(?:" + "|".join(sorted(_FOREIGN_MONTHS, key=len, reverse=True)) + ")"
_WEEKDAY = (r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:s|nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?"
            r"|sat(?:urday)?|sun(?:day)?)")
_WD = rf"(?<!\w){_WEEKDAY}\.?,?\s+"
_ORD = r"(?:st|nd|rd|th)?"
# The part of a day that may stand between a weekday and its day of the month ("Thursday arvo, the 17th")
_DAY_PART = r"(?:morning|afternoon|evening|night|arvo|lunchtime|lunch\s+time|am|pm)"
_YEAR = r"(?:,?\s+(?P<{name}>\d{{4}})(?!\d))?"
# ASCII only: "2026-11-25までに" is a date, although Japanese letters count as \w.
_NOT_NUMBER_BEFORE = r"(?<![0-9A-Za-z_/.,-])"
_NOT_NUMBER_AFTER = r"(?![0-9A-Za-z_/-])(?!\.\d)"
# Words that make a bare "1/12" or "the 27th" a date: "on 1/12", "by the 27th".
_PREPOSITIONS = ("on", "by", "before", "until", "till", "from", "between", "for", "after")
# Markdown may stand between: "on **1/14**".
_DATE_PREPOSITION = "(?:" + "|".join(rf"(?<=\b{word}[\s*_]{{{gap}}})"
                                      for word in _PREPOSITIONS for gap in (1, 2, 3)) + ")"
# "by the 14th", "between the 9th and 11th": a day of the month after a date preposition, the month implied.
_THE_DAY = (r"(?:(?<=\bon\sthe\s)|(?<=\bby\sthe\s)|(?<=\bbefore\sthe\s)|(?<=\buntil\sthe\s)"
            r"|(?<=\bbetween\sthe\s)|(?<=\bfrom\sthe\s)|(?<=\bfor\sthe\s)"
            # hurried writing leaves the article out, or puts the end of the working day before the day: "by 12th",
            # "before 3rd", "by EOD 12th", "by COB 4th"
            r"|(?<=\bby\s)|(?<=\bbefore\s)|(?<=\buntil\s)|(?<=\bon\s)|(?<=\beod\s)|(?<=\bcob\s))")
# What an ordinal without its month can count besides days: "on 3rd floor", "by 2nd reminder"
_NOT_A_DAY = (r"(?!\s+(?:floor|time|attempt|try|call|row|item|place|day|week|month|year|class|line|hand|reminder"
              r"|notice|instal?ment|installment|payment|level|round|stage|step|post|quarter|half)s?\b)"
              # a day that comes back every month, alone or in a range: "from the 5th to the 15th of every month"
              r"(?!(?:\s*(?:-|–|to|and|or)\s*(?:the\s+)?\d{1,2}(?:st|nd|rd|th))?\s+(?:of\s+)?(?:every|each)\s+month)")
# A weekday named before a bare day of the month ("le jeudi 10", "el viernes 25", "Donnerstag, den 10."): after an
# article, or with none where a clause starts ("Jeudi 10", "mañana, viernes 25", "demain, jeudi 10"). The
# weekday must then agree with the day (weekday_mismatch otherwise).
_FOREIGN_WEEKDAYS = {name: number for number, names in enumerate((
    ("lundi", "lunes", "montag"), ("mardi", "martes", "dienstag"), ("mercredi", "miércoles", "miercoles", "mittwoch"),
    ("jeudi", "jueves", "donnerstag"), ("vendredi", "viernes", "freitag"), ("samedi", "sábado", "sabado", "samstag"),
    ("dimanche", "domingo", "sonntag"))) for name in names}
# German, French and Spanish: the words before a year-less day-first "07/01" that make it a date (a preposition
# or a weekday, "le 07/01", "ven. 18/12", "am 9/12"), and the words before a bare day of the month that imply
# the month ("avant le 14", "bis zum 14.", "antes del 14").
_FOREIGN_LEAD_WORDS = (
    "le", "au", "du", "dès", "el", "del", "am", "bis", "zum", "vom", "ab", "den", "dem", *_FOREIGN_WEEKDAYS,
    "mo", "di", "mi", "do", "fr", "sa", "lun", "mer", "jeu", "ven", "sam", "mié", "mie", "jue", "vie", "sáb", "sab",
)


def _right_after(words: tuple[str, ...]) -> str:
    """A place right after one of `words` and a space (or a full stop, a comma, or both, then a space)."""
    return "(?:" + "|".join(rf"(?<=\b{word}{tail})" for word in words
                            for tail in (r"\s", r"\.\s", r",\s", r"\.,\s")) + ")"


_FOREIGN_LEAD = _right_after(_FOREIGN_LEAD_WORDS)
# Spanish words before a year-less hyphenated "04-02" (es-CL) that make it a date: "el 04-02", "el jueves 04-02".
_HYPHEN_LEAD = _right_after((
    "el", "del", "al", "lunes", "martes", "miércoles", "miercoles", "jueves", "viernes", "sábado", "sabado", "domingo",
    "lun", "mar", "mié", "mie", "jue", "vie", "sáb", "sab", "dom"))
# The words before a bare day, and the same with a weekday between: "avant le 14", "le jeudi 14", "el martes 8".
_THE_DAY_LEADS = (r"avant\sle", r"d'ici\sle", r"jusqu'au", r"bis\szum", r"antes\sdel", r"antes\sdel\sdía",
                  r"hasta\sel", r"tardar\sel", r"el\sdía", r"am", r"zum", r"bis\sam", r"le")
_FOREIGN_WEEKDAY = "(?:" + "|".join(sorted(_FOREIGN_WEEKDAYS, key=len, reverse=True)) + ")"
_WEEKDAY_ARTICLE = "(?:" + "|".join(rf"(?<=\b{word}\s)" for word in ("le", "el", "del", "am")) + ")"
# where a clause starts: the text's start, a line's, after a comma or a sentence's end, a bullet or a parenthesis
_CLAUSE_START = r"(?:(?<![\w\s,.;:!?'’-])|(?<=[,.;:!?]\s)|(?<=\n)|(?<=[-•*(]\s))"
# round t19o: or right after a verb, with no article ("un technicien vous appellera lundi 4 pour ..."), when the day
# closes its phrase (punctuation, or a word that leads on: "pour", "entre", "para", "und"); a count of something
# mid-clause is none ("Nous avons parlé jeudi 10 clients")
_PHRASE_GOES_ON = (r"(?:pour|entre|à|au|et|ou|dans|avant|après|matin|soir|afin|dès|vers|chez|para|por|a|en|y|o|antes"
                   r"|después|um|und|oder|zwischen|ab|gegen|bei|vormittags|nachmittags|morgens|abends|zu|zum)")
# (round t19p: with the article German puts before the day, "bis spätestens Dienstag, den 15., telefonisch")
_AFTER_A_WORD = (rf"(?<=[^\W\d_]\s)(?={_FOREIGN_WEEKDAY}\.?,?\s+(?:den\s+)?\d{{1,2}}(?:er|\.)?"
                 rf"(?:\s*[,.;:!?)]|\s*$|\s+{_PHRASE_GOES_ON}(?!\w)))")
_FOREIGN_WEEKDAY_LEAD = (rf"(?:{_WEEKDAY_ARTICLE}|{_CLAUSE_START}|{_AFTER_A_WORD})(?P<qw>{_FOREIGN_WEEKDAY})\.?,?\s+"
                         r"(?:(?:den|le|el)\s+)?")
_FOREIGN_THE_DAY = "(?:" + "|".join(rf"(?<=\b{words}\s)" for words in _THE_DAY_LEADS) + f"|{_FOREIGN_WEEKDAY_LEAD})"

_DATE = re.compile(
    "|".join((
        # 2026-12-04, 2026/12/04
        rf"{_NOT_NUMBER_BEFORE}(?P<iy>\d{{4}})(?P<isep>[-/.])(?P<im>\d{{1,2}})(?P=isep)(?P<id>\d{{1,2}}){_NOT_NUMBER_AFTER}",
        # 04/12/2026, 4.12.26, Friday 04/12/2026
        rf"(?P<nw>{_WD})?{_NOT_NUMBER_BEFORE}(?P<na>\d{{1,2}})(?P<nsep>[-/.])(?P<nb>\d{{1,2}})(?P=nsep)"
        rf"(?P<ny>\d{{4}}|\d{{2}}){_NOT_NUMBER_AFTER}",
        # Friday 4/12; on 1/12 (no year: only with a weekday or after "on"/"by", or "3/4 of" and "24/7"
        # would be dates)
        rf"(?:(?P<sw>{_WD})|{_DATE_PREPOSITION}){_NOT_NUMBER_BEFORE}(?P<sa>\d{{1,2}})/(?P<sb>\d{{1,2}})"
        rf"{_NOT_NUMBER_AFTER}(?!\s+of\b)",
        # Friday the 27th, Friday 27th: a day of the month without the month, the nearest on that weekday
        # ("by the 4th" alone stays vague: nothing confirms which month is meant)
        # (a part of the day may stand between: "Thursday afternoon, the 17th", "Fri arvo the 18th")
        rf"(?P<ow>{_WD})(?:{_DAY_PART}\.?,?\s+)?\(?(?:the\s+)?{_NOT_NUMBER_BEFORE}(?P<od>\d{{1,2}})(?:st|nd|rd|th)\)?"
        rf"(?![\w-])(?!\s+(?:of\s+)?{_MONTH}(?!\w))(?!\s+(?:floor|time|attempt|try|call|row|item|place|day|week|month|year)s?\b)",
        # between 9 and 11 December, 9-11 Dec, 9th to 11th of December: the earliest day counts
        rf"{_NOT_NUMBER_BEFORE}(?P<rd>\d{{1,2}}){_ORD}\s*(?:-|–|to|and|or)\s*\d{{1,2}}{_ORD}(?:\s+of)?\s+(?P<rm>{_MONTH})"
        r"(?!\w)(?:,?\s+(?P<ry>\d{4})(?!\d))?",
        # by the 14th (and "between the 9th and 11th"): the nearest day of the month with that number
        rf"{_THE_DAY}(?P<pd>\d{{1,2}})(?:st|nd|rd|th)(?![\w-])(?!\s+(?:of\s+)?{_MONTH}(?!\w)){_NOT_A_DAY}",
        # Friday, 4 December 2026; 4th Dec; the 4th of December
        rf"(?P<dw>{_WD})?(?:(?<!\w)the\s+)?{_NOT_NUMBER_BEFORE}(?P<dd>\d{{1,2}})"
        rf"(?:{_ORD}(?:\s+of\s+|\s+|-)(?P<dm>{_MONTH})|(?:(?:\.|er|º|°)?\s+(?:de\s+)?|-)(?P<fm>{_FOREIGN_MONTH}))"
        # a full stop after "Dec" belongs to the date only before a year; "30-Nov-2026" too, and "11-dic",
        # "4-déc.", "9-Dez" (the abbreviated forms of booking and banking mails)
        r"(?!\w)(?:(?:\.?,?\s+|-|\s+de\s+)(?P<dy>\d{4})(?!\d))?",
        # Friday, December 4th, 2026; Dec. 4
        rf"(?P<mw>{_WD})?(?<!\w)(?P<mm>{_MONTH})\.?\s+(?:the\s+)?(?P<md>\d{{1,2}}){_ORD}(?![\w:])"
        + _YEAR.format(name="my"),
        # le 07/01, ven. 18/12, am 9/12: year-less, always day first in German, French and Spanish
        rf"{_FOREIGN_LEAD}{_NOT_NUMBER_BEFORE}(?P<ua>\d{{1,2}})/(?P<ub>\d{{1,2}}){_NOT_NUMBER_AFTER}",
        # el 04-02, el jueves 04-02: the Chilean year-less day-first form with a hyphen, two digits each, after a
        # Spanish lead; not a range of days before its month ("del 10-12 de enero"), of hours or of a share
        rf"{_HYPHEN_LEAD}{_NOT_NUMBER_BEFORE}(?P<ya>\d{{2}})-(?P<yb>\d{{2}}){_NOT_NUMBER_AFTER}"
        rf"(?!\s*(?:de\s+)?(?:{_FOREIGN_MONTH}|{_MONTH})(?!\w))(?!\s*(?:h\b|hs\b|hrs?\b|horas?\b|%|:\d))",
        # Thu 17.12, 17.12 (Thu): a year-less dotted date, day first, made a date by a weekday before it or in
        # brackets after it (alone, "17.12" may be a sum or a version)
        rf"(?P<ew>{_WD})?{_NOT_NUMBER_BEFORE}(?P<ea>\d{{1,2}})\.(?P<eb>\d{{1,2}})(?![\d.,]\d)(?!%)"
        rf"(?(ew)(?![0-9A-Za-z_/-])|\s*\(\s*(?P<ex>{_WEEKDAY})\.?\s*\))",
        # am 09.12., bis 9.12.: the German year-less form, its closing full stop required
        rf"{_NOT_NUMBER_BEFORE}(?P<ga>\d{{1,2}})\.(?P<gb>\d{{1,2}})\.(?!\d)",
        # by 18.12, on 4.01: a year-less dotted date after a date preposition, day first (en-IN, en-SG, en-ZA); not a
        # time ("by 10.30am") nor a sum or a share ("by 2.50%")
        r"(?:(?<=\bon\s)|(?<=\bby\s)|(?<=\bbefore\s)|(?<=\buntil\s)|(?<=\btill\s))"
        rf"{_NOT_NUMBER_BEFORE}(?P<ha>\d{{1,2}})\.(?P<hb>\d{{2}})(?![\d.,]\d)(?![\w/%-])"
        r"(?!\s*(?:[ap]\.?m\b|h\b|hrs?\b|hours?\b|o'clock))",
        # avant le 14, bis zum 14., antes del 14, jeudi 10: the next day of the month with that number (a month
        # after it is the textual date's)
        rf"{_FOREIGN_THE_DAY}(?P<qd>\d{{1,2}})(?!\d)"
        rf"(?!(?:er|\.)?\s+(?:de\s+)?(?:{_FOREIGN_MONTH}|{_MONTH})(?!\w))"
        r"(?:er|\.)?(?![\d/.,:]\d)(?!\s*(?:h\b|uhr|heures?|€|%|euros?|eur\b|:\s*\d|min))",
    )),
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\d+")
_WORD = re.compile(r"(?<![\w])[^\W\d_]+")  # letters, accented too ("sábado")
_DATE_WORDS = frozenset("mon tue wed thu fri sat sun jan feb mar apr may jun jul aug sep oct nov dec the".split())
# How far a date may reach from one of its numbers ("Wednesday, the 4th of December, 2026").
_REACH = 40
# "auto" reads 12/9 month first only when that is a day within this many days ahead and 12 September is not.
UPCOMING_DAYS = 92
_MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_WEEKDAYS = {name: number for number, name in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))}

# past: before today. customer_event: something the customer did or that happened ("you ordered on").
# not_ours: someone else's future date (a renewal, a reopening). follow_up: our next contact ("I will
# email you on"). commitment: another future date we name (a delivery), which is not a follow-up.
Role = Literal["past", "customer_event", "not_ours", "follow_up", "commitment"]


@dataclass(frozen=True)
class FoundDate:
    """A calendar date written in the draft, resolved to a real day."""

    start: int
    end: int
    text: str
    date: dt.date
    weekday_ok: bool


@dataclass(frozen=True)
class DateUse:
    """A found date and what it is for: our commitment, the customer's past, or someone else's date."""

    found: FoundDate
    role: Role
    contact: bool  # written as our next contact, whatever its date


def find_dates(text: str, today: dt.date, order: str = "auto") -> list[FoundDate]:
    """Every possible calendar date in `text`, each with its exact span; impossible dates are skipped."""
    return list(_find_dates(text, today, order))


def numeric_order(phrases: Phrases) -> str:
    """How 04/12/2026 is read: "day_first", "month_first" or "auto" ([dates] numeric_order)."""
    return str(phrases.value("dates.numeric_order"))


_SLASHED = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?:/\d{2,4})?(?![\d/])")


def document_order(text: str, order: str) -> str:
    """With order "auto", a draft that writes 10/14 (only month first) or 23/11 (only day first) anywhere
    reads all its numeric dates so: one writer, one convention ("your payment on 12/2" beside "10/14")."""
    if order != "auto":
        return order
    kinds = {"month_first" if int(b) > 12 >= int(a) else "day_first" if int(a) > 12 >= int(b) else ""
             for a, b in _SLASHED.findall(text)} - {""}
    return kinds.pop() if len(kinds) == 1 else order


@lru_cache(maxsize=32)
def _find_dates(text: str, today: dt.date, order: str) -> tuple[FoundDate, ...]:
    order = document_order(text, order)
    # Every date holds a number, and starts at it or at a weekday, month name or "the" just before
    # it: try the date pattern only there, so a draft costs time in proportion to its numbers.
    found = []
    cursor = 0
    for number in _NUMBER.finditer(text):
        if number.start() < cursor:
            continue
        match = None
        for start in _possible_starts(text, max(cursor, number.start() - _REACH), number.start()):
            match = _DATE.match(text, start)
            if match is not None and match.end() > number.start():
                break
            match = None
        if match is None:
            continue
        cursor = match.end()
        resolved = _resolve(match, today, order)
        if resolved is not None:
            date, weekday_ok = resolved
            found.append(FoundDate(match.start(), match.end(), match.group(), date, weekday_ok))
    return tuple(found)


def _possible_starts(text: str, start: int, number: int) -> list[int]:
    words = [m.start() for m in _WORD.finditer(text, start, number)
             if m.group()[:3].lower() in _DATE_WORDS or m.group().lower() in _FOREIGN_WEEKDAYS]
    return [*words, number]


def date_uses(text: str, context: CheckContext, phrases: Phrases) -> list[DateUse]:
    """Every date in the draft with its role (see `Role`)."""
    doc = analyse(text, phrases.pattern("text.clause_breaks"))
    return list(_date_uses(doc, context.today, context.follow_up_date, phrases))


@lru_cache(maxsize=16)
def _date_uses(doc: Doc, today: dt.date, committed: dt.date | None, phrases: Phrases) -> tuple[DateUse, ...]:
    return tuple(_classify(doc, found, today, committed, phrases)
                 for found in find_dates(doc.norm, today, numeric_order(phrases)))


def follow_up_dates(uses: list[DateUse]) -> list[DateUse]:
    """Dates of our next contact, today or later."""
    return [use for use in uses if use.role == "follow_up"]


def promised_dates(uses: list[DateUse]) -> list[DateUse]:
    """Every date, today or later, by or on which we say something will happen."""
    return [use for use in uses if use.role in ("follow_up", "commitment")]


# --- the checks -------------------------------------------------------------------------------

def check_missing_follow_up_date(text: str, context: CheckContext, phrases: Phrases, rules: Rules) -> list[Violation]:
    code = "missing_follow_up_date"
    uses = date_uses(text, context, phrases)
    if promised_dates(uses) or _same_day(text, phrases) or _too_soon(text, context, phrases, rules):
        # Any future date of ours (a call, a reply, a delivery, a refund, a visit) is a follow-up date; one
        # too soon ("I'll call you by 5pm today", "the amount will be back on your card today") is an
        # over-promise only, which that check reports.
        return []
    fields = {"today": context.long_date(context.today), "example": context.long_date(example_follow_up(context))}
    stale = [use for use in uses if use.role == "past" and use.contact]
    if stale:
        found = stale[0].found
        return [violation(code, text, found.start, found.end,
                          rules.message(code, "past", quote=quoted(found.text), **fields))]
    start, end = _timeline_span(text, context, phrases)
    return [violation(code, text, start, end, rules.message(code, "none", **fields))]


def _too_soon(text: str, context: CheckContext, phrases: Phrases, rules: Rules) -> bool:
    """Is the draft's only follow-up a same-day timeline that over_promise reports ("the amount will be back on
    your card today", "restored within the hour")? Its follow-up is there, only too soon: an over-promise, not a
    missing date. Not when another, vague, time of ours stands elsewhere ("... tonight, and I'll follow up next
    week": that follow-up has no date), nor for "within 24 hours", a window that may well reach a business day."""
    from guardrails.promises import too_soon_timelines  # (promises reads this module's dates)

    day_or_longer = phrases.pattern("dates.day_or_longer")
    timelines = [v for v in too_soon_timelines(text, context, phrases, rules) if not day_or_longer.search(v.text)]
    if not timelines:
        return False
    doc = analyse(text, phrases.pattern("text.clause_breaks"))
    taken = [_stretch(doc, v.start, v.end) for v in timelines]  # its own clause ("..., and we'll follow up soon")
    if any(not any(start <= m.start() < end for start, end in taken)
           for m in phrases.pattern("dates.vague_times").finditer(doc.tokens)):
        return False
    # ... nor when our follow-up elsewhere names a day that does not exist ("restored tonight. I'll call you on
    # 31/11"): that follow-up has no date either
    contact = phrases.pattern("dates.follow_up")
    return not any(not any(start <= at < end for start, end in taken)
                   and contact.search(doc.tokens, *_stretch(doc, at, at + 1)) is not None
                   for at in _impossible_dates(doc.norm, context.today, numeric_order(phrases)))


def _impossible_dates(text: str, today: dt.date, order: str) -> list[int]:
    """Where the text writes a day and a month that make no day ("31/11", "30 February"), as date_uses drops them."""
    order = document_order(text, order)
    found = []
    for number in _NUMBER.finditer(text):
        match = _DATE.match(text, number.start())
        if match is None or not any(match.group(key) for key in ("na", "sa", "dd", "ua", "ga", "ha")):
            continue
        if _resolve(match, today, order) is None:
            found.append(match.start())
    return found


def _same_day(text: str, phrases: Phrases) -> bool:
    """Does the draft set our next contact for today ("I'll call you back by 5pm today")? A fix promised for
    today ("the engineer will be with you this afternoon") is not a contact, so it leaves the date missing."""
    doc = analyse(text, phrases.pattern("text.clause_breaks"))
    contact = phrases.pattern("dates.follow_up")
    return any(contact.search(doc.tokens, *_stretch(doc, m.start(), m.end()))
               for key in ("promises.future_today", "promises.short_timelines")
               for m in phrases.pattern(key).finditer(doc.tokens)
               if not counted_from_today(m))


_STOP = re.compile(r"[,;:.!?]")


def _stretch(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The words a timeline belongs to: its clause, cut at the punctuation on either side ("we'll reverse it within
    the hour, and we'll follow up after the holidays": the follow-up is another promise, with no date)."""
    first, last = doc.sentence(start)
    first = max(doc.clause_start(start), first)
    before = [p.end() for p in _STOP.finditer(doc.norm, first, start)]
    after = _STOP.search(doc.norm, end, last)
    return (before[-1] if before else first), (after.start() if after else last)


_FROM_TODAY = re.compile(r"\bfrom (today|tonight)$", re.IGNORECASE)


def counted_from_today(timeline: re.Match[str]) -> bool:
    """'I'll phone you a week from today' names no day at all, so it is neither today nor a date."""
    return _FROM_TODAY.search(timeline.group()) is not None


def example_follow_up(context: CheckContext) -> dt.date:
    """The date a fix suggests: the committed follow-up date while the lead time still allows it, else the
    earliest business day it does allow, so the example is never past, whenever the draft is checked."""
    earliest = business_days_after(context.today, max(context.min_lead_business_days, 1), context.calendar)
    committed = context.follow_up_date
    return committed if committed is not None and committed >= earliest else earliest


def check_follow_up_date_mismatch(text: str, context: CheckContext, phrases: Phrases, rules: Rules) -> list[Violation]:
    committed = context.follow_up_date
    if committed is None:
        return []
    dates = follow_up_dates(date_uses(text, context, phrases))
    if any(use.found.date == committed for use in dates):
        return []
    # A follow-up sooner than the lead time is an over-promise, not a different valid date.
    earliest = business_days_after(context.today, max(context.min_lead_business_days, 1), context.calendar)
    dates = [use for use in dates if use.found.date >= earliest]
    return [
        violation("follow_up_date_mismatch", text, use.found.start, use.found.end,
                  rules.message("follow_up_date_mismatch", quote=quoted(use.found.text),
                                date=context.long_date(use.found.date), date_iso=use.found.date.isoformat(),
                                committed=context.long_date(committed)))
        for use in dates
    ]


def check_past_follow_up_date(text: str, context: CheckContext, phrases: Phrases, rules: Rules) -> list[Violation]:
    """Something we say will happen on a day already past ("we will call you on 20 November", "le technicien
    passera le 24 novembre", written in December), beside a good date. With no good date at all,
    missing_follow_up_date reports it instead."""
    code = "past_follow_up_date"
    uses = date_uses(text, context, phrases)
    if not promised_dates(uses):
        return []
    doc = analyse(text, phrases.pattern("text.clause_breaks"))
    return [violation(code, text, use.found.start, use.found.end, rules.message(
                code, quote=quoted(use.found.text), today=context.long_date(context.today)))
            for use in uses if use.role == "past" and _said_to_come(doc, use.found, phrases)]


def _said_to_come(doc: Doc, found: FoundDate, phrases: Phrases) -> bool:
    """Does a future marker stand before the date in its sentence, with nothing past-tense in between?"""
    start = max(doc.sentence(found.start)[0], found.start - 160)
    markers = phrases.pattern("dates.future_markers").finditer(doc.tokens, start, found.start)
    if not markers:
        return False
    return phrases.pattern("dates.past_markers").search(doc.tokens, markers[-1].end(), found.start) is None


def check_weekday_mismatch(text: str, context: CheckContext, phrases: Phrases, rules: Rules) -> list[Violation]:
    return [
        violation("weekday_mismatch", text, use.found.start, use.found.end, _wrong_weekday(use.found, context, rules))
        for use in promised_dates(date_uses(text, context, phrases))
        if not use.found.weekday_ok
    ]


def _wrong_weekday(found: FoundDate, context: CheckContext, rules: Rules) -> str:
    day = found.date
    return rules.message("weekday_mismatch", quote=quoted(found.text), date=context.long_date(day),
                         day_month_year=context.long_date(day, with_weekday=False), weekday=context.weekday(day))


# --- resolving a match to a day ---------------------------------------------------------------

def _resolve(match: re.Match[str], today: dt.date, order: str) -> tuple[dt.date, bool] | None:
    g = match.groupdict()
    if g["iy"]:
        day = _safe_date(int(g["iy"]), int(g["im"]), int(g["id"]))
        return (day, True) if day else None
    if g["na"]:
        year = int(g["ny"]) + (2000 if len(g["ny"]) == 2 else 0)
        # 12.11.2026 is 12 November wherever dots are written (Germany, Austria, Switzerland): never month first
        dotted = "day_first" if g["nsep"] == "." else order
        return _numeric(int(g["na"]), int(g["nb"]), year, _weekday(g["nw"]), today, dotted)
    if g["sa"]:
        return _numeric(int(g["sa"]), int(g["sb"]), None, _weekday(g["sw"]), today, order)
    if g["od"]:
        return _day_of_month(int(g["od"]), _weekday(g["ow"]), today)
    if g["rd"]:
        return _textual(int(g["rd"]), g["rm"], g["ry"], None, today)
    if g["pd"]:
        # "by the 14th" looks ahead (the next 14th); "on the 2nd" may be past (the nearest 2nd)
        ahead = re.search(r"\b(by|before|until|till|from|between)\s+(?:the\s+|eod\s+|cob\s+)?$",
                          match.string[:match.start()][-20:], re.I)
        return _day_of_month(int(g["pd"]), None, today, ahead=bool(ahead))
    if g["dd"]:
        return _textual(int(g["dd"]), g["dm"] or g["fm"], g["dy"], _weekday(g["dw"]), today)
    if g["ua"]:
        return _numeric(int(g["ua"]), int(g["ub"]), None, None, today, "day_first")
    if g["ya"]:
        return _numeric(int(g["ya"]), int(g["yb"]), None, None, today, "day_first")
    if g["ea"]:
        # only when the weekday fits: "Friday 9.30" is a time, not 9 March
        reading = _numeric(int(g["ea"]), int(g["eb"]), None, _weekday(g["ew"] or g["ex"]), today, "day_first")
        return reading if reading is not None and reading[1] else None
    if g["ga"]:
        return _numeric(int(g["ga"]), int(g["gb"]), None, None, today, "day_first")
    if g["ha"]:
        day = _with_year(int(g["ha"]), int(g["hb"]), None, today)  # day first only: 5.13 is no date
        return (day, True) if day else None
    if g["qd"]:
        resolved = _day_of_month(int(g["qd"]), None, today, ahead=True)
        if resolved is None or not g["qw"]:
            return resolved
        return resolved[0], resolved[0].weekday() == _FOREIGN_WEEKDAYS[g["qw"].lower()]
    if g["md"] is None:
        return None
    return _textual(int(g["md"]), g["mm"], g["my"], _weekday(g["mw"]), today)


def _textual(day: int, month_name: str, year: str | None, weekday: int | None,
             today: dt.date) -> tuple[dt.date, bool] | None:
    month = _FOREIGN_MONTHS.get(month_name.lower()) or _MONTHS[month_name[:3].lower()]
    resolved = _with_year(day, month, int(year) if year else None, today)
    return (resolved, weekday is None or resolved.weekday() == weekday) if resolved else None


def _numeric(first: int, second: int, year: int | None, weekday: int | None, today: dt.date,
             order: str) -> tuple[dt.date, bool] | None:
    """04/12 read day first, month first, or (order "auto") day first unless only the month-first reading
    is a day in the coming months. A weekday picks the reading it fits; a reading that is impossible
    (13/25) is never used, so 12/15 is 15 December in any order."""
    day_first = [(first, second), (second, first)]
    readings = day_first[::-1] if order == "month_first" else day_first
    days = [d for d in (_with_year(day, month, year, today) for day, month in readings) if d is not None]
    if not days:
        return None
    if weekday is not None:
        fitting = [d for d in days if d.weekday() == weekday]
        if order == "auto" and len(fitting) == 2 and not _upcoming(fitting[0], today) and _upcoming(fitting[1], today):
            # both readings fall on that weekday ("Tuesday, 1/12" written on 8 January 2027: 1 December 2026 and 12
            # January 2027 are both Tuesdays): as without a weekday, the coming day rather than a past one
            return fitting[1], True
        return (fitting[0], True) if fitting else (days[0], False)
    if order == "auto" and len(days) == 2 and not _upcoming(days[0], today) and _upcoming(days[1], today):
        return days[1], True
    if order == "auto" and len(days) == 2 and not _upcoming(days[0], today) and days[1] < today < days[0] \
            and today - days[1] < days[0] - today:
        # neither reading is a day in the coming months ("the ride on 1/5", written on 8 January 2027: 1 May or 5
        # January): the nearer one, a few days past, rather than one months ahead (as a year-less date is read)
        return days[1], True
    return days[0], True


def _upcoming(day: dt.date, today: dt.date) -> bool:
    return today <= day <= today + dt.timedelta(days=UPCOMING_DAYS)


def _day_of_month(day: int, weekday: int | None, today: dt.date, ahead: bool = False) -> tuple[dt.date, bool] | None:
    """'Friday the 27th': the nearest day numbered `day` (on that weekday, when one is named)."""
    candidates = []
    for offset in range(-2, 13):
        year, month = divmod(today.month - 1 + offset, 12)
        candidate = _safe_date(today.year + year, month + 1, day)
        if candidate is not None:
            candidates.append(candidate)
    if ahead:
        candidates = [d for d in candidates if d >= today]
    fitting = [d for d in candidates if weekday is None or d.weekday() == weekday]
    pool = fitting or candidates
    if not pool:
        return None
    nearest = min(pool, key=lambda d: (abs((d - today).days), d < today))
    return nearest, bool(fitting)


def _with_year(day: int, month: int, year: int | None, today: dt.date) -> dt.date | None:
    if year is not None:
        return _safe_date(year, month, day)
    candidates = [d for d in (_safe_date(y, month, day) for y in (today.year - 1, today.year, today.year + 1)) if d]
    # A year-less date means a day within a year of today: "by 29 February" written in January 2027 is no day
    # at all (2027 is no leap year), not 29 February 2028.
    candidates = [d for d in candidates if abs((d - today).days) <= 366]
    # Nearest to today, so "ordered on 28 November" stays in the past; a tie goes to the future.
    return min(candidates, key=lambda d: (abs((d - today).days), d < today)) if candidates else None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _weekday(text: str | None) -> int | None:
    if not text:
        return None
    return _WEEKDAYS[re.sub(r"[^a-z]", "", text.lower())[:3]]


# --- what a date is for -------------------------------------------------------------------------

def _classify(doc: Doc, found: FoundDate, today: dt.date, committed: dt.date | None, phrases: Phrases) -> DateUse:
    """The cue nearest before the date decides what it is for; without one, the cue just after it. A past
    date is the customer's history or a stale promise; a future one is ours unless it is someone else's
    (their event, deadline or request, an expiry, a reopening): "a concrete future date tied to anything
    we commit to do, send, book or deliver"."""
    past = found.date < today
    cues = {name: phrases.pattern(key) for name, key in _CUES}
    kind, span = _nearest_cue(doc, found, cues, phrases)
    # A contact cue wins over a nearer past-tense word: "I'll confirm it has arrived on 2 December".
    # ... but not over the customer's own past act: "I can confirm the form you sent on 3/12 reached us".
    ours = _after_past_cue(doc, found, span, cues["past"]) if kind == "past" else span
    contact = kind != "not_ours" and bool(cues["contact"].search(doc.tokens, *ours))
    if past:
        return DateUse(found, "past", contact)
    occasion = phrases.pattern("dates.occasion_after").match(doc.tokens, next_word(doc.norm, found.end))
    if kind == "not_ours" or occasion or _standing_booking(doc, found, phrases) or _their_plan(doc, found, phrases) \
            or _names_a_week(doc, found, phrases):
        return DateUse(found, "not_ours", False)
    arrival = phrases.pattern("dates.arrival")
    if contact or (found.date == committed and not _only_arrival(doc, found, span, arrival, cues["contact"])):
        return DateUse(found, "follow_up", True)
    if kind == "past" and not cues["commitment"].search(doc.tokens, *ours) \
            and not phrases.pattern("dates.we_did").search(doc.tokens, *span):
        # "your order was placed on 2 December" (a future date in the past tense: the customer's, not ours);
        # "it will be delivered on 2 December" and "I've booked an engineer for 5 January" are ours.
        return DateUse(found, "customer_event", False)
    return DateUse(found, "commitment", False)


def _names_a_week(doc: Doc, found: FoundDate, phrases: Phrases) -> bool:
    """'w/c 14 Dec', 'the week of 11 January': the day only names the week it starts, and a week is no calendar
    date ([dates] week_of, right before the date), as "next week" is none."""
    week_of = phrases.patterns.get("dates.week_of")
    before = doc.before_start(found.start, 30), found.start
    return week_of is not None and week_of.search(doc.tokens, *before) is not None


def _their_plan(doc: Doc, found: FoundDate, phrases: Phrases) -> bool:
    """'Coming in to the branch on Friday 4 December is absolutely fine': the date of the customer's own plan, which we
    only agree to ([dates] agreed_after, right after the date and its comma). It commits us to nothing."""
    agreed = phrases.patterns.get("dates.agreed_after")
    pos = next_word(doc.norm, found.end)
    if pos < len(doc.norm) and doc.norm[pos] == ",":
        pos = next_word(doc.norm, pos + 1)
    return agreed is not None and agreed.match(doc.tokens, pos) is not None


def _after_past_cue(doc: Doc, found: FoundDate, span: tuple[int, int], past: PhraseList) -> tuple[int, int]:
    """Where a commitment word would make a past-tense cue's date ours. When the customer is the one who acted ("I can
    see the pack you tried to add on 2/12"), only between that act and the date: a "can" or "will" before it is
    another clause's. Otherwise the whole clause: "it will be dispatched on 9 January" is ours."""
    if span[1] > found.start:  # the cue came after the date: its whole clause
        return span
    matches = past.finditer(doc.tokens, *span)
    if not matches or not matches[-1].group().lower().startswith("you "):
        return span
    return matches[-1].end(), span[1]


def _standing_booking(doc: Doc, found: FoundDate, phrases: Phrases) -> bool:
    """'your reservation for pickup on Saturday, December 19, at our airport location remains confirmed': the date
    of the customer's own booking, which stands as it was ([dates] customer_bookings before the date, standing_after
    after it or between the two, in its sentence, and no "we will" between the booking and the date)."""
    bookings, standing = phrases.patterns.get("dates.customer_bookings"), phrases.patterns.get("dates.standing_after")
    if bookings is None or standing is None:
        return False
    first, last = doc.sentence(found.start)
    booking = bookings.finditer(doc.tokens, max(first, found.start - 80), found.start)
    if booking and not phrases.pattern("dates.we_will").search(doc.tokens, booking[-1].end(), found.start):
        # it stands, said after the date or between the booking and the date ("your next session stays as booked on
        # 3 December at 4.15pm")
        return standing.search(doc.tokens, found.end, min(last, found.end + 80)) is not None \
            or standing.search(doc.tokens, booking[-1].start(), found.start) is not None
    return _booking_named_back(doc, found, (first, last), phrases)


def _booking_named_back(doc: Doc, found: FoundDate, sentence: tuple[int, int], phrases: Phrases) -> bool:
    """'Your cleaning and crown prep are booked for 15 December, and that appointment is all set': the thing dated is
    named after the date ([dates] bookings_named_back: "that appointment", "the booking") as a booking that stands.
    Only when the sentence opens with the customer's thing ("your ...") and nobody of ours acts before the date
    ("we've booked the engineer for ..., and the appointment is confirmed" is ours)."""
    back = phrases.patterns.get("dates.bookings_named_back")
    if back is None or not doc.norm[sentence[0]:found.start].lstrip(" \t*-•").lower().startswith("your "):
        return False
    if any(phrases.pattern(key).search(doc.tokens, sentence[0], found.start)
           for key in ("dates.we_will", "dates.we_booked", "dates.we_did")):
        return False
    return back.search(doc.tokens, found.end, min(sentence[1], found.end + 100)) is not None


def _nearest_cue(doc: Doc, found: FoundDate, cues: dict[str, PhraseList],
                 phrases: Phrases) -> tuple[str, tuple[int, int]]:
    """The kind of the cue nearest before the date in its clause, and the span searched. Only a date that
    opens its clause belongs to the words after it ("On 4 December I will call you")."""
    we_will, we_booked = phrases.pattern("dates.we_will"), phrases.pattern("dates.we_booked")
    new_clause_verbs, joints = phrases.pattern("dates.new_clause_verbs"), phrases.pattern("dates.new_clause_joints")
    before = doc.before_start(found.start, 120), found.start
    # a semicolon ends a clause: "a discount on your next trip; we send you the code on 19/02" (the trip's owner does
    # not own the date after it)
    before = max(before[0], doc.norm.rfind(";", *before) + 1), before[1]
    nearest = max(((_last_end(cue, doc, *before), name) for name, cue in cues.items()), default=(-1, ""))
    # Someone else's date keeps its clause: "the sale runs until 10 January", "we are closed until 4 January"
    # ("until" is no promise of ours; "you asked whether someone could call you on ..." is their request),
    # unless we commit after it ("..., and I'll call you on ...").
    theirs = _last_end(cues["not_ours"], doc, *before)
    aside = _aside(doc, cues["not_ours"], before[0], found.start) if theirs >= 0 else None
    if aside is not None:
        # "I'll send you details of the fund, which you may be able to apply to, by 21 January": someone else's
        # cue inside a relative clause that closes before the date; the main clause around it decides.
        opened, closed = aside
        for part in ((closed, found.start), (before[0], opened)):
            last = max(((_last_end(cue, doc, *part), name) for name, cue in cues.items()),
                       default=(-1, ""))
            if last[0] >= 0:
                return last[1], (before[0], found.start)
        theirs = -1
    if theirs >= 0 and (((joint := _new_clause(doc, joints, theirs, found.start)) >= 0
                         and new_clause_verbs.search(doc.tokens, joint, found.start))
                        or _main_clause_after(doc, theirs, found.start)):
        # "... within 30 minutes of your visit, and the manager will call you on 23/11": a new clause with its own
        # verb ("..., and the final balance by 2 July" shares the verb before it, and its owner); "Because of the
        # holidays on 25 December, the refund will go out on 29 December": the fronted phrase ends at its comma
        theirs = -1
    if theirs >= 0 and _our_deadline(doc, cues, phrases, before[0], theirs, found.start):
        return "commitment", before
    if theirs >= 0 and _our_second_verb(doc, cues, phrases, before[0], theirs, found.start):
        theirs = -1
    asked = phrases.pattern("dates.asked_or_conditional")
    if theirs >= 0 and not _we_commit(doc, we_will, asked, theirs, found.start) \
            and we_booked.search(doc.tokens, *before) is None:  # "I've booked your appointment for 9 December"
        rest = found.end, _rest_of_sentence(doc, found.end)
        same_day = phrases.patterns.get("dates.that_day")
        back = same_day is not None and (day := same_day.search(doc.tokens, *rest)) is not None \
            and not _ANOTHER_DAY.search(doc.norm, found.end, day.start())  # "that day" is the nearest date's
        if cues["commitment"].search(doc.tokens, theirs, found.start) is None or back:
            # "Please be home on 10 December: our engineer will call in": someone else's cue before the date, and
            # our commitment after it in the same sentence (up to ";" or "."), makes the date ours after all; so
            # does one that points back to that very day ([dates] that_day: "your renewal is set for Mon 4/1 - we'll
            # text you a confirmation that morning"), whatever set the date; then even after ", and": "the money
            # should reach you by Fri 4/12, and I'll ring you that day" (the clause names the day it acts on).
            if _ours_after(doc, phrases, *rest, pointed_back=back):
                return "commitment", rest
        if _confirmed(doc, phrases, before[0], found.start, *rest):
            return "commitment", rest
        return "not_ours", before
    if nearest[0] >= 0:
        # someone else's cue is the nearest, but we commit after it ("off from 23 December and back with you on 5
        # January"): the date is ours
        return ("commitment" if nearest[1] == "not_ours" and theirs >= 0 else nearest[1]), before
    after = found.end, doc.after_end(found.end, 60)
    if cues["contact"].search(doc.tokens, *after):  # "Am Dienstag, 16.2. melde ich mich, was ...": our contact
        return "contact", after
    firsts = [(m.start(), name) for name, cue in cues.items() if (m := cue.search(doc.tokens, *after))]
    return min(firsts, default=(-1, ""))[1], after


_CLAUSE_MARK = re.compile(r"[,;:(–—]")


def _our_second_verb(doc: Doc, cues: dict[str, PhraseList], phrases: Phrases, start: int, theirs: int,
                     date_start: int) -> bool:
    """Is someone else's cue only the object of our first verb, and the date on a second verb of ours joined to it by
    "and"? "I have cancelled the renewal and will refund you on Wednesday 6 January": we (I have, I'll) are the subject
    of the clause that holds the cue, with no comma between, and after "and" comes a future verb or a contact word
    (the same subject, "we", acts on the date). Not "your plan renews and will cost ...": its subject is not ours."""
    joint = phrases.pattern("dates.second_verb_joints").search(doc.tokens, theirs, date_start)
    if joint is None or _CLAUSE_MARK.search(doc.norm, theirs, joint.start()):
        return False
    verb = next_word(doc.norm, joint.end())
    modals = phrases.pattern("dates.second_verb_modals")
    if not any(cue.match(doc.tokens, verb, date_start) for cue in (modals, cues["contact"], cues["commitment"])):
        return False
    clause, cue_start = _cue_clause(doc, cues, start, theirs)
    subject = [m for key in ("dates.we_will", "dates.we_did")
               for m in phrases.pattern(key).finditer(doc.tokens, clause, cue_start)]
    return bool(subject) and not phrases.pattern("dates.asked_or_conditional").search(doc.tokens, clause, cue_start)


def _our_deadline(doc: Doc, cues: dict[str, PhraseList], phrases: Phrases, start: int, theirs: int,
                  date_start: int) -> bool:
    """Is someone else's cue only the object of our verb, and the date its deadline? "We'll refund your flight by Friday
    27 November", "te vamos a acreditar un bono para tu próximo viaje, antes del viernes 27": a deadline word right
    before the date ([dates] deadline_leads: an event happens on a date, an act is done by one), and our "we will" in
    the clause before the cue, not inside the customer's question or a condition."""
    clause, cue_start = _cue_clause(doc, cues, start, theirs)
    # (the cue may be the lead itself: German "bis" is both "until" and "by")
    if phrases.pattern("dates.deadline_leads").search(doc.tokens, max(cue_start, date_start - 40), date_start) is None:
        return False
    return _we_commit(doc, phrases.pattern("dates.we_will"), phrases.pattern("dates.asked_or_conditional"), clause,
                      cue_start)


def _cue_clause(doc: Doc, cues: dict[str, PhraseList], start: int, theirs: int) -> tuple[int, int]:
    """Where the clause that holds someone else's cue (ending at `theirs`) starts, and where the cue starts: past the
    last clause mark before the cue, within its sentence."""
    matches = cues["not_ours"].finditer(doc.tokens, start, theirs + 1)
    cue_start = matches[-1].start() if matches else theirs
    marks = list(_CLAUSE_MARK.finditer(doc.norm, start, cue_start))
    return max(marks[-1].end() if marks else start, doc.sentence(cue_start)[0]), cue_start


def _we_commit(doc: Doc, we_will: PhraseList, asked: PhraseList, start: int, end: int) -> bool:
    """Is there a "we will" / "we can" of ours in doc[start:end] that is not inside the customer's question or a
    condition ("you asked whether we can move them to 3 January", "if we can fit you in on 9 December")?"""
    return any(asked.search(doc.tokens, max(start, m.start() - 20), m.start()) is None
               for m in we_will.finditer(doc.tokens, start, end))


_SENTENCE_STOP = re.compile(r"[;.!?]")
# A figure or a weekday: another date may stand between a date and a "that day" that points back to the nearer one.
_ANOTHER_DAY = re.compile(rf"\d|(?<!\w)(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|{_FOREIGN_WEEKDAY})(?!\w)",
                          re.IGNORECASE)


# Where a clause that may be ours starts after a date: past a colon or a dash ([dates] our_side must follow), or past
# a comma and a joint of [dates] tied_clause_joints.
_COLON_OR_DASH = re.compile(r"\s*[:–—]\s*|\s+-\s+")
_COMMA = re.compile(r",\s+")


def _ours_after(doc: Doc, phrases: Phrases, start: int, end: int, pointed_back: bool = False) -> bool:
    """Does a clause of ours ([dates] our_side) that commits ([dates] commitment or we_will) and sets no time or
    condition of its own ([dates] own_time_after) follow the date in doc[start:end]? After a comma, the clause must be
    tied to the date ([dates] tied_clause_joints), or, when it points back to that day ([dates] that_day), opened by
    any joint of [dates] new_clause_joints."""
    our_side, tied = phrases.pattern("dates.our_side"), phrases.pattern("dates.tied_clause_joints")
    joints = phrases.pattern("dates.new_clause_joints")
    own_time = phrases.pattern("dates.own_time_after")
    for mark in (*_COLON_OR_DASH.finditer(doc.norm, start, end), *_COMMA.finditer(doc.norm, start, end)):
        subject = mark.end()
        if mark.group().strip() == ",":
            joint = tied.match(doc.tokens, subject, end)
            if joint is None and pointed_back:
                joint = joints.match(doc.tokens, subject, end)
            if joint is None:
                continue
            subject = next_word(doc.norm, joint.end())
        if our_side.match(doc.tokens, subject, end) is None:
            continue
        if own_time.search(doc.tokens, subject, end):
            return False
        return any(phrases.pattern(key).search(doc.tokens, subject, end)
                   for key in ("dates.commitment", "dates.we_will"))
    return False


_CONFIRMING_MARK = re.compile(r"\s*(?:[,:–—]|\s-)?\s*")


def _confirmed(doc: Doc, phrases: Phrases, said_from: int, said_to: int, start: int, end: int) -> bool:
    """Is someone else's word of the date ([dates] reported_word in doc[said_from:said_to]) ours to keep, by our own
    word right after the date ([dates] confirmed_after in doc[start:end]): "the engineer told you he'd be back on
    5 March, and he will be"?"""
    confirmed, reported = phrases.patterns.get("dates.confirmed_after"), phrases.patterns.get("dates.reported_word")
    if confirmed is None or reported is None or reported.search(doc.tokens, said_from, said_to) is None:
        return False
    mark = _CONFIRMING_MARK.match(doc.norm, start, end)
    return mark is not None and confirmed.match(doc.tokens, mark.end(), end) is not None


def _rest_of_sentence(doc: Doc, pos: int) -> int:
    """Where the sentence holding `pos` ends, or its first ";" or "." after `pos`."""
    last = doc.sentence(pos)[1]
    stop = _SENTENCE_STOP.search(doc.norm, pos, last)
    return stop.start() if stop else last


# After a comma, a subject of its own (a pronoun, or a noun with its article or owner) and a future verb: the main
# clause that a fronted phrase ("Because of the holidays on 25 December, ...", "With your flight on 9 January, ...")
# leads into. What the fronted phrase names is not its owner.
_SUBJECT_WILL = re.compile(r",\s+(?:(?:I|we|it|they|he|she)|(?:the|your|our|this|that|these|those|a|an|my)"
                           r"(?:\s+[\w'-]+){1,3}?)(?:\s+(?:will|shall|is going to|are going to)|'ll)\b", re.IGNORECASE)


def _main_clause_after(doc: Doc, start: int, end: int) -> bool:
    """Does a main clause with its own subject and future verb start after a comma in doc[start:end]?"""
    return _SUBJECT_WILL.search(doc.norm, start, end) is not None


# A comma or a semicolon, then a joint of [dates] new_clause_joints ("and", "so", "und", "y así que"): what
# follows is a clause of its own, with its own subject.
_JOINT_MARK = re.compile(r"[,;]\s+")


def _new_clause(doc: Doc, joints: PhraseList, start: int, end: int) -> int:
    """Where the first new clause in doc[start:end] starts, just past its joint and the space after it, or -1."""
    for mark in _JOINT_MARK.finditer(doc.norm, start, end):
        joint = joints.match(doc.tokens, mark.end(), end)
        if joint is not None and joint.end() < end and doc.norm[joint.end()].isspace():
            return joint.end() + 1
    return -1
_RELATIVE = re.compile(r",\s+(?:which|who|whom|whose|where|with|including|plus|along with|together with)\b[^,;.!?]*,",
                       re.IGNORECASE)


def _aside(doc: Doc, theirs: PhraseList, start: int, date_start: int) -> tuple[int, int] | None:
    """(where it opens, just after its closing comma) of a relative clause (", which you may apply to,") that
    holds the start of someone else's last cue before the date, when that aside has closed before the date."""
    matches = theirs.finditer(doc.tokens, start, date_start)
    if not matches:
        return None
    cue = matches[-1]
    for m in _RELATIVE.finditer(doc.norm, start, date_start):
        if m.start() < cue.start() < m.end() and not _SENTENCE_STOP.search(doc.norm, m.end(), date_start):
            return m.start(), m.end()
    # Any aside between commas that holds the cue and the date the cue is about is spent by the time the sentence
    # goes on: "I'll send the quote, pro-rated to your renewal date of 1 March, by Mon 1 Feb".
    for m in _ASIDE.finditer(doc.norm, start, date_start):
        if m.start() < cue.start() < m.end() and _DIGIT.search(doc.norm, cue.end(), m.end()) \
                and not _SENTENCE_STOP.search(doc.norm, m.end(), date_start):
            return m.start(), m.end()
    return None


_ASIDE = re.compile(r",\s+[^,;.!?\n]*,")
_DIGIT = re.compile(r"\d")


def _only_arrival(doc: Doc, found: FoundDate, span: tuple[int, int], arrival: PhraseList, contact: PhraseList) -> bool:
    """Is this date only when something arrives ("the refund should be back on your card by 4 December"),
    with no word of our contact anywhere in its sentence ("... and I will email you that day")?
    The committed date counts as our follow-up without a contact word ("Next update: 4 December"),
    but not then."""
    if not arrival.search(doc.tokens, *span):
        return False
    start, end = doc.sentence(found.start)
    return contact.search(doc.tokens, start, end) is None


# The cue lists that tell what a date is for, by the name _classify gives them.
_CUES = (("past", "dates.past_event"), ("not_ours", "dates.not_our_date"), ("contact", "dates.follow_up"),
         ("commitment", "dates.commitment"))


def _last_end(phrase_list: PhraseList, doc: Doc, start: int, end: int) -> int:
    """End of the last match in doc[start:end] (-1 when none), so the cue nearest the date wins."""
    matches = phrase_list.finditer(doc.tokens, start, end)
    return matches[-1].end() if matches else -1


def _timeline_span(text: str, context: CheckContext, phrases: Phrases) -> tuple[int, int]:
    """Where a follow-up date belongs: the timeline section or paragraph, else (0, 0)."""
    if context.sections is not None and context.sections.timeline.strip():
        start = text.find(context.sections.timeline.strip())
        if start >= 0:
            return start, start + len(context.sections.timeline.strip())
    doc = analyse(text, phrases.pattern("text.clause_breaks"))
    cue = phrases.pattern("structure.timeline")
    # The paragraph with the most timeline cues; on a tie the later one (the timeline comes fifth).
    scored = [(len(cue.finditer(doc.tokens, start, end)), start, end) for start, end in doc.paragraphs()]
    best = max(scored, default=(0, 0, 0))
    return (best[1], best[2]) if best[0] else (0, 0)


CHECKS = (
    Check("missing_follow_up_date", check_missing_follow_up_date),
    Check("follow_up_date_mismatch", check_follow_up_date_mismatch),
    Check("past_follow_up_date", check_past_follow_up_date),
    Check("weekday_mismatch", check_weekday_mismatch),
)
