"""The tracking ledger: every draft delivered to an agent, every reply of ours found in Sent, and every
follow-up those replies promise (Settings.tracking_store: one SQLite file in WAL mode beside the job store, or,
with the PostgreSQL job store, its schema `drafter_tracking` there, written by every replica and worker).

Safe to write from `drafter sync`, `drafter draft --deliver` and `drafter serve` at once (the database's own
locking), and to run twice: every row has a natural key (a Message-ID, a folder's UIDVALIDITY), so a second
sync of the same messages changes nothing. The SQL is SQLite's; `_Postgres` says what differs, in one place.

    drafts        one per delivered draft: the mail it answers, its conversation, sections, date, gesture, verdict
    sent          one per message of ours in Sent: the conversation, the draft it was made from, how it was edited

A conversation is named by its first message (the first id of References, else the mail answered): every
draft, reply and follow-up of one exchange with a customer shares it, however many mails it takes. Times are
stored in UTC; the day a message was sent is the day in [calendar] timezone, decided when it is recorded.
    commitments   one per sent reply that promises a date: due, kept by a later message, or missed
    sync_state    per Sent folder: UIDVALIDITY and the last UID read
"""

from __future__ import annotations

import datetime as dt
import email.policy
import email.utils
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.parser import HeaderParser
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS drafts (
    draft_id TEXT PRIMARY KEY,
    answers TEXT NOT NULL,
    thread TEXT NOT NULL,
    customer TEXT NOT NULL,
    subject TEXT NOT NULL,
    language TEXT NOT NULL,
    backend TEXT NOT NULL,
    status TEXT NOT NULL,
    codes TEXT NOT NULL,
    gesture TEXT NOT NULL,
    gesture_wording TEXT NOT NULL,
    follow_up_date TEXT NOT NULL,
    sections TEXT NOT NULL,
    body TEXT NOT NULL,
    delivered_on TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS drafts_by_answers ON drafts (answers);
CREATE TABLE IF NOT EXISTS sent (
    message_id TEXT PRIMARY KEY,
    thread TEXT,
    draft_id TEXT,
    in_reply_to TEXT,
    sent_at TEXT NOT NULL,
    sent_on TEXT NOT NULL,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    outcome TEXT,
    edits TEXT
);
CREATE INDEX IF NOT EXISTS sent_by_thread ON sent (thread, sent_at);
CREATE TABLE IF NOT EXISTS commitments (
    reply_id TEXT PRIMARY KEY,
    thread TEXT NOT NULL,
    customer TEXT NOT NULL,
    subject TEXT NOT NULL,
    language TEXT NOT NULL,
    due TEXT NOT NULL,
    promise TEXT NOT NULL,
    gesture TEXT NOT NULL,
    state TEXT NOT NULL,
    kept_by TEXT,
    kept_on TEXT,
    reminder_id TEXT,
    reminded_on TEXT
);
CREATE INDEX IF NOT EXISTS commitments_by_due ON commitments (state, due);
CREATE TABLE IF NOT EXISTS sync_state (
    folder TEXT PRIMARY KEY,
    uidvalidity INTEGER NOT NULL,
    last_uid INTEGER NOT NULL,
    synced_at TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class DraftRecord:
    """A draft as delivered: what the agent received, to compare with what they sent."""

    draft_id: str
    answers: str  # the customer's Message-ID (or drafter's hash of a mail without one)
    thread: str  # the conversation: its first message's id
    customer: str
    subject: str
    language: str
    backend: str
    status: str  # ready | needs_review
    codes: list[str]
    gesture: str
    gesture_wording: str
    follow_up_date: dt.date
    sections: dict[str, str]
    body: str
    delivered_on: dt.date


@dataclass(frozen=True)
class SentRecord:
    """A message of ours found in Sent; `draft_id` and `outcome` once it is matched to a draft."""

    message_id: str
    thread: str | None  # the conversation, when it is one of ours
    draft_id: str | None
    in_reply_to: str | None
    sent_at: dt.datetime  # UTC
    sent_on: dt.date  # the day in [calendar] timezone
    recipient: str
    subject: str
    body: str  # "" for a message in no conversation of ours: nothing is kept of the agent's other mail
    outcome: str | None = None  # unchanged | edited (the first reply made from a draft) | later (a later one)
    edits: dict[str, float] = field(default_factory=dict)  # per section: 0 untouched .. 1 rewritten


@dataclass(frozen=True)
class Commitment:
    """A date we promised in a sent reply, and what became of it."""

    reply_id: str
    thread: str
    customer: str
    subject: str
    language: str
    due: dt.date
    promise: str  # the sentence that promises it, as sent
    gesture: str
    state: str  # open | kept | missed
    kept_by: str | None = None
    kept_on: dt.date | None = None
    reminder_id: str | None = None
    reminded_on: dt.date | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "reply_id": self.reply_id, "thread": self.thread, "customer": self.customer, "subject": self.subject,
            "language": self.language, "due": self.due.isoformat(), "promise": self.promise,
            "gesture": self.gesture, "state": self.state, "kept_by": self.kept_by,
            "kept_on": _iso(self.kept_on), "reminder_id": self.reminder_id, "reminded_on": _iso(self.reminded_on),
        }


class _Sqlite:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(path, isolation_level=None, timeout=30.0)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.executescript(SCHEMA)

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        return self.conn.execute(sql, params)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()


class _Row(dict[str, Any]):
    """A row read by name, as sqlite3.Row is, or by position."""

    def __getitem__(self, key: str | int) -> Any:  # type: ignore[override]
        return list(self.values())[key] if isinstance(key, int) else super().__getitem__(key)


def _rows(cursor: Any) -> Any:
    names = [column.name for column in cursor.description or ()]
    return lambda values: _Row(zip(names, values, strict=True))


class _Postgres:
    """The same tables in the schema drafter_tracking of the shared PostgreSQL (drafts gets `seq` for SQLite's
    rowid); SQLite's words translated here, and only here."""

    SCHEMA_LOCK = 0x7472616B  # "trak": processes creating the schema at once take turns
    WORDS = (("?", "%s"), ("rowid", "seq"), ("instr(", "strpos("),
             ("max(sync_state.last_uid,", "greatest(sync_state.last_uid,"))

    def __init__(self, url: str) -> None:
        import psycopg

        self.conn = psycopg.connect(url, autocommit=True, row_factory=_rows,
                                    options="-c search_path=drafter_tracking")
        with self.conn.transaction():
            self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (self.SCHEMA_LOCK,))
            self.conn.execute("CREATE SCHEMA IF NOT EXISTS drafter_tracking")
            schema = SCHEMA.replace("INTEGER", "BIGINT")  # an IMAP UIDVALIDITY may pass 2**31
            self.conn.execute(schema.replace("delivered_on TEXT NOT NULL\n)",
                                             "delivered_on TEXT NOT NULL,\n    seq bigserial\n)").encode())

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        for sqlite_word, postgres_word in self.WORDS:
            sql = sql.replace(sqlite_word, postgres_word)
        if sql.startswith("INSERT OR IGNORE INTO"):
            sql = sql.replace("INSERT OR IGNORE INTO", "INSERT INTO", 1) + " ON CONFLICT DO NOTHING"
        return self.conn.execute(sql.encode() if not params else sql, params)  # type: ignore[arg-type]

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.conn.transaction():
            yield

    def close(self) -> None:
        self.conn.close()


