"""A real, throwaway Dovecot IMAP server for tests (pytest plugin, registered in tests/conftest.py).

Fixtures:
    dovecot          a running server shared by the tests of one module (started again if a test stopped it)
    dovecot_factory  extra servers with other mailbox layouts: dovecot_factory(drafts_mailbox="Entwürfe")

Each server lives in its own `tempfile.mkdtemp()` directory: config, passwd-file (users `agent` and `agent2`,
password `secret`), a self-signed certificate for TLS and STARTTLS, maildir storage owned by `nobody`.
It listens on two free loopback ports: `port` (plain IMAP, STARTTLS offered) and `tls_port` (implicit TLS).
The mailbox is shared within a module: give each test its own source (the customer's Message-ID).
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import socket
import ssl
import stat
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from imapclient import IMAPClient
from pydantic import SecretStr

from drafter_core.settings import DeliverySettings
from tests.processes import free_port

USERS = {"agent": "secret", "agent2": "secret"}
START_TIMEOUT_SECONDS = 10.0
STOP_TIMEOUT_SECONDS = 15.0

# Why each line is there (Debian's dovecot 2.3, started as root):
# - base_dir/state_dir/log_path in the temp dir: nothing touches /run or /var.
# - default_login_user/default_internal_user: Dovecot refuses to run login and auth processes as root.
# - userdb static uid=nobody: mail processes never run as root; first_valid_uid admits that uid.
# - auth_failure_delay = 0 and no anvil penalty socket: a wrong-password test must not slow the next
#   login from 127.0.0.1 by seconds (the auth process then logs one harmless connect error).
CONFIG_TEMPLATE = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
listen = 127.0.0.1
protocols = imap
ssl = yes
ssl_cert = <{root}/cert.pem
ssl_key = <{root}/key.pem
disable_plaintext_auth = no
auth_failure_delay = 0
default_login_user = dovenull
default_internal_user = dovecot
first_valid_uid = {mail_uid}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = static
  args = uid={mail_uid} gid={mail_gid} home={root}/mail/%u
}}
mail_location = maildir:~/Maildir
namespace inbox {{
  inbox = yes
  separator = /
{drafts_section}}}
service imap-login {{
  inet_listener imap {{
    port = {port}
  }}
  inet_listener imaps {{
    port = {tls_port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
"""

DRAFTS_SECTION = """\
  mailbox "{name}" {{
    special_use = \\Drafts
    auto = {auto}
  }}
"""
# The agent's Sent folder, as mail clients find it (RFC 6154 \\Sent): what drafter sync reads.
SENT_SECTION = """\
  mailbox "{name}" {{
    special_use = \\Sent
    auto = subscribe
  }}
"""


