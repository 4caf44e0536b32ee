"""Delivery into the agent's Drafts folder, against a real Dovecot (tests/dovecot.py) and a real Maildir.

The replies are built by assemble.build_reply, as the pipeline builds them; tests/test_clean_wire.py follows
delivered drafts on through an SMTP hop.
"""

from __future__ import annotations

import email.policy
import logging
import mailbox
import re
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from email.parser import BytesParser
from pathlib import Path
from typing import Literal

import pytest

from drafter.assemble import DRAFT_ID, NOTE_ID, build_reply, message_id_prefix, source_tag
from drafter.deliver import Backoff, DeliveryReceipt, deliver_draft, source_key
from drafter_core.errors import DeliveryError
from drafter_core.settings import DeliverySettings
from drafter_core.values import Reply, Verdict, Violation
from tests.dovecot import DovecotServer
from tests.factories import complaint, plan, settings
from tests.processes import free_port
from tests.tcp_proxy import Direction, TcpProxy

FAST = Backoff(initial_seconds=0.05, max_seconds=0.2, jitter_seconds=0.01)
SLOW = Backoff(initial_seconds=5.0, max_seconds=5.0, jitter_seconds=0.0)  # any retry would show in the time
DRAFT_NOW = datetime(2026, 11, 20, 9, 30, tzinfo=timezone(timedelta(hours=1)))
CONFIG = settings()
BODY = "Hallo Jürgen,\n\ndanke für Ihre Nachricht. Wir melden uns bald.\n"
NEEDS_REVIEW = Verdict(passed=False, violations=[Violation(
    code="missing_follow_up_date", message="No concrete follow-up date. Add one concrete calendar date.",
    start=BODY.index("bald"), end=BODY.index("bald") + 4, text="bald")])


def reply(source: str, *, verdict: str = "needs-review", subject: str = "Paket beschädigt") -> Reply:
    """A reply as the pipeline builds it (assemble.build_reply): threaded under `source`."""
    customer = complaint(body="Mein Paket kam beschädigt an.\nBestellnummer 4711", message_id=source,
                         references=["<first-mail@customer.example>"], subject=subject, from_name="Jürgen Kunde",
                         from_address="juergen@customer.example", reply_to=None, language="de")
    judged = Verdict(passed=True) if verdict == "passed" else NEEDS_REVIEW
    return build_reply(customer, BODY, plan(), judged, CONFIG, source=source, now=DRAFT_NOW)


@pytest.fixture
def source(request: pytest.FixtureRequest) -> str:
    """A Message-ID of its own per test: the module's Dovecot mailbox is shared."""
    return f"<{re.sub(r'[^A-Za-z0-9]+', '.', request.node.name).strip('.')}@customer.example>"


def drafts_for(
    server: DovecotServer, source: str, folder: str = "Drafts", user: str | None = None, kind: str = DRAFT_ID,
) -> list[dict]:
    """What `folder` holds for `source` (drafts, or notes with kind=NOTE_ID): flags, internal date, message."""
    prefix = message_id_prefix(kind, source_tag(source))
    client = server.connect(user)
    try:
        client.normalise_times = False
        if not client.folder_exists(folder):
            return []
        client.select_folder(folder, readonly=True)
        uids = client.search(f'HEADER Message-ID "{prefix}"')
        fetched = client.fetch(uids, ["FLAGS", "INTERNALDATE", "BODY.PEEK[]"]) if uids else {}
    finally:
        client.logout()
    drafts = []
    for _, data in sorted(fetched.items()):
        message = BytesParser(policy=email.policy.default).parsebytes(data[b"BODY[]"])
        if str(message["Message-ID"]).startswith(prefix):  # else SEARCH matched elsewhere in the header
            drafts.append({"flags": set(data[b"FLAGS"]), "internaldate": data[b"INTERNALDATE"],
                           "message": message})
    return drafts


def notes_for(server: DovecotServer, source: str, folder: str = "Drafts") -> list[dict]:
    return drafts_for(server, source, folder, kind=NOTE_ID)


