"""The reminder: on the day a follow-up we promised falls due with nothing sent since, a draft in the agent's
Drafts, threaded under our sent reply, that says what we promised and when we will write next.

Written from prompts/reminder.j2 (reminder.<language>.j2 in the thread's language), checked by the guardrails
like any draft, delivered like any draft (with the keyword $drafter_reminder), and only once: the ledger is
claimed before delivery (two syncs at once write one), and its Message-ID carries a tag of our sent reply's, so
a sync after a crash between the two finds it in Drafts and adds nothing.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import ssl

from drafter.assemble import build_reply, greeting, message_id_of, sign_off, signature
from drafter.deliver import deliver_draft
from drafter.prompt import language_template, render
from drafter.track.ledger import Commitment, Ledger, SentRecord
from drafter_core.calendar import business_days_after
from drafter_core.replies import long_date
from drafter_core.settings import Settings
from drafter_core.values import Complaint, Facts, Plan, Reply
from guardrails import check_draft, context_from_settings

KEYWORD_REMINDER = "$drafter_reminder"


def remind(settings: Settings, today: dt.date, ledger: Ledger, *, now: dt.datetime | None = None,
           ssl_context: ssl.SSLContext | None = None) -> list[str]:
    """Deliver a reminder for every follow-up due by `today` with nothing sent since its reply; the ids of
    the replies reminded of."""
    reminded = []
    for commitment in ledger.commitments():
        sent = ledger.sent_message(commitment.reply_id)
        if commitment.state == "kept" or commitment.reminder_id or commitment.due > today or sent is None:
            continue
        if ledger.sent_in_thread(commitment.thread, sent.sent_at):
            continue  # something went out since (late, maybe): the agent is on it
        if not ledger.claim_reminder(commitment.reply_id, today):
            continue  # another sync, running beside this one, is writing it
        reply = reminder(commitment, sent, settings, today, now or dt.datetime.now(dt.UTC))
        try:
            deliver_draft(reply, commitment.reply_id, settings.delivery, ssl_context=ssl_context)
        except Exception:
            ledger.unclaim_reminder(commitment.reply_id)
            raise
        ledger.reminded(commitment.reply_id, message_id_of(reply.wire))
        reminded.append(commitment.reply_id)
    return reminded


def reminder(commitment: Commitment, sent: SentRecord, settings: Settings, today: dt.date,
             now: dt.datetime) -> Reply:
    """The reminder draft, threaded under our sent reply (which it quotes), judged by the guardrails."""
    name, address = email.utils.parseaddr(commitment.customer)
    thread = [commitment.thread] if commitment.thread != sent.message_id else []
    ours = Complaint(message_id=sent.message_id, in_reply_to=thread[-1] if thread else None, references=thread,
                     subject=sent.subject, from_name=name or None, from_address=address or None,
                     reply_to=address or None, date=sent.sent_at, language=commitment.language, body=sent.body,
                     signature=None, attachments=[], automated=None, facts=Facts())
    language = commitment.language
    next_date = business_days_after(today, settings.follow_up.default_business_days, settings.calendar)
    gesture = next((g for g in settings.gestures if g.name == commitment.gesture), settings.gestures[0])
    plan = Plan(today=today, follow_up_date=next_date, business_days=settings.follow_up.default_business_days,
                severity="normal", topic="reminder", gesture=gesture, language=language)

    def written(day: dt.date) -> str:
        return long_date(day, language, settings.data.replies_file)

    body = render(settings, language_template("reminder", language, settings),
                  greeting=greeting(ours, language, settings), promise=commitment.promise,
                  sent_date=written(sent.sent_on), due_date=written(commitment.due), next_date=written(next_date),
                  sign_off=sign_off(ours, language, settings), signature=signature(language, settings)) + "\n"
    context = context_from_settings(settings, today, follow_up_date=next_date, language=language,
                                    customer_name=name or None)
    verdict = check_draft(body, context)
    reply = build_reply(ours, body, plan, verdict, settings, source=commitment.reply_id, now=now)
    return reply.model_copy(update={"keywords": [*reply.keywords, KEYWORD_REMINDER]})
