"""Deliver: put a finished draft into the agent's Drafts folder (IMAP APPEND or Maildir), exactly once.

The bytes come complete from assemble.py. This stage finds the Drafts folder, looks for a draft with the
same X-Drafter-Source and appends only if there is none, so a retry after a lost answer adds nothing.
IMAP and Maildir are two small adapters behind `Mailbox`; their errors become DeliveryError here.
"""

from __future__ import annotations

import dataclasses
import email.policy
import email.utils
import fcntl
import imaplib
import ipaddress
import logging
import mailbox
import re
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from email.parser import BytesHeaderParser
from pathlib import Path
from typing import Protocol
from urllib.parse import quote

import tenacity
from imapclient import IMAPClient, SocketTimeout, imap_utf7
from imapclient.exceptions import CapabilityError, IMAPClientError, LoginError
from imapclient.response_parser import parse_response

from drafter_core.errors import DeliveryError
from drafter_core.settings import DeliverySettings

__all__ = [
    "DEFAULT_BACKOFF",
    "Backoff",
    "DeliveryReceipt",
    "ImapDrafts",
    "Mailbox",
    "MaildirDrafts",
    "deliver_draft",
    "find_drafts_folder",
    "source_key",
]

log = logging.getLogger(__name__)

SOURCE_HEADER = "X-Drafter-Source"
DRAFT_FLAG = r"\Draft"
# Tried in this order when the server names no \Drafts folder; also matched below an "INBOX." prefix.
COMMON_DRAFTS_NAMES = (
    "Drafts", "Draft", "INBOX.Drafts", "[Gmail]/Drafts", "Entwürfe", "Brouillons", "Borradores",
)
# RFC 5530 response codes that mean "try again later" rather than "this will never work".
TRANSIENT_CODES = ("[UNAVAILABLE]", "[INUSE]")


@dataclass(frozen=True)
class DeliveryReceipt:
    """Where the draft is. `duplicate`: a draft with this X-Drafter-Source was already there, none added."""

    method: str
    folder: str | None
    location: str | None  # IMAP URL (RFC 5092) with UIDVALIDITY and UID, or the Maildir file path
    duplicate: bool
    attempts: int = 1


@dataclass(frozen=True)
class Backoff:
    """Waits between IMAP attempts: initial_seconds doubling up to max_seconds, plus up to jitter_seconds."""

    initial_seconds: float = 1.0
    max_seconds: float = 30.0
    jitter_seconds: float = 1.0


DEFAULT_BACKOFF = Backoff()


class Mailbox(Protocol):
    """The agent's Drafts folder, open for one delivery."""

    @property
    def folder(self) -> str: ...

    def find_draft(self, key: str) -> str | None:
        """Location of a draft whose X-Drafter-Source is `key` (see source_key), or None."""
        ...

    def add_draft(self, message: bytes, date: datetime | None) -> str | None:
        """Store `message` flagged as draft and unread; return its location when known."""
        ...


def deliver_draft(
    message: bytes,
    source_id: str,
    settings: DeliverySettings,
    *,
    backoff: Backoff = DEFAULT_BACKOFF,
    ssl_context: ssl.SSLContext | None = None,
    timeout_seconds: float | None = None,
) -> DeliveryReceipt:
    """Place `message` in the agent's Drafts folder unless a draft for `source_id` is already there.

    `source_id` is the customer's Message-ID (or the caller's stable hash) and must equal the message's
    X-Drafter-Source header. Raises DeliveryError saying what to check; ValueError if the two differ.
    `ssl_context` overrides the trust store (default: the system's, or `imap_ca_file` for a private CA);
    `timeout_seconds` defaults to `imap_timeout_seconds`; `backoff` paces IMAP retries.
    """
    if settings.method == "none":
        return DeliveryReceipt(method="none", folder=None, location=None, duplicate=False, attempts=0)
    key = source_key(source_id)
    _require_source_header(message, key)
    date = _message_date(message)
    if settings.method == "maildir":
        return _deliver_maildir(_with_line_endings(message, b"\n"), key, date, settings)
    if ssl_context is None and settings.imap_ca_file:
        ssl_context = ssl.create_default_context(cafile=str(settings.imap_ca_file))
    return _deliver_imap(_with_line_endings(message, b"\r\n"), key, date, settings,
                         backoff, ssl_context, timeout_seconds or settings.imap_timeout_seconds)


