"""The wire is clean: a draft the agent sends unedited carries nothing internal; the verdict reaches the agent only.

Against the real parts: drafts made by the pipeline (the model mocked over HTTP), delivered to a real Dovecot
(tests/dovecot.py), fetched back, and sent on as a mail client sends them, through a real SMTP server on
loopback (aiosmtpd); the tests assert what arrives.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import logging
import os
import re
import smtplib
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path

import httpx
import pytest
import respx
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from api.jobs import stored_reply
from drafter.assemble import (
    DRAFT_ID,
    NOTE_ID,
    build_reply,
    message_id_prefix,
    message_id_tag,
    review_keywords,
    source_tag,
)
from drafter.deliver import deliver_draft
from drafter.model import OpenAIBackend
from drafter.pipeline import draft_reply
from drafter_core.settings import Settings
from drafter_core.values import DraftResult, Verdict, Violation
from tests.dovecot import DovecotServer
from tests.factories import BASE_URL, GOOD_SECTIONS, TODAY, complaint, completion, plan, settings
from tests.processes import free_port
from tests.tcp_proxy import Direction, TcpProxy

NOW = dt.datetime(2026, 11, 23, 14, 0, tzinfo=dt.UTC)
# What a human's reply carries, and all a draft may carry.
HUMAN_HEADERS = ("from", "to", "subject", "date", "message-id", "in-reply-to", "references", "mime-version",
                 "content-type", "content-transfer-encoding")
OVER_PROMISE = {**GOOD_SECTIONS, "timeline": GOOD_SECTIONS["timeline"] + " I guarantee this will never happen again."}


def customer_mail(message_id: str) -> bytes:
    """A customer's complaint, in a thread (References), with umlauts in name, subject and text."""
    return f"""From: =?utf-8?q?J=C3=BCrgen_M=C3=BCller?= <juergen@kunde.example>
To: support@example.com
Subject: =?utf-8?q?R=C3=BCckerstattung_f=C3=BCr_A-10234?=
Message-ID: {message_id}
In-Reply-To: <case-4711.1@support.example.com>
References: <case-4711.1@support.example.com>
Date: Fri, 20 Nov 2026 09:30:00 +0100
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Hello, my order #A-10234 for $49.99 has not arrived since 2 November. Where is my parcel?
Grüße, Jürgen Müller
""".encode()


async def drafted(message_id: str, sections: dict[str, str], config: Settings | None = None) -> DraftResult:
    """The pipeline's result for customer_mail(message_id), the model answering `sections` every time."""
    config = config or settings()
    with respx.mock(base_url=BASE_URL) as router:
        router.post("/chat/completions").respond(200, json=completion(sections))

        async def no_sleep(_: float) -> None:
            return None

        backend = OpenAIBackend(config.model, http_client=httpx.AsyncClient(), sleep=no_sleep)
        try:
            return await draft_reply(customer_mail(message_id), settings=config, backend=backend, today=TODAY,
                                     now=NOW)
        finally:
            await backend.aclose()


def assert_nothing_internal(raw: bytes) -> EmailMessage:
    """Only a human reply's headers, no review apparatus anywhere, a readable UTF-8 body; the parsed message."""
    head, _, body = raw.replace(b"\r\n", b"\n").partition(b"\n\n")
    names = [line.split(b":", 1)[0].decode().lower() for line in head.split(b"\n") if line[:1] not in (b" ", b"\t")]
    assert set(names) <= set(HUMAN_HEADERS), names
    assert b"x-drafter" not in raw.lower() and b"auto-submitted" not in raw.lower()
    text = body.decode("utf-8")  # 8-bit UTF-8 as it is: no quoted-printable to decode
    assert "NEEDS REVIEW" not in text and "needs review" not in text.lower() and "=C3" not in text
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def text_of(message: EmailMessage) -> str:
    """The decoded text part, line breaks as LF (a message parsed from CRLF bytes keeps CRLF)."""
    return str(message.get_content()).replace("\r\n", "\n")


