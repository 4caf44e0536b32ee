"""drafter sync against a real Dovecot (issue 20): drafts delivered, the agent plays (a reply sent unchanged,
one edited with another date, one never sent; later a follow-up in one thread), and successive syncs on later
days keep the ledger: outcomes, section edits, commitments kept or missed, nothing read twice."""

from __future__ import annotations

import asyncio
import datetime as dt
import email
import email.policy
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import respx
from click.testing import CliRunner

from drafter.cli import cli
from drafter.deliver import deliver_draft
from drafter.model import OfflineBackend
from drafter.pipeline import draft_reply
from drafter.track.ledger import Ledger, record_delivery
from drafter.track.sent import read_sent
from drafter.track.sync import sync
from drafter_core.replies import long_date
from drafter_core.settings import Settings, load_settings
from tests.api_support import email_bytes, make_app, make_settings, model_route, running
from tests.dovecot import DovecotServer

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
DRAFTED = dt.date(2026, 11, 23)  # a Monday: offline drafts promise Wednesday 25 November
SENT_AT = "Mon, 23 Nov 2026 15:00:00 +0000"


@pytest.fixture
def model() -> Iterator[respx.MockRouter]:
    with respx.mock(assert_all_called=False) as router:
        yield router


def settings_for(server: DovecotServer, tmp_path: Path, store_url: str | None = None) -> Settings:
    """With `store_url` (a PostgreSQL job store) the ledger lives there; else in a SQLite file of the test."""
    base = load_settings(env={"DRAFTER_STORE_URL": store_url} if store_url else {})
    delivery = server.settings
    return base.model_copy(update={
        "delivery": delivery,
        "tracking": base.tracking.model_copy(update={"store_path": None if store_url else
                                                     tmp_path / "tracking.sqlite3"}),
    })


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest) -> str | None:
    """The ledger in its own SQLite file, or in the shared PostgreSQL store (a fresh database)."""
    if request.param == "sqlite":
        return None
    url: str = request.getfixturevalue("postgres_url")
    return url


async def deliver(sample: str, settings: Settings) -> tuple[str, bytes, dt.date]:
    """Draft a sample offline, deliver it to Drafts, note it in the ledger: (customer id, draft bytes, date)."""
    result = await draft_reply((SAMPLES / sample).read_bytes(), settings=settings, backend=OfflineBackend(settings),
                               today=DRAFTED)
    assert result.reply is not None and result.plan is not None
    deliver_draft(result.reply, result.source, settings.delivery)
    record_delivery(settings.tracking_store, result.to_public(), result.source, DRAFTED)
    return result.source, result.reply.wire, result.plan.follow_up_date


def sent_copy(draft: bytes, message_id: str, date: str, edit: Callable[[str], str] = lambda text: text) -> bytes:
    """What a mail client puts in Sent when the agent sends the draft: a Message-ID of its own, the send time."""
    message = email.message_from_bytes(draft, policy=email.policy.default)
    message.replace_header("Message-ID", message_id)
    message.replace_header("Date", date)
    message.set_content(edit(message.get_content()))
    return message.as_bytes()


