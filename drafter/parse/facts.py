"""Identifiers the customer wrote (order and invoice numbers, amounts, dates), exactly as written.

A draft may repeat only these, so each is kept verbatim. Extraction is anchored: one fast scan for
keywords, "#" and digit runs, then small patterns matched *at* those places (never a pattern tried
at every position), so it is linear in the length of the text and takes microseconds per email.
"""

from __future__ import annotations

import re

from drafter_core.values import Facts

# An identifier: letters, digits and single dashes or slashes, holding at least one digit; not the
# integer part of an amount ("329,99 €").
_ID_BODY = r"(?=[a-z0-9/-]{0,20}\d)[a-z0-9]{1,20}(?:[-/][a-z0-9]{1,20}){0,4}"
_ID = rf"(?P<id>#?{_ID_BODY})(?![a-z0-9])(?![.,]\d)"
# Between the keyword and the identifier: a label ("No.", "number", "n°", "番号"), then maybe "is".
_LABEL = r"(?:number|num|no|nr|n°|nº|n\.º|id|ref|reference|nummer|numéro|numero|número|code|番号)(?![a-z])\.?"
_GAP = r"[\s:：#.-]{0,3}"
_FILLER = rf"{_GAP}(?:{_LABEL}(?:{_GAP}(?:is|was|lautet|est|es)(?![a-z]))?{_GAP})?"
_ORDER_WORDS = (
    r"(?:n°|nº|numéro|numero|número|no\.?)\s(?:de\s)?(?:commande|pedido)|orders|order|bestellungen|bestellung|"
    r"bestellnummer|bestell-nr|bestellnr|auftragsnummer|auftrag|commandes|commande|pedidos|pedido|ordine|"
    r"bestelling|ordernummer|encomenda|ordem|beställning|ordernumber|order-id|orderid|ご注文番号|注文番号|"
    r"ご注文|注文|オーダー番号|受注番号"
)
_INVOICE_WORDS = (
    r"invoices|invoice|rechnungsnummer|rechnung|facture|factura|fattura|factuur|fatura|faktura|請求書番号|請求書"
)
# Stems of the keywords above, found with str.find (a regex alternation would be tried at every position).
_STEMS = (
    "ord", "bestel", "auftrag", "command", "pedido", "encomenda", "beställ", "invoice", "rechnung", "factur",
    "fattur", "faktur", "fatur", "n°", "nº", "numéro", "numero", "número", "no.", "注文", "オーダー", "受注", "請求",
)
_ORDER_AT = re.compile(rf"(?:{_ORDER_WORDS}){_FILLER}{_ID}")
_INVOICE_AT = re.compile(rf"(?:{_INVOICE_WORDS}){_FILLER}{_ID}")
# "orders #A-10601 and #A-10602", "Bestellungen 123, 124 und 125": the list goes on after the first.
_CONTINUATION = re.compile(
    rf"\s{{0,3}}(?:,|/|&|and|or|und|oder|et|ou|y|o|e|、)\s{{0,3}}{_ID}(?!\s?(?:[$€£¥%]|eur\b|usd\b|dollar|euro))"
)
_INVOICE_CODE_AT = re.compile(r"INV[-/]?\d{1,12}(?:[-/][A-Za-z0-9]{1,12}){0,4}(?![A-Za-z0-9])")
# "#A-10815" or "#55123" with no keyword before it: in a complaint that is an order reference.
_HASH_ID_AT = re.compile(r"#(?P<id>[a-z]{1,5}-?\d{3,12}(?:-\d{1,12}){0,2}|\d{4,12})(?![\w-])")
_HEX_COLOUR = re.compile(r"^(?:[0-9a-f]{3}|[0-9a-f]{6})$")

_DIGITS = re.compile(r"\d+")
_NUMBER_AT = re.compile(r"\d{1,3}(?:[,.\u00a0\u202f]\d{3}){1,5}(?:[.,]\d{1,2})?(?!\d)|\d{1,12}(?:[.,]\d{1,2})?(?!\d)")
_CURRENCY_BEFORE = re.compile(
    r"(?:us\$|ca\$|au\$|a\$|c\$|\$|€|£|¥|￥|₹|chf|usd|eur|gbp|cad|aud|jpy|sek|nok|dkk|pln)\s?\Z"
)
_CURRENCY_LAST_CHARS = frozenset("$€£¥￥₹dfrpykn")  # cheap pre-checks before the patterns
_CURRENCY_FIRST_CHARS = frozenset("$€£¥￥₹円uegcajsndp")
_CURRENCY_AFTER = re.compile(
    r"\s?(?:[$€£¥￥₹円]|(?:usd|eur|gbp|chf|cad|aud|jpy|sek|nok|dkk|pln|euros?|dollars?|pounds?)(?![^\W\d_]))"
)