def folder_names(server: DovecotServer, user: str | None = None) -> set[str]:
    client = server.connect(user)
    try:
        return {name for _, _, name in client.list_folders()}
    finally:
        client.logout()


# -- IMAP: what lands in the folder ----------------------------------------------------------------------


def test_draft_lands_unread_flagged_as_draft_and_threaded(dovecot: DovecotServer, source: str) -> None:
    receipt = deliver_draft(reply(source), source, dovecot.settings)

    assert (receipt.method, receipt.folder, receipt.duplicate) == ("imap", "Drafts", False)
    assert receipt.attempts == 1
    assert re.fullmatch(rf"imap://agent@127\.0\.0\.1:{dovecot.port}/Drafts;UIDVALIDITY=\d+/;UID=\d+",
                        receipt.location or "")
    [draft] = drafts_for(dovecot, source)
    assert b"\\Draft" in draft["flags"] and b"\\Seen" not in draft["flags"]
    assert draft["internaldate"] == DRAFT_NOW
    message = draft["message"]
    assert message["Subject"] == "Re: Paket beschädigt"
    assert message["In-Reply-To"].strip() == source  # a long id is folded onto its own line
    assert message["References"].split()[-1] == source
    # The verdict and the failing check are keywords on the draft, not headers in it ...
    assert {b"$drafter_needs_review", b"$drafter_missing_follow_up_date"} <= draft["flags"]
    assert receipt.keywords == ("$drafter_needs_review", "$drafter_missing_follow_up_date")
    assert not [name for name in message.keys() if name.lower().startswith("x-drafter")]
    body = message.get_content()
    assert body.startswith("Hallo Jürgen")
    assert "Hallo Jürgen" in body and "> Mein Paket kam beschädigt an." in body
    # ... and what to fix is in the note beside it: unread, not a draft, threaded under the draft.
    [note] = notes_for(dovecot, source)
    assert note["flags"] - {b"\\Recent"} == {b"$drafter_note"}
    assert note["message"]["In-Reply-To"] == message["Message-ID"]
    assert note["message"].get_content().startswith("This draft needs review")
    assert receipt.note and "/Drafts;UIDVALIDITY=" in receipt.note


def test_second_delivery_adds_nothing(dovecot: DovecotServer, source: str) -> None:
    first = deliver_draft(reply(source), source, dovecot.settings)
    second = deliver_draft(reply(source, verdict="passed"), source, dovecot.settings)  # a new connection

    assert second.duplicate and second.location == first.location
    [draft] = drafts_for(dovecot, source)
    assert b"$drafter_needs_review" in draft["flags"]  # the first one stays
    assert len(notes_for(dovecot, source)) == 1


def test_an_id_that_contains_another_is_not_taken_for_it(dovecot: DovecotServer, source: str) -> None:
    """SEARCH HEADER matches substrings: a hash-style id is not delivered just because a longer one is."""
    longer, shorter = "sha256-0f1e2d3c4b5a", "sha256-0f1e2d"
    deliver_draft(reply(longer), longer, dovecot.settings)

    receipt = deliver_draft(reply(shorter), shorter, dovecot.settings)

    assert not receipt.duplicate
    assert len(drafts_for(dovecot, shorter)) == 1 and len(drafts_for(dovecot, longer)) == 1


def test_non_ascii_source_id_is_delivered_exactly_once(dovecot: DovecotServer) -> None:
    source = "<bestätigung-77@kunde.example>"
    deliver_draft(reply(source), source, dovecot.settings)
    again = deliver_draft(reply(source), source, dovecot.settings)

    assert again.duplicate
    assert len(drafts_for(dovecot, source)) == 1


def test_restart_between_deliveries_keeps_exactly_once(dovecot: DovecotServer, source: str) -> None:
    first = deliver_draft(reply(source), source, dovecot.settings)
    dovecot.restart()

    second = deliver_draft(reply(source), source, dovecot.settings)

    assert second.duplicate and second.location == first.location
    assert len(drafts_for(dovecot, source)) == 1


