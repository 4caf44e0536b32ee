"""`drafter draft FILE --deliver` against a real Dovecot: a threaded draft in Drafts, exactly once."""

from __future__ import annotations

import email
import email.policy
from pathlib import Path

from click.testing import CliRunner

from drafter.assemble import source_tag
from drafter.cli import cli
from tests.dovecot import DovecotServer

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "05-service-outage-gmail-reply.eml"


def test_cli_delivers_a_threaded_draft_once_over_starttls(dovecot: DovecotServer, tmp_path: Path) -> None:
    config = tmp_path / "drafter.toml"
    config.write_text(
        "[delivery]\n"
        'method = "imap"\n'
        f'imap_host = "{dovecot.host}"\nimap_port = {dovecot.port}\n'
        'imap_security = "starttls"\n'
        f'imap_user = "{dovecot.user}"\n'
        f'imap_ca_file = "{dovecot.ca_file}"\n'
    )
    env = {"DRAFTER_IMAP_PASSWORD": dovecot.password, "OPENAI_API_KEY": "", "OPENAI_BASE_URL": ""}
    args = ["--config", str(config), "draft", str(SAMPLE), "--today", "2026-11-23", "--deliver"]
    first = CliRunner().invoke(cli, args, env=env, catch_exceptions=False)
    second = CliRunner().invoke(cli, args, env=env, catch_exceptions=False)
    assert first.exit_code == 0, first.stderr
    assert "added" in first.stderr and "already there" in second.stderr and second.exit_code == 0

    customer = email.message_from_bytes(SAMPLE.read_bytes(), policy=email.policy.default)
    source = str(customer["Message-ID"]).strip()
    client = dovecot.connect()
    try:
        client.select_folder("Drafts")
        uids = client.search(f'HEADER Message-ID "<drafter.{source_tag(source)}."')
        assert len(uids) == 1
        data = client.fetch(uids, ["FLAGS", "BODY.PEEK[]"])[uids[0]]  # PEEK: reading must not set \\Seen
    finally:
        client.logout()
    assert b"\\Draft" in data[b"FLAGS"] and b"\\Seen" not in data[b"FLAGS"]
    draft = email.message_from_bytes(data[b"BODY[]"], policy=email.policy.default)
    assert str(draft["In-Reply-To"]).strip() == source
    assert source in str(draft["References"])
    assert draft["Subject"].startswith("Re: ") and b"$drafter_ready" in data[b"FLAGS"]
    assert "keywords $drafter_ready" in first.stderr
    assert draft["To"].addresses[0].addr_spec == customer["From"].addresses[0].addr_spec
