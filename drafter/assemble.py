"""Assemble the reply: the body from the six sections (prompts/reply_body.j2), then a threaded RFC 5322 email."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import hashlib
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from drafter.models import Complaint, Plan, Sections, Verdict
from drafter.prompt import render, strip_reply_prefix
from drafter.settings import Settings

GREETINGS = {"en": "Dear {name},", "de": "Hallo {name},", "fr": "Bonjour {name},", "es": "Hola {name},"}
ANONYMOUS = {"en": "Hello,", "de": "Guten Tag,", "fr": "Bonjour,", "es": "Hola,"}
SIGN_OFFS = {"en": "Kind regards,", "de": "Viele Grüße", "fr": "Bien cordialement,", "es": "Saludos cordiales,"}
# Never fold at 78: folding a long Message-ID turns it into an RFC 2047 word and breaks threading.
MAIL_POLICY = email.policy.default.clone(max_line_length=998)
WIRE_POLICY = email.policy.SMTP.clone(max_line_length=998)


def greeting(complaint: Complaint, language: str) -> str:
    name = _first_name(complaint.from_name)
    if not name:
        return ANONYMOUS.get(language, ANONYMOUS["en"])
    return GREETINGS.get(language, GREETINGS["en"]).format(name=name)


def _first_name(full: str | None) -> str | None:
    if not full or "@" in full:
        return None
    if "," in full:  # "Doe, Jane"
        full = full.split(",", 1)[1]
    parts = full.split()
    return parts[0] if parts else None


def reply_body(sections: Sections, complaint: Complaint, plan: Plan, settings: Settings,
               verdict: Verdict | None = None) -> str:
    """The draft as the customer will read it; a failed verdict puts a review banner on its first line."""
    needs_review = verdict is not None and not verdict.passed
    return render(
        settings,
        "reply_body.j2",
        needs_review=needs_review,
        review_codes=verdict.codes if verdict else [],
        greeting=greeting(complaint, plan.language),
        sections=sections.ordered(),
        sign_off=SIGN_OFFS.get(plan.language, SIGN_OFFS["en"]),
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


def quote(complaint: Complaint) -> str:
    who = _one_line(complaint.from_name or complaint.from_address or "you")
    when = f"On {format_datetime(complaint.date)}, " if complaint.date else ""
    quoted = "\n".join(f"> {line}" if line else ">" for line in complaint.body.splitlines())
    return f"{when}{who} wrote:\n{quoted}\n"


def build_reply(
    complaint: Complaint,
    body: str,
    plan: Plan,
    verdict: Verdict,
    settings: Settings,
    *,
    source: str,
    now: dt.datetime,
    degraded: bool = False,
) -> EmailMessage:
    message = EmailMessage(policy=MAIL_POLICY)
    message["From"] = Address(display_name=settings.support.name, addr_spec=settings.support.address)
    message["To"] = _recipient(complaint)
    message["Subject"] = reply_subject(complaint.subject)
    message["Date"] = format_datetime(now)
    message["Message-ID"] = _message_id(source, body, settings.support.address)
    chain = references(complaint)
    if chain:
        message["In-Reply-To"] = chain[-1]
        message["References"] = " ".join(chain)
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: mark our drafts as machine-made
    message["X-Drafter-Verdict"] = "passed" if verdict.passed else "needs-review"
    message["X-Drafter-Follow-Up"] = plan.follow_up_date.isoformat()
    message["X-Drafter-Gesture"] = plan.gesture.name
    message["X-Drafter-Violations"] = ", ".join(verdict.codes) or "none"
    message["X-Drafter-Source"] = source
    if degraded:
        message["X-Drafter-Degraded"] = "offline draft: the model was unreachable"
    message.set_content(f"{body}\n{quote(complaint)}", subtype="plain", charset="utf-8")
    return message


def wire_bytes(message: str) -> bytes:
    """A stored reply (DraftResult.message) as bytes with CRLF line endings, as IMAP APPEND and SMTP expect."""
    return email.message_from_string(message, policy=MAIL_POLICY).as_bytes(policy=WIRE_POLICY)


def _recipient(complaint: Complaint) -> Address:
    address = complaint.reply_to or complaint.from_address or ""
    local, _, domain = address.partition("@")
    name = _one_line(complaint.from_name or "") if address == complaint.from_address else ""
    return Address(display_name=name, username=local, domain=domain)


def _message_id(source: str, body: str, support_address: str) -> str:
    digest = hashlib.sha256(f"{source}\n{body}".encode()).hexdigest()[:32]
    domain = support_address.partition("@")[2] or "drafter.invalid"
    return f"<drafter.{digest}@{domain}>"


def _one_line(value: str) -> str:
    """Collapse CR/LF and runs of white space: customer text must never add a header line."""
    return " ".join(value.split())
