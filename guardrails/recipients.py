"""Wrong recipient: the draft greets or addresses someone other than the customer.

The reply's recipients come from the customer's own headers (drafter.assemble: Reply-To, else From),
never from the model. What the model can still do is write to someone else inside the text: "Dear
Mr Karl Brenner (Legal Department)," for a reply to Helen Carter. A salutation at the start of a line
(`recipient.salutations`, every language) must name the customer, or no one ("Dear customer",
"Madame, Monsieur"); titles and generic words (`recipient.titles`, `recipient.generic`) do not count.
When the customer's name is unknown, only a third party by role ("Legal Department") is reported.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from drafter_core.values import Violation
from guardrails.base import Check, CheckContext, quoted, violation
from guardrails.phrasebook import Phrases
from guardrails.phraselist import PhraseList, Tokens, tokens_of
from guardrails.rules import Rules
from guardrails.text import normalise

CODE = "wrong_recipient"

_LINE_START = re.compile(r"(?:^|\n)[ \t>*_]*", re.MULTILINE)
_ADDRESSEE = re.compile(r"[^,:;!?\n]{1,80}")
_NAME = re.compile(r"[^\W\d_][\w'-]*")
_TITLES_WITH_DOT = frozenset("mr mrs ms dr prof m mme mlle me sr sra srta st lic ing".split())


def check_wrong_recipient(text: str, context: CheckContext, phrases: Phrases, rules: Rules) -> list[Violation]:
    norm = normalise(text)
    salutations = phrases.pattern("recipient.salutations")
    ignore = _plain_words(tuple(w for key in ("recipient.titles", "recipient.generic")
                                for w in phrases.value(key)))
    roles = phrases.pattern("recipient.third_parties")
    customer = _customer_words(context)
    found = []
    tokens = tokens_of(norm)
    for line in _LINE_START.finditer(norm):
        head = norm[line.end():line.end() + 120]
        greeting_end = _salutation_end(salutations, tokens, line.end(), head)
        if greeting_end is None:
            continue
        addressee = _ADDRESSEE.match(head, greeting_end)
        if addressee is None:
            continue
        names = _names(addressee.group(), ignore)
        third_party = roles.search(tokens_of(addressee.group())) is not None
        if not names and not third_party:
            continue
        if customer and any(_plain(n) in customer for n in names) and not third_party:
            continue
        if not customer and not third_party:
            continue  # a name we cannot compare with anything: it may well be the customer's
        start, end = line.end(), line.end() + addressee.end()
        whom = context.customer_name or rules.text("words", "the_customer")
        found.append(violation(CODE, text, start, end, rules.message(
            CODE, quote=quoted(text[start:end].strip()), customer=whom)))
    return found


def _salutation_end(salutations: PhraseList, tokens: Tokens, start: int, head: str) -> int | None:
    """Where a salutation opening `head` (the line from `start`) ends in it, if one does. Looked up in the whole
    text's tokens (one index for every line), unless a word character just before the line would change what
    matches there."""
    if start and (tokens.text[start - 1].isalnum() or tokens.text[start - 1] == "_"):
        m = salutations.match(tokens_of(head), 0)
        return None if m is None else m.end()
    m = salutations.match(tokens, start, start + len(head))
    return None if m is None else m.end() - start


def _names(addressee: str, ignore: frozenset[str]) -> list[str]:
    """The capitalised words right after the salutation, titles and generic words skipped, up to the first
    other word or the end of a sentence ("Hello Helen. Thanks for…" names Helen only)."""
    names = []
    for m in _NAME.finditer(addressee):
        word, plain = m.group(), _plain(m.group())
        if plain in ignore:
            if addressee[m.end():m.end() + 1] == "." and plain not in _TITLES_WITH_DOT:
                break
            continue
        if not word[0].isupper():
            break
        names.append(word)
        if addressee[m.end():m.end() + 1] == ".":
            break
    return names


def _customer_words(context: CheckContext) -> frozenset[str]:
    name = context.customer_name or ""
    return frozenset(_plain(w) for w in _NAME.findall(name) if len(w) > 1)


@lru_cache(maxsize=8)
def _plain_words(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(_plain(w) for w in words)


def _plain(word: str) -> str:
    folded = unicodedata.normalize("NFKD", word.casefold().rstrip("."))
    return "".join(c for c in folded if not unicodedata.combining(c))


CHECKS = (Check(CODE, check_wrong_recipient),)
