"""Parse stage: raw RFC 5322 bytes → a typed `Complaint`.

    mime.py       the MIME tree, headers, charsets, attachments → `parse_email`
    html.py       HTML parts as the customer saw them (hidden text and quoted history removed)
    visible.py    the customer's new text: quoted history, signatures and "Sent from my…" split off
    automated.py  RFC 3834 auto-replies, bounces, lists and no-reply senders
    facts.py      order and invoice numbers, amounts and dates the customer wrote

`read_complaint` is the one parse step every caller uses (the pipeline, the HTTP API's intake): it
keeps big mail off the event loop and refuses mail that nobody could reply to.
"""

from __future__ import annotations

import asyncio

from drafter.parse.mime import decode_bytes, detect_language, parse_email
from drafter_core.errors import ParseError
from drafter_core.values import Complaint

__all__ = ["PARSE_IN_THREAD_BYTES", "decode_bytes", "detect_language", "parse_email", "read_complaint"]

PARSE_IN_THREAD_BYTES = 256 * 1024  # parsing more on the event loop would stall a server's other requests


async def read_complaint(raw: bytes) -> Complaint:
    """Parse `raw` (in a thread when big); ParseError when it is not an email or has nobody to reply to.

    Automated mail is returned as it is: the caller decides not to answer it (RFC 3834).
    """
    if len(raw) > PARSE_IN_THREAD_BYTES:
        complaint = await asyncio.to_thread(parse_email, raw)
    else:
        complaint = parse_email(raw)
    if not complaint.automated and not complaint.reply_to:
        raise ParseError("the email has no sender address to reply to (no From or Reply-To)")
    return complaint
