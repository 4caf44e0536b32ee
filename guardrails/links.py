"""Links: a draft may only link to our own domains ([guardrails] allowed_link_domains).

A look-alike site ("examp1e-refunds.com"), a link the customer's email smuggled in, even a harmless
link the customer wrote: none is ours to send. The support address's domain and the regulators of
the phrase book's `injection.allowed_contacts` are always allowed.
"""

from __future__ import annotations

import re

from drafter_core.values import Violation
from guardrails.base import Check, CheckContext, quoted, violation
from guardrails.phrasebook import Phrases
from guardrails.rules import Rules
from guardrails.text import normalise

CODE = "link_not_allowed"

# Top-level domains a bare "name.tld" link may end in: the common generic ones and every two-letter
# country code. (A link with a scheme or "www." counts whatever it ends in.)
_GENERIC = ("com|net|org|info|biz|app|dev|xyz|top|shop|store|online|site|link|click|live|support|help|page|pro|"
            "club|icu|vip|win|email|services|cloud|tech|world|today|life|news|money|pay|bank|finance|claims|"
            "refund|gift|deals|sale|digital|website|space|fun|asia|mobi|name|tv|me|io|co|ai|ly|gl|tk")
_URL = re.compile(
    r"(?i:(?<![\w@.-])(?:(?:https?|ftp)://|www\.)[^\s<>\"'()\[\]{}]+)"
    # a bare name: lower-case ending, so "arrived.It was" (a missing space) is no link
    rf"|(?<![\w@.-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]{{0,62}}[A-Za-z0-9])?\.)+(?:{_GENERIC}|[a-z]{{2}})(?::\d{{2,5}})?"
    r"(?:/[^\s<>\"'()\[\]{}]*)?(?![\w@-])"
)
_TRAILING = ".,;:!?*_"
# "e.g", "i.e", "a.m" and file names are not links: a bare name needs a label of two letters before its ending,
# and a file ending is not a country.
_FILE_ENDINGS = frozenset("pdf doc docx xls xlsx csv txt jpg jpeg png gif heic zip mp4 mov eml msg htm html".split())
_NOT_HOSTS = frozenset("e.g i.e a.m p.m u.s u.k".split())


def find_links(text: str) -> list[tuple[int, int]]:
    """(start, end) of each link in `text`, without trailing punctuation."""
    found = []
    for m in _URL.finditer(normalise(text)):
        value = m.group().rstrip(_TRAILING)
        bare = not re.match(r"(?:https?|ftp)://|www\.", value, re.IGNORECASE)
        host = host_of(value)
        if bare and (host in _NOT_HOSTS or host.rsplit(".", 1)[-1] in _FILE_ENDINGS or "." not in host
                     or len(host.split(".")[-2]) < 2):
            continue
        found.append((m.start(), m.start() + len(value)))
    return found


def host_of(link: str) -> str:
    """'https://user@www.Example.com:8080/x' → 'example.com'."""
    rest = re.sub(r"^[a-z]+://", "", link.strip(), flags=re.IGNORECASE)
    authority = re.split(r"[/?#]", rest, maxsplit=1)[0]
    host = authority.rsplit("@", 1)[-1].split(":", 1)[0].lower().rstrip(".")
    return host.removeprefix("www.")


def allowed_domains(context: CheckContext, phrases: Phrases) -> tuple[str, ...]:
    own = context.support_address.rsplit("@", 1)[-1].lower() if "@" in context.support_address else ""
    listed = [str(d).lower().removeprefix("www.") for d in context.allowed_link_domains]
    regulators = [str(d).lower().rsplit("@", 1)[-1] for d in phrases.value("injection.allowed_contacts")]
    return tuple(d for d in (own, *listed, *regulators) if d)


def is_allowed(host: str, domains: tuple[str, ...]) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)


def check_link_not_allowed(text: str, context: CheckContext, phrases: Phrases, rules: Rules) -> list[Violation]:
    domains = allowed_domains(context, phrases)
    found = []
    for start, end in find_links(text):
        host = host_of(text[start:end])
        if not is_allowed(host, domains):
            allowed = ", ".join(domains[:6]) or rules.text("words", "none")
            found.append(violation(CODE, text, start, end, rules.message(
                CODE, quote=quoted(text[start:end]), host=host, allowed=allowed)))
    return found


CHECKS = (Check(CODE, check_link_not_allowed),)
