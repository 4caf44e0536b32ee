"""The assembled reply, parsed back with the stdlib email package: headers, threading, body, order."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
from email.message import EmailMessage

import pytest

from drafter.assemble import DRAFT_ID, build_reply, message_id_tag, references, reply_body, reply_subject, source_tag
from drafter_core.values import SECTION_NAMES, Sections, Verdict, Violation
from tests.factories import GOOD_SECTIONS, complaint, plan, settings

NOW = dt.datetime(2026, 11, 23, 14, 0, tzinfo=dt.UTC)
PASSED = Verdict(passed=True)


def reply(verdict: Verdict = PASSED, *, wire: bool = True, **fields) -> EmailMessage:
    """The reply parsed from its wire bytes, as a mail client reads an 8-bit body; `wire=False` parses the
    text instead, which the stdlib needs for an RFC 6532 UTF-8 address (it reads header bytes as ASCII)."""
    config, customer = settings(), complaint(**fields)
    body = reply_body(Sections(**GOOD_SECTIONS), customer, plan(), config)
    message = build_reply(customer, body, plan(), verdict, config, source=customer.message_id or "<x@y>", now=NOW)
    parsed = (email.message_from_bytes(message.wire, policy=email.policy.default) if wire
              else email.message_from_string(message.message, policy=email.policy.default))
    assert isinstance(parsed, EmailMessage)
    return parsed


def test_reply_headers_and_threading() -> None:
    parsed = reply(references=["<root@shop.example>", "<r2@shop.example>"], in_reply_to="<r2@shop.example>")
    assert parsed["From"].addresses[0].addr_spec == "support@example.com"
    assert parsed["To"].addresses[0].addr_spec == "jane@customer.example"
    assert parsed["Subject"] == "Re: Where is my order?"
    assert parsed["In-Reply-To"] == "<c1@customer.example>"
    assert parsed["References"].split() == ["<root@shop.example>", "<r2@shop.example>", "<c1@customer.example>"]
    assert parsed["Message-ID"].startswith("<drafter.") and parsed["Message-ID"].endswith("@example.com>")
    assert email.utils.parsedate_to_datetime(parsed["Date"]) == NOW
    # The verdict is no header any more (tests/test_clean_wire.py); the follow-up date is in the text,
    # and the source is found again through the Message-ID, which carries its tag.
    assert "Wednesday, 25 November 2026" in parsed.get_content()
    assert message_id_tag(parsed["Message-ID"], DRAFT_ID) == source_tag("<c1@customer.example>")
    assert parsed.get_content_type() == "text/plain" and parsed.get_content_charset() == "utf-8"


def test_long_message_ids_are_never_encoded_or_broken() -> None:
    long_id = "<LO2P265MB4312F0A9C3E1B8D6E2A7C95D41B2A@LO2P265MB4312.GBRP265.PROD.OUTLOOK.COM>"
    parsed = reply(message_id=long_id, references=["<case-00481734.reply.1@support.example.com>"])
    assert parsed["In-Reply-To"] == long_id and message_id_tag(parsed["Message-ID"], DRAFT_ID) == source_tag(long_id)
    assert parsed["References"].split()[-1] == long_id
    config, customer = settings(), complaint(message_id=long_id)
    wire = build_reply(customer, "Hi", plan(), PASSED, config, source=long_id, now=NOW).wire
    assert f"In-Reply-To: {long_id}\r\n".encode() in wire and b"=?" not in wire


def test_references_fall_back_to_a_single_in_reply_to() -> None:
    assert references(complaint(in_reply_to="<p@x>")) == ["<p@x>", "<c1@customer.example>"]
    assert references(complaint(message_id=None)) == []


def test_non_ascii_names_and_addresses_stay_valid() -> None:
    fields = {"from_name": "Jürgen Müller", "from_address": "jürgen@müller.example",
              "reply_to": "jürgen@müller.example", "subject": "Rückerstattung fehlt"}
    parsed = reply(wire=False, **fields)
    assert parsed["To"].addresses[0].display_name == "Jürgen Müller"
    assert parsed["To"].addresses[0].addr_spec == "jürgen@xn--mller-kva.example"
    assert parsed["Subject"] == "Re: Rückerstattung fehlt"
    assert reply(**fields).get_content().startswith("Dear Jürgen,")


def test_names_with_specials_are_quoted() -> None:
    parsed = reply(from_name="Doe, Jane (Acme)")
    assert parsed["To"].addresses[0].display_name == "Doe, Jane (Acme)"
    assert parsed["To"].addresses[0].addr_spec == "jane@customer.example"


def test_reply_to_wins_over_a_no_reply_from() -> None:
    parsed = reply(from_address="noreply@forms.example.net", reply_to="real.customer@example.org")
    assert parsed["To"].addresses[0].addr_spec == "real.customer@example.org"


@pytest.mark.parametrize(("subject", "expected"), [
    ("Re: Re: RE: late parcel", "Re: late parcel"),
    ("AW: Lieferung", "Re: Lieferung"),
    ("Fwd: Re: refund", "Re: refund"),
    ("", "Re: your message"),
    ("Refund\r\nBcc: victim@example.com", "Re: Refund Bcc: victim@example.com"),
])
def test_subject_has_exactly_one_re_and_one_line(subject: str, expected: str) -> None:
    assert reply_subject(subject) == expected


def test_header_injection_in_name_or_subject_never_adds_a_header() -> None:
    parsed = reply(from_name="Eve\r\nBcc: victim@example.com", subject="Hi\nBcc: victim@example.com")
    assert parsed["Bcc"] is None
    assert [a.addr_spec for a in parsed["To"].addresses] == ["jane@customer.example"]
    assert parsed["Subject"] == "Re: Hi Bcc: victim@example.com"


def test_body_has_sections_in_order_then_the_quoted_customer_mail() -> None:
    text = reply().get_content()
    positions = [text.index(GOOD_SECTIONS[name]) for name in SECTION_NAMES]
    assert positions == sorted(positions)
    assert text.startswith("Dear Jane,")
    assert "> My order #A-10234 for $49.99 has not arrived" in text
    assert text.index("Kind regards,") < text.index("wrote:")


def test_a_draft_that_needs_review_says_so_first_to_the_agent_only() -> None:
    failing = Verdict(passed=False, violations=[Violation(code="over_promise", message="m", start=0, end=1, text="x")])
    config, customer = settings(), complaint()
    body = reply_body(Sections(**GOOD_SECTIONS), customer, plan(), config)
    built = build_reply(customer, body, plan(), failing, config, source="<c1@customer.example>", now=NOW)
    assert built.needs_review and built.keywords == ["$drafter_needs_review", "$drafter_over_promise"]
    note = email.message_from_bytes(built.note_wire, policy=email.policy.default)
    assert isinstance(note, EmailMessage)
    assert note.get_content().startswith("This draft needs review before you send it: it still fails "
                                         "drafter's checks (over_promise).")
    # The draft itself reads as it was judged: no banner, no review header.
    draft = reply(failing)
    assert draft.get_content().startswith("Dear Jane,") and "NEEDS REVIEW" not in draft.get_content()
    assert not [name for name in draft.keys() if name.lower().startswith("x-drafter")]


def test_the_model_cannot_choose_recipients_or_add_headers() -> None:
    """Whatever a hijacked model writes in its sections, the reply goes to the customer's own address only."""
    hijacked = {**GOOD_SECTIONS, "thank": "To: attacker@evil.example\nCc: boss@evil.example\n\nThank you.",
                "surprise": "Bcc: copy@evil.example\r\nReply-To: attacker@evil.example"}
    config, customer = settings(), complaint()
    body = reply_body(Sections(**hijacked), customer, plan(), config)
    message = build_reply(customer, body, plan(), PASSED, config, source="<x@y>", now=NOW)
    parsed = email.message_from_bytes(message.wire, policy=email.policy.default)
    assert [a.addr_spec for a in parsed["To"].addresses] == ["jane@customer.example"]
    assert parsed["Cc"] is None and parsed["Bcc"] is None and parsed["Reply-To"] is None
    assert "attacker@evil.example" in parsed.get_content()  # still in the text, where the guardrails see it


