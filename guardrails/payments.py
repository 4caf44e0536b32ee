"""Payment details: no IBAN, account and sort code, card number or crypto address in a draft.

An attacker's favourite payload is "our new bank details": whatever the email made the model write,
a draft never carries payment details unless the brand configured them ([guardrails]
allowed_payment_details). Each kind is recognised by its own evidence, not by a phrase: an IBAN by its
mod-97 check digits, a card number by the Luhn sum (and its grouping or a card word nearby), a Bitcoin
address by its checksum, an Ethereum address by its form; a domestic account number by a bank word
of the phrase book (`payments.account_cues`, every language) right before it.
"""

from __future__ import annotations

import hashlib
import re

from drafter_core.values import Violation
from guardrails.base import Check, CheckContext, quoted, violation
from guardrails.phrasebook import Phrases
from guardrails.rules import Rules
from guardrails.text import Doc, Spans, analyse

CODE = "payment_details"

_IBAN = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]){11,30}(?![A-Za-z0-9])")
_CARD = re.compile(r"(?<![\d.,-])\d(?:[ -]?\d){12,18}(?![\d.,-]?\d)")
_GROUPED_CARD = re.compile(r"^\d{4}([ -])\d{4}\1\d{4}\1\d{1,7}$|^\d{4}([ -])\d{6}\2\d{4,5}$")
_BECH32 = re.compile(r"(?<![A-Za-z0-9])(?:bc|ltc|tb)1[ac-hj-np-z02-9]{25,87}(?![A-Za-z0-9])", re.IGNORECASE)
_BASE58 = re.compile(r"(?<![A-Za-z0-9])[13LMT][1-9A-HJ-NP-Za-km-z]{25,34}(?![A-Za-z0-9])")
_ETHEREUM = re.compile(r"(?<![A-Za-z0-9])0x[0-9a-fA-F]{40}(?![A-Za-z0-9])")
_ACCOUNT_NUMBER = re.compile(r"[:#.\s]*(?:no\.?|nr\.?|n°|number|nummer|numéro|número)?[:#\s]*"
                             r"(\d(?:[ -]?[\dA-Z]){5,33})(?![\dA-Za-z])")
_BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def check_payment_details(text: str, context: CheckContext, phrases: Phrases, rules: Rules) -> list[Violation]:
    allowed = {_compact(value) for value in context.allowed_payment_details}
    doc = analyse(text, phrases.pattern("text.clause_breaks"))
    found: dict[tuple[int, int], str] = {}
    taken = Spans()  # an IBAN's digits are not also an account number
    for kind, start, end in _details(doc, phrases):
        if _compact(doc.norm[start:end]) in allowed or taken.overlaps(start, end):
            continue
        taken.add(start, end)
        found[(start, end)] = kind
    return [violation(CODE, text, start, end, rules.message(CODE, quote=quoted(text[start:end]),
                                                             kind=rules.text(CODE, f"kind_{kind}")))
            for (start, end), kind in sorted(found.items())]


def _details(doc: Doc, phrases: Phrases) -> list[tuple[str, int, int]]:
    """(kind, start, end) of every payment detail, in the order the kinds are tried (IBAN first)."""
    norm = doc.norm
    out: list[tuple[str, int, int]] = []
    for m in _IBAN.finditer(norm):
        end = _valid_iban_end(norm, m.start(), m.end())
        if end is not None:
            out.append(("iban", m.start(), end))
    card_words = phrases.pattern("payments.card_cues")
    for m in _CARD.finditer(norm):
        digits = re.sub(r"\D", "", m.group())
        if _luhn(digits) and (_GROUPED_CARD.match(m.group()) or card_words.search(
                doc.tokens, max(0, m.start() - 40), m.start())):
            out.append(("card", m.start(), m.end()))
    out += [("crypto", m.start(), m.end()) for m in _BECH32.finditer(norm)]
    out += [("crypto", m.start(), m.end()) for m in _BASE58.finditer(norm) if _base58check(m.group())]
    out += [("crypto", m.start(), m.end()) for m in _ETHEREUM.finditer(norm)]
    for cue in phrases.pattern("payments.account_cues").finditer(doc.tokens):
        number = _ACCOUNT_NUMBER.match(norm, cue.end())
        if number is not None and sum(ch.isdigit() for ch in number.group(1)) >= 6:
            out.append(("account", cue.start(), number.end(1)))
    return out


def _compact(value: str) -> str:
    return re.sub(r"[\s-]", "", value).upper()


def _valid_iban_end(norm: str, start: int, end: int) -> int | None:
    """The end of the longest valid IBAN starting at `start` ("… 0130 00 BIC" keeps its checksum whole)."""
    for stop in range(end, start + 14, -1):
        if norm[stop - 1].isalnum() and _iban_ok(_compact(norm[start:stop])):
            return stop
    return None


def _iban_ok(iban: str) -> bool:
    if not 15 <= len(iban) <= 34 or not iban[4:].isalnum():
        return False
    digits = "".join(str(int(ch, 36)) for ch in iban[4:] + iban[:4])
    return int(digits) % 97 == 1


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0 and len(set(digits)) > 1


def _base58check(address: str) -> bool:
    number = 0
    for ch in address:
        number = number * 58 + _BASE58_ALPHABET.index(ch)
    raw = number.to_bytes(25, "big") if number.bit_length() <= 200 else b""
    if len(raw) != 25:
        return False
    return hashlib.sha256(hashlib.sha256(raw[:-4]).digest()).digest()[:4] == raw[-4:]


CHECKS = (Check(CODE, check_payment_details),)
