"""drafter sync: read what the agent sent, match it to the drafts, and keep the follow-ups it promises.

For each new message in Sent (sent.py), oldest first:
1. the thread: its In-Reply-To and References name the customer's Message-ID, which names the draft that
   answered it (the ledger's drafts, recorded at delivery); no internal header is needed, none is sent. A
   reply naming no thread (the customer's mail had no Message-ID) is matched by recipient and subject;
2. the outcome: the first reply made from a draft was sent unchanged or edited (and how much, per section:
   edits.py); a later one in the same thread is a follow-up;
3. the commitment: the earliest future date of ours in the sent text, read with the guardrails' date reader
   (the agent may have changed the drafted date), with the sentence that promises it and the draft's gesture.
Then every open commitment is settled against `today`: kept when a later message of ours in the thread went
out on or before its date, missed when the date passed without one; and one due by `today` with nothing sent
since gets its reminder draft, once (reminders.py).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import email.policy
import email.utils
import hashlib
import logging
import ssl
from dataclasses import dataclass, field
from email.parser import BytesHeaderParser

from drafter.imap import imap_client
from drafter.parse import parse_email
from drafter.track.edits import section_edits, unchanged
from drafter.track.ledger import Commitment, DraftRecord, Ledger, SentRecord
from drafter.track.reminders import remind
from drafter.track.sent import SentMessage, find_sent_folder, read_sent
from drafter_core.errors import ParseError
from drafter_core.settings import Settings
from guardrails import context_from_settings, phrases_from_settings
from guardrails.dates import date_uses, promised_dates
from guardrails.text import analyse

log = logging.getLogger(__name__)


@dataclass
class SyncReport:
    """What one sync found: counts per outcome, and the commitments it settled."""

    folder: str = ""
    read: int = 0
    matched: int = 0
    unchanged: int = 0
    edited: int = 0
    later: int = 0
    unmatched: int = 0
    new_commitments: int = 0
    kept: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    reminded: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {"folder": self.folder, "read": self.read, "matched": self.matched, "unchanged": self.unchanged,
                "edited": self.edited, "later": self.later, "unmatched": self.unmatched,
                "new_commitments": self.new_commitments, "kept": self.kept, "missed": self.missed,
                "reminded": self.reminded}


def sync(settings: Settings, today: dt.date, ledger: Ledger, *, ssl_context: ssl.SSLContext | None = None,
         now: dt.datetime | None = None) -> SyncReport:
    """Read Sent from where the last sync stopped, record and match each message, settle commitments."""
    report = SyncReport()
    with imap_client(settings.delivery, ssl_context, settings.delivery.imap_timeout_seconds) as client:
        report.folder = find_sent_folder(client, settings.tracking.sent_folder)
        for batch in read_sent(client, report.folder, ledger.position(report.folder)):
            with ledger.transaction():
                for message in batch.messages:
                    take(message, settings, ledger, report)
                if batch.messages:
                    ledger.advance(report.folder, batch.uidvalidity, batch.messages[-1].uid,
                                   now or dt.datetime.now(dt.UTC))
    settle(ledger, today, report)
    report.reminded = remind(settings, today, ledger, now=now, ssl_context=ssl_context)
    return report


def take(message: SentMessage, settings: Settings, ledger: Ledger, report: SyncReport) -> None:
    """Record one sent message: its thread, its outcome, the date it promises."""
    report.read += 1
    headers = BytesHeaderParser(policy=email.policy.default).parsebytes(message.raw)
    message_id = str(headers["Message-ID"] or "").strip() or f"<{hashlib.sha256(message.raw).hexdigest()[:32]}@sent>"
    if ledger.has_sent(message_id):
        return
    try:
        parsed = parse_email(message.raw)
    except ParseError as exc:
        log.info("Sent message %s skipped: %s", message_id, exc)
        return
    ids = [i for i in (parsed.in_reply_to, *parsed.references, message_id) if i]
    addresses = email.utils.getaddresses([str(headers["To"] or "")])
    draft = ledger.draft_for(ids) or (ledger.draft_to(addresses[0][1], parsed.subject)
                                      if addresses and len(ids) == 1 else None)
    sent_at = _aware(parsed.date) if parsed.date else message.internal_date
    text = parsed.body + (f"\n{parsed.signature}" if parsed.signature else "")
    recipient = " ".join(str(headers["To"] or "").split())
    record = SentRecord(message_id=message_id, thread=draft.thread if draft else None,
                        draft_id=draft.draft_id if draft else None, in_reply_to=parsed.in_reply_to, sent_at=sent_at,
                        recipient=recipient, subject=parsed.subject, body=text)
    if draft is None:
        report.unmatched += 1
        ledger.record_sent(record)
        return
    report.matched += 1
    record = _outcome(record, draft, ledger, report)
    ledger.record_sent(record)
    commitment = promised(record, draft, settings)
    if commitment is not None:
        ledger.record_commitment(commitment)
        report.new_commitments += 1


def _outcome(record: SentRecord, draft: DraftRecord, ledger: Ledger, report: SyncReport) -> SentRecord:
    if ledger.first_reply(draft.draft_id) is not None:
        report.later += 1
        return dataclasses.replace(record, outcome="later")
    if unchanged(draft.body, record.body):
        report.unchanged += 1
        return dataclasses.replace(record, outcome="unchanged", edits={name: 0.0 for name in draft.sections})
    report.edited += 1
    return dataclasses.replace(record, outcome="edited", edits=section_edits(draft.sections, record.body))


def promised(record: SentRecord, draft: DraftRecord, settings: Settings) -> Commitment | None:
    """The earliest future date of ours in the sent text, as sent (the guardrails' date reader, judged on the
    day it was sent), with the sentence that promises it; None when the reply promises no date."""
    phrases = phrases_from_settings(settings)
    context = context_from_settings(settings, record.sent_on, language=draft.language)
    dates = [use for use in promised_dates(date_uses(record.body, context, phrases))
             if use.found.date > record.sent_on]
    if not dates:
        return None
    first = min(dates, key=lambda use: (not use.contact, use.found.date))
    doc = analyse(record.body, phrases.pattern("text.clause_breaks"))
    start, end = doc.sentence(first.found.start)
    return Commitment(reply_id=record.message_id, thread=draft.thread, customer=record.recipient or draft.customer,
                      subject=record.subject, language=draft.language, due=first.found.date,
                      promise=" ".join(record.body[start:end].split()), gesture=draft.gesture_wording, state="open")


def settle(ledger: Ledger, today: dt.date, report: SyncReport | None = None) -> None:
    """Kept: a later message of ours in the thread, sent on or before the due date. Missed: the due date
    passed (it is before `today`) with none."""
    for commitment in ledger.commitments("open") + ledger.commitments("missed"):
        sent = ledger.sent_message(commitment.reply_id)
        after = sent.sent_at if sent else dt.datetime.min.replace(tzinfo=dt.UTC)
        on_time = [s for s in ledger.sent_in_thread(commitment.thread, after) if s.sent_on <= commitment.due]
        if on_time:
            ledger.keep(commitment.reply_id, on_time[0].message_id, on_time[0].sent_on)
            if report is not None:
                report.kept.append(commitment.reply_id)
        elif commitment.state == "open" and commitment.due < today:
            ledger.miss(commitment.reply_id)
            if report is not None:
                report.missed.append(commitment.reply_id)


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