# -- the reply as built --------------------------------------------------------------------------------------


@pytest.mark.parametrize("sections", [GOOD_SECTIONS, OVER_PROMISE], ids=["ready", "needs_review"])
async def test_the_reply_carries_only_what_a_humans_reply_carries(sections: dict[str, str]) -> None:
    result = await drafted("<clean-1@kunde.example>", sections)
    assert result.reply is not None and result.message is not None

    message = assert_nothing_internal(result.reply.wire)
    assert [name.lower() for name in message.keys()] == list(HUMAN_HEADERS)
    assert message["In-Reply-To"] == "<clean-1@kunde.example>"
    assert message["References"].split() == ["<case-4711.1@support.example.com>", "<clean-1@kunde.example>"]
    assert message["Content-Transfer-Encoding"] == "8bit"
    assert text_of(message).startswith("Dear Jürgen,\n\nThank you")  # the body as judged, first line first
    assert result.body == result.reply.body and text_of(message).startswith(result.body)
    assert "> Grüße, Jürgen Müller" in text_of(message)
    # The verdict is where the API, the report and `--json` show it, and beside the message for delivery.
    public = result.to_public()
    assert public["status"] == result.status and public["verdict"] == result.verdict.model_dump()  # type: ignore[union-attr]
    assert result.reply.needs_review is (result.status == "needs_review")


async def test_the_offline_fallback_is_a_keyword_not_a_header() -> None:
    config = settings()
    customer, verdict = complaint(), Verdict(passed=True)
    reply = build_reply(customer, "Dear Jane,\n", plan(), verdict, config, source="<c1@customer.example>", now=NOW,
                        degraded=True)
    assert_nothing_internal(reply.wire)
    assert reply.keywords == ["$drafter_ready", "$drafter_offline"]


def test_keywords_say_the_verdict_and_each_failing_check() -> None:
    failing = Verdict(passed=False, violations=[
        Violation(code="over_promise", message="m", start=0, end=1, text="x"),
        Violation(code="non_apology", message="m", start=2, end=3, text="y"),
        Violation(code="over_promise", message="m", start=4, end=5, text="z"),
    ])
    assert review_keywords(Verdict(passed=True)) == ["$drafter_ready"]
    assert review_keywords(failing) == ["$drafter_needs_review", "$drafter_non_apology", "$drafter_over_promise"]
    assert review_keywords(failing, degraded=True)[-1] == "$drafter_offline"


