"""Deliver: put a finished draft into the agent's mailbox (IMAP APPEND or Maildir), exactly once.

The bytes come complete from assemble.py, and so does what only the agent sees: the keywords that mark the
draft and, for a draft that needs review, the review note. This stage finds the Drafts folder (needs-review
drafts go to [delivery] review_folder instead when it is set, created when missing), looks in both folders
for a draft whose Message-ID carries the same source tag (see assemble.source_tag) and appends only if there
is none, so a retry after a lost answer adds nothing. A needs-review draft gets its note beside it, once:
a message to the agent, threaded under the draft, never flagged \\Draft, so no client offers to send it.

IMAP keywords on what is delivered (Thunderbird shows keywords as tags, Gmail as labels):

    $drafter_ready          the draft passed every check
    $drafter_needs_review   it still fails them: read the note beside it before sending
    $drafter_<code>         one per failing check, e.g. $drafter_over_promise
    $drafter_offline        written by the offline backend: the model was unreachable
    $drafter_note           the review note itself

A folder whose PERMANENTFLAGS allow no keywords gets the draft with \\Draft alone (the review folder and
the note still tell); Maildir stores keywords as Dovecot does (dovecot-keywords and a..z in the file name).
IMAP and Maildir are two small adapters behind `Mailbox`; their errors become DeliveryError here.
"""

from __future__ import annotations

import dataclasses
import email.policy
import email.utils
import fcntl
import imaplib
import logging
import mailbox
import os
import re
import ssl
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from email.parser import BytesHeaderParser
from pathlib import Path
from typing import Protocol
from urllib.parse import quote

import tenacity
from imapclient import IMAPClient
from imapclient.exceptions import CapabilityError, IMAPClientError, LoginError

from drafter.assemble import (
    DRAFT_ID,
    KEYWORD_NOTE,
    NOTE_ID,
    message_id_of,
    message_id_prefix,
    normalise_source,
    source_tag,
)
from drafter.imap import capabilities_after_login, check_imap_settings, imap_client, special_use_folder
from drafter_core.errors import DeliveryError
from drafter_core.settings import DeliverySettings
from drafter_core.values import Reply

__all__ = [
    "DEFAULT_BACKOFF",
    "Backoff",
    "DeliveryReceipt",
    "Found",
    "ImapMailbox",
    "Mailbox",
    "MaildirMailbox",
    "deliver_draft",
    "find_drafts_folder",
    "source_key",
]

log = logging.getLogger(__name__)

DRAFT_FLAG = r"\Draft"
ANY_KEYWORD = b"\\*"  # in PERMANENTFLAGS: the folder accepts new keywords
# Tried in this order when the server names no \Drafts folder; also matched below an "INBOX." prefix.
COMMON_DRAFTS_NAMES = (
    "Drafts", "Draft", "INBOX.Drafts", "[Gmail]/Drafts", "Entwürfe", "Brouillons", "Borradores",
)
# RFC 5530 response codes that mean "try again later" rather than "this will never work".
TRANSIENT_CODES = ("[UNAVAILABLE]", "[INUSE]")
MAILDIR_KEYWORDS_FILE = "dovecot-keywords"  # Dovecot's map from the letters a..z in file names to keywords


@dataclass(frozen=True)
class DeliveryReceipt:
    """Where the draft is. `duplicate`: a draft for this source was already there, none added.

    `keywords`: those the draft was stored with now (a folder may refuse some; none for a duplicate).
    `note`: where the review note is, for a draft that needs review.
    """

    method: str
    folder: str | None
    location: str | None  # IMAP URL (RFC 5092) with UIDVALIDITY and UID, or the Maildir file path
    duplicate: bool
    attempts: int = 1
    keywords: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class Backoff:
    """Waits between IMAP attempts: initial_seconds doubling up to max_seconds, plus up to jitter_seconds."""

    initial_seconds: float = 1.0
    max_seconds: float = 30.0
    jitter_seconds: float = 1.0


DEFAULT_BACKOFF = Backoff()


