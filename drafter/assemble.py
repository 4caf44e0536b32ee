"""Assemble the reply: the body from the six sections (prompts/reply_body.j2), then the threaded email, once."""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import quopri
import re
from email.header import Header
from email.utils import format_datetime
from functools import lru_cache
from pathlib import Path

from drafter.prompt import render, strip_reply_prefix
from drafter_core.errors import ConfigError
from drafter_core.settings import Settings, read_toml
from drafter_core.values import Complaint, Plan, Reply, Sections, Verdict

REPLY_WORDS = ("greeting", "anonymous", "sign_off", "attribution", "attribution_undated")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
SPECIALS = re.compile(r'[()<>\[\]:;@\\,."]')


@lru_cache(maxsize=8)
def reply_words(path: Path) -> dict[str, dict[str, str]]:
    """replies.toml: per language, the words around the sections; a key a language lacks comes from [en]."""
    data = read_toml(path, "[data] replies_file")
    english = data.get("en", {})
    missing = [key for key in REPLY_WORDS if not isinstance(english.get(key), str)]
    if missing:
        raise ConfigError(f"{path}: [en] needs {', '.join(missing)} (the words used when a language lacks them)")
    return {language: {**english, **words} for language, words in data.items() if isinstance(words, dict)}


def words_for(language: str, settings: Settings) -> dict[str, str]:
    table = reply_words(settings.data.replies_file)
    return table.get(language, table["en"])


def greeting(complaint: Complaint, language: str, settings: Settings) -> str:
    words = words_for(language, settings)
    name = _first_name(complaint.from_name)
    return words["greeting"].format(name=name) if name else words["anonymous"]


def _first_name(full: str | None) -> str | None:
    if not full or "@" in full:
        return None
    if "," in full:  # "Doe, Jane"
        full = full.split(",", 1)[1]
    parts = full.split()
    return parts[0] if parts else None


def reply_body(sections: Sections, complaint: Complaint, plan: Plan, settings: Settings) -> str:
    """The draft as the guardrails judge it: greeting, the six sections in order, sign-off and signature."""
    return render(
        settings,
        "reply_body.j2",
        greeting=greeting(complaint, plan.language, settings),
        sections=sections.ordered(),
        sign_off=words_for(plan.language, settings)["sign_off"],
        signature=settings.support.signature,
    ) + "\n"


def reply_subject(subject: str) -> str:
    """Exactly one 'Re: ', whatever the customer's client stacked up (Re: Re:, AW:, SV:…)."""
    rest = strip_reply_prefix(subject)
    return f"Re: {rest}" if rest else "Re: your message"


def references(complaint: Complaint) -> list[str]:
    """RFC 5322 §3.6.4: the parent's References (or its single In-Reply-To), then the parent's Message-ID."""
    if not complaint.message_id:
        return []
    chain = list(complaint.references)
    if not chain and complaint.in_reply_to and len(complaint.in_reply_to.split()) == 1:
        chain = [complaint.in_reply_to]
    return [*chain, complaint.message_id]


def source_id(complaint: Complaint, raw: bytes) -> str:
    """What identifies the customer's mail: its Message-ID, else a hash of its bytes."""
    return complaint.message_id or f"<sha256-{hashlib.sha256(raw).hexdigest()[:32]}@drafter.invalid>"


def quote(complaint: Complaint, settings: Settings) -> str:
    words = words_for("en", settings)  # the attribution stays English for now, whatever the reply's language
    who = _one_line(complaint.from_name or complaint.from_address or "you")
    if complaint.date:
        attribution = words["attribution"].format(date=format_datetime(complaint.date), name=who)
    else:
        attribution = words["attribution_undated"].format(name=who)
    quoted = "\n".join(f"> {line}" if line else ">" for line in complaint.body.splitlines())
    return f"{attribution}\n{quoted}\n"