# -- IMAP: failures and retries --------------------------------------------------------------------------


class CuttingProxy(TcpProxy):
    """Forwards TCP to Dovecot but cuts its first connection at the APPEND: `before` the command reaches
    the server, or `after` the server stored the draft and before the client hears so."""

    def __init__(self, target_port: int, cut: Literal["before", "after"]) -> None:
        self._cut = cut
        self.cuts = 0
        self._append_sent = False
        super().__init__(target_port)

    def relay(self, direction: Direction, data: bytes, connection: int) -> bytes | None:
        if connection == 0 and self._should_cut(direction, data):
            self.cuts += 1
            return None
        return data

    def _should_cut(self, direction: str, data: bytes) -> bool:
        if direction == "up" and b" APPEND " in data:
            self._append_sent = True
            return self._cut == "before"
        return self._cut == "after" and direction == "down" and self._append_sent and b"APPENDUID" in data


@pytest.mark.parametrize(("cut", "expect_duplicate"), [("before", False), ("after", True)])
def test_connection_lost_at_append_is_retried_and_stored_once(
    dovecot: DovecotServer, source: str, cut: Literal["before", "after"], expect_duplicate: bool,
) -> None:
    proxy = CuttingProxy(dovecot.port, cut)
    try:
        settings = dovecot.settings_with(imap_port=proxy.port)
        receipt = deliver_draft(reply(source), source, settings, backoff=FAST)
    finally:
        proxy.close()

    assert proxy.cuts == 1 and proxy.connections == 2
    assert receipt.attempts == 2
    # After a lost answer the retry finds the stored draft instead of appending a second one,
    # and still puts the review note beside it, once.
    assert receipt.duplicate is expect_duplicate
    assert len(drafts_for(dovecot, source)) == 1
    assert len(notes_for(dovecot, source)) == 1 and receipt.note


def test_server_down_at_first_then_back_is_retried(dovecot: DovecotServer, source: str) -> None:
    dovecot.stop()
    starter = threading.Timer(0.3, dovecot.start)
    starter.start()
    try:
        began = time.monotonic()
        receipt = deliver_draft(reply(source), source, dovecot.settings_with(max_attempts=15),
                                backoff=Backoff(initial_seconds=0.1, max_seconds=0.5, jitter_seconds=0.05))
        elapsed = time.monotonic() - began
    finally:
        starter.join()

    assert receipt.attempts >= 2 and not receipt.duplicate
    assert elapsed < 8  # up after 0.3 s; the waits (0.1, 0.2, 0.4, 0.5 ...) would allow about 7 s
    assert len(drafts_for(dovecot, source)) == 1


def test_server_down_for_good_fails_after_max_attempts(caplog: pytest.LogCaptureFixture, source: str) -> None:
    port = free_port()  # nothing listens there
    settings = DeliverySettings(method="imap", imap_host="127.0.0.1", imap_port=port, imap_security="none",
                                imap_user="agent", imap_password="secret", max_attempts=3)
    caplog.set_level(logging.WARNING, logger="drafter.deliver")
    began = time.monotonic()

    with pytest.raises(DeliveryError) as failure:
        deliver_draft(reply(source), source, settings, backoff=FAST)

    assert time.monotonic() - began < 3
    assert f"127.0.0.1:{port} after 3 attempts" in str(failure.value)
    assert "check imap_host, imap_port" in str(failure.value)
    assert len([r for r in caplog.records if "retrying" in r.getMessage()]) == 2


def test_wrong_password_fails_at_once_and_never_shows_the_password(
    dovecot: DovecotServer, caplog: pytest.LogCaptureFixture, source: str,
) -> None:
    wrong = "not-the-password-7c1e"
    caplog.set_level(logging.DEBUG)
    began = time.monotonic()

    with pytest.raises(DeliveryError) as failure:
        deliver_draft(reply(source), source, dovecot.settings_with(imap_password=wrong, max_attempts=4),
                      backoff=SLOW)

    assert time.monotonic() - began < 4  # a single attempt: any retry would wait 5 s
    message = str(failure.value)
    assert "AUTHENTICATIONFAILED" in message and "DRAFTER_IMAP_PASSWORD" in message
    assert wrong not in message and wrong not in caplog.text
    assert not [r for r in caplog.records if "retrying" in r.getMessage()]