@dataclass(frozen=True)
class Found:
    """A message already in the mailbox: its folder, its location and its whole Message-ID."""

    folder: str
    location: str
    message_id: str


@dataclass(frozen=True)
class Stored:
    location: str | None  # None when the server did not say (no UIDPLUS)
    keywords: tuple[str, ...]


class Mailbox(Protocol):
    """The agent's mailbox, open for one delivery: the Drafts folder and the optional review folder."""

    @property
    def drafts_folder(self) -> str: ...

    @property
    def review_folder(self) -> str | None: ...

    def find(self, id_prefix: str) -> Found | None:
        """A message in the Drafts or review folder whose Message-ID begins with `id_prefix`, or None."""
        ...

    def add(self, folder: str, message: bytes, *, draft: bool, keywords: Sequence[str],
            date: datetime | None) -> Stored:
        """Store `message` unread in `folder` (created when missing), flagged as draft if `draft`."""
        ...


def deliver_draft(
    reply: Reply,
    source_id: str,
    settings: DeliverySettings,
    *,
    backoff: Backoff = DEFAULT_BACKOFF,
    ssl_context: ssl.SSLContext | None = None,
    timeout_seconds: float | None = None,
) -> DeliveryReceipt:
    """Place `reply` in the agent's mailbox unless a draft for `source_id` is already there.

    `source_id` is the customer's Message-ID (or the caller's stable hash): the one the reply was built for,
    whose tag its Message-ID carries. Raises DeliveryError saying what to check; ValueError if they differ.
    `ssl_context` overrides the trust store (default: the system's, or `imap_ca_file` for a private CA);
    `timeout_seconds` defaults to `imap_timeout_seconds`; `backoff` paces IMAP retries.
    """
    if settings.method == "none":
        return DeliveryReceipt(method="none", folder=None, location=None, duplicate=False, attempts=0)
    tag = source_tag(source_key(source_id))
    _require_source_tag(reply, tag, source_id)
    if settings.method == "maildir":
        return _deliver_maildir(reply, tag, settings)
    if ssl_context is None and settings.imap_ca_file:
        ssl_context = ssl.create_default_context(cafile=str(settings.imap_ca_file))
    return _deliver_imap(reply, tag, settings, backoff, ssl_context,
                         timeout_seconds or settings.imap_timeout_seconds)


def source_key(source_id: str) -> str:
    """The id as delivery compares it: no CR/LF/NUL, quotes or backslashes; its hash is the source tag."""
    key = normalise_source(source_id)
    if not key:
        raise ValueError(f"source id {source_id!r} is empty once sanitised: "
                         "pass the Message-ID or a stable hash")
    return key


def _deliver_to(mailbox: Mailbox, method: str, reply: Reply, tag: str) -> DeliveryReceipt:
    """The exactly-once step shared by both adapters: look first, append only if nothing is there."""
    draft_prefix = message_id_prefix(DRAFT_ID, tag)
    draft_id = message_id_of(reply.wire)
    date = _message_date(reply.wire)
    found = mailbox.find(draft_prefix)
    if found is not None:
        log.info("draft for source tag %s already in %s (%s): not appended again", tag, found.folder, found.location)
        receipt = DeliveryReceipt(method=method, folder=found.folder, location=found.location, duplicate=True)
        if found.message_id != draft_id:
            return receipt  # an earlier, different draft for this mail: it stays as the agent may have edited it
    else:
        folder = mailbox.review_folder if reply.needs_review and mailbox.review_folder else mailbox.drafts_folder
        # \Draft and deliberately not \Seen: the agent should see an unread draft waiting.
        stored = mailbox.add(folder, reply.wire, draft=True, keywords=reply.keywords, date=date)
        location = stored.location
        if location is None:  # the server did not say where (no UIDPLUS): ask, so the receipt can point at it
            again = mailbox.find(draft_prefix)
            location = again.location if again else None
        log.info("draft for source tag %s placed in %s (%s) with %s", tag, folder, location,
                 " ".join(stored.keywords) or "no keywords")
        receipt = DeliveryReceipt(method=method, folder=folder, location=location, duplicate=False,
                                  keywords=stored.keywords)
    if reply.needs_review and reply.note:
        receipt = dataclasses.replace(receipt, note=_place_note(mailbox, reply, tag, receipt.folder, date))
    return receipt