def source_key(source_id: str) -> str:
    """The id as searched and compared: no CR/LF/NUL, quotes or backslashes (they would break SEARCH)."""
    key = _normalise_id(source_id)
    if not key:
        raise ValueError(f"source id {source_id!r} is empty once sanitised: "
                         "pass the Message-ID or a stable hash")
    return key


def _normalise_id(text: str) -> str:
    return " ".join(re.sub(r'["\\\x00]', "", text).split())


def _deliver_to(
    mailbox: Mailbox, method: str, message: bytes, key: str, date: datetime | None,
) -> DeliveryReceipt:
    """The exactly-once step shared by both adapters: look first, append only if nothing is there."""
    existing = mailbox.find_draft(key)
    if existing is not None:
        log.info("draft for %s already in %s (%s): not appended again", key, mailbox.folder, existing)
        return DeliveryReceipt(method=method, folder=mailbox.folder, location=existing, duplicate=True)
    location = mailbox.add_draft(message, date)
    if location is None:  # the server did not say where (no UIDPLUS): ask, so the receipt can point at it
        location = mailbox.find_draft(key)
    log.info("draft for %s placed in %s (%s)", key, mailbox.folder, location)
    return DeliveryReceipt(method=method, folder=mailbox.folder, location=location, duplicate=False)


# -- IMAP ------------------------------------------------------------------------------------------------


class ImapDrafts:
    """A Drafts folder on a logged-in IMAP connection."""

    def __init__(self, client: IMAPClient, folder: str, url_base: str) -> None:
        self._client = client
        self._folder = folder
        self._url_base = url_base

    @property
    def folder(self) -> str:
        return self._folder

    def find_draft(self, key: str) -> str | None:
        selected = self._client.select_folder(self._folder, readonly=True)  # EXAMINE: touches no flags
        uids = self._client.search(*_header_search(key))
        if not uids:
            return None
        # SEARCH HEADER matches substrings ("abc" finds "abc123"): confirm the exact value.
        fetched = self._client.fetch(uids, [f"BODY.PEEK[HEADER.FIELDS ({SOURCE_HEADER})]"])
        for uid in sorted(fetched):
            header_bytes = next((v for k, v in fetched[uid].items() if k.startswith(b"BODY[")), b"")
            if key in _source_values(header_bytes):
                return self._url(int(selected[b"UIDVALIDITY"]), uid)
        return None

    def add_draft(self, message: bytes, date: datetime | None) -> str | None:
        # \Draft and deliberately not \Seen: the agent should see an unread draft waiting.
        response = self._client.append(self._folder, message, flags=(DRAFT_FLAG,), msg_time=date)
        match = re.search(rb"\[APPENDUID (\d+) (\d+)\]", response or b"")
        return self._url(int(match[1]), int(match[2])) if match else None

    def _url(self, uidvalidity: int, uid: int) -> str:
        return f"{self._url_base}/{quote(self._folder, safe='/')};UIDVALIDITY={uidvalidity}/;UID={uid}"


def _header_search(key: str) -> tuple[str | list[str], str | None]:
    """SEARCH criteria and charset. ASCII ids go as one quoted string, because imapclient would leave
    `(`, `*` or `%` unquoted; others as a UTF-8 literal, which imapclient sends for 8-bit arguments."""
    if key.isascii():
        return f'HEADER {SOURCE_HEADER} "{key}"', None
    return ["HEADER", SOURCE_HEADER, key], "UTF-8"


