"""Parse stage: raw RFC 5322 bytes → a typed `Complaint`.

    mime.py       the MIME tree, headers, charsets, attachments → `parse_email`
    html.py       HTML parts as the customer saw them (hidden text and quoted history removed)
    visible.py    the customer's new text: quoted history, signatures and "Sent from my…" split off
    automated.py  RFC 3834 auto-replies, bounces, lists and no-reply senders
    facts.py      order and invoice numbers, amounts and dates the customer wrote
    big.py        what big mail is, and how its stages run off the event loop, one at a time

`read_complaint` is the one parse step every caller uses (the pipeline, the HTTP API's intake): it
keeps big mail off the event loop and refuses mail that nobody could reply to. The pipeline runs the
other CPU-heavy stages of big mail the same way (`Stages`).
"""

from __future__ import annotations

from drafter.parse.big import BIG_MAIL_BYTES, Stages, is_big
from drafter.parse.mime import decode_bytes, detect_language, message_id_of, parse_email
from drafter_core.errors import ParseError
from drafter_core.values import Complaint

__all__ = ["BIG_MAIL_BYTES", "Stages", "decode_bytes", "detect_language", "is_big", "message_id_of",
           "parse_email", "read_complaint"]


async def read_complaint(raw: bytes) -> Complaint:
    """Parse `raw` (in a thread when big); ParseError when it is not an email or has nobody to reply to.

    Automated mail is returned as it is: the caller decides not to answer it (RFC 3834).
    """
    complaint = await Stages.for_mail(raw).run(parse_email, raw)
    if not complaint.automated and not complaint.reply_to:
        raise ParseError("the email has no sender address to reply to (no From or Reply-To)")
    return complaint