def _place_note(mailbox: Mailbox, reply: Reply, tag: str, folder: str | None, date: datetime | None) -> str | None:
    """The review note beside the draft, once: also after a retry whose first attempt stored only the draft."""
    note_prefix = message_id_prefix(NOTE_ID, tag)
    found = mailbox.find(note_prefix)
    if found is not None:
        return found.location
    stored = mailbox.add(folder or mailbox.drafts_folder, reply.note_wire, draft=False, keywords=[KEYWORD_NOTE],
                         date=date)
    if stored.location is not None:
        return stored.location
    again = mailbox.find(note_prefix)
    return again.location if again else None


# -- IMAP ------------------------------------------------------------------------------------------------


class ImapMailbox:
    """The Drafts folder, and the review folder when configured, on a logged-in IMAP connection."""

    def __init__(self, client: IMAPClient, drafts_folder: str, review_folder: str | None, url_base: str) -> None:
        self._client = client
        self._drafts_folder = drafts_folder
        self._review_folder = review_folder if review_folder != drafts_folder else None
        self._url_base = url_base
        self._permanent_flags: dict[str, set[bytes] | None] = {}

    @property
    def drafts_folder(self) -> str:
        return self._drafts_folder

    @property
    def review_folder(self) -> str | None:
        return self._review_folder

    def find(self, id_prefix: str) -> Found | None:
        folders = [self._drafts_folder]
        if self._review_folder and self._client.folder_exists(self._review_folder):
            folders.append(self._review_folder)
        for folder in folders:
            found = self._find_in(folder, id_prefix)
            if found is not None:
                return found
        return None

    def _find_in(self, folder: str, id_prefix: str) -> Found | None:
        selected = self._client.select_folder(folder, readonly=True)  # EXAMINE: touches no flags
        # The prefix is ASCII without quotes or backslashes (assemble.message_id_prefix), safe in one string.
        uids = self._client.search(f'HEADER Message-ID "{id_prefix}"')
        if not uids:
            return None
        # SEARCH HEADER matches anywhere in the header: confirm that the Message-ID begins with the prefix.
        fetched = self._client.fetch(uids, ["BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"])
        for uid in sorted(fetched):
            header_bytes = next((v for k, v in fetched[uid].items() if k.startswith(b"BODY[")), b"")
            message_id = message_id_of(header_bytes)
            if message_id.startswith(id_prefix):
                return Found(folder, self._url(folder, int(selected[b"UIDVALIDITY"]), uid), message_id)
        return None

    def add(self, folder: str, message: bytes, *, draft: bool, keywords: Sequence[str],
            date: datetime | None) -> Stored:
        self._ensure_folder(folder)
        allowed = self._allowed(folder, keywords)
        flags = ((DRAFT_FLAG,) if draft else ()) + allowed
        response = self._client.append(folder, message, flags=flags, msg_time=date)
        match = re.search(rb"\[APPENDUID (\d+) (\d+)\]", response or b"")
        return Stored(self._url(folder, int(match[1]), int(match[2])) if match else None, allowed)

    def _ensure_folder(self, folder: str) -> None:
        """The review folder is created (and subscribed, so clients show it) the first time it is needed."""
        if folder == self._drafts_folder or self._client.folder_exists(folder):
            return
        log.info("creating the review folder %r", folder)
        try:
            self._client.create_folder(folder)
        except IMAPClientError:
            if not self._client.folder_exists(folder):  # else another delivery created it meanwhile
                raise
        self._client.subscribe_folder(folder)

    def _allowed(self, folder: str, keywords: Sequence[str]) -> tuple[str, ...]:
        """The keywords the folder keeps. Only SELECT reports PERMANENTFLAGS (EXAMINE lists none); a server
        that sends none allows every flag (RFC 3501 §7.1)."""
        if not keywords:
            return ()
        if folder not in self._permanent_flags:
            selected = self._client.select_folder(folder)  # SELECT alone changes no flag
            permanent = selected.get(b"PERMANENTFLAGS")
            self._permanent_flags[folder] = None if permanent is None else {bytes(f).lower() for f in permanent}
        permanent = self._permanent_flags[folder]
        if permanent is None or ANY_KEYWORD in permanent:
            return tuple(keywords)
        allowed = tuple(k for k in keywords if k.lower().encode() in permanent)
        if len(allowed) < len(keywords):
            log.warning("IMAP folder %r keeps no new keywords (PERMANENTFLAGS %s): stored without %s; the review "
                        "folder and the review note still tell the agent", folder,
                        b" ".join(sorted(permanent)).decode(errors="replace") or "()",
                        " ".join(k for k in keywords if k not in allowed))
        return allowed

    def _url(self, folder: str, uidvalidity: int, uid: int) -> str:
        return f"{self._url_base}/{quote(folder, safe='/')};UIDVALIDITY={uidvalidity}/;UID={uid}"