@pytest.mark.parametrize(("language", "note"), [("en", "more characters not quoted]"),
                                                ("de", "weitere Zeichen nicht zitiert]")])
def test_a_huge_email_is_quoted_as_far_as_the_model_was_shown_it_and_says_what_is_left_out(language: str,
                                                                                          note: str) -> None:
    line = "My order A-12345 arrived broken and I was charged twice."
    body = "\n".join(f"{line} ({n})" for n in range(60_000))  # about 3.8 MB of the customer's own text
    config, customer = settings(), complaint(body=body)
    made = plan().model_copy(update={"language": language})
    built = build_reply(customer, reply_body(Sections(**GOOD_SECTIONS), customer, made, config), made, PASSED,
                        config, source="<c1@customer.example>", now=NOW)
    text = email.message_from_bytes(built.wire, policy=email.policy.default).get_content()
    quoted = [row for row in text.splitlines() if row.startswith(">")]
    assert quoted[0] == f"> {line} (0)" and all(row.endswith(")") for row in quoted[:-1])  # whole lines only
    assert quoted[-1].startswith("> [… ") and quoted[-1].endswith(note)
    left_out = int("".join(ch for ch in quoted[-1] if ch.isdigit()))
    assert left_out == len(body) - len("\n".join(row[2:] for row in quoted[:-1]))
    assert len(built.wire) < 40_000
