"""Invented facts: an order number or a sum of money in the draft that the customer never wrote.

Runs only when the customer's facts are known (their email, when known too, adds to them). Our own
case and ticket numbers, the gesture catalogue's sums and every number the customer wrote are allowed.
"""

from __future__ import annotations

import re
from functools import lru_cache

from drafter_core.values import Violation
from guardrails.base import Check, CheckContext, quoted, violation
from guardrails.dates import find_dates, numeric_order
from guardrails.phrasebook import Phrases
from guardrails.phraselist import PhraseList
from guardrails.rules import Rules
from guardrails.text import Doc, Spans, amount_value, analyse, find_money

CODE = "unknown_fact"

_ID = r"(?P<id>#?[A-Z0-9](?:[A-Z0-9/_-]*[0-9][A-Z0-9/_-]*)(?<![/_-]))"
# What may follow a label before the identifier: "number", "no.", "#", ":" and "is".
_TAIL = re.compile(r"\s*(?:(?:number|no\.?|num|nr\.?|id|ref)\s*)?(?:is\s+)?[:#]?\s*" + _ID, re.IGNORECASE)
_LOOSE_ID = re.compile(r"(?<![\w#-])(?P<id>#\d{3,}|[A-Z]{2,5}-?\d{3,}(?:-\d+)*)(?![\w-])")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_TOKEN = re.compile(r"[#\w/-]+")
# An ASCII text's tokens that hold a digit, in one scan: only a run's first character may start a match.
_ASCII_DIGIT_TOKEN = re.compile(r"(?<![#\w/-])[#\w/-]*[0-9][#\w/-]*")
_NOT_ID = re.compile(r"[^A-Z0-9]")


def check_unknown_fact(text: str, context: CheckContext, phrases: Phrases, rules: Rules) -> list[Violation]:
    if context.facts is None:  # nothing to compare with: the customer's email alone is not enough
        return []
    known_ids, known_amounts = _known(context)
    doc = analyse(text, phrases.pattern("text.clause_breaks"))
    dates = Spans([(d.start, d.end) for d in find_dates(doc.norm, context.today, numeric_order(phrases))])
    found: list[Violation] = []
    for start, end, ident in _identifiers(doc, phrases):
        if dates.overlaps(start, end) or _is_known_id(ident, known_ids):
            continue
        found.append(violation(CODE, text, start, end, rules.message(
            CODE, "identifier", quote=quoted(ident), known=_known_listing(rules, sorted(known_ids)))))
    for money in find_money(doc.norm):
        if money.value not in known_amounts:
            amounts = sorted(f"{a:g}" for a in known_amounts)
            found.append(violation(CODE, text, money.start, money.end, rules.message(
                CODE, "amount", quote=quoted(money.text), known=_known_listing(rules, amounts))))
    return sorted(found, key=lambda v: v.start)


def _identifiers(doc: Doc, phrases: Phrases) -> list[tuple[int, int, str]]:
    """Identifiers after a label ('order number ABC-12345', 'invoice #1234') and bare ones ('#55123')."""
    norm = doc.norm
    ours = set(_after_labels(doc, phrases.pattern("facts.own_identifier_labels")))
    spans = {start: (start, end) for start, end in _after_labels(doc, phrases.pattern("facts.identifier_labels"))}
    if "#" in norm or "-" in norm:
        for m in _LOOSE_ID.finditer(norm):
            spans.setdefault(m.start("id"), m.span("id"))
    return [(start, end, norm[start:end]) for start, end in (spans[key] for key in sorted(spans))
            if (start, end) not in ours and sum(c.isdigit() for c in norm[start:end]) >= 3]


def _after_labels(doc: Doc, labels: PhraseList) -> list[tuple[int, int]]:
    found = []
    for label in labels.finditer(doc.tokens):
        ident = _TAIL.match(doc.norm, label.end())
        if ident is not None:
            found.append(ident.span("id"))
    return found


def customer_amounts(context: CheckContext) -> set[float]:
    """Every sum the customer wrote (facts and email), by value: '$189' is 189.0 like '$189.00'."""
    facts = context.facts
    return set(_amounts_in(" ".join(facts.amounts) if facts else "")) | _amounts_in(context.customer_text or "")


@lru_cache(maxsize=16)
def _amounts_in(customer_text: str) -> frozenset[float]:
    # Two checks ask for the same email's sums: scan it once. Bare numbers count too ("refund the 89.90").
    return frozenset(_value(n) for n in _NUMBER.findall(customer_text)) | {
        round(money.value, 2) for money in find_money(customer_text)}


@lru_cache(maxsize=16)
def _ids_in(customer_text: str) -> frozenset[str]:
    """The normalised identifiers of every token of the email that holds a digit."""
    if customer_text.isascii():  # str.isdigit is [0-9] on ASCII, so one regex scan finds the same tokens
        tokens = _ASCII_DIGIT_TOKEN.findall(customer_text)
    else:
        tokens = [t for t in _TOKEN.findall(customer_text) if any(c.isdigit() for c in t)]
    return frozenset(_norm_id(t) for t in tokens)


def _known(context: CheckContext) -> tuple[set[str], set[float]]:
    facts = context.facts
    customer = context.customer_text or ""
    ids = {_norm_id(i) for i in (facts.order_numbers + facts.invoice_numbers if facts else [])}
    ids |= _ids_in(customer)
    amounts = customer_amounts(context)
    for gesture in context.gestures:
        amounts.add(round(float(gesture.value), 2))
        amounts |= {_value(n) for n in _NUMBER.findall(gesture.wording)}
    return {i for i in ids if i}, amounts


def _is_known_id(ident: str, known: set[str]) -> bool:
    """Known when it matches an identifier the customer wrote, ignoring '#', dashes and case."""
    wanted = _norm_id(ident)
    if wanted in known:  # the common case, in constant time: a scan per identifier would go quadratic
        return True
    return len(wanted) >= 4 and any(len(k) >= 4 and (wanted in k or k in wanted) for k in known)


def _norm_id(ident: str) -> str:
    return _NOT_ID.sub("", ident.upper())


def _value(number: str) -> float:
    """'1,234.50' → 1234.5, '89,90' (a decimal comma) → 89.9."""
    try:
        return round(amount_value(number), 2)
    except ValueError:
        return -1.0


def _known_listing(rules: Rules, items: list[str]) -> str:
    """What the customer gave, for {known}: the first six, or the rule book's words for none."""
    if not items:
        return rules.text(CODE, "known_empty")
    return rules.text(CODE, "known", items=", ".join(items[:6]))


CHECKS = (Check(CODE, check_unknown_fact),)