def _deliver_imap(
    reply: Reply, tag: str, settings: DeliverySettings,
    backoff: Backoff, ssl_context: ssl.SSLContext | None, timeout_seconds: float,
) -> DeliveryReceipt:
    check_imap_settings(settings)
    where = f"{settings.imap_host}:{settings.imap_port}"

    def attempt() -> DeliveryReceipt:
        # Every attempt reconnects and searches again: after a lost APPEND answer the retry finds the draft.
        with _imap_mailbox(settings, ssl_context, timeout_seconds) as mailbox:
            return _deliver_to(mailbox, "imap", reply, tag)

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


@contextmanager
def _imap_mailbox(settings: DeliverySettings, ssl_context: ssl.SSLContext | None,
                  timeout_seconds: float) -> Iterator[ImapMailbox]:
    with imap_client(settings, ssl_context, timeout_seconds) as client:
        folder = find_drafts_folder(client, settings.imap_folder)
        yield ImapMailbox(client, folder, settings.review_folder, _url_base(settings))


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
    found = special_use_folder(client, b"\\Drafts", COMMON_DRAFTS_NAMES)
    return found or _create_drafts(client, capabilities_after_login(client))


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
            "check the account (quota, folder permissions), imap_folder and review_folder")


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


class MaildirMailbox:
    """Maildir++ subfolders of a Maildir: ".Drafts" (what Dovecot and Courier show as "Drafts") and the review
    folder ("Drafts/Needs review" is ".Drafts.Needs review")."""

    def __init__(self, root: Path, review_folder: str | None) -> None:
        self._store = mailbox.Maildir(root, factory=None, create=True)
        self._root = root
        self._review_folder = review_folder.strip("/").replace("/", ".") if review_folder else None
        if self._review_folder == "Drafts":
            self._review_folder = None
        self._folders: dict[str, mailbox.Maildir] = {}
        self._folder("Drafts")

    @property
    def drafts_folder(self) -> str:
        return "Drafts"

    @property
    def review_folder(self) -> str | None:
        return self._review_folder

    @contextmanager
    def locked(self) -> Iterator[MaildirMailbox]:
        """Serialise look-then-add between processes; Maildir itself has no locking."""
        with (self._root / ".Drafts" / "drafter.lock").open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield self
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def find(self, id_prefix: str) -> Found | None:
        names = ["Drafts"]
        if self._review_folder and (self._root / f".{self._review_folder}").is_dir():
            names.append(self._review_folder)
        for name in names:
            folder = self._folder(name)
            for message_key in folder.iterkeys():
                try:
                    with folder.get_file(message_key) as handle:
                        message_id = message_id_of(handle.read())
                except (KeyError, FileNotFoundError):  # moved or removed by a mail client meanwhile
                    continue
                if message_id.startswith(id_prefix):
                    return Found(name, self._location(name, message_key), message_id)
        return None

    def add(self, folder: str, message: bytes, *, draft: bool, keywords: Sequence[str],
            date: datetime | None) -> Stored:
        box = self._folder(folder)
        letters, kept = _maildir_keyword_letters(self._root / f".{folder}", keywords)
        stored = mailbox.MaildirMessage(_with_line_endings(message, b"\n"))  # Maildir files use the local LF
        stored.set_subdir("cur")  # flags live in the file name, which only "cur" carries
        stored.set_flags(("D" if draft else "") + letters)  # and not "S": unread
        if date is not None:
            stored.set_date(date.timestamp())
        return Stored(self._location(folder, box.add(stored)), kept)

    def _folder(self, name: str) -> mailbox.Maildir:
        if name not in self._folders:
            try:
                self._folders[name] = self._store.get_folder(name)
            except mailbox.NoSuchMailboxError:
                log.info("creating the Maildir folder .%s", name)
                self._folders[name] = self._store.add_folder(name)
        return self._folders[name]

    def _location(self, folder: str, message_key: str) -> str:
        message = self._folder(folder).get_message(message_key)
        info = message.get_info()
        name = message_key + (self._store.colon + info if info else "")
        return str(self._root / f".{folder}" / message.get_subdir() / name)


