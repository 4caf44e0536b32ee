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
from guardrails.text import analyse, normalise

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


# Every link holds one of these, and no link holds a space: only the runs of non-space characters around them are
# searched (a draft has a few such runs; the whole-text search tried the pattern at every word).
_LINK_HINT = re.compile(r"://|www\.|\.[A-Za-z]", re.IGNORECASE)
_SPACE = re.compile(r"\s")


def find_links(text: str) -> list[tuple[int, int]]:
    """(start, end) of each link in `text`, without trailing punctuation."""
    found = []
    norm = normalise(text)
    for m in (m for start, end in _link_runs(norm) for m in _URL.finditer(norm, start, end)):
        value = m.group().rstrip(_TRAILING)
        bare = not re.match(r"(?:https?|ftp)://|www\.", value, re.IGNORECASE)
        host = host_of(value)
        if bare and (host in _NOT_HOSTS or host.rsplit(".", 1)[-1] in _FILE_ENDINGS or "." not in host
                     or len(host.split(".")[-2]) < 2):
            continue
        found.append((m.start(), m.start() + len(value)))
    return found


def _link_runs(norm: str) -> list[tuple[int, int]]:
    """The runs of non-space characters that hold a link's hint, in order, each once."""
    runs: list[tuple[int, int]] = []
    for hint in _LINK_HINT.finditer(norm):
        if runs and hint.start() < runs[-1][1]:
            continue
        # (after the last plain space before it, or the last run's end: any space is a boundary)
        start = max(norm.rfind(" ", 0, hint.start()), norm.rfind("\n", 0, hint.start()),
                    norm.rfind("\t", 0, hint.start()), runs[-1][1] - 1 if runs else -1) + 1
        space = _SPACE.search(norm, hint.end())
        runs.append((start, space.start() if space else len(norm)))
    return runs


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


_SIGN_OFF_LINES = 4  # a sign-off: a closing, a name, a team, the brand
_SIGN_OFF_WIDTH = 70
_NAME_WORD = re.compile(r"[^\W\d_][\w&'-]*")


def sign_off(text: str) -> tuple[int, int] | None:
    """(start, end) of the draft's sign-off: its last paragraph when that is a few short lines of names (a closing,
    the sender, a team, the brand), none of them a sentence."""
    body = text.rstrip()
    start = max(body.rfind("\n\n"), body.rfind("\n\r\n")) + 1
    if start <= 0:
        return None
    lines = [line.strip() for line in body[start:].splitlines() if line.strip()]
    if not lines or len(lines) > _SIGN_OFF_LINES or any(
            len(line) > _SIGN_OFF_WIDTH or line.endswith((".", "?", "!", ":")) for line in lines):
        return None
    return start, len(body)


# Words of a sign-off that name a role, not a brand ("Customer Support Team", "Member Services"): never a domain's name.
_ROLE_WORDS = frozenset("support team service services customer customers care help desk helpdesk lead manager "
                        "relations department member members office centre center group contact billing sales "
                        "claims accounts account the and of for".split())


def brand_domains(text: str, links: list[tuple[int, int]], context: CheckContext,
                  known_domains: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The sender's own domains, as the sign-off names them: a bare domain written there as a name ("Kundenservice
    ticketzone.at"; not a link to a page), or a link whose name is the signing brand's ("skybridge.com" signed
    "SkyBridge Airlines").
    A link the customer's own email holds is never the brand's (it may have been smuggled in)."""
    signed = sign_off(text)
    if signed is None:
        return ()
    start, end = signed
    closing_end = text.find("\n", start, end)  # the closing line ("Kind regards,") names nobody
    words = [w.lower() for w in _NAME_WORD.findall(text[closing_end if closing_end > 0 else start:end])]
    names = {w for w in words if len(w) >= 4 and w not in _ROLE_WORDS} | \
        {a + b for a, b in zip(words, words[1:], strict=False) if len(a + b) >= 4 and not {a, b} <= _ROLE_WORDS}
    customer = (context.customer_text or "").lower()
    # A brand the settings already name keeps its own domains: "example.net" beside our example.com is a look-alike.
    known = {_brand_label(d) for d in known_domains}
    own = []
    for link_start, link_end in links:
        host = host_of(text[link_start:link_end])
        if not host or host in customer or _brand_label(host) in known:
            continue
        in_sign_off = start <= link_start and link_end <= end and text[link_start:link_end].lower() == host
        if in_sign_off or _brand_label(host).replace("-", "") in names:
            own.append(_registered(host))
    return tuple(own)


def _registered(host: str) -> str:
    """'help.skybridge.co.uk' → 'skybridge.co.uk': the name a brand registers (a two-letter country ending after a
    short second level, as in co.uk or com.au, counts as one ending)."""
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and len(labels[-2]) <= 3 else 2
    return ".".join(labels[-keep:])


def _brand_label(host: str) -> str:
    return _registered(host).split(".")[0]


_BARE = re.compile(r"[A-Za-z0-9.-]+")


def _their_site(text: str, start: int, end: int, phrases: Phrases) -> bool:
    """'the migration of shop.example-bikes.co.uk', 'your domain example-photo.in': the customer's own site or domain,
    named bare as the thing we work on ([injection] their_site_before, right before it). It sends the customer nowhere:
    no link. A name with a scheme, "www." or a path ("visit www.x.com", "go to x.com/login") is always a link."""
    before = phrases.patterns.get("injection.their_site_before")
    if before is None or not _BARE.fullmatch(text[start:end]) or text[start:end].lower().startswith("www."):
        return False
    doc = analyse(text, phrases.pattern("text.clause_breaks"))
    matches = before.finditer(doc.tokens, max(0, start - 80), start)
    return bool(matches) and not doc.norm[matches[-1].end():start].strip()


def check_link_not_allowed(text: str, context: CheckContext, phrases: Phrases, rules: Rules) -> list[Violation]:
    links = find_links(text)
    if not links:
        return []
    domains = allowed_domains(context, phrases)
    if any(not is_allowed(host_of(text[start:end]), domains) for start, end in links):
        domains += brand_domains(text, links, context, domains)
    found = []
    for start, end in links:
        host = host_of(text[start:end])
        if not is_allowed(host, domains) and not _their_site(text, start, end, phrases):
            allowed = ", ".join(domains[:6]) or rules.text("words", "none")
            found.append(violation(CODE, text, start, end, rules.message(
                CODE, quote=quoted(text[start:end]), host=host, allowed=allowed)))
    return found


CHECKS = (Check(CODE, check_link_not_allowed),)