class Ledger:
    """The tracking store: a SQLite file (a Path) or the shared PostgreSQL (a URL). Use as a context manager,
    or call close()."""

    def __init__(self, store: Path | str) -> None:
        self.path = store if isinstance(store, Path) else "PostgreSQL"
        self.db = _Sqlite(store) if isinstance(store, Path) else _Postgres(store)

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.db.transaction():
            yield

    # -- drafts ---------------------------------------------------------------------------------------

    def record_draft(self, draft: DraftRecord) -> None:
        """Remember a delivered draft (again: the same draft delivered twice is one row)."""
        self.db.execute(
            "INSERT OR IGNORE INTO drafts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (draft.draft_id, draft.answers, draft.thread, draft.customer, draft.subject, draft.language, draft.backend,
             draft.status, json.dumps(draft.codes), draft.gesture, draft.gesture_wording,
             draft.follow_up_date.isoformat(), json.dumps(draft.sections, ensure_ascii=False), draft.body,
             draft.delivered_on.isoformat()))

    def draft_for(self, ids: list[str]) -> DraftRecord | None:
        """The draft a reply was made from: the newest answering the mail its In-Reply-To (or References) names,
        or the draft itself (a client that kept the draft's Message-ID)."""
        if not ids:
            return None
        marks = ",".join("?" * len(ids))
        row = self.db.execute(
            f"SELECT * FROM drafts WHERE answers IN ({marks}) OR draft_id IN ({marks}) "
            "ORDER BY delivered_on DESC, rowid DESC LIMIT 1", (*ids, *ids)).fetchone()
        return _draft(row) if row else None

    def draft_in(self, thread: str) -> DraftRecord | None:
        """The newest draft of a conversation (its language and gesture, for a later reply's promise)."""
        row = self.db.execute("SELECT * FROM drafts WHERE thread = ? ORDER BY delivered_on DESC, rowid DESC LIMIT 1",
                              (thread,)).fetchone()
        return _draft(row) if row else None

    def conversation_of(self, ids: list[str]) -> str | None:
        """The conversation a message belongs to by the ids it names: a draft's mail, or a message of ours
        already in Sent (a follow-up that quotes only our reply)."""
        if not ids:
            return None
        marks = ",".join("?" * len(ids))
        row = self.db.execute(
            f"SELECT thread FROM drafts WHERE answers IN ({marks}) OR draft_id IN ({marks}) OR thread IN ({marks}) "
            f"UNION ALL SELECT thread FROM sent WHERE message_id IN ({marks}) AND thread IS NOT NULL LIMIT 1",
            (*ids, *ids, *ids, *ids)).fetchone()
        return str(row[0]) if row else None

    def draft_to(self, address: str, subject: str) -> DraftRecord | None:
        """The newest draft to `address` under `subject`: for a reply that names no thread, because the
        customer's mail had no Message-ID to answer."""
        if not address:
            return None
        row = self.db.execute(
            "SELECT * FROM drafts WHERE subject = ? AND instr(lower(customer), ?) > 0 "
            "ORDER BY delivered_on DESC, rowid DESC LIMIT 1", (subject, address.lower())).fetchone()
        return _draft(row) if row else None

    def drafts(self, since: dt.date | None = None) -> list[DraftRecord]:
        rows = self.db.execute("SELECT * FROM drafts WHERE delivered_on >= ? ORDER BY delivered_on, rowid",
                               ((since or dt.date.min).isoformat(),)).fetchall()
        return [_draft(row) for row in rows]

    # -- sent -----------------------------------------------------------------------------------------

    def has_sent(self, message_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM sent WHERE message_id = ?", (message_id,)).fetchone() is not None

    def record_sent(self, sent: SentRecord) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO sent VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (sent.message_id, sent.thread, sent.draft_id, sent.in_reply_to, _utc(sent.sent_at),
             sent.sent_on.isoformat(), sent.recipient, sent.subject, sent.body, sent.outcome,
             json.dumps(sent.edits)))

    def sent_message(self, message_id: str) -> SentRecord | None:
        row = self.db.execute("SELECT * FROM sent WHERE message_id = ?", (message_id,)).fetchone()
        return _sent(row) if row else None

    def first_reply(self, draft_id: str) -> SentRecord | None:
        row = self.db.execute("SELECT * FROM sent WHERE draft_id = ? AND outcome IN ('unchanged', 'edited') "
                              "ORDER BY sent_at LIMIT 1", (draft_id,)).fetchone()
        return _sent(row) if row else None

    def sent_in_thread(self, thread: str, after: dt.datetime) -> list[SentRecord]:
        rows = self.db.execute("SELECT * FROM sent WHERE thread = ? AND sent_at > ? ORDER BY sent_at",
                               (thread, _utc(after))).fetchall()
        return [_sent(row) for row in rows]

    def sent(self, since: dt.date | None = None) -> list[SentRecord]:
        rows = self.db.execute("SELECT * FROM sent WHERE sent_on >= ? ORDER BY sent_at",
                               ((since or dt.date.min).isoformat(),)).fetchall()
        return [_sent(row) for row in rows]

    # -- commitments ----------------------------------------------------------------------------------

    def record_commitment(self, commitment: Commitment) -> None:
        c = commitment
        self.db.execute(
            "INSERT OR IGNORE INTO commitments VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (c.reply_id, c.thread, c.customer, c.subject, c.language, c.due.isoformat(), c.promise, c.gesture,
             c.state, c.kept_by, _iso(c.kept_on), c.reminder_id, _iso(c.reminded_on)))

    def commitments(self, state: str | None = None) -> list[Commitment]:
        query = "SELECT * FROM commitments" + (" WHERE state = ?" if state else "") + " ORDER BY due, reply_id"
        return [_commitment(row) for row in self.db.execute(query, (state,) if state else ()).fetchall()]

    def keep(self, reply_id: str, by: str, on: dt.date) -> None:
        self.db.execute("UPDATE commitments SET state = 'kept', kept_by = ?, kept_on = ? "
                        "WHERE reply_id = ? AND state != 'kept'", (by, on.isoformat(), reply_id))

    def miss(self, reply_id: str) -> None:
        self.db.execute("UPDATE commitments SET state = 'missed' WHERE reply_id = ? AND state = 'open'", (reply_id,))

    def claim_reminder(self, reply_id: str, on: dt.date) -> bool:
        """Claim the reminder of a commitment before delivering it: False when another sync has (once only)."""
        cursor = self.db.execute("UPDATE commitments SET reminder_id = 'pending', reminded_on = ? "
                                 "WHERE reply_id = ? AND reminder_id IS NULL", (on.isoformat(), reply_id))
        return cursor.rowcount == 1

    def reminded(self, reply_id: str, reminder_id: str) -> None:
        self.db.execute("UPDATE commitments SET reminder_id = ? WHERE reply_id = ?", (reminder_id, reply_id))

    def unclaim_reminder(self, reply_id: str) -> None:
        """Delivery failed: the next sync tries again (delivery finds a reminder that did arrive, and adds none)."""
        self.db.execute("UPDATE commitments SET reminder_id = NULL, reminded_on = NULL "
                        "WHERE reply_id = ? AND reminder_id = 'pending'", (reply_id,))

    # -- sync state -----------------------------------------------------------------------------------

    def position(self, folder: str) -> tuple[int, int] | None:
        row = self.db.execute("SELECT uidvalidity, last_uid FROM sync_state WHERE folder = ?", (folder,)).fetchone()
        return (int(row["uidvalidity"]), int(row["last_uid"])) if row else None

    def advance(self, folder: str, uidvalidity: int, last_uid: int, at: dt.datetime) -> None:
        # Never backwards: a slower sync running beside a faster one must not make it read again.
        self.db.execute("INSERT INTO sync_state VALUES (?, ?, ?, ?) ON CONFLICT (folder) DO UPDATE SET "
                        "last_uid = CASE WHEN sync_state.uidvalidity = excluded.uidvalidity "
                        "THEN max(sync_state.last_uid, excluded.last_uid) ELSE excluded.last_uid END, "
                        "uidvalidity = excluded.uidvalidity, synced_at = excluded.synced_at",
                        (folder, uidvalidity, last_uid, _utc(at)))

    def earliest_delivery(self) -> dt.date | None:
        row = self.db.execute("SELECT min(delivered_on) FROM drafts").fetchone()
        return dt.date.fromisoformat(row[0]) if row and row[0] else None

    def counts(self) -> dict[str, int]:
        """Commitments per state."""
        found = {row[0]: row[1] for row in self.db.execute("SELECT state, count(*) FROM commitments GROUP BY state")}
        return {state: int(found.get(state, 0)) for state in ("open", "kept", "missed")}


