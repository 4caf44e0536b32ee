"""The peer project's reply fixtures (email_reply_parser): every file must meet its expectation.

The files are bodies, not whole messages: each is wrapped in a minimal message and parsed, so the
whole path (MIME, decoding, splitting) is what the expectations judge.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from drafter.parse import parse_email

SUITE = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "email_reply_parser"
EXPECTATIONS: dict[str, dict] = (
    json.loads((SUITE / "expectations.json").read_text(encoding="utf-8")) if SUITE.is_dir() else {}
)


def as_message(body: bytes) -> bytes:
    return b"From: Someone <someone@example.org>\nSubject: Re: test\nContent-Type: text/plain; charset=utf-8\n\n" + body


@pytest.mark.skipif(not SUITE.is_dir(), reason=f"peer fixtures not found at {SUITE} (they live outside the repo)")
@pytest.mark.parametrize("name", sorted(EXPECTATIONS) or ["(none)"])
def test_peer_fixture(name: str) -> None:
    want = EXPECTATIONS[name]
    raw = (SUITE / "emails" / name).read_bytes()
    started = time.perf_counter()
    body = parse_email(as_message(raw)).body.strip()
    elapsed = time.perf_counter() - started
    if "equals" in want:
        assert body == want["equals"]
    if want.get("equals_text_of_whole_file"):
        assert body == raw.decode("utf-8").replace("\r\n", "\n").strip()
    for text in want.get("contains", []):
        assert text in body
    for text in want.get("excludes", []):
        assert text not in body
    if "starts_with" in want:
        assert body.startswith(want["starts_with"])
    if "max_seconds" in want:
        assert elapsed < want["max_seconds"]


@pytest.mark.skipif(not SUITE.is_dir(), reason=f"peer fixtures not found at {SUITE} (they live outside the repo)")
def test_every_fixture_file_has_an_expectation() -> None:
    assert {p.name for p in (SUITE / "emails").iterdir()} == set(EXPECTATIONS)