_MONTHS = (
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec|"
    r"januar|jänner|februar|märz|juni|juli|oktober|dezember|mär|okt|dez|"
    r"janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|"
    r"janv|févr|avr|juil|déc|"
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|"
    r"ene|abr|ago|dic"
)
_WEEKDAYS = (
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|"
    r"samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|"
    r"viernes|sábado|domingo"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_YEAR = r"(?:19|20)\d{2}"
# Dates that start with their first digit: ISO, 12/11/2026, 12. November 2026, 12 de noviembre, 11月15日.
_DATE_AT = re.compile(
    rf"{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?!\d)"
    rf"|{_DAY}(?P<sep>[./])(?:0?[1-9]|[12]\d|3[01])(?P=sep)(?:{_YEAR}|\d{{2}})(?!\d)(?![./]\d)"
    rf"|{_DAY}(?:st|nd|rd|th|er|\.)?\s(?:of\s|de\s)?(?:{_MONTHS})(?![^\W\d_])\.?(?:,?\s(?:de\s)?{_YEAR}(?!\d))?"
    rf"|(?:{_YEAR}年)?(?:1[0-2]|0?[1-9])月(?:[12]\d|3[01]|0?[1-9])日"
)
# Month first ("Nov 12, 2026", "November 12th"): the month is found just before the day's digits.
_MONTH_BEFORE = re.compile(rf"(?<![^\W\d_])(?P<month>{_MONTHS})\.?\s{{1,2}}\Z")
_DAY_REST = re.compile(rf"{_DAY}(?:st|nd|rd|th)?(?![\d])(?![^\W\d_])(?:,?\s{_YEAR}(?!\d))?")
_WEEKDAY_BEFORE = re.compile(rf"(?<![^\W\d_])(?:{_WEEKDAYS}),?\s\Z")
# Month names that are also everyday words: only a date when capitalised ("May 5", not "may 5").
_AMBIGUOUS_MONTHS = frozenset({"may", "mar", "march"})
_LOOKBACK = 16


def extract_facts(text: str) -> Facts:
    """Order numbers, invoice numbers, amounts and dates in `text`, deduplicated, in order of appearance."""
    low = _lower(text)
    taken = bytearray(len(text))  # characters already claimed: an order number is not also an amount
    orders: list[tuple[int, str]] = []
    invoices: list[tuple[int, str]] = []
    for start in _keyword_starts(low):
        match = _INVOICE_AT.match(low, start) or _ORDER_AT.match(low, start)
        if match is not None:
            found = invoices if match.re is _INVOICE_AT else orders
            _claim_list(match, text, taken, found)
    _invoice_codes(text, taken, invoices)
    _hash_ids(text, low, taken, orders)
    amounts, dates = _amounts_and_dates(text, low, taken)
    return Facts(
        order_numbers=_ordered(orders),
        invoice_numbers=_ordered(invoices),
        amounts=_ordered(amounts),
        dates=_ordered(dates),
    )


def _keyword_starts(low: str) -> list[int]:
    """Where a keyword may start: a stem at the start of a word ("reorder" is not "order")."""
    starts = set()
    for stem in _STEMS:
        start = low.find(stem)
        while start != -1:
            if not (start and "a" <= low[start - 1] <= "z") or not stem.isascii():
                starts.add(start)
            start = low.find(stem, start + 1)
    return sorted(starts)


def _lower(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    # "İ" lowers to two code points; keep positions aligned with the original text
    return "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)


def _claim_list(match: re.Match[str] | None, text: str, taken: bytearray, found: list[tuple[int, str]]) -> None:
    while match is not None and _claim_id(match, text, taken, found):
        match = _CONTINUATION.match(match.string, match.end())


def _claim_id(match: re.Match[str], text: str, taken: bytearray, found: list[tuple[int, str]]) -> bool:
    start, end = match.span("id")
    value = text[start:end].lstrip("#").rstrip("-/")
    if len(value) < 3 or not any(c.isdigit() for c in value) or _overlaps(taken, start, end):
        return False
    if _HEX_COLOUR.match(value.lower()) and not value.isdigit():
        return False  # "#FF0000" is a colour
    _take(taken, start, end)
    found.append((start, value))
    return True


def _invoice_codes(text: str, taken: bytearray, invoices: list[tuple[int, str]]) -> None:
    start = text.find("INV")
    while start != -1:
        match = _INVOICE_CODE_AT.match(text, start)
        if match and not (start and text[start - 1].isalnum()) and not _overlaps(taken, *match.span()):
            _take(taken, *match.span())
            invoices.append((start, match.group()))
        start = text.find("INV", start + 3)


def _hash_ids(text: str, low: str, taken: bytearray, orders: list[tuple[int, str]]) -> None:
    start = low.find("#")
    while start != -1:
        if not (start and (low[start - 1].isalnum() or low[start - 1] in "&#")):
            _claim_list(_HASH_ID_AT.match(low, start), text, taken, orders)
        start = low.find("#", start + 1)


def _amounts_and_dates(text: str, low: str, taken: bytearray) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    amounts: list[tuple[int, str]] = []
    dates: list[tuple[int, str]] = []
    for run in _DIGITS.finditer(low):
        start = run.start()
        if taken[start]:
            continue
        span = _amount_at(low, start) or _date_at(text, low, start)
        if span is None or _overlaps(taken, span[0], span[1]):
            continue
        _take(taken, span[0], span[1])
        value = " ".join(text[span[0] : span[1]].split())  # "19 de\nnoviembre" as one line
        (amounts if span[2] == "amount" else dates).append((span[0], _trim_dot(value)))
    return amounts, dates


def _amount_at(low: str, start: int) -> tuple[int, int, str] | None:
    number = _NUMBER_AT.match(low, start)
    if number is None:
        return None
    if low[max(0, start - 5) : start].rstrip()[-1:] in _CURRENCY_LAST_CHARS:
        before = _CURRENCY_BEFORE.search(low, max(0, start - 5), start)
        if before is not None and not (before.start() and low[before.start() - 1].isalpha()):
            return before.start(), number.end(), "amount"
    if start and low[start - 1] in ".,":
        return None  # the tail of a longer number
    if low[number.end() : number.end() + 2].lstrip()[:1] not in _CURRENCY_FIRST_CHARS:
        return None
    after = _CURRENCY_AFTER.match(low, number.end())
    return (start, after.end(), "amount") if after else None


def _date_at(text: str, low: str, start: int) -> tuple[int, int, str] | None:
    if start and "a" <= low[start - 1] <= "z":
        return None
    end = None
    first = start
    match = _DATE_AT.match(low, start)
    if match is not None:
        end = match.end()
    elif start >= 2 and low[start - 1] in " \u00a0" and low[start - 2] in "abcdefghijklmnopqrstuvwxyzéû.":
        month = _MONTH_BEFORE.search(low, max(0, start - _LOOKBACK), start)
        rest = _DAY_REST.match(low, start) if month else None
        if month is None or rest is None:
            return None
        if text[month.start() : month.end("month")] in _AMBIGUOUS_MONTHS:
            return None  # "you may 5 times": lower-case "may" is a verb, "May 5" is a date
        first, end = month.start(), rest.end()
    if end is None:
        return None
    weekday = _WEEKDAY_BEFORE.search(low, max(0, first - _LOOKBACK), first)
    return (weekday.start() if weekday else first), end, "date"


def _trim_dot(value: str) -> str:
    # "since 2 November." ends a sentence; "12 Nov. 2026" keeps its abbreviation dot inside.
    return value[:-1] if value.endswith(".") and value[-2:-1].isalpha() else value


def _take(taken: bytearray, start: int, end: int) -> None:
    taken[start:end] = b"\x01" * (end - start)


def _overlaps(taken: bytearray, start: int, end: int) -> bool:
    return taken.find(1, start, end) != -1


def _ordered(found: list[tuple[int, str]]) -> list[str]:
    return list(dict.fromkeys(value for _, value in sorted(found)))