def _utc(moment: dt.datetime) -> str:
    """ISO text in UTC, so that text order is time order."""
    return moment.astimezone(dt.UTC).isoformat()


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _draft(row: Any) -> DraftRecord:
    return DraftRecord(
        draft_id=row["draft_id"], answers=row["answers"], thread=row["thread"], customer=row["customer"],
        subject=row["subject"],
        language=row["language"], backend=row["backend"], status=row["status"], codes=json.loads(row["codes"]),
        gesture=row["gesture"], gesture_wording=row["gesture_wording"],
        follow_up_date=dt.date.fromisoformat(row["follow_up_date"]), sections=json.loads(row["sections"]),
        body=row["body"], delivered_on=dt.date.fromisoformat(row["delivered_on"]))


def _sent(row: Any) -> SentRecord:
    return SentRecord(
        message_id=row["message_id"], thread=row["thread"], draft_id=row["draft_id"], in_reply_to=row["in_reply_to"],
        sent_at=dt.datetime.fromisoformat(row["sent_at"]), sent_on=dt.date.fromisoformat(row["sent_on"]),
        recipient=row["recipient"], subject=row["subject"],
        body=row["body"], outcome=row["outcome"], edits=json.loads(row["edits"] or "{}"))


def _commitment(row: Any) -> Commitment:
    return Commitment(
        reply_id=row["reply_id"], thread=row["thread"], customer=row["customer"], subject=row["subject"],
        language=row["language"], due=dt.date.fromisoformat(row["due"]), promise=row["promise"],
        gesture=row["gesture"], state=row["state"], kept_by=row["kept_by"], kept_on=_date(row["kept_on"]),
        reminder_id=row["reminder_id"], reminded_on=_date(row["reminded_on"]))


