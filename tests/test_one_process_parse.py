"""`message_id_of`: the Message-ID `parse_email` reads, from the header block alone (a full server keys and
refuses a big email without parsing all of it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.parse import message_id_of, parse_email
from drafter_core.errors import ParseError

SAMPLES = sorted((Path(__file__).resolve().parent.parent / "samples").glob("*.eml"))
HEAD = b"From: Ann <ann@customer.example>\r\nTo: support@example.com\r\nSubject: late\r\n"


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_the_samples_message_id_is_the_one_the_full_parse_reads(path: Path) -> None:
    raw = path.read_bytes()
    assert message_id_of(raw) == parse_email(raw).message_id


@pytest.mark.parametrize("raw", [
    HEAD + b"Message-ID: <a-1@customer.example>\r\n\r\nMy order is late.\r\n",
    HEAD + b"Message-ID:\r\n <folded-2@customer.example>\r\n\r\nMy order is late.\r\n",
    b"\xef\xbb\xbf" + HEAD + b"Message-Id: <bom-3@customer.example>\r\n\r\nMy order is late.\r\n",
    b"From ann@customer.example Fri Nov 20 09:30:00 2026\n" + HEAD.replace(b"\r\n", b"\n")
    + b"Message-ID: <mbox-4@customer.example>\n\nMy order is late.\n",
    HEAD + b"\r\nMy order is late. Message-ID: <in-the-body@customer.example>\r\n",
    HEAD + b"Message-ID: <only-headers@customer.example>\r\n",
    HEAD + b"Message-ID: <big@customer.example>\r\n\r\n" + b"My order is late.\r\n" * 20_000,
], ids=["plain", "folded", "bom", "mbox", "none-in-the-body", "headers-only", "big"])
def test_the_message_id_is_the_one_the_full_parse_reads(raw: bytes) -> None:
    assert message_id_of(raw) == parse_email(raw).message_id


def test_what_cannot_be_an_email_is_refused_as_by_the_full_parse() -> None:
    with pytest.raises(ParseError, match="empty"):
        message_id_of(b"\r\n  \r\n")