def _deliver_imap(
    message: bytes, key: str, date: datetime | None, settings: DeliverySettings,
    backoff: Backoff, ssl_context: ssl.SSLContext | None, timeout_seconds: float,
) -> DeliveryReceipt:
    _check_imap_settings(settings)
    where = f"{settings.imap_host}:{settings.imap_port}"

    def attempt() -> DeliveryReceipt:
        # Every attempt reconnects and searches again: after a lost APPEND answer the retry finds the draft.
        with _imap_drafts(settings, ssl_context, timeout_seconds) as drafts:
            return _deliver_to(drafts, "imap", message, key, date)

    retrying = tenacity.Retrying(
        stop=tenacity.stop_after_attempt(settings.max_attempts),
        # Not wait_exponential_jitter: its parameters changed between tenacity 8 and 9.
        wait=tenacity.wait_exponential(multiplier=backoff.initial_seconds, max=backoff.max_seconds)
        + tenacity.wait_random(0, backoff.jitter_seconds),
        retry=tenacity.retry_if_exception(_is_transient),
        before_sleep=lambda state: _log_retry(state, where, settings.max_attempts),
        reraise=True,
    )
    try:
        receipt = retrying(attempt)
    except (OSError, IMAPClientError) as exc:
        attempts = int(retrying.statistics.get("attempt_number", 1))
        raise DeliveryError(_scrub(_explain(exc, settings, attempts), settings)) from None
    return dataclasses.replace(receipt, attempts=int(retrying.statistics.get("attempt_number", 1)))


def _check_imap_settings(settings: DeliverySettings) -> None:
    if not settings.imap_user:
        raise DeliveryError("[delivery] imap_user is not set: name the account whose Drafts should get them")
    if settings.imap_password is None:
        raise DeliveryError("[delivery] imap_password is not set: export DRAFTER_IMAP_PASSWORD")
    if settings.imap_security == "none" and not _is_loopback(settings.imap_host):
        raise DeliveryError(
            f"[delivery] imap_security = 'none' would send the password unencrypted to {settings.imap_host}; "
            "it is only allowed for localhost: use 'tls' (port 993) or 'starttls' (port 143)")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@contextmanager
def _imap_drafts(settings: DeliverySettings, ssl_context: ssl.SSLContext | None,
                 timeout_seconds: float) -> Iterator[ImapDrafts]:
    assert settings.imap_user is not None and settings.imap_password is not None  # _check_imap_settings
    context = ssl_context or ssl.create_default_context()
    timeout = SocketTimeout(connect=min(timeout_seconds, 15.0), read=timeout_seconds)
    implicit_tls = settings.imap_security == "tls"
    with IMAPClient(settings.imap_host, settings.imap_port, ssl=implicit_tls,
                    ssl_context=context if implicit_tls else None, timeout=timeout) as client:
        if settings.imap_security == "starttls":
            client.starttls(context)
        client.login(settings.imap_user, settings.imap_password.get_secret_value())
        folder = find_drafts_folder(client, settings.imap_folder)
        yield ImapDrafts(client, folder, _url_base(settings))


def _url_base(settings: DeliverySettings) -> str:
    host = f"[{settings.imap_host}]" if ":" in settings.imap_host else settings.imap_host
    return f"imap://{quote(settings.imap_user or '', safe='')}@{host}:{settings.imap_port}"


def find_drafts_folder(client: IMAPClient, configured: str | None = None) -> str:
    """The folder to append to: the configured one, else the RFC 6154 \\Drafts folder, else a folder with a
    common drafts name, else a new "Drafts" (created and subscribed, so mail clients show it)."""
    if configured:
        if not client.folder_exists(configured):
            names = ", ".join(repr(name) for _, _, name in client.list_folders())
            raise DeliveryError(f"[delivery] imap_folder {configured!r} does not exist on the server "
                                f"(it has {names}): fix the name, or unset it to use the \\Drafts folder")
        return configured
    capabilities = _capabilities_after_login(client)
    if b"SPECIAL-USE" in capabilities and b"LIST-EXTENDED" in capabilities:
        special = _drafts_in(_list_special_use(client))
        if special:
            return special
    folders = client.list_folders()
    return _drafts_in(folders) or _drafts_by_name(folders) or _create_drafts(client, capabilities)


def _capabilities_after_login(client: IMAPClient) -> set[bytes]:
    """Ask again: servers often announce SPECIAL-USE only after LOGIN, and imapclient may cache the
    pre-login list. imapclient has no public call for this, hence its imaplib object."""
    typ, data = client._imap.capability()
    return set(data[0].upper().split()) if typ == "OK" and data and data[0] else set()


