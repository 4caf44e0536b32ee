"""Read a draft for `drafter check`: plain text, or an .eml whose text part (without the quote) is checked."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
from email.message import EmailMessage

from drafter.parse import decode_bytes
from drafter.parse.visible import split_reply
from drafter_core.errors import ParseError
from drafter_core.settings import Settings
from drafter_core.values import Verdict
from guardrails import check_draft, context_from_settings

# Drafts made before drafter stopped putting its own headers on the wire carry the committed date here.
LEGACY_FOLLOW_UP_HEADER = "X-Drafter-Follow-Up"


def draft_text(raw: bytes, path: str) -> tuple[str, dt.date | None]:
    """The text to judge, and the committed follow-up date if the draft still says it.

    A draft carries nothing internal today, so the committed date is unknown (None) and the draft is
    judged on its own dates; an older draft's X-Drafter-Follow-Up header is still honoured."""
    if not raw.strip():
        raise ParseError("empty file: nothing to check")
    if b"\x00" in raw[:4096]:
        raise ParseError("binary data, not a draft (expected plain text or an .eml file)")
    if not path.lower().endswith(".eml"):
        return _decode(raw), None
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    part = message.get_body(preferencelist=("plain",))
    if part is None:
        raise ParseError("the .eml has no text/plain part to check")
    payload = part.get_payload(decode=True)
    raw_text = decode_bytes(payload if isinstance(payload, bytes) else b"", part.get_content_charset())
    text = split_reply(raw_text).body
    committed = message.get(LEGACY_FOLLOW_UP_HEADER)
    try:
        return text, dt.date.fromisoformat(str(committed).strip()) if committed else None
    except ValueError:
        return text, None


def check_file(raw: bytes, path: str, settings: Settings, today: dt.date) -> tuple[str, Verdict]:
    text, committed = draft_text(raw, path)
    context = context_from_settings(settings, today, follow_up_date=committed, customer_name=recipient_name(raw, path))
    return text, check_draft(text, context)


def recipient_name(raw: bytes, path: str) -> str | None:
    """Whom an .eml draft is addressed to (its To: display name): a salutation naming anyone else is wrong."""
    if not path.lower().endswith(".eml"):
        return None
    message = email.message_from_bytes(raw, policy=email.policy.default)
    try:
        addresses = message["To"].addresses if message["To"] is not None else ()
    except (AttributeError, IndexError, ValueError):
        return None
    names = [a.display_name or a.username.replace(".", " ") for a in addresses]
    return " ".join(n for n in names if n) or None


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("windows-1252", errors="replace")