@pytest.mark.parametrize(("line", "encoding"), [
    ("plain ASCII", "7bit"),
    ("Grüße aus Köln", "8bit"),
    ("ü" * 498, "8bit"),  # "> " and 996 octets: the longest line RFC 5322 allows
    ("ü" * 498 + "x", "quoted-printable"),  # one octet more
    ("a\x00b", "quoted-printable"),  # NUL is never 8-bit text
])
def test_the_body_is_utf8_as_it_is_unless_a_line_is_too_long(line: str, encoding: str) -> None:
    config, customer = settings(), complaint(body=line)
    reply = build_reply(customer, "Dear Jane,\n", plan(), Verdict(passed=True), config, source="<c1@customer.example>",
                        now=NOW)
    message = email.message_from_bytes(reply.wire, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    assert message["Content-Transfer-Encoding"] == encoding
    assert f"> {line}" in text_of(message)
    assert all(len(wire_line) <= 998 for wire_line in reply.wire.split(b"\r\n"))
    if encoding != "quoted-printable":
        assert f"> {line}".encode() in reply.wire


def test_no_bare_carriage_return_reaches_the_wire() -> None:
    config, customer = settings(), complaint(body="one\rtwo\r\nthree")
    reply = build_reply(customer, "Dear Jane,\r\n\r\nHello.\r", plan(), Verdict(passed=True), config,
                        source="<c1@customer.example>", now=NOW)
    assert re.search(rb"\r(?!\n)|(?<!\r)\n", reply.wire) is None
    assert "\r" not in reply.message


async def test_the_review_note_tells_the_agent_what_to_fix() -> None:
    result = await drafted("<note-1@kunde.example>", OVER_PROMISE)
    assert result.status == "needs_review" and result.reply and result.verdict
    note = email.message_from_bytes(result.reply.note_wire, policy=email.policy.default)
    draft = email.message_from_bytes(result.reply.wire, policy=email.policy.default)
    assert isinstance(note, EmailMessage) and isinstance(draft, EmailMessage)

    assert note["Subject"] == "Needs review: Re: Rückerstattung für A-10234"
    assert note["To"].addresses[0].addr_spec == "support@example.com"  # to the agent's team, never the customer
    assert note["Auto-Submitted"] == "auto-generated"  # the note is machine-made, and says so
    assert note["In-Reply-To"] == draft["Message-ID"]  # threaded under the draft ...
    assert note["References"].split() == [*draft["References"].split(), draft["Message-ID"]]  # ... and the mail
    assert message_id_tag(note["Message-ID"], NOTE_ID) == message_id_tag(draft["Message-ID"], DRAFT_ID)
    text = " ".join(text_of(note).split(" "))
    assert text.startswith("This draft needs review before you send it: it still fails drafter's checks "
                           f"({', '.join(result.verdict.codes)}).")
    assert 'Draft: "Re: Rückerstattung für A-10234" to Jürgen Müller <juergen@kunde.example>' in text
    for violation in result.verdict.violations:  # each problem, its words and how to fix it
        assert f'{violation.code}: "{violation.text}"' in text and violation.message in text
    assert "guarantee" in text
    assert text.rstrip().endswith("This note is for you only: it is not a draft and is never sent.")


@pytest.mark.parametrize("sections", [GOOD_SECTIONS, OVER_PROMISE], ids=["ready", "needs_review"])
async def test_the_api_rebuilds_the_same_agent_view_from_the_stored_json(sections: dict[str, str]) -> None:
    result = await drafted("<api-1@kunde.example>", sections)
    assert stored_reply(result.to_public(), settings()) == result.reply


# -- an SMTP hop on loopback -------------------------------------------------------------------------------


@dataclass
class SmtpHop:
    """A real SMTP server (aiosmtpd) on 127.0.0.1: keeps every message exactly as it arrived."""

    port: int
    arrived: list[Envelope] = field(default_factory=list)

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:  # noqa: N802 (aiosmtpd)
        self.arrived.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp_hop() -> Iterator[SmtpHop]:
    hop = SmtpHop(port=free_port())
    controller = Controller(hop, hostname="127.0.0.1", port=hop.port)
    controller.start()
    try:
        yield hop
    finally:
        controller.stop()


def send_as_a_mail_client(hop: SmtpHop, raw: bytes) -> list[bytes]:
    """Send the fetched draft unedited, twice, as clients do: the bytes as stored (sendmail) and the parsed
    message (send_message, which reads sender and recipients from its headers). What arrived, each time."""
    message = email.message_from_bytes(raw, policy=email.policy.SMTP)
    with smtplib.SMTP("127.0.0.1", hop.port, timeout=10) as client:
        client.sendmail("support@example.com", [message["To"].addresses[0].addr_spec], raw)
        client.send_message(message)
    assert len(hop.arrived) == 2
    for envelope in hop.arrived:
        assert envelope.mail_from == "support@example.com"
        assert envelope.rcpt_tos == ["juergen@kunde.example"]
    return [bytes(envelope.original_content or b"") for envelope in hop.arrived]


def fetch(server: DovecotServer, folder: str, kind: str, source: str) -> list[tuple[set[bytes], bytes]]:
    """(flags, bytes) of each message in `folder` made for `source` (kind DRAFT_ID or NOTE_ID)."""
    prefix = message_id_prefix(kind, source_tag(source))
    client = server.connect()
    try:
        if not client.folder_exists(folder):
            return []
        client.select_folder(folder, readonly=True)
        uids = client.search(f'HEADER Message-ID "{prefix}"')
        fetched = client.fetch(uids, ["FLAGS", "BODY.PEEK[]"]) if uids else {}
    finally:
        client.logout()
    return [(set(data[b"FLAGS"]) - {b"\\Recent"}, data[b"BODY[]"]) for _, data in sorted(fetched.items())]


def subscribed(server: DovecotServer) -> set[str]:
    client = server.connect()
    try:
        return {name for _, _, name in client.list_sub_folders()}
    finally:
        client.logout()


async def test_a_ready_draft_fetched_from_dovecot_and_sent_arrives_clean(
    dovecot: DovecotServer, smtp_hop: SmtpHop,
) -> None:
    source = "<ready-sent@kunde.example>"
    result = await drafted(source, GOOD_SECTIONS)
    assert result.status == "ready" and result.reply

    receipt = deliver_draft(result.reply, result.source, dovecot.settings)

    [(flags, raw)] = fetch(dovecot, "Drafts", DRAFT_ID, source)
    assert flags == {b"\\Draft", b"$drafter_ready"}  # unread, and tagged ready
    assert receipt.keywords == ("$drafter_ready",) and receipt.note is None
    assert fetch(dovecot, "Drafts", NOTE_ID, source) == []  # a ready draft needs no note
    assert_nothing_internal(raw)
    for arrived in send_as_a_mail_client(smtp_hop, raw):
        message = assert_nothing_internal(arrived)
        assert message_id_tag(message["Message-ID"], DRAFT_ID) == source_tag(source)
        assert message["In-Reply-To"] == source
        assert message["References"].split() == ["<case-4711.1@support.example.com>", source]
        assert message["Subject"] == "Re: Rückerstattung für A-10234"
        assert text_of(message).startswith("Dear Jürgen,\n")
    assert smtp_hop.arrived[0].original_content == raw  # sendmail: byte for byte what the agent had


async def test_a_needs_review_draft_waits_in_the_review_folder_with_its_note_and_arrives_clean(
    dovecot: DovecotServer, smtp_hop: SmtpHop,
) -> None:
    source = "<review-sent@kunde.example>"
    result = await drafted(source, OVER_PROMISE)
    assert result.status == "needs_review" and result.reply and result.verdict
    review = "Drafts/Needs review"
    config = dovecot.settings_with(review_folder=review)

    first = deliver_draft(result.reply, result.source, config)
    again = deliver_draft(result.reply, result.source, config)  # a re-delivery adds nothing

    assert (first.folder, first.duplicate, again.duplicate) == (review, False, True)
    assert review in subscribed(dovecot)  # created when missing, and shown by clients
    assert fetch(dovecot, "Drafts", DRAFT_ID, source) == [] and fetch(dovecot, "Drafts", NOTE_ID, source) == []
    [(flags, raw)] = fetch(dovecot, review, DRAFT_ID, source)
    codes = {f"$drafter_{code}".encode() for code in result.verdict.codes}
    assert flags == {b"\\Draft", b"$drafter_needs_review", *codes}
    [(note_flags, note_raw)] = fetch(dovecot, review, NOTE_ID, source)
    assert note_flags == {b"$drafter_note"}  # no \Draft: no client offers to send it; unread
    assert again.note == first.note and first.note and f"/{review.replace(' ', '%20')};" in first.note
    note = email.message_from_bytes(note_raw, policy=email.policy.default)
    assert "over_promise" in text_of(note)

    for arrived in send_as_a_mail_client(smtp_hop, raw):
        message = assert_nothing_internal(arrived)
        assert message["In-Reply-To"] == source and message["References"].split()[-1] == source
        assert text_of(message).startswith("Dear Jürgen,\n")  # no banner above it


async def test_a_later_different_draft_for_the_same_mail_adds_nothing(dovecot: DovecotServer) -> None:
    source = "<redraft@kunde.example>"
    ready = await drafted(source, GOOD_SECTIONS)
    review = await drafted(source, OVER_PROMISE)
    assert ready.reply and review.reply

    deliver_draft(ready.reply, source, dovecot.settings)
    later = deliver_draft(review.reply, source, dovecot.settings)

    assert later.duplicate and later.note is None  # the ready draft stays, and gets no note about another
    [(flags, _)] = fetch(dovecot, "Drafts", DRAFT_ID, source)
    assert b"$drafter_ready" in flags and fetch(dovecot, "Drafts", NOTE_ID, source) == []


# -- a server that keeps no keywords --------------------------------------------------------------------------


class NoKeywordsProxy(TcpProxy):
    """Forwards TCP to Dovecot and takes `\\*` out of every PERMANENTFLAGS: a server that keeps no new keywords.

    Dovecot would store them anyway, so what the folder then holds is exactly what drafter sent."""

    def relay(self, direction: Direction, data: bytes, connection: int) -> bytes | None:
        return re.sub(rb"(\[PERMANENTFLAGS \([^)]*?) ?\\\*\)", rb"\1)", data) if direction == "down" else data


async def test_without_keywords_the_draft_still_lands_and_the_review_folder_and_note_tell(
    dovecot: DovecotServer, caplog: pytest.LogCaptureFixture,
) -> None:
    source = "<no-keywords@kunde.example>"
    result = await drafted(source, OVER_PROMISE)
    assert result.reply
    proxy = NoKeywordsProxy(dovecot.port)
    caplog.set_level(logging.WARNING, logger="drafter.deliver")
    try:
        receipt = deliver_draft(result.reply, source,
                                dovecot.settings_with(imap_port=proxy.port, review_folder="Needs review"))
    finally:
        proxy.close()

    assert receipt.keywords == () and receipt.folder == "Needs review" and receipt.note
    [(flags, _)] = fetch(dovecot, "Needs review", DRAFT_ID, source)
    assert flags == {b"\\Draft"}
    assert len(fetch(dovecot, "Needs review", NOTE_ID, source)) == 1
    assert "keeps no new keywords" in caplog.text and "$drafter_needs_review" in caplog.text


# -- Maildir, as Dovecot then serves it ------------------------------------------------------------------------


async def test_maildir_delivery_shows_in_dovecot_with_keywords_review_folder_and_note(
    dovecot_factory, tmp_path: Path,
) -> None:
    server: DovecotServer = dovecot_factory()
    client = server.connect()
    client.list_folders()  # Dovecot creates the agent's Maildir (and Drafts) when it first lists it
    client.logout()
    maildir = server.root / "mail" / "agent" / "Maildir"
    config = server.settings_with(method="maildir", maildir_path=maildir, review_folder="Drafts/Needs review")
    ready = await drafted("<maildir-ready@kunde.example>", GOOD_SECTIONS)
    review = await drafted("<maildir-review@kunde.example>", OVER_PROMISE)
    assert ready.reply and review.reply and review.verdict

    deliver_draft(ready.reply, ready.source, config)
    receipt = deliver_draft(review.reply, review.source, config)
    again = deliver_draft(review.reply, review.source, config)
    subprocess.run(["chown", "-R", f"{os.stat(maildir).st_uid}:{os.stat(maildir).st_gid}", str(maildir)], check=True)

    assert receipt.folder == "Drafts.Needs review" and again.duplicate and again.note == receipt.note
    [(flags, raw)] = fetch(server, "Drafts", DRAFT_ID, ready.source)
    assert flags == {b"\\Draft", b"$drafter_ready"}
    assert_nothing_internal(raw)
    [(flags, raw)] = fetch(server, "Drafts/Needs review", DRAFT_ID, review.source)
    assert flags == {b"\\Draft", b"$drafter_needs_review", *{f"$drafter_{c}".encode() for c in review.verdict.codes}}
    assert_nothing_internal(raw)
    [(note_flags, _)] = fetch(server, "Drafts/Needs review", NOTE_ID, review.source)
    assert note_flags == {b"$drafter_note"}
