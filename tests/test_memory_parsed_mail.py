"""A server parses an email at intake and drafts it later: what it keeps meanwhile is `ParsedMail`, the complaint
cut to what drafting reads (a 10 MB body was held whole, and read back from the store as well, while the model
wrote), and the reply drafted from it is the one drafted from the whole email."""

from __future__ import annotations

import datetime as dt

import pytest

from drafter.model import OfflineBackend
from drafter.parse import ParsedMail, is_big, parse_email, source_id
from drafter.pipeline import draft_parsed
from drafter_core.values import BODY_SHOWN_CHARS
from tests.factories import settings

TODAY = dt.date(2026, 11, 23)
NOW = dt.datetime(2026, 11, 23, 10, tzinfo=dt.UTC)
LINE = "The blender jar from order A-20417 cracked on first use and the refund has not arrived yet.\r\n"


def email(lines: int, message_id: str = "<long@customer.example>") -> bytes:
    head = (f"From: Dana Reyes <dana@customer.example>\r\nTo: support@example.com\r\nSubject: cracked jar\r\n"
            f"Message-ID: {message_id}\r\nDate: Fri, 20 Nov 2026 09:30:00 +0000\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\n")
    return (head + LINE * lines).encode()


def test_a_parsed_mail_keeps_only_the_part_of_the_body_drafting_reads() -> None:
    raw = email(4000)  # about 370 KB: big mail
    whole = parse_email(raw)
    mail = ParsedMail.of(raw, whole)
    assert mail.big and is_big(raw)
    assert mail.source == "<long@customer.example>"
    assert mail.complaint.body == whole.body[:BODY_SHOWN_CHARS]
    assert mail.complaint.body_cut == len(whole.body) - BODY_SHOWN_CHARS > 300_000
    assert mail.complaint.body_shown == whole.body_shown


def test_a_short_body_is_kept_as_it_is() -> None:
    raw = email(3)
    whole = parse_email(raw)
    mail = ParsedMail.of(raw, whole)
    assert mail.complaint is whole and mail.complaint.body_cut == 0 and not mail.big


@pytest.mark.parametrize("message_id", ["<long@customer.example>", ""])
async def test_the_reply_drafted_from_the_cut_complaint_is_the_reply_drafted_from_the_whole_one(
        message_id: str) -> None:
    config = settings()
    raw = email(4000, message_id)
    whole = parse_email(raw)
    kept = await draft_parsed(ParsedMail.of(raw, whole), settings=config, backend=OfflineBackend(config),
                              today=TODAY, now=NOW)
    uncut = await draft_parsed(ParsedMail(whole, source_id(whole, raw), big=True), settings=config,
                               backend=OfflineBackend(config), today=TODAY, now=NOW)
    assert kept.status == uncut.status == "ready"
    assert kept.message == uncut.message  # the quote included: cut at the same line, the same count left out
    assert "more characters not quoted" in (kept.message or "")
