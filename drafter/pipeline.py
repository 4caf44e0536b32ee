"""The whole flow, top to bottom: parse → plan → prompt → model → assemble → guard → repair.

The CLI, the HTTP API and `drafter replay` all call `draft_reply`; none re-implements a stage.
Delivery to the agent's mailbox is a separate, optional step (drafter.deliver). The synchronous stages of big
mail run in a thread, one at a time (`drafter.parse.Stages`): a server keeps answering other requests.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from drafter.assemble import build_reply, reply_body
from drafter.model import Backend, ModelRequest, OfflineBackend
from drafter.parse import ParsedMail, Stages, read_mail
from drafter.plan import make_plan
from drafter.prompt import Message, draft_messages, offline_template, repair_messages
from drafter_core.errors import ModelOutputError, ModelRejected, ModelUnavailable
from drafter_core.settings import Settings
from drafter_core.values import Attempt, Complaint, DraftResult, Plan, Sections, Usage, Verdict
from guardrails import CheckContext, check_draft, context_from_settings
from guardrails.repair import repair_instructions


async def draft_reply(
    raw: bytes,
    *,
    settings: Settings,
    backend: Backend,
    today: dt.date,
    now: dt.datetime | None = None,
) -> DraftResult:
    """Draft a checked reply to one raw email. Raises ParseError for bytes that are not a usable email."""
    return await draft_parsed(await read_mail(raw), settings=settings, backend=backend, today=today, now=now)


async def draft_parsed(
    mail: ParsedMail,
    *,
    settings: Settings,
    backend: Backend,
    today: dt.date,
    now: dt.datetime | None = None,
) -> DraftResult:
    """Draft a checked reply to an email already parsed (the HTTP API parses at intake to answer 422 at once).

    An email with no text of the customer's (empty, only a quote, a signature or attachments) is `needs_review`
    with the reason and no draft: the model is not asked, as there is no complaint for it to answer.
    """
    complaint, source, stage = mail.complaint, mail.source, Stages(mail.big)
    if complaint.automated:
        return DraftResult(status="skipped", reason=f"automated mail ({complaint.automated}): never answered "
                           "automatically (RFC 3834)", source=source, complaint=complaint, backend=backend.name)
    plan = await stage.run(make_plan, complaint, settings, today)
    if not has_customer_text(complaint):
        # The model sees only the customer's new text: with none it would invent the complaint it answers.
        return DraftResult(status="needs_review", reason=nothing_to_answer(complaint), source=source,
                           complaint=complaint, plan=plan, backend=backend.name)
    return await _draft(source, complaint, plan, settings, backend, now or dt.datetime.now(dt.UTC), stage)


def customer_email(complaint: Complaint) -> str:
    """What the customer wrote, as the model is shown it: the subject, then the new text (as much of it as the
    prompt holds). The guardrails judge the draft against this: what the model never saw cannot have led it,
    and a 10 MB email is not read again by every check."""
    body = complaint.body_shown
    return f"{complaint.subject}\n\n{body}" if complaint.subject.strip() else body


def customer_name(complaint: Complaint) -> str | None:
    """Whom the reply is for: the display name, else the words of the address ("helen.carter@" → helen carter)."""
    if complaint.from_name:
        return complaint.from_name
    local = (complaint.reply_to or complaint.from_address or "").split("@", 1)[0]
    words = [w for w in re.split(r"[._+-]+", local) if w.isalpha() and len(w) > 1]
    return " ".join(words) or None


def has_customer_text(complaint: Complaint) -> bool:
    """Did the customer write anything new: a letter or digit outside quotes, signature and attachments?"""
    return any(ch.isalnum() for ch in complaint.body)


def nothing_to_answer(complaint: Complaint) -> str:
    """Why an email with no text of the customer's gets no draft, saying what it does hold."""
    held = []
    if complaint.quoted.strip():
        held.append("a quote of earlier mail")
    if complaint.signature:
        held.append("a signature")
    if complaint.attachments:
        names = ", ".join(a.filename or a.content_type for a in complaint.attachments)
        held.append(f"{'an attachment' if len(complaint.attachments) == 1 else 'attachments'} ({names})")
    what = "only " + " and ".join(held) if held else "the body is empty"
    return (f"the email has no text of the customer's to answer: {what}; nothing was drafted, so read it and "
            "ask the customer what went wrong")


