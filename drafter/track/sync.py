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

from imapclient.exceptions import IMAPClientError

from drafter.assemble import message_id_of
from drafter.imap import imap_client
from drafter.parse import parse_email
from drafter.track.edits import section_edits, unchanged
from drafter.track.ledger import Commitment, DraftRecord, Ledger, SentRecord
from drafter.track.reminders import remind
from drafter.track.sent import SentMessage, find_sent_folder, read_sent
from drafter_core.calendar import today_in
from drafter_core.errors import DeliveryError, ParseError
from drafter_core.settings import Settings
from guardrails import context_from_settings, load_phrases
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
    skipped: int = 0
    new_commitments: int = 0
    kept: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    reminded: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return dataclasses.asdict(self)


def sync(settings: Settings, today: dt.date, ledger: Ledger, *, ssl_context: ssl.SSLContext | None = None,
         now: dt.datetime | None = None) -> SyncReport:
    """Read Sent from where the last sync stopped, record and match each message, settle commitments."""
    report = SyncReport()
    delivery = settings.delivery
    try:
        with imap_client(delivery, ssl_context, delivery.imap_timeout_seconds) as client:
            report.folder = find_sent_folder(client, settings.tracking.sent_folder)
            # A first sync starts the day before the first delivered draft: older mail answers none of them.
            # (SINCE is the server's storage date, on the real calendar: never later than yesterday there.)
            first = ledger.earliest_delivery()
            since = min(first, dt.date.today()) - dt.timedelta(days=1) if first else None
            for batch in read_sent(client, report.folder, ledger.position(report.folder), since):
                with ledger.transaction():
                    for message in batch.messages:
                        take(message, settings, ledger, report)
                    ledger.advance(report.folder, batch.uidvalidity, batch.last_uid, now or dt.datetime.now(dt.UTC))
    except (OSError, IMAPClientError) as exc:
        raise DeliveryError(f"cannot read the Sent folder of {delivery.imap_user} at {delivery.imap_host}:"
                            f"{delivery.imap_port}: {exc or type(exc).__name__}; check the [delivery] imap_* "
                            "settings and that the server is up") from None
    settle(ledger, today, report)
    report.reminded = remind(settings, today, ledger, now=now, ssl_context=ssl_context)
    return report


def take(message: SentMessage, settings: Settings, ledger: Ledger, report: SyncReport) -> None:
    """Record one sent message: its conversation, its outcome, the date it promises. A message that cannot be
    read is logged and passed over: one odd mail must not stop the sync at its UID for ever."""
    report.read += 1
    try:
        _take(message, settings, ledger, report)
    except Exception as exc:  # a header no parser can read, a charset from nowhere: skip it, keep going
        report.skipped += 1
        log.warning("Sent message UID %d passed over: %s", message.uid, exc)


def _take(message: SentMessage, settings: Settings, ledger: Ledger, report: SyncReport) -> None:
    headers = BytesHeaderParser(policy=email.policy.compat32).parsebytes(message.raw)  # lenient: raw header text
    message_id = message_id_of(message.raw) or f"<{hashlib.sha256(message.raw).hexdigest()[:32]}@sent>"
    if ledger.has_sent(message_id):
        return
    try:
        parsed = parse_email(message.raw)
    except ParseError as exc:
        report.skipped += 1
        log.info("Sent message %s passed over: %s", message_id, exc)
        return
    ids = [i for i in (parsed.in_reply_to, *parsed.references, message_id) if i]
    to = email.utils.getaddresses([str(headers["To"] or "")])
    draft = ledger.draft_for(ids) or (ledger.draft_to(to[0][1], parsed.subject) if to and len(ids) == 1 else None)
    thread = draft.thread if draft else ledger.conversation_of(ids)
    sent_at = (parsed.date if parsed.date and parsed.date.tzinfo else message.internal_date).astimezone(dt.UTC)
    record = SentRecord(
        message_id=message_id, thread=thread, draft_id=draft.draft_id if draft else None,
        in_reply_to=parsed.in_reply_to, sent_at=sent_at, sent_on=today_in(settings.calendar, sent_at),
        recipient=" ".join(str(headers["To"] or "").split()), subject=parsed.subject,
        body=parsed.body + (f"\n{parsed.signature}" if parsed.signature else "") if thread else "")
    if thread is None:
        report.unmatched += 1  # the agent's other mail: its id only, so it is not read again
        ledger.record_sent(record)
        return
    report.matched += 1
    record = _outcome(record, draft, ledger, report)
    ledger.record_sent(record)
    commitment = promised(record, draft or ledger.draft_in(thread), settings)
    if commitment is not None:
        ledger.record_commitment(commitment)
        report.new_commitments += 1


def _outcome(record: SentRecord, draft: DraftRecord | None, ledger: Ledger, report: SyncReport) -> SentRecord:
    """The first reply made from a draft: sent unchanged (every section as drafted; what a mail client adds
    after it, "Sent from my iPhone" or a disclaimer, changes nothing) or edited. Any other: a later reply."""
    if draft is None or ledger.first_reply(draft.draft_id) is not None:
        report.later += 1
        return dataclasses.replace(record, outcome="later")
    if unchanged(draft.sections, record.body):
        report.unchanged += 1
        return dataclasses.replace(record, outcome="unchanged", edits={name: 0.0 for name in draft.sections})
    report.edited += 1
    return dataclasses.replace(record, outcome="edited", edits=section_edits(draft.sections, record.body))


def promised(record: SentRecord, draft: DraftRecord | None, settings: Settings) -> Commitment | None:
    """The date we promised in the sent text, as sent (the guardrails' date reader, judged on the day it was
    sent): our next contact when the text names one, else our earliest other commitment (a delivery, a
    refund), today or later; with the sentence that promises it and the gesture as sent. None when the
    reply promises no date."""
    language = draft.language if draft else "en"
    phrases = load_phrases(settings.data.phrases_file, language)
    context = context_from_settings(settings, record.sent_on, language=language)
    dates = [use for use in promised_dates(date_uses(record.body, context, phrases))
             if use.found.date >= record.sent_on]
    if not dates or record.thread is None:
        return None
    first = min(dates, key=lambda use: (not use.contact, use.found.date))
    doc = analyse(record.body, phrases.pattern("text.clause_breaks"))
    start, end = doc.sentence(first.found.start)
    return Commitment(reply_id=record.message_id, thread=record.thread,
                      customer=record.recipient or (draft.customer if draft else ""), subject=record.subject,
                      language=language, due=first.found.date, promise=" ".join(record.body[start:end].split()),
                      gesture=gesture_as_sent(draft, record.body), state="open")


def gesture_as_sent(draft: DraftRecord | None, sent_text: str) -> str:
    """The draft's gesture when the sent text still offers it (its surprise section, near enough), else ""."""
    if draft is None or not draft.sections.get("surprise"):
        return ""
    return draft.gesture_wording if section_edits({"surprise": draft.sections["surprise"]}, sent_text).get(
        "surprise", 1.0) < 0.5 else ""


def settle(ledger: Ledger, today: dt.date, report: SyncReport | None = None) -> None:
    """Kept: a later message of ours in the conversation, sent on or before the due date. Missed: the due
    date passed (it is before `today`) with none. (A missed one is looked at again: a sync that ran late may
    only now find the message that went out in time.)"""
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

