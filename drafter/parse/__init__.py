"""Parse stage: raw RFC 5322 bytes → a typed `Complaint`.

    mime.py       the MIME tree, headers, charsets, attachments → `parse_email`
    html.py       HTML parts as the customer saw them (hidden text and quoted history removed)
    visible.py    the customer's new text: quoted history, signatures and "Sent from my…" split off
    automated.py  RFC 3834 auto-replies, bounces, lists and no-reply senders
    facts.py      order and invoice numbers, amounts and dates the customer wrote
    big.py        what big mail is, and how its stages run off the event loop, one at a time

`read_mail` is the one parse step every caller uses (the pipeline, the HTTP API's intake): it keeps
big mail off the event loop and refuses mail that nobody could reply to. Its `ParsedMail` is all the
later stages need of the email, so a server that parses at intake and drafts later does not keep the bytes.
The pipeline runs the other CPU-heavy stages of big mail the same way (`Stages`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from drafter.parse.big import BIG_MAIL_BYTES, Stages, is_big
from drafter.parse.mime import decode_bytes, detect_language, message_id_of, parse_email
from drafter_core.errors import ParseError
from drafter_core.values import Complaint

__all__ = ["BIG_MAIL_BYTES", "ParsedMail", "Stages", "decode_bytes", "detect_language", "is_big", "message_id_of",
           "parse_email", "read_complaint", "read_mail", "source_id"]


@dataclass(frozen=True, slots=True)
class ParsedMail:
    """An email once parsed, as drafting needs it: the complaint (its body cut to what the stages read), what
    identifies the email, and whether it is big (`Stages`)."""

    complaint: Complaint
    source: str
    big: bool

    @classmethod
    def of(cls, raw: bytes, complaint: Complaint) -> ParsedMail:
        return cls(complaint.shown_only(), source_id(complaint, raw), is_big(raw))


async def read_mail(raw: bytes) -> ParsedMail:
    """`read_complaint`, with what identifies the email and its size decided while the bytes are at hand."""
    return ParsedMail.of(raw, await read_complaint(raw))


def source_id(complaint: Complaint, raw: bytes) -> str:
    """What identifies the customer's mail: its Message-ID, else a hash of its bytes."""
    return complaint.message_id or f"<sha256-{hashlib.sha256(raw).hexdigest()[:32]}@drafter.invalid>"


async def read_complaint(raw: bytes) -> Complaint:
    """Parse `raw` (in a thread when big); ParseError when it is not an email or has nobody to reply to.

    Automated mail is returned as it is: the caller decides not to answer it (RFC 3834).
    """
    complaint = await Stages.for_mail(raw).run(parse_email, raw)
    if not complaint.automated and not complaint.reply_to:
        raise ParseError("the email has no sender address to reply to (no From or Reply-To)")
    return complaint
