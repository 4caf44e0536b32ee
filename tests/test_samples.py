"""The bundled sample corpus: every samples/*.eml parses into what tests/sample_expectations.json says.

The expectations were written from the emails themselves, not from the parser's output. How values
are compared is decided here, once:

- text (subject, body phrases, names): NFC, curly quotes made straight, no-break spaces made plain,
  whitespace runs collapsed to one space; otherwise exact and case-sensitive. This forgives line
  wrapping, format=flowed and HTML-to-text layout, nothing else.
- addresses: case-insensitive. Message-ID / In-Reply-To: exact, angle brackets included.
- order and invoice numbers: an expected value must match a parsed one after upper-casing and dropping
  a leading "#"; a parsed value that *contains* it as a whole token ("ORDER A-10234") also matches.
- amounts: compared as (currency, value): "$49.99" == "USD 49.99", "449,00 EUR" == "€449.00". A parsed
  amount without a recognisable currency matches on value alone.
- automated samples carry "automated_any": any non-null reason passes. "attachments": null means the
  count is not pinned (report parts of a bounce or read receipt may fairly count either way).
- optional keys "from_name" and "invoice_numbers" are checked when present.
"""

from __future__ import annotations

import email
import email.policy
import json
import re
import subprocess
import sys
import unicodedata
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
EXPECTATIONS: dict[str, dict] = json.loads(
    (Path(__file__).parent / "sample_expectations.json").read_text(encoding="utf-8")
)
SAMPLE_FILES = sorted(SAMPLES.glob("*.eml"))
CLI_KEYS = {
    "file", "message_id", "in_reply_to", "references", "subject", "from_name", "from_address",
    "reply_to", "date", "language", "body", "signature", "attachments", "automated", "facts",
}


def norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    for curly, straight in (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(curly, straight)
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    return re.sub(r"\s+", " ", text).strip()


def norm_identifier(value: str) -> str:
    return norm(value).upper().lstrip("#").strip()


def identifier_matches(expected: str, parsed: list[str]) -> bool:
    want = norm_identifier(expected)
    token = re.compile(rf"(?<![A-Z0-9]){re.escape(want)}(?![A-Z0-9])")
    return any(norm_identifier(p) == want or token.search(norm_identifier(p)) for p in parsed)


CURRENCIES = {"$": "USD", "USD": "USD", "€": "EUR", "EUR": "EUR", "£": "GBP", "GBP": "GBP",
              "¥": "JPY", "円": "JPY", "JPY": "JPY"}


def money(text: str) -> tuple[str | None, Decimal | None]:
    """(currency, value) of an amount as a person writes it: "$1,249.00", "449,00 €", "12,800円"."""
    currency = next((code for mark, code in CURRENCIES.items() if mark in text.upper()), None)
    number = re.search(r"\d[\d.,]*", text)
    if not number:
        return currency, None
    digits = number.group().rstrip(".,")
    # a separator followed by exactly two final digits is the decimal point; every other one groups thousands
    decimal_part = re.search(r"[.,](\d{2})$", digits)
    whole = digits[: decimal_part.start()] if decimal_part else digits
    value = re.sub(r"[.,]", "", whole) + ("." + decimal_part.group(1) if decimal_part else "")
    return currency, Decimal(value)


def amount_matches(expected: str, parsed: list[str]) -> bool:
    want_currency, want_value = money(expected)
    for candidate in parsed:
        currency, value = money(candidate)
        if value == want_value and (currency is None or currency == want_currency):
            return True
    return False


@cache
def parsed(name: str):
    from drafter.parse import parse_email

    return parse_email((SAMPLES / name).read_bytes())


def lower(value: str | None) -> str | None:
    return value.lower() if value else value


def mismatches(name: str) -> list[str]:
    want = EXPECTATIONS[name]
    got = parsed(name)
    problems: list[str] = []

    def check(field: str, expected: object, actual: object) -> None:
        if expected != actual:
            problems.append(f"{field}: expected {expected!r}, got {actual!r}")

    check("from_address", lower(want["from_address"]), lower(got.from_address))
    check("reply_to", lower(want["reply_to"]), lower(got.reply_to))
    if "from_name" in want:
        check("from_name", norm(want["from_name"]), norm(got.from_name or ""))
    check("subject", norm(want["subject"]), norm(got.subject))
    check("language", want["language"], got.language)
    check("message_id", want["message_id"], got.message_id)
    check("in_reply_to", want["in_reply_to"], got.in_reply_to)
    check("date_is_null", want["date_is_null"], got.date is None)
    if want["attachments"] is not None:
        check("attachments", want["attachments"], len(got.attachments))
    if want["automated"] is None:
        check("automated", None, got.automated)
    elif want.get("automated_any"):
        if got.automated is None:
            problems.append(f"automated: expected a reason (e.g. {want['automated']!r}), got None")
    else:
        check("automated", want["automated"], got.automated)

    body = norm(got.body)
    problems += [f"body lacks {p!r}" for p in want["body_contains"] if norm(p) not in body]
    problems += [f"body keeps {p!r}" for p in want["body_excludes"] if norm(p) in body]
    facts = got.facts
    problems += [f"order number {o!r} not in {facts.order_numbers}"
                 for o in want["order_numbers"] if not identifier_matches(o, facts.order_numbers)]
    problems += [f"invoice number {i!r} not in {facts.invoice_numbers}"
                 for i in want.get("invoice_numbers", []) if not identifier_matches(i, facts.invoice_numbers)]
    problems += [f"amount {a!r} not in {facts.amounts}"
                 for a in want["amounts"] if not amount_matches(a, facts.amounts)]
    return problems


# ---------------------------------------------------------------- the corpus itself


def test_every_sample_has_expectations_and_vice_versa() -> None:
    assert {p.name for p in SAMPLE_FILES} == set(EXPECTATIONS)


def test_corpus_covers_complaints_and_automated_mail() -> None:
    automated = [n for n, e in EXPECTATIONS.items() if e["automated"]]
    complaints = [n for n, e in EXPECTATIONS.items() if not e["automated"]]
    assert len(complaints) >= 25, complaints
    assert len(automated) >= 5, automated
    assert {EXPECTATIONS[n]["automated"] for n in automated} >= {
        "auto-reply", "bounce", "list", "no-reply", "read-receipt"
    }
    assert {e["language"] for e in EXPECTATIONS.values()} >= {"en", "de", "fr", "es", "ja"}


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_sample_is_well_formed_mail(path: Path) -> None:
    raw = path.read_bytes()
    assert len(raw) < 60_000
    crlf = b"\r\n" in raw
    assert not crlf or not re.search(rb"(?<!\r)\n", raw), "mixes CRLF and bare LF"
    assert crlf or b"\r" not in raw, "stray CR in an LF file"
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["from"] and message["subject"]
    for part in message.walk():
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True)
        if part.get_content_maintype() == "text":
            payload.decode(part.get_content_charset() or "us-ascii")  # a real charset, strictly valid


# ---------------------------------------------------------------- what the parser must make of it


@pytest.mark.parametrize("name", sorted(EXPECTATIONS))
def test_parse_email_matches_expectations(name: str) -> None:
    problems = mismatches(name)
    assert not problems, f"{name}:\n  " + "\n  ".join(problems)


@pytest.mark.skipif(not (ROOT / "drafter" / "cli.py").exists(), reason="drafter parse CLI not wired yet")
def test_parse_cli_prints_one_json_line_per_file() -> None:
    files = [str(p.relative_to(ROOT)) for p in SAMPLE_FILES]
    result = subprocess.run(
        [sys.executable, "-m", "drafter", "parse", *files, "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == len(files), result.stdout[-2000:]
    assert [Path(line["file"]).name for line in lines] == [Path(f).name for f in files]
    for line in lines:
        assert CLI_KEYS <= set(line), f"{line['file']}: missing {CLI_KEYS - set(line)}"
        want = EXPECTATIONS[Path(line["file"]).name]
        assert line["message_id"] == want["message_id"], line["file"]
        assert norm(line["subject"]) == norm(want["subject"]), line["file"]
        assert (line["automated"] is None) == (want["automated"] is None), line["file"]
