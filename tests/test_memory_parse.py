"""A big attachment is listed with its name and decoded size without being decoded: measuring a 10 MB photo
once took 55 MB of transient copies (its bytes, their lines, the lines joined, the decoded photo)."""

from __future__ import annotations

import base64
import gc
import os
import tracemalloc

import pytest

from drafter.parse import parse_email
from drafter_core.values import Attachment

HEAD = ("From: Ann <ann@customer.example>\r\nTo: support@example.com\r\nSubject: broken kettle\r\n"
        "Message-ID: <kettle@customer.example>\r\nMIME-Version: 1.0\r\n")


def with_attachment(encoded: bytes, transfer_encoding: str = "base64") -> bytes:
    return (HEAD.encode() + b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\n'
            b"Content-Type: text/plain; charset=utf-8\r\n\r\nMy kettle arrived broken, photo attached.\r\n--b\r\n"
            b'Content-Type: image/jpeg; name="kettle.jpg"\r\nContent-Disposition: attachment; filename="kettle.jpg"\r\n'
            + f"Content-Transfer-Encoding: {transfer_encoding}\r\n\r\n".encode() + encoded + b"\r\n--b--\r\n")


def test_a_big_photo_is_listed_without_decoding_it() -> None:
    photo = os.urandom(3_000_000)
    raw = with_attachment(base64.encodebytes(photo).replace(b"\n", b"\r\n"))
    parse_email(with_attachment(b"aGk="))  # warm-up: imports, caches
    gc.collect()
    tracemalloc.start()
    try:
        complaint = parse_email(raw)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert complaint.attachments == [Attachment(filename="kettle.jpg", content_type="image/jpeg", size=len(photo))]
    assert complaint.body == "My kettle arrived broken, photo attached."
    assert peak < 4 * len(photo), f"parsing a {len(raw):,}-byte email peaked at {peak:,} bytes"


@pytest.mark.parametrize("length", range(0, 9))
@pytest.mark.parametrize("line_break", [b"\n", b"\r\n", b""])
def test_the_size_of_an_attachment_is_its_decoded_size(length: int, line_break: bytes) -> None:
    data = bytes(range(200, 200 + length))
    encoded = base64.encodebytes(data).replace(b"\n", line_break)
    assert parse_email(with_attachment(encoded)).attachments[0].size == length


@pytest.mark.parametrize(("encoded", "transfer_encoding", "size"), [
    (b"aGk", "base64", 2),  # padding missing: the stdlib pads it
    (b"aG k=", "base64", 2),  # a character outside the alphabet is skipped
    (b"aGk=\r\n=", "base64", 2),  # padding past the end
    (b"aGVsbG8=", "quoted-printable", 7),  # a soft line break at the end
    (b"hello there", "7bit", 11),
    (b"caf\xc3\xa9", "8bit", 5),
])
def test_the_size_of_an_oddly_encoded_attachment_is_what_the_stdlib_decodes(
        encoded: bytes, transfer_encoding: str, size: int) -> None:
    assert parse_email(with_attachment(encoded, transfer_encoding)).attachments[0].size == size
