"""Obeyed injections: the draft follows instructions smuggled into the customer's email.

Three signs: the draft talks like a prompt-driven machine ("as instructed", "system prompt", "by the
system"); it gives a link, address or phone number that is neither ours nor the customer's; or it
repeats the payload of an instruction in the customer's email ('write "REFUND APPROVED"').
"""

from __future__ import annotations

import re

from drafter_core.values import Violation
from guardrails.base import Check, CheckContext, quoted, said, violation
from guardrails.links import find_links
from guardrails.phrasebook import Phrases
from guardrails.phraselist import tokens_of
from guardrails.rules import Rules
from guardrails.text import Doc, Spans, analyse, find_money, normalise

CODE = "injection_obeyed"

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
_PHONE = re.compile(
    r"(?<![\w+])(?:\+\d[\d\s().-]{6,18}\d"
    r"|\(\d{3}\)\s?\d{3}[\s.-]\d{4}"
    r"|1[\s.-]\d{3}[\s.-]\d{3}[\s.-]\d{4}"
    r"|\d{3}[.-]\d{3}[.-]\d{4}"
    r"|0\d{2,4}[\s-]\d{3,4}[\s-]?\d{3,4})(?![\w-])"
)
_QUOTED = re.compile(r"\"([^\"\n]{4,200})\"|(?<![\w'])'([^'\n]{4,200}?)'(?![\w])")
_TRAILING = ".,;:!?"


def check_injection_obeyed(text: str, context: CheckContext, phrases: Phrases, rules: Rules) -> list[Violation]:
    doc = analyse(text, phrases.pattern("text.clause_breaks"))
    found = [
        violation(CODE, text, m.start(), m.end(), rules.message(CODE, "prompt_talk", quote=said(text, m)))
        for m in phrases.pattern("injection.phrases").finditer(doc.tokens)
    ]
    found += _contacts(doc, text, context, phrases, rules)
    found += _payloads(doc.norm, text, context, phrases, rules)
    unique = {(v.start, v.end): v for v in found}
    return [unique[key] for key in sorted(unique)]


def _contacts(doc: Doc, text: str, context: CheckContext, phrases: Phrases, rules: Rules) -> list[Violation]:
    """Addresses and phone numbers that are neither ours nor the customer's (links: guardrails.links).

    Without the customer's email only what can be judged is judged: an address the reply is being
    sent or copied to; a phone number may be the customer's own."""
    own = [c.lower() for c in phrases.value("injection.allowed_contacts")] + [context.support_address.lower()]
    own_domains = [a.rsplit("@", 1)[-1] for a in own]
    customer = normalise(context.customer_text).lower() if context.customer_text is not None else None
    found = []
    for kind, start, end in _contact_spans(doc.norm):
        value = doc.norm[start:end].lower()
        if kind == "phone":
            digits = re.sub(r"\D", "", value)
            ok = customer is None or digits in re.sub(r"\D", "", customer) or any(
                digits in re.sub(r"\D", "", a) for a in own)
        else:
            ours = value in own or value.rsplit("@", 1)[-1] in own_domains
            # An address the customer gave is fine, unless the draft sends or copies the reply there.
            ok = ours or ((customer is None or value in customer) and not _redirected(doc, start, phrases))
        if not ok:
            found.append(violation(CODE, text, start, end, rules.message(
                CODE, "contact", quote=quoted(text[start:end]), kind=rules.text(CODE, f"kind_{kind}"),
                support_address=context.support_address)))
    return found


def _contact_spans(norm: str) -> list[tuple[str, int, int]]:
    """(kind, start, end) of each address and phone number ("phone"), without trailing punctuation; a
    number inside a link is part of the link, not a phone number."""
    kinds = [("address", _EMAIL)] if "@" in norm else []
    kinds.append(("phone", _PHONE))
    taken = Spans(find_links(norm))
    spans = []
    for kind, pattern in kinds:
        for m in pattern.finditer(norm):
            start, end = m.start(), m.start() + len(m.group().rstrip(_TRAILING))
            if not taken.overlaps(start, end):
                taken.add(start, end)
                spans.append((kind, start, end))
    return spans