def _maildir_keyword_letters(folder: Path, keywords: Sequence[str]) -> tuple[str, tuple[str, ...]]:
    """Dovecot's Maildir keywords: `dovecot-keywords` numbers them ("0 $drafter_ready") and the letter a+n in
    a file name's flags sets keyword n. A new keyword gets the lowest free number; with all 26 letters
    taken it is left out. The table is written to a temporary file and renamed, as Dovecot does."""
    if not keywords:
        return "", ()
    table_path = folder / MAILDIR_KEYWORDS_FILE
    table: dict[str, int] = {}  # name as written → number
    if table_path.exists():
        for line in table_path.read_text(encoding="utf-8", errors="replace").splitlines():
            digits, _, name = line.partition(" ")
            if digits.isdigit() and int(digits) < 26 and name:
                table.setdefault(name, int(digits))
    numbers = {name.lower(): number for name, number in table.items()}  # keywords are case-insensitive
    free = iter(sorted(set(range(26)) - set(table.values())))
    added = False
    for keyword in keywords:
        if keyword.lower() not in numbers and (number := next(free, None)) is not None:
            table[keyword] = numbers[keyword.lower()] = number
            added = True
    if added:
        lines = sorted(table.items(), key=lambda item: item[1])
        _replace_file(table_path, "".join(f"{number} {name}\n" for name, number in lines))
    kept = tuple(k for k in keywords if k.lower() in numbers)
    if len(kept) < len(keywords):
        log.warning("Maildir folder %s has no free keyword letter left: stored without %s", folder,
                    " ".join(k for k in keywords if k not in kept))
    return "".join(sorted(chr(ord("a") + numbers[k.lower()]) for k in kept)), kept


def _replace_file(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".drafter-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as output:
            output.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _deliver_maildir(reply: Reply, tag: str, settings: DeliverySettings) -> DeliveryReceipt:
    if settings.maildir_path is None:
        raise DeliveryError("[delivery] maildir_path is not set: point it at the agent's Maildir")
    root = Path(settings.maildir_path).expanduser()
    try:
        with MaildirMailbox(root, settings.review_folder).locked() as drafts:
            return _deliver_to(drafts, "maildir", reply, tag)
    except OSError as exc:
        raise DeliveryError(f"could not write the draft to the Maildir at {root} ({_describe(exc)}): "
                            "check [delivery] maildir_path and that drafter may write there") from None


# -- message helpers -------------------------------------------------------------------------------------


def _require_source_tag(reply: Reply, tag: str, source_id: str) -> None:
    """Without the source tag in its Message-ID, the exactly-once search could never find the draft again."""
    message_id = message_id_of(reply.wire)
    if not message_id.startswith(message_id_prefix(DRAFT_ID, tag)):
        raise ValueError(f"the message's Message-ID {message_id or 'none'} was not made for source id "
                         f"{source_id!r}: build the reply with assemble.build_reply for this source id")


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