def _list_special_use(client: IMAPClient) -> list[tuple[tuple[bytes, ...], bytes, str]]:
    """`LIST (SPECIAL-USE) "" "*"` (RFC 6154, LIST-EXTENDED): a plain LIST need not carry the attributes."""
    imap = client._imap  # imapclient cannot send LIST selection options
    try:
        imap.xatom("LIST", "(SPECIAL-USE)", '""', '"*"')
    except imaplib.IMAP4.abort:
        raise
    except imaplib.IMAP4.error:  # NO/BAD: the server claims more than it does; a plain LIST follows
        return []
    _, lines = imap.response("LIST")
    return _parse_list([line for line in lines or [] if line not in (b"", None)])


def _parse_list(lines: list[bytes | tuple[bytes, bytes]]) -> list[tuple[tuple[bytes, ...], bytes, str]]:
    parsed = list(parse_response(lines)) if lines else []
    folders = []
    for index in range(0, len(parsed) - 2, 3):
        flags, delimiter, name = parsed[index:index + 3]
        text = str(name) if isinstance(name, int) else imap_utf7.decode(name)
        folders.append((tuple(flags), delimiter, text))
    return folders


def _drafts_in(folders: list[tuple[tuple[bytes, ...], bytes, str]]) -> str | None:
    for flags, _, name in folders:
        if any(flag.lower() == b"\\drafts" for flag in flags):
            return name
    return None


def _drafts_by_name(folders: list[tuple[tuple[bytes, ...], bytes, str]]) -> str | None:
    by_lower: dict[str, str] = {}
    for _, delimiter, name in folders:
        by_lower.setdefault(name.lower(), name)
        inbox_prefix = "inbox" + (delimiter.decode() if delimiter else ".")
        if name.lower().startswith(inbox_prefix):
            by_lower.setdefault(name[len(inbox_prefix):].lower(), name)
    for candidate in COMMON_DRAFTS_NAMES:
        if candidate.lower() in by_lower:
            return by_lower[candidate.lower()]
    return None


def _create_drafts(client: IMAPClient, capabilities: set[bytes]) -> str:
    prefix = ""
    if b"NAMESPACE" in capabilities:
        try:  # servers such as Courier or Cyrus keep personal folders below "INBOX."
            personal = client.namespace().personal
            prefix = personal[0][0] if personal else ""
        except CapabilityError:
            prefix = ""
    folder = f"{prefix}Drafts"
    log.info("no drafts folder on the server: creating %r", folder)
    client.create_folder(folder)
    client.subscribe_folder(folder)
    return folder


def _is_transient(exc: BaseException) -> bool:
    """Worth another attempt: the network or server hiccuped; a refused login or bad certificate is not."""
    if isinstance(exc, ssl.SSLCertVerificationError):
        return False
    if isinstance(exc, LoginError):
        return any(code in str(exc) for code in TRANSIENT_CODES)
    if isinstance(exc, OSError | imaplib.IMAP4.abort):  # refused, reset, timeout, TLS EOF, BYE
        return True
    if isinstance(exc, IMAPClientError):
        return any(code in str(exc) for code in TRANSIENT_CODES)
    return False


def _log_retry(state: tenacity.RetryCallState, where: str, max_attempts: int) -> None:
    exc = state.outcome.exception() if state.outcome else None
    wait = state.next_action.sleep if state.next_action else 0.0
    log.warning("IMAP delivery to %s failed (attempt %d of %d: %s); retrying in %.1f s",
                where, state.attempt_number, max_attempts, _describe(exc), wait)


def _explain(exc: BaseException, settings: DeliverySettings, attempts: int) -> str:
    where = f"{settings.imap_host}:{settings.imap_port}"
    tries = f" after {attempts} attempts" if attempts > 1 else ""
    if isinstance(exc, LoginError):
        return (f"IMAP login as {settings.imap_user!r} at {where} was refused{tries} ({_describe(exc)}): "
                "check [delivery] imap_user and DRAFTER_IMAP_PASSWORD")
    if isinstance(exc, ssl.SSLCertVerificationError):
        return (f"the TLS certificate of {where} could not be verified ({exc.verify_message}): check that "
                "imap_host is the name on the certificate and that its CA is trusted")
    if isinstance(exc, CapabilityError):
        return (f"the IMAP server at {where} does not offer STARTTLS ({_describe(exc)}): "
                "use imap_security = 'tls' (usually port 993)")
    if _is_transient(exc):
        return (f"could not deliver to the IMAP server at {where}{tries} ({_describe(exc)}): check "
                "imap_host, imap_port and imap_security and that the server is up; "
                "the draft can be delivered later")
    return (f"the IMAP server at {where} refused the draft ({_describe(exc)}): "
            "check the account (quota, folder permissions) and imap_folder")