def delivered_draft(result: dict[str, Any], source: str, delivered_on: dt.date) -> DraftRecord | None:
    """A delivered draft as the ledger keeps it, from its public JSON (`drafter draft --json`, an API job's
    result); None for a result without a message. It answers the customer's Message-ID (its In-Reply-To), else
    the source id; its conversation is the first id of its References."""
    message = result.get("message")
    if not message:
        return None
    headers = HeaderParser(policy=email.policy.default).parsestr(str(message), headersonly=True)
    gesture = result.get("gesture") or {}
    language = str(result.get("language") or "en")
    verdict = result.get("verdict") or {}
    wordings = gesture.get("wordings") or {}
    answers = str(headers["In-Reply-To"] or "").strip() or source
    chain = str(headers["References"] or "").split()
    return DraftRecord(
        draft_id=str(headers["Message-ID"] or "").strip(), answers=answers, thread=chain[0] if chain else answers,
        customer=" ".join(str(headers["To"] or "").split()),  # "Jane Doe <jane@example.org>": name and address
        subject=str(headers["Subject"] or ""), language=language, backend=str(result.get("backend") or ""),
        status=str(result.get("status") or ("ready" if verdict.get("passed") else "needs_review")),
        codes=sorted({str(v.get("code")) for v in verdict.get("violations", [])}),
        gesture=str(gesture.get("name") or ""),
        gesture_wording=str(wordings.get(language) or gesture.get("wording") or ""),
        follow_up_date=dt.date.fromisoformat(str(result["follow_up_date"])),
        sections=dict(result.get("sections") or {}), body=str(result.get("body") or ""), delivered_on=delivered_on)


def record_delivery(store: Path | str, result: dict[str, Any], source: str, delivered_on: dt.date) -> None:
    """Note a delivered draft in the ledger (`store`: Settings.tracking_store), for `drafter sync` to match the
    reply to it."""
    draft = delivered_draft(result, source, delivered_on)
    if draft is not None:
        with Ledger(store) as ledger:
            ledger.record_draft(draft)