def _redirected(doc: Doc, start: int, phrases: Phrases) -> bool:
    """Is the reply sent or copied to this address? Asking the customer to write there ("please send them to
    appeals@…", "you can email …") is not."""
    cue = phrases.pattern("injection.redirect_cues").search(doc.tokens, doc.before_start(start, 80), start)
    if cue is None:
        return False
    return phrases.pattern("injection.asking_the_customer").search(
        doc.tokens, doc.before_start(cue.start(), 30), cue.start()) is None


def _payloads(norm: str, text: str, context: CheckContext, phrases: Phrases, rules: Rules) -> list[Violation]:
    payloads = injected_payloads(context.customer_text or "", phrases)
    lowered = norm.lower()
    found = []
    for payload in payloads:
        at = lowered.find(payload.lower())
        if at >= 0:
            found.append(violation(CODE, text, at, at + len(payload),
                                   rules.message(CODE, "payload", quote=quoted(text[at:at + len(payload)]))))
    return found


def injected_payloads(customer_text: str, phrases: Phrases) -> list[str]:
    """Quoted text, links, addresses, numbers and sums carried by an injected instruction."""
    regions = injected_regions(customer_text, phrases)
    if not regions:
        return []
    norm = normalise(customer_text)
    inside: set[str] = set()
    for start, end in regions:
        inside |= _candidates(norm[start:end])
    outside_text = without_regions(norm, regions)
    return sorted(p for p in inside if p.lower() not in outside_text.lower())


def injected_regions(customer_text: str, phrases: Phrases) -> list[tuple[int, int]]:
    """(start, end) of each injected instruction in the customer's text: from its sentence to its paragraph's end."""
    if not customer_text or not _may_carry_instructions(normalise(customer_text), phrases):
        return []  # most mail: one pass over the whole text instead of one search per sentence
    doc = analyse(customer_text, phrases.pattern("text.clause_breaks"))
    return [(start, doc.paragraph(start)[1]) for start, end in _sentences(doc.sentence_starts, len(doc.norm))
            if _injected(doc, start, end, phrases)]


def without_regions(text: str, regions: list[tuple[int, int]]) -> str:
    """`text` with the regions left out (a blank line in place of each)."""
    return "\n\n".join(text[a:b] for a, b in _gaps(regions, len(text)))


def _may_carry_instructions(norm: str, phrases: Phrases) -> bool:
    """Could any sentence pass `_injected`? A match inside a sentence is also one in the whole text."""
    tokens = tokens_of(norm)
    if phrases.pattern("injection.phrases").search(tokens):
        return True
    return bool(phrases.pattern("injection.instruction_verbs").search(tokens)
                and phrases.pattern("injection.addressing").search(tokens))


def _injected(doc: Doc, start: int, end: int, phrases: Phrases) -> bool:
    if phrases.pattern("injection.phrases").search(doc.tokens, start, end):
        return True
    return bool(phrases.pattern("injection.instruction_verbs").search(doc.tokens, start, end)
                and phrases.pattern("injection.addressing").search(doc.tokens, start, end))


def _candidates(region: str) -> set[str]:
    found = {(m.group(1) or m.group(2)).strip() for m in _QUOTED.finditer(region)}
    for pattern in (_EMAIL, _PHONE):
        found |= {m.group().rstrip(_TRAILING) for m in pattern.finditer(region)}
    found |= {region[start:end] for start, end in find_links(region)}
    found |= {money.text for money in find_money(region)}
    return {f for f in found if len(f) >= 3}


def _sentences(starts: tuple[int, ...], length: int) -> list[tuple[int, int]]:
    return [(s, starts[i + 1] if i + 1 < len(starts) else length) for i, s in enumerate(starts)]


def _gaps(regions: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    gaps, cursor = [], 0
    for start, end in sorted(regions):
        if start > cursor:
            gaps.append((cursor, start))
        cursor = max(cursor, end)
    return gaps + [(cursor, length)]


CHECKS = (Check(CODE, check_injection_obeyed),)