def reviewed_body(judged: str, verdict: Verdict, settings: Settings) -> str:
    """The judged body, with a review banner on its first lines when the verdict failed."""
    if verdict.passed:
        return judged
    return render(settings, "review_banner.j2", review_codes=verdict.codes) + "\n\n" + judged


def build_reply(
    complaint: Complaint,
    judged: str,
    plan: Plan,
    verdict: Verdict,
    settings: Settings,
    *,
    source: str,
    now: dt.datetime,
    degraded: bool = False,
) -> Reply:
    """The reply email, once: `judged` is the body the guardrails judged (see reply_body).

    Written directly rather than through email.message.EmailMessage: the stdlib header registry costs
    about a millisecond per message, and its folding turns long Message-IDs into encoded words.
    """
    body = reviewed_body(judged, verdict, settings)
    headers = [
        ("From", format_address(settings.support.name, settings.support.address)),
        ("To", format_address(complaint.from_name, complaint.reply_to or complaint.from_address or "")),
        ("Subject", encode_text(reply_subject(complaint.subject))),
        ("Date", format_datetime(now)),
        ("Message-ID", _message_id(source, body, settings.support.address)),
    ]
    chain = references(complaint)
    if chain:
        joined = " ".join(chain)  # one line unless it would pass RFC 5322's 998-character limit
        headers += [("In-Reply-To", chain[-1]), ("References", joined if len(joined) < 900 else "\n ".join(chain))]
    headers += [
        ("Auto-Submitted", "auto-generated"),  # RFC 3834: mark our drafts as machine-made
        ("X-Drafter-Verdict", "passed" if verdict.passed else "needs-review"),
        ("X-Drafter-Follow-Up", plan.follow_up_date.isoformat()),
        ("X-Drafter-Gesture", _one_line(plan.gesture.name)),
        ("X-Drafter-Violations", ", ".join(verdict.codes) or "none"),
        ("X-Drafter-Source", _one_line(source)),
    ]
    if degraded:
        headers.append(("X-Drafter-Degraded", "offline draft: the model was unreachable"))
    headers += [("MIME-Version", "1.0"), ("Content-Type", 'text/plain; charset="utf-8"'),
                ("Content-Transfer-Encoding", "quoted-printable")]
    text = quopri.encodestring(f"{body}\n{quote(complaint, settings)}".encode()).decode("ascii")
    message = "".join(f"{name}: {value}\n" for name, value in headers) + "\n" + text
    return Reply(body=body, message=message)


def format_address(name: str | None, address: str) -> str:
    """'Name <local@domain>': the name quoted or RFC 2047-encoded, the domain in IDNA, never a line break."""
    local, _, domain = _one_line(address).replace("<", "").replace(">", "").partition("@")
    spec = f"{local}@{_idna(domain)}" if domain else local
    name = _one_line(name or "")
    if not name or "@" in name and name.strip("'\"") == address:
        return spec
    if not name.isascii():
        return f"{Header(name, 'utf-8').encode(linesep=chr(10))} <{spec}>"
    return f'"{email.utils.quote(name)}" <{spec}>' if SPECIALS.search(name) else f"{name} <{spec}>"


def encode_text(value: str) -> str:
    """An unstructured header value: plain ASCII as is, anything else as RFC 2047 encoded words."""
    value = _one_line(value)
    return value if value.isascii() else Header(value, "utf-8").encode(linesep="\n")


def _idna(domain: str) -> str:
    if domain.isascii():
        return domain
    try:
        return domain.encode("idna").decode("ascii")
    except UnicodeError:
        return domain  # RFC 6532 allows UTF-8 as is; the server decides


def _message_id(source: str, body: str, support_address: str) -> str:
    digest = hashlib.sha256(f"{source}\n{body}".encode()).hexdigest()[:32]
    domain = support_address.partition("@")[2] or "drafter.invalid"
    return f"<drafter.{digest}@{domain}>"


def _one_line(value: str) -> str:
    """Drop control characters and collapse CR/LF and white space: customer text never adds a header line."""
    return " ".join(CONTROL.sub("", value).split())