def _describe(exc: BaseException | None) -> str:
    if exc is None:
        return "no error"
    text = re.sub(r"^b'(.*)'$", r"\1", str(exc))  # imapclient wraps server replies as bytes reprs
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _scrub(text: str, settings: DeliverySettings) -> str:
    """Belt and braces: no server or library message may carry the password into logs or the store."""
    secret = settings.imap_password.get_secret_value() if settings.imap_password else ""
    return text.replace(secret, "***") if secret else text


# -- Maildir ---------------------------------------------------------------------------------------------


class MaildirDrafts:
    """The Maildir++ subfolder ".Drafts" below a Maildir (what Dovecot and Courier show as "Drafts")."""

    def __init__(self, root: Path) -> None:
        store = mailbox.Maildir(root, factory=None, create=True)
        try:
            self._drafts = store.get_folder("Drafts")
        except mailbox.NoSuchMailboxError:
            self._drafts = store.add_folder("Drafts")
        self._path = root / ".Drafts"

    @property
    def folder(self) -> str:
        return "Drafts"

    @contextmanager
    def locked(self) -> Iterator[MaildirDrafts]:
        """Serialise look-then-add between processes; Maildir itself has no locking."""
        with (self._path / "drafter.lock").open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield self
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def find_draft(self, key: str) -> str | None:
        for message_key in self._drafts.iterkeys():
            try:
                with self._drafts.get_file(message_key) as handle:
                    raw = handle.read()
            except (KeyError, FileNotFoundError):  # moved or removed by a mail client meanwhile
                continue
            if key in _source_values(raw):
                return self._location(message_key)
        return None

    def add_draft(self, message: bytes, date: datetime | None) -> str | None:
        draft = mailbox.MaildirMessage(message)
        draft.set_subdir("cur")  # flags live in the file name, which only "cur" carries
        draft.set_flags("D")  # draft, and not "S": unread
        if date is not None:
            draft.set_date(date.timestamp())
        return self._location(self._drafts.add(draft))

    def _location(self, message_key: str) -> str:
        draft = self._drafts.get_message(message_key)
        info = draft.get_info()
        name = message_key + (self._drafts.colon + info if info else "")
        return str(self._path / draft.get_subdir() / name)


def _deliver_maildir(
    message: bytes, key: str, date: datetime | None, settings: DeliverySettings,
) -> DeliveryReceipt:
    if settings.maildir_path is None:
        raise DeliveryError("[delivery] maildir_path is not set: point it at the agent's Maildir")
    root = Path(settings.maildir_path).expanduser()
    try:
        with MaildirDrafts(root).locked() as drafts:
            return _deliver_to(drafts, "maildir", message, key, date)
    except OSError as exc:
        raise DeliveryError(f"could not write the draft to the Maildir at {root} ({_describe(exc)}): "
                            "check [delivery] maildir_path and that drafter may write there") from None


# -- message helpers -------------------------------------------------------------------------------------


def _source_values(message: bytes) -> set[str]:
    """Every X-Drafter-Source on the message (or header block), as source_key sees it."""
    headers = BytesHeaderParser(policy=email.policy.default).parsebytes(message)
    return {_normalise_id(str(value)) for value in headers.get_all(SOURCE_HEADER, [])} - {""}


def _require_source_header(message: bytes, key: str) -> None:
    """Without the header on the message, the exactly-once search could never find it again."""
    found = _source_values(message)
    if key not in found:
        raise ValueError(f"the message carries {SOURCE_HEADER} {sorted(found) or 'none'}, but source_id is "
                         f"{key!r}: build the message with assemble.py for this source id")


def _message_date(message: bytes) -> datetime | None:
    """The draft's own Date, so the folder sorts it where the agent expects; None lets the server decide."""
    value = BytesHeaderParser().parsebytes(message).get("Date")
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(str(value))
    except (TypeError, ValueError):
        return None


def _with_line_endings(message: bytes, newline: bytes) -> bytes:
    """IMAP literals must use CRLF (RFC 3501); Maildir files use the local LF."""
    return re.sub(rb"\r?\n", newline, message)