def follow_up_mail(customer_id: str, reply_id: str, date: str) -> bytes:
    return (f"From: support@example.com\r\nTo: customer@example.org\r\nSubject: Re: your parcel\r\nDate: {date}\r\n"
            f"Message-ID: <followup-1@support.example.com>\r\nIn-Reply-To: {reply_id}\r\n"
            f"References: {customer_id} {reply_id}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            "Hello again, as promised: your parcel was found and goes out today.\r\n").encode()


async def test_sync_keeps_the_ledger_of_what_was_sent_and_promised(
    dovecot_factory: Callable[..., DovecotServer], tmp_path: Path, store_url: str | None,
) -> None:
    server = dovecot_factory()
    settings = settings_for(server, tmp_path, store_url)
    late_id, late_draft, late_due = await deliver("01-late-delivery.eml", settings)
    charge_id, charge_draft, charge_due = await deliver("02-double-charge.eml", settings)
    await deliver("03-damaged-blender-photos.eml", settings)  # never sent

    drafted_date = long_date(charge_due, "en", settings.data.replies_file)
    moved = dt.date(2026, 11, 30)

    def edited(text: str) -> str:
        changed = text.replace(drafted_date, long_date(moved, "en", settings.data.replies_file))
        return re.sub(r"(?m)^(I|We) .*?(frustrat|annoy|worr).*$", "I completely understand how this feels.",
                      changed, count=1)

    client = server.connect()
    try:
        client.append("Sent", sent_copy(late_draft, "<sent-late@support.example.com>", SENT_AT))
        client.append("Sent", sent_copy(charge_draft, "<sent-charge@support.example.com>", SENT_AT, edited))
    finally:
        client.logout()

    with Ledger(settings.tracking_store) as ledger:
        first = sync(settings, DRAFTED, ledger)
        assert (first.read, first.matched, first.unchanged, first.edited) == (2, 2, 1, 1)
        commitments = {c.reply_id: c for c in ledger.commitments()}
        assert commitments["<sent-late@support.example.com>"].due == late_due
        assert commitments["<sent-charge@support.example.com>"].due == moved  # the date as sent, not as drafted
        assert all(c.state == "open" for c in commitments.values())
        charge = ledger.sent_message("<sent-charge@support.example.com>")
        assert charge is not None and charge.outcome == "edited" and charge.draft_id
        assert charge.edits["thank"] == 0.0 and charge.edits["timeline"] > 0.0

        again = sync(settings, DRAFTED, ledger)
        assert again.read == 0 and len(ledger.sent()) == 2  # incremental: nothing read twice

        client = server.connect()
        try:
            client.append("Sent", follow_up_mail(late_id, "<sent-late@support.example.com>",
                                                 "Tue, 24 Nov 2026 10:00:00 +0000"))
        finally:
            client.logout()
        later = sync(settings, dt.date(2026, 12, 1), ledger)
        assert later.read == 1 and later.later == 1
        states = {c.reply_id: c.state for c in ledger.commitments()}
        assert states == {"<sent-late@support.example.com>": "kept", "<sent-charge@support.example.com>": "missed"}
        # Nothing went out on the charge: one reminder, threaded under our sent reply; none for the kept one.
        assert later.reminded == ["<sent-charge@support.example.com>"]
        assert sync(settings, dt.date(2026, 12, 2), ledger).reminded == []

    client = server.connect()
    try:
        client.select_folder("Drafts", readonly=True)
        uids = client.search(["KEYWORD", "$drafter_reminder"])
        assert len(uids) == 1  # once, whatever the number of syncs
        fetched = client.fetch(uids, ["FLAGS", "BODY.PEEK[]"])[uids[0]]
    finally:
        client.logout()
    note = email.message_from_bytes(fetched[b"BODY[]"], policy=email.policy.default)
    assert str(note["In-Reply-To"]).strip() == "<sent-charge@support.example.com>"
    assert charge_id in str(note["References"]) and str(note["Subject"]).startswith("Re: ")
    text = note.get_content()
    assert "\n> " in text and long_date(moved, "en", settings.data.replies_file) in text  # our promise, quoted
    assert "Thursday, 3 December 2026" in text  # and when we write next: two business days after 1 December
    assert b"$drafter_ready" in fetched[b"FLAGS"] and b"\\Draft" in fetched[b"FLAGS"]

    client = server.connect()
    try:
        client.select_folder("Sent", readonly=True)
        flags = client.get_flags(client.search("ALL"))
    finally:
        client.logout()
    # Read-only: nothing marked \\Seen, nothing deleted (\\Recent is the server's, per session).
    assert all(set(f) <= {b"\\Recent"} for f in flags.values()), flags

    config = tmp_path / "drafter.toml"
    config.write_text("" if store_url else f'[tracking]\nstore_path = "{settings.tracking_store}"\n', encoding="utf-8")
    env = ({"DRAFTER_STORE_URL": store_url, "DRAFTER_TRACKING__STORE_PATH": None} if store_url else
           {"DRAFTER_TRACKING__STORE_PATH": str(settings.tracking_store)})
    listed = CliRunner().invoke(cli, ["--config", str(config), "followups", "--json", "--today", "2026-12-01"],
                                env=env)
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert {(r["reply_id"], r["state"]) for r in rows} == {("<sent-late@support.example.com>", "kept"),
                                                           ("<sent-charge@support.example.com>", "missed")}
    overdue = CliRunner().invoke(cli, ["--config", str(config), "followups", "--overdue", "--today", "2026-12-01"],
                                 env=env)
    assert "2026-11-30  missed" in overdue.stdout and "kept" not in overdue.stdout

    report = tmp_path / "stats.html"
    stats = CliRunner().invoke(cli, ["--config", str(config), "stats", "--since", "2026-11-23", "--today", "2026-12-01",
                                     "--json", "--report", str(report)],
                               env=env)
    figures = json.loads(stats.stdout)
    overall = figures["overall"]
    assert (overall["drafts"], overall["unchanged"], overall["edited"], overall["never_sent"]) == (3, 1, 1, 1)
    assert overall["acceptance"] == round(1 / 3, 3)
    assert overall["edit_rate"]["thank"] == 0.0 and overall["edit_rate"]["timeline"] > 0.0
    assert figures["follow_ups"] == {"kept": 1, "missed": 1, "open": 0}
    assert figures["by_verdict"]["ready"]["drafts"] == 3 and set(figures["by_backend"]) == {"offline"}
    html = report.read_text(encoding="utf-8")
    assert html.count("<svg") == 3 and "<script" not in html and " src=" not in html and "<link" not in html


async def test_serve_records_deliveries_and_reads_sent_in_the_background(
    dovecot_factory: Callable[..., DovecotServer], tmp_path: Path, model: respx.MockRouter,
) -> None:
    server = dovecot_factory()
    model_route(model)
    settings = make_settings(
        tmp_path, DRAFTER_DELIVERY__METHOD="imap", DRAFTER_DELIVERY__IMAP_HOST=server.host,
        DRAFTER_DELIVERY__IMAP_PORT=str(server.port), DRAFTER_DELIVERY__IMAP_SECURITY="none",
        DRAFTER_DELIVERY__IMAP_USER=server.user, DRAFTER_IMAP_PASSWORD=server.password,
        DRAFTER_TRACKING__SYNC_INTERVAL_SECONDS="0.2")
    assert settings.tracking_store.parent == tmp_path  # beside the job store
    async with running(make_app(settings, delivery_poll_seconds=0.02)) as client:
        created = await client.post("/v1/drafts?today=2026-11-23", content=email_bytes(),
                                    headers={"content-type": "message/rfc822"})
        assert created.json()["status"] == "ready", created.text
        agent = server.connect()
        try:
            agent.select_folder("Drafts")
            [uid] = agent.search("ALL")
            draft = agent.fetch([uid], ["BODY.PEEK[]"])[uid][b"BODY[]"]
            agent.append("Sent", sent_copy(draft, "<sent-api@support.example.com>", SENT_AT))
        finally:
            agent.logout()
        deadline = asyncio.get_running_loop().time() + 10
        wanted = 'drafter_sent_replies_total{outcome="unchanged"} 1.0'
        while wanted not in (metrics := (await client.get("/metrics")).text):
            assert asyncio.get_running_loop().time() < deadline, metrics
            await asyncio.sleep(0.05)
    assert 'drafter_followups{state="open"} 1.0' in metrics and 'drafter_sent_syncs_total{outcome="ok"}' in metrics


async def test_what_real_mail_clients_do_to_a_sent_reply(
    dovecot_factory: Callable[..., DovecotServer], tmp_path: Path,
) -> None:
    """A signature the client adds, a follow-up naming only our reply, a send time in another offset, a
    reminder on the due date that the agent then answers, and a mail that no parser can read."""
    server = dovecot_factory()
    settings = settings_for(server, tmp_path)
    _, draft, due = await deliver("01-late-delivery.eml", settings)
    with_signature = sent_copy(draft, "<sent-sig@support.example.com>", SENT_AT,
                               lambda text: text.replace("\n>", "\n\nSent from my iPhone\n\n>", 1))
    # Only In-Reply-To, naming our reply, and sent at 09:30 in California: 17:30 UTC, after 15:00 UTC.
    only_ours = (b"From: support@example.com\r\nTo: customer@example.org\r\nSubject: Re: late\r\n"
                 b"Date: Tue, 24 Nov 2026 09:30:00 -0800\r\nMessage-ID: <later-1@support.example.com>\r\n"
                 b"In-Reply-To: <sent-sig@support.example.com>\r\nContent-Type: text/plain\r\n\r\nAs promised.\r\n")
    broken = b"To: =?utf-8?q?broken <\r\nSubject: =?x-unknown?q?=FF?=\r\nMessage-ID: <odd@x>\r\n\r\n\xff\xfe\r\n"
    client = server.connect()
    try:
        client.append("Sent", with_signature)
        client.append("Sent", broken)
    finally:
        client.logout()
    with Ledger(settings.tracking_store) as ledger:
        first = sync(settings, due, ledger)  # on the due date itself, nothing sent since: a reminder
        assert first.unchanged == 1 and first.read == 2  # the iPhone line is no edit; the odd mail passed over
        assert first.reminded == ["<sent-sig@support.example.com>"]
        client = server.connect()
        try:
            client.append("Sent", only_ours)
        finally:
            client.logout()
        later = sync(settings, due + dt.timedelta(days=1), ledger)
        assert later.later == 1 and later.kept == ["<sent-sig@support.example.com>"]
        follow_up = ledger.sent_message("<later-1@support.example.com>")
        assert follow_up is not None and follow_up.sent_at == dt.datetime(2026, 11, 24, 17, 30, tzinfo=dt.UTC)
        assert [c.state for c in ledger.commitments()] == ["kept"]
        assert sync(settings, due + dt.timedelta(days=2), ledger).read == 0  # the odd mail is not read again


def test_sent_is_read_in_batches_and_again_when_the_server_renumbers_it(
    dovecot_factory: Callable[..., DovecotServer], tmp_path: Path,
) -> None:
    server = dovecot_factory()
    settings = settings_for(server, tmp_path)
    mails = [follow_up_mail("<c@customer.example>", f"<r{n}@support.example.com>", SENT_AT)
             .replace(b"<followup-1@", f"<followup-{n}@".encode()) for n in range(5)]
    client = server.connect()
    try:
        for mail in mails:
            client.append("Sent", mail)
        batches = list(read_sent(client, "Sent", None, batch=2))
        assert [len(b.messages) for b in batches] == [2, 2, 1] and batches[-1].last_uid == 5
        assert list(read_sent(client, "Sent", (batches[0].uidvalidity, 5))) == []  # nothing after UID 5
    finally:
        client.logout()
    with Ledger(settings.tracking_store) as ledger:
        assert sync(settings, DRAFTED, ledger).read == 5
        client = server.connect()
        try:  # the folder deleted and made again: a new UIDVALIDITY, the same messages
            client.delete_folder("Sent")
            client.create_folder("Sent")
            for mail in mails:
                client.append("Sent", mail)
        finally:
            client.logout()
        again = sync(settings, DRAFTED, ledger)
        assert again.read == 5 and again.unmatched == 0 and len(ledger.sent()) == 5  # read again, counted once
