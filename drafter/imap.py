"""The agent's IMAP account, as delivery (Drafts) and the Sent-folder sync share it: one login, one way of
finding a special folder (RFC 6154 SPECIAL-USE, then common names in several languages)."""

from __future__ import annotations

import imaplib
import ipaddress
import ssl
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from imapclient import IMAPClient, SocketTimeout, imap_utf7
from imapclient.response_parser import parse_response

from drafter_core.errors import DeliveryError
from drafter_core.settings import DeliverySettings

Folder = tuple[tuple[bytes, ...], bytes, str]  # flags, hierarchy delimiter, name


def check_imap_settings(settings: DeliverySettings) -> None:
    if not settings.imap_user:
        raise DeliveryError("[delivery] imap_user is not set: name the agent's account")
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
def imap_client(settings: DeliverySettings, ssl_context: ssl.SSLContext | None,
                timeout_seconds: float) -> Iterator[IMAPClient]:
    """A logged-in client ([delivery] settings, checked first), logged out when done."""
    check_imap_settings(settings)
    assert settings.imap_user is not None and settings.imap_password is not None
    context = ssl_context or ssl.create_default_context(
        cafile=str(settings.imap_ca_file) if settings.imap_ca_file else None)  # a private CA, as delivery trusts
    timeout = SocketTimeout(connect=min(timeout_seconds, 15.0), read=timeout_seconds)
    implicit_tls = settings.imap_security == "tls"
    with IMAPClient(settings.imap_host, settings.imap_port, ssl=implicit_tls,
                    ssl_context=context if implicit_tls else None, timeout=timeout) as client:
        client.normalise_times = False  # INTERNALDATE with its offset, not naive local time
        if settings.imap_security == "starttls":
            client.starttls(context)
        client.login(settings.imap_user, settings.imap_password.get_secret_value())
        yield client


def special_use_folder(client: IMAPClient, flag: bytes, common_names: Sequence[str]) -> str | None:
    """The folder the server marks with `flag` (b"\\\\Sent", RFC 6154), else one with a common name for it
    (also below an "INBOX." prefix), else None."""
    capabilities = capabilities_after_login(client)
    if b"SPECIAL-USE" in capabilities and b"LIST-EXTENDED" in capabilities:
        special = _flagged(_list_special_use(client), flag)
        if special:
            return special
    folders = client.list_folders()
    return _flagged(folders, flag) or _by_name(folders, common_names)


def capabilities_after_login(client: IMAPClient) -> set[bytes]:
    """Ask again: servers often announce SPECIAL-USE only after LOGIN, and imapclient may cache the
    pre-login list. imapclient has no public call for this, hence its imaplib object."""
    typ, data = client._imap.capability()
    return set(data[0].upper().split()) if typ == "OK" and data and data[0] else set()


def _list_special_use(client: IMAPClient) -> list[Folder]:
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


def _parse_list(lines: list[bytes | tuple[bytes, bytes]]) -> list[Folder]:
    parsed = list(parse_response(lines)) if lines else []
    folders = []
    for index in range(0, len(parsed) - 2, 3):
        flags, delimiter, name = parsed[index:index + 3]
        text = str(name) if isinstance(name, int) else imap_utf7.decode(name)
        folders.append((tuple(flags), delimiter, text))
    return folders


def _flagged(folders: list[Folder], flag: bytes) -> str | None:
    for flags, _, name in folders:
        if any(f.lower() == flag.lower() for f in flags):
            return name
    return None


def _by_name(folders: list[Folder], common_names: Sequence[str]) -> str | None:
    by_lower: dict[str, str] = {}
    for _, delimiter, name in folders:
        by_lower.setdefault(name.lower(), name)
        inbox_prefix = "inbox" + (delimiter.decode() if delimiter else ".")
        if name.lower().startswith(inbox_prefix):
            by_lower.setdefault(name[len(inbox_prefix):].lower(), name)
    for candidate in common_names:
        if candidate.lower() in by_lower:
            return by_lower[candidate.lower()]
    return None