class DovecotServer:
    """One Dovecot instance; `start()`, `stop()` and `restart()` keep the same ports and mail."""

    host = "127.0.0.1"
    user = "agent"
    password = "secret"

    def __init__(self, *, drafts_mailbox: str | None = "Drafts", drafts_auto: str = "subscribe",
                 sent_mailbox: str | None = "Sent") -> None:
        self.root = Path(tempfile.mkdtemp(prefix="drafter-dovecot-"))
        self.port = free_port()
        self.tls_port = free_port()
        self.ca_file = self.root / "cert.pem"
        self._process: subprocess.Popen[bytes] | None = None
        self._prepare(drafts_mailbox, drafts_auto, sent_mailbox)

    # -- lifecycle ---------------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self) -> None:
        if self.running:
            return
        with (self.root / "stdout.log").open("ab") as output:
            self._process = subprocess.Popen(
                [dovecot_binary(), "-F", "-c", str(self.root / "dovecot.conf")],
                stdout=output, stderr=subprocess.STDOUT,
            )
        self._wait_until_ready()

    def stop(self) -> None:
        """SIGTERM and wait: after SIGKILL the children linger and an immediate start fails."""
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=STOP_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def restart(self) -> None:
        self.stop()
        self.start()

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    # -- what tests need to reach it ---------------------------------------------------------------

    @property
    def settings(self) -> DeliverySettings:
        """Delivery over plain IMAP on loopback, few attempts: tests stay fast."""
        return self.settings_with()

    def settings_with(self, **changes: object) -> DeliverySettings:
        values: dict[str, object] = {
            "method": "imap", "imap_host": self.host, "imap_port": self.port, "imap_security": "none",
            "imap_user": self.user, "imap_password": SecretStr(self.password), "max_attempts": 3,
        }
        values.update(changes)
        return DeliverySettings.model_validate(values)

    def ssl_context(self) -> ssl.SSLContext:
        """A client context that trusts this server's self-signed certificate (CN localhost, IP 127.0.0.1)."""
        return ssl.create_default_context(cafile=str(self.ca_file))

    def connect(self, user: str | None = None) -> IMAPClient:
        """A logged-in IMAP client for reading back what was delivered; close it with logout()."""
        client = IMAPClient(self.host, self.port, ssl=False, timeout=10)
        client.login(user or self.user, USERS[user or self.user])
        return client

    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""

    # -- setup ---------------------------------------------------------------------------------------

    def _prepare(self, drafts_mailbox: str | None, drafts_auto: str, sent_mailbox: str | None) -> None:
        require_traversable_parents(self.root)
        nobody = pwd.getpwnam("nobody")
        for name in ("run", "state", "mail"):
            (self.root / name).mkdir()
        for directory in (self.root, self.root / "run", self.root / "state", self.root / "mail"):
            directory.chmod(0o755)
        os.chown(self.root / "mail", nobody.pw_uid, nobody.pw_gid)
        users = self.root / "users"
        users.write_text("".join(f"{name}:{{PLAIN}}{secret}::::::\n" for name, secret in USERS.items()))
        users.chmod(0o644)  # read by the auth process running as uid dovecot
        self._make_certificate()
        drafts = DRAFTS_SECTION.format(name=drafts_mailbox, auto=drafts_auto) if drafts_mailbox else ""
        drafts += SENT_SECTION.format(name=sent_mailbox) if sent_mailbox else ""
        config = CONFIG_TEMPLATE.format(
            root=self.root, port=self.port, tls_port=self.tls_port, drafts_section=drafts,
            mail_uid=nobody.pw_uid, mail_gid=nobody.pw_gid,
        )
        (self.root / "dovecot.conf").write_text(config, encoding="utf-8")

    def _make_certificate(self) -> None:
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
             "-nodes", "-days", "2", "-subj", "/CN=localhost",
             "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
             "-keyout", str(self.root / "key.pem"), "-out", str(self.ca_file)],
            check=True, capture_output=True,
        )
        (self.root / "key.pem").chmod(0o600)

    def _wait_until_ready(self) -> None:
        """Ready once the greeting arrives; log out politely, or an idle imap-login delays shutdown by 5 s."""
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            assert self._process is not None
            if self._process.poll() is not None:
                raise RuntimeError(f"dovecot exited with {self._process.returncode}:\n{self._diagnostics()}")
            try:
                with socket.create_connection((self.host, self.port), timeout=1) as probe:
                    if probe.recv(256).startswith(b"* OK"):
                        probe.sendall(b"a LOGOUT\r\n")
                        probe.recv(256)
                        return
            except OSError:
                time.sleep(0.01)
        self.stop()
        raise RuntimeError(f"dovecot did not greet on port {self.port} within {START_TIMEOUT_SECONDS} s:\n"
                           f"{self._diagnostics()}")

    def _diagnostics(self) -> str:
        stdout = self.root / "stdout.log"
        return (stdout.read_text(errors="replace") if stdout.exists() else "") + self.log()


def dovecot_binary() -> str:
    return shutil.which("dovecot") or shutil.which("dovecot", path="/usr/sbin:/usr/local/sbin") or ""


def skip_unless_dovecot_can_run() -> None:
    if not dovecot_binary():
        pytest.skip("dovecot not installed: apt-get install -y --no-install-recommends dovecot-imapd "
                    "(CI installs it)")
    if os.geteuid() != 0:
        pytest.skip("the Dovecot fixture needs root: Dovecot switches to its users dovenull/dovecot/nobody")
    for user in ("dovenull", "dovecot", "nobody"):
        try:
            pwd.getpwnam(user)
        except KeyError:
            pytest.skip(f"system user {user!r} missing: reinstall dovecot-core")


def require_traversable_parents(path: Path) -> None:
    """Mail processes run as nobody and need +x on every parent, or SELECT fails with [SERVERBUG]."""
    for parent in path.parents:
        if not parent.stat().st_mode & stat.S_IXOTH:
            raise RuntimeError(f"{parent} is not traversable by others (mode {oct(parent.stat().st_mode)}): "
                               "point TMPDIR at a directory whose parents are all 0755")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that start Dovecot are `slow` (pyproject's marker): `-m "not slow"` skips them."""
    for item in items:
        if {"dovecot", "dovecot_factory"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="module")
def _dovecot_for_module() -> Iterator[DovecotServer]:
    skip_unless_dovecot_can_run()
    server = DovecotServer()
    server.start()
    yield server
    server.remove()


@pytest.fixture
def dovecot(_dovecot_for_module: DovecotServer) -> DovecotServer:
    """The module's Dovecot, running: a test may stop or restart it, the next one gets it back up."""
    _dovecot_for_module.start()
    return _dovecot_for_module


@pytest.fixture
def dovecot_factory() -> Iterator[Callable[..., DovecotServer]]:
    """Start extra servers, e.g. dovecot_factory(drafts_mailbox="Entwürfe", drafts_auto="no")."""
    skip_unless_dovecot_can_run()
    servers: list[DovecotServer] = []

    def start(drafts_mailbox: str | None = "Drafts", drafts_auto: str = "subscribe",
              sent_mailbox: str | None = "Sent") -> DovecotServer:
        server = DovecotServer(drafts_mailbox=drafts_mailbox, drafts_auto=drafts_auto, sent_mailbox=sent_mailbox)
        servers.append(server)
        server.start()
        return server

    yield start
    for server in servers:
        server.remove()