def test_password_is_not_logged_on_success(
    dovecot: DovecotServer, caplog: pytest.LogCaptureFixture, source: str,
) -> None:
    caplog.set_level(logging.DEBUG)

    deliver_draft(reply(source), source, dovecot.settings)

    assert "LOGIN" in caplog.text and "APPEND" in caplog.text  # the whole session is in the debug log ...
    assert dovecot.password not in caplog.text  # ... but not the password


# -- IMAP: connection security -----------------------------------------------------------------------------


@pytest.mark.parametrize("security", ["tls", "starttls"])
def test_encrypted_connections(dovecot: DovecotServer, source: str, security: str) -> None:
    port = dovecot.tls_port if security == "tls" else dovecot.port
    settings = dovecot.settings_with(imap_security=security, imap_port=port, imap_host="localhost")

    receipt = deliver_draft(reply(source), source, settings, ssl_context=dovecot.ssl_context())

    assert not receipt.duplicate and len(drafts_for(dovecot, source)) == 1


def test_untrusted_certificate_is_not_retried(dovecot: DovecotServer, source: str) -> None:
    settings = dovecot.settings_with(imap_security="tls", imap_port=dovecot.tls_port, max_attempts=4)
    began = time.monotonic()

    with pytest.raises(DeliveryError, match="certificate .* could not be verified"):
        deliver_draft(reply(source), source, settings, backoff=SLOW)  # system trust store: self-signed fails

    assert time.monotonic() - began < 4


def test_plaintext_is_refused_for_a_remote_host(source: str) -> None:
    settings = DeliverySettings(method="imap", imap_host="imap.example.com", imap_port=143,
                                imap_security="none", imap_user="agent", imap_password="secret")

    with pytest.raises(DeliveryError, match="unencrypted to imap.example.com.*'tls'"):
        deliver_draft(reply(source), source, settings)


# -- IMAP: finding the Drafts folder -----------------------------------------------------------------------


def test_special_use_drafts_folder_wins_over_a_folder_called_drafts(
    dovecot_factory: Callable[..., DovecotServer], source: str,
) -> None:
    server = dovecot_factory(drafts_mailbox="Entwürfe", drafts_auto="no")
    client = server.connect()
    client.create_folder("Entwürfe")  # gets \Drafts from the server's special_use
    client.create_folder("Drafts")  # just a name
    client.logout()

    receipt = deliver_draft(reply(source), source, server.settings)

    assert receipt.folder == "Entwürfe"
    assert "/Entw%C3%BCrfe;UIDVALIDITY=" in (receipt.location or "")
    assert len(drafts_for(server, source, folder="Entwürfe")) == 1
    assert drafts_for(server, source, folder="Drafts") == []


def test_without_special_use_a_common_name_is_used_else_drafts_is_created(
    dovecot_factory: Callable[..., DovecotServer], source: str,
) -> None:
    server = dovecot_factory(drafts_mailbox=None, sent_mailbox=None)  # no special-use folder anywhere
    client = server.connect("agent")
    client.create_folder("Brouillons")
    client.logout()
    assert folder_names(server, "agent2") == {"INBOX"}

    by_name = deliver_draft(reply(source), source, server.settings_with(imap_user="agent"))
    created = deliver_draft(reply(source), source, server.settings_with(imap_user="agent2"))

    assert by_name.folder == "Brouillons" and "Drafts" not in folder_names(server, "agent")
    assert len(drafts_for(server, source, folder="Brouillons", user="agent")) == 1
    assert created.folder == "Drafts"
    assert len(drafts_for(server, source, user="agent2")) == 1
    client = server.connect("agent2")
    try:
        assert "Drafts" in {name for _, _, name in client.list_sub_folders()}  # mail clients will show it
    finally:
        client.logout()


