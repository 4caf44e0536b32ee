"""Read the agent's Sent folder over IMAP: read-only (EXAMINE, BODY.PEEK), never flagging or deleting,
incrementally (UIDVALIDITY and the last UID read), in batches, so a sync stopped half-way goes on from there."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from imapclient import IMAPClient

from drafter.imap import special_use_folder
from drafter_core.errors import DeliveryError

# Tried in this order when the server names no \Sent folder; also matched below an "INBOX." prefix.
COMMON_SENT_NAMES = (
    "Sent", "Sent Items", "Sent Messages", "Sent Mail", "[Gmail]/Sent Mail", "Gesendet", "Gesendete Objekte",
    "Gesendete Elemente", "Envoyés", "Éléments envoyés", "Messages envoyés", "Enviados", "Elementos enviados",
)
BATCH = 200


@dataclass(frozen=True)
class SentMessage:
    uid: int
    raw: bytes
    internal_date: dt.datetime  # when the server stored it: the sent time when the Date header is missing


@dataclass(frozen=True)
class Batch:
    uidvalidity: int
    messages: list[SentMessage]
    last_uid: int  # read up to here (a message that vanished meanwhile is in no batch, but passed)


def find_sent_folder(client: IMAPClient, configured: str | None = None) -> str:
    """The configured folder ([tracking] sent_folder), else the \\Sent folder, else a common name."""
    if configured:
        if not client.folder_exists(configured):
            raise DeliveryError(f"[tracking] sent_folder {configured!r} does not exist on the server: fix the "
                                "name, or unset it to use the \\Sent folder")
        return configured
    found = special_use_folder(client, b"\\Sent", COMMON_SENT_NAMES)
    if found is None:
        names = ", ".join(repr(name) for _, _, name in client.list_folders())
        raise DeliveryError(f"no Sent folder on the server (it has {names}): set [tracking] sent_folder")
    return found


def read_sent(client: IMAPClient, folder: str, position: tuple[int, int] | None,
              since: dt.date | None = None, batch: int = BATCH) -> Iterator[Batch]:
    """The messages after `position` (uidvalidity, last uid read), oldest first, in batches. A changed
    UIDVALIDITY means the server renumbered the folder: everything is read again (the ledger keeps each
    Message-ID once). With no position yet, only what the server stored on or after `since`."""
    status = client.select_folder(folder, readonly=True)  # EXAMINE: nothing can change
    uidvalidity = int(status[b"UIDVALIDITY"])
    after = position[1] if position and position[0] == uidvalidity else 0
    criteria: list[str | dt.date] = ["UID", f"{after + 1}:*"]
    if after == 0 and since is not None:
        criteria += ["SINCE", since]
    uids = sorted(uid for uid in client.search(criteria) if uid > after)  # "N:*" always names the last one
    for start in range(0, len(uids), batch):
        chunk = uids[start:start + batch]
        fetched = client.fetch(chunk, [b"BODY.PEEK[]", b"INTERNALDATE"])
        messages = [SentMessage(uid, bytes(fetched[uid][b"BODY[]"]), _aware(fetched[uid][b"INTERNALDATE"]))
                    for uid in chunk if uid in fetched]
        yield Batch(uidvalidity, messages, chunk[-1])


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)  # (normalise_times is off: it has its offset)