async def _draft(source: str, complaint: Complaint, plan: Plan, settings: Settings, backend: Backend,
                 now: dt.datetime, stage: Stages) -> DraftResult:
    context = context_from_settings(settings, plan.today, follow_up_date=plan.follow_up_date,
                                    facts=complaint.facts, customer_text=customer_email(complaint),
                                    customer_name=customer_name(complaint), language=plan.language)
    try:
        history, usage = await _attempts(complaint, plan, settings, backend, context, stage)
        used, degraded, reason = backend.name, False, None
    except ModelUnavailable as exc:
        if not settings.model.fallback_offline:
            return _failed(source, complaint, plan, backend.name, str(exc), exc.usage)
        history, usage = await _attempts(complaint, plan, settings, OfflineBackend(settings), context, stage)
        usage += exc.usage  # the retries spent finding the model gone
        used, degraded, reason = "offline", True, f"{exc}; this is the offline draft"
    except ModelRejected as exc:
        return _failed(source, complaint, plan, backend.name, str(exc), exc.usage)

    if used == "offline":
        plan = offline_plan(plan, settings)
    # The last draft the model did write: a later unusable answer or lost connection does not discard it.
    final = next((a for a in reversed(history) if a.sections is not None), history[-1])
    if final.sections is None or final.verdict is None:
        return _failed(source, complaint, plan, used, f"no usable draft after {len(history)} attempts: {final.error}",
                       usage, history)
    reply = await stage.run(build_reply, complaint, final.body or "", plan, final.verdict, settings,
                            source=source, now=now, degraded=degraded)
    return DraftResult(
        status="ready" if final.verdict.passed else "needs_review",
        reason=reason if final.verdict.passed else _review_reason(final.verdict, reason),
        source=source, complaint=complaint, plan=plan, sections=final.sections, reply=reply, verdict=final.verdict,
        backend=used, degraded=degraded, attempts=len(history), history=history, usage=usage,
    )


async def _attempts(complaint: Complaint, plan: Plan, settings: Settings, backend: Backend,
                    context: CheckContext, stage: Stages) -> tuple[list[Attempt], Usage]:
    """First draft, then up to `max_repairs` repairs, each told exactly what failed."""
    if backend.name == "offline":
        plan = offline_plan(plan, settings)
    messages: list[Message] = await stage.run(draft_messages, complaint, plan, settings)
    history: list[Attempt] = []
    usage = Usage()
    for number in range(1, settings.model.max_repairs + 2):
        kind = "draft" if number == 1 else "repair"
        try:
            answer = await backend.complete(ModelRequest(messages, complaint, plan))
        except ModelUnavailable as exc:
            if not any(a.sections for a in history):
                exc.usage += usage  # what the earlier, unusable answers cost, for the caller to count
                raise  # nothing drafted yet: the caller falls back to the offline draft
            usage += exc.usage
            history.append(Attempt(number=number, kind=kind, sections=None, verdict=None, error=str(exc),
                                   usage=exc.usage))
            break
        except ModelRejected as exc:
            exc.usage += usage  # what the earlier attempts cost stays counted in the failed result
            raise
        except ModelOutputError as exc:
            usage += exc.usage
            history.append(Attempt(number=number, kind=kind, sections=None, verdict=None, error=str(exc),
                                   usage=exc.usage))
            messages = repair_messages(messages, exc.content, [f"Your answer could not be used: {exc}."],
                                       plan, settings)
            continue
        usage += answer.usage
        body, verdict = await stage.run(_judged, answer.sections, complaint, plan, settings, context)
        history.append(Attempt(number=number, kind=kind, sections=answer.sections, verdict=verdict,
                               usage=answer.usage, body=body))
        if verdict.passed or backend.name == "offline":  # offline drafts are deterministic: no repair helps
            break
        messages = repair_messages(messages, answer.content, repair_instructions(verdict), plan, settings)
    return history, usage


def offline_plan(plan: Plan, settings: Settings) -> Plan:
    """Offline drafts are written in the customer's language when prompts/ has offline.<language>.j2, else in
    English: greeting and sign-off must match the sections."""
    if offline_template(plan.language, settings):
        return plan
    return plan.model_copy(update={"language": "en"})


def _judged(sections: Sections, complaint: Complaint, plan: Plan, settings: Settings,
            context: CheckContext) -> tuple[str, Verdict]:
    """The body a customer would read, and its verdict."""
    body = reply_body(sections, complaint, plan, settings)
    return body, judge(body, sections, context)


def judge(body: str, sections: Sections, context: CheckContext) -> Verdict:
    """Guard the body exactly as the customer would read it (without any review banner)."""
    return check_draft(body, _with_sections(context, sections))


def _with_sections(context: CheckContext, sections: Sections) -> CheckContext:
    return replace(context, sections=sections)


def _review_reason(verdict: Verdict, reason: str | None) -> str:
    text = f"guardrails still fail after repairs: {', '.join(verdict.codes)}"
    return f"{reason}; {text}" if reason else text


def _failed(source: str, complaint: Complaint, plan: Plan, backend: str, reason: str, usage: Usage,
            history: list[Attempt] | None = None) -> DraftResult:
    return DraftResult(status="failed", reason=reason, source=source, complaint=complaint, plan=plan, backend=backend,
                       attempts=len(history or []), history=history or [], usage=usage)