def test_configured_folder_is_used(dovecot: DovecotServer, source: str) -> None:
    client = dovecot.connect()
    if not client.folder_exists("Agent Review"):
        client.create_folder("Agent Review")
    client.logout()

    receipt = deliver_draft(reply(source), source, dovecot.settings_with(imap_folder="Agent Review"))

    assert receipt.folder == "Agent Review"
    assert len(drafts_for(dovecot, source, folder="Agent Review")) == 1
    assert drafts_for(dovecot, source) == []


def test_configured_folder_that_does_not_exist_is_an_error(dovecot: DovecotServer, source: str) -> None:
    with pytest.raises(DeliveryError, match="imap_folder 'Draftz' does not exist .*'Drafts'"):
        deliver_draft(reply(source), source, dovecot.settings_with(imap_folder="Draftz"), backoff=SLOW)

    assert "Draftz" not in folder_names(dovecot)


# -- Maildir ------------------------------------------------------------------------------------------------


def test_maildir_draft_is_unread_draft_in_drafts_subfolder_exactly_once(tmp_path: Path, source: str) -> None:
    settings = DeliverySettings(method="maildir", maildir_path=tmp_path / "Maildir")
    message = reply(source, verdict="passed")

    first = deliver_draft(message, source, settings)
    second = deliver_draft(message, source, settings)

    assert (first.method, first.folder, first.duplicate) == ("maildir", "Drafts", False)
    assert second.duplicate and second.location == first.location
    path = Path(first.location or "")
    # D: draft; a: keyword 0 of dovecot-keywords, $drafter_ready; no S: unread.
    assert path.parent == tmp_path / "Maildir" / ".Drafts" / "cur" and path.name.endswith(":2,Da")
    assert (tmp_path / "Maildir" / ".Drafts" / "dovecot-keywords").read_text() == "0 $drafter_ready\n"
    assert path.read_bytes() == message.wire.replace(b"\r\n", b"\n")
    assert (tmp_path / "Maildir" / ".Drafts" / "maildirfolder").exists()
    drafts = mailbox.Maildir(tmp_path / "Maildir").get_folder("Drafts")
    [stored] = list(drafts)
    assert stored.get_flags() == "Da"  # draft and $drafter_ready, not seen
    assert stored.get_date() == DRAFT_NOW.timestamp()


def test_maildir_keeps_drafts_of_other_sources(tmp_path: Path) -> None:
    settings = DeliverySettings(method="maildir", maildir_path=tmp_path / "Maildir")
    for source in ("<one@customer.example>", "<two@customer.example>", "<one@customer.example>"):
        deliver_draft(reply(source), source, settings)

    stored = list(mailbox.Maildir(tmp_path / "Maildir").get_folder("Drafts"))
    assert len([m for m in stored if "D" in m.get_flags()]) == 2  # and a review note beside each
    assert len([m for m in stored if "D" not in m.get_flags()]) == 2


def test_maildir_path_is_required(source: str) -> None:
    with pytest.raises(DeliveryError, match="maildir_path is not set"):
        deliver_draft(reply(source), source, DeliverySettings(method="maildir"))


# -- the contract -----------------------------------------------------------------------------------------


def test_method_none_does_nothing(source: str) -> None:
    receipt = deliver_draft(reply(source), source, DeliverySettings(method="none"))

    assert receipt == DeliveryReceipt(method="none", folder=None, location=None, duplicate=False, attempts=0)


def test_message_must_carry_the_source_id(tmp_path: Path) -> None:
    settings = DeliverySettings(method="maildir", maildir_path=tmp_path / "Maildir")

    with pytest.raises(ValueError, match="Message-ID .* was not made for source id"):
        deliver_draft(reply("<a@customer.example>"), "<b@customer.example>", settings)
    assert not (tmp_path / "Maildir").exists()


def test_source_key_drops_what_would_break_a_search() -> None:
    assert source_key(' <a"b\\c@x>\r\n ') == "<abc@x>"
    with pytest.raises(ValueError, match="empty"):
        source_key('\r\n"')
