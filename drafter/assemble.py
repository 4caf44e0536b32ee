"""Assemble the reply: the body from the six sections (prompts/reply_body.j2), then the threaded email, once.

The email carries only what a human's reply carries (From, To, Subject, Date, Message-ID, In-Reply-To,
References, MIME headers) and the body: an agent may send it unedited. What only the agent sees travels
beside it on the Reply: IMAP keywords for the delivered draft and, when the guardrails still fail, the review
note (prompts/review_note.j2), a separate message to the agent that delivery puts next to the draft.

The draft's Message-ID is `<drafter.{source tag}.{body hash}@domain>`: the source tag (a hash of the
customer's Message-ID) is what delivery searches for, so a draft is delivered once per customer mail.
"""

from __future__ import annotations

import datetime as dt
import email.policy
import email.utils
import hashlib
import quopri
import re
from email.header import Header
from email.parser import BytesHeaderParser, HeaderParser
from email.utils import format_datetime

from drafter.prompt import language_template, render, strip_reply_prefix
from drafter_core.replies import reply_words, words_for
from drafter_core.settings import Settings
from drafter_core.values import BODY_SHOWN_CHARS, Complaint, Plan, Reply, Sections, Verdict

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
SPECIALS = re.compile(r'[()<>\[\]:;@\\,."]')
MAX_LINE_OCTETS = 998  # RFC 5322 §2.1.1: longer lines must be encoded (quoted-printable)

# IMAP keywords (RFC 3501 flag atoms) that say what a delivered message is; clients show them as tags.
KEYWORD_READY = "$drafter_ready"
KEYWORD_NEEDS_REVIEW = "$drafter_needs_review"
KEYWORD_OFFLINE = "$drafter_offline"  # written by the offline backend because the model was unreachable
KEYWORD_NOTE = "$drafter_note"  # the review note beside a needs-review draft
KEYWORD_VIOLATION = "$drafter_{code}"  # one per violation code of a needs-review draft
DRAFT_ID = "drafter"  # Message-ID <drafter.{source tag}.{body hash}@domain>
NOTE_ID = "drafter-note"  # the note's Message-ID <drafter-note.{source tag}.{body hash}@domain>


def greeting(complaint: Complaint, language: str, settings: Settings) -> str:
    """The greeting in the customer's language and register (formal unless they write informally)."""
    words = words_for(language, settings)
    first = _first_name(complaint.from_name)
    if not first:
        return _registered(words, "anonymous", complaint)
    full = " ".join(_one_line(complaint.from_name or "").replace(",", " ").split())
    last = full.split()[-1] if "," not in (complaint.from_name or "") else full.split()[0]
    return _registered(words, "greeting", complaint).format(name=first, first=first, last=last, full=full)


def sign_off(complaint: Complaint, language: str, settings: Settings) -> str:
    return _registered(words_for(language, settings), "sign_off", complaint)


def signature(language: str, settings: Settings) -> str:
    """[support] signature in English; replies.toml's `signature` (with {team}) in other languages."""
    words = reply_words(settings.data.replies_file).get(language, {})
    pattern = words.get("signature") if language != "en" else None
    return pattern.format(team=settings.support.name) if pattern else settings.support.signature


def informal(complaint: Complaint, words: dict[str, str]) -> bool:
    """Does the customer write informally ("Hallo, kannst du …")? Formal words outweigh informal ones."""
    said = [w.casefold() for w in re.findall(r"[^\W\d_]+", f"{complaint.subject} {complaint.body}")]
    casual = set(words.get("informal_words", "").casefold().split())
    polite = set(words.get("formal_words", "").casefold().split())
    return bool(casual) and sum(w in casual for w in said) > sum(w in polite for w in said)


def _registered(words: dict[str, str], key: str, complaint: Complaint) -> str:
    informal_key = f"{key}_informal"
    return words[informal_key] if informal_key in words and informal(complaint, words) else words[key]


def _first_name(full: str | None) -> str | None:
    if not full or "@" in full:
        return None
    if "," in full:  # "Doe, Jane"
        full = full.split(",", 1)[1]
    parts = full.split()
    return parts[0] if parts else None


def reply_body(sections: Sections, complaint: Complaint, plan: Plan, settings: Settings) -> str:
    """The draft as the guardrails judge it: greeting, the six sections in order, sign-off and signature."""
    return render(
        settings,
        "reply_body.j2",
        greeting=greeting(complaint, plan.language, settings),
        sections=sections.ordered(),
        sign_off=sign_off(complaint, plan.language, settings),
        signature=signature(plan.language, settings),
    ) + "\n"


def reply_subject(subject: str) -> str:
    """Exactly one 'Re: ', whatever the customer's client stacked up (Re: Re:, AW:, SV:…)."""
    rest = strip_reply_prefix(subject)
    return f"Re: {rest}" if rest else "Re: your message"


def references(complaint: Complaint) -> list[str]:
    """RFC 5322 §3.6.4: the parent's References (or its single In-Reply-To), then the parent's Message-ID."""
    if not complaint.message_id:
        return []
    chain = list(complaint.references)
    if not chain and complaint.in_reply_to and len(complaint.in_reply_to.split()) == 1:
        chain = [complaint.in_reply_to]
    return [*chain, complaint.message_id]


def quote(complaint: Complaint, settings: Settings, language: str = "en") -> str:
    """The customer's email quoted under the reply, introduced in the reply's language."""
    words = words_for(language, settings)
    who = _one_line(complaint.from_name or complaint.from_address or "you")
    if complaint.date:
        attribution = words["attribution"].format(date=complaint.date, name=who)
    else:
        attribution = words["attribution_undated"].format(name=who)
    shown, more = _quotable(complaint)
    lines = shown.splitlines()
    if more:
        lines.append(words.get("quote_cut", "[…]").format(more=more))
    quoted = "\n".join(f"> {line}" if line else ">" for line in lines)
    return f"{attribution}\n{quoted}\n"


def _quotable(complaint: Complaint) -> tuple[str, int]:
    """What of the customer's text is quoted (as much as the model was shown, cut at a line end) and how many
    characters are left out: a draft does not send a 10 MB email back to its writer."""
    body = complaint.body
    if len(body) <= BODY_SHOWN_CHARS and not complaint.body_cut:
        return body, 0
    shown = body[:BODY_SHOWN_CHARS]
    line_end = shown.rfind("\n")
    shown = shown[:line_end] if line_end > 0 else shown
    return shown, len(body) - len(shown) + complaint.body_cut


def build_reply(
    complaint: Complaint,
    judged: str,
    plan: Plan,
    verdict: Verdict,
    settings: Settings,
    *,
    source: str,
    now: dt.datetime,
    degraded: bool = False,
) -> Reply:
    """The reply email, once: `judged` is the body the guardrails judged (see reply_body), sent as judged.

    Written directly rather than through email.message.EmailMessage: the stdlib header registry costs
    about a millisecond per message, and its folding turns long Message-IDs into encoded words.
    """
    body = _lf(judged)
    headers = [
        ("From", format_address(settings.support.name, settings.support.address)),
        ("To", format_address(complaint.from_name, complaint.reply_to or complaint.from_address or "")),
        ("Subject", encode_text(reply_subject(complaint.subject))),
        ("Date", format_datetime(now)),
        ("Message-ID", _message_id(DRAFT_ID, source_tag(source), body, settings.support.address)),
    ]
    chain = references(complaint)
    if chain:
        headers += [("In-Reply-To", chain[-1]), ("References", _references_value(chain))]
    message = _message(headers, f"{body}\n{quote(complaint, settings, plan.language)}")
    return agent_view(body, message, verdict, settings, degraded=degraded, language=plan.language)


def agent_view(body: str, message: str, verdict: Verdict, settings: Settings, *, degraded: bool = False,
               language: str = "en") -> Reply:
    """The Reply with what only the agent sees: the keywords and, when the verdict failed, the review note.

    Also how the API rebuilds a stored draft for delivery: from its message, verdict, `degraded` and `language`.
    """
    note = "" if verdict.passed else review_note(message, verdict, settings, degraded=degraded, language=language)
    return Reply(body=body, message=message, needs_review=not verdict.passed,
                 keywords=review_keywords(verdict, degraded=degraded), note=note)


def review_keywords(verdict: Verdict, *, degraded: bool = False) -> list[str]:
    """$drafter_ready, or $drafter_needs_review and one $drafter_<code> per violation; $drafter_offline too."""
    if verdict.passed:
        keywords = [KEYWORD_READY]
    else:
        keywords = [KEYWORD_NEEDS_REVIEW, *(KEYWORD_VIOLATION.format(code=_atom(code)) for code in verdict.codes)]
    return [*keywords, KEYWORD_OFFLINE] if degraded else keywords


def review_note(message: str, verdict: Verdict, settings: Settings, *, degraded: bool = False,
                language: str = "en") -> str:
    """The note to the agent about the draft `message`: why it needs review and what to fix (review_note.j2, or
    review_note.<language>.j2 for a reply in that language: the agent answering in German reads German).

    A message of its own, to the support address, threaded under the draft (and so under the customer's
    mail); its Message-ID carries the draft's source tag, so delivery adds it once.
    """
    draft = HeaderParser(policy=email.policy.default).parsestr(message, headersonly=True)
    draft_id = str(draft["Message-ID"] or "").strip()
    tag = message_id_tag(draft_id, DRAFT_ID) or source_tag(draft_id)
    subject = str(draft["Subject"] or "")
    text = render(settings, language_template("review_note", language, settings), review_codes=verdict.codes,
                  violations=verdict.violations, subject=subject, recipient=str(draft["To"] or ""),
                  degraded=degraded) + "\n"
    chain = [*str(draft["References"] or "").split(), draft_id]
    headers = [
        ("From", format_address("drafter", settings.support.address)),
        ("To", format_address(settings.support.name, settings.support.address)),
        ("Subject", encode_text(words_for(language, settings)["review_subject"].format(subject=subject))),
        ("Date", str(draft["Date"] or format_datetime(dt.datetime.now(dt.UTC)))),
        ("Message-ID", _message_id(NOTE_ID, tag, text, settings.support.address)),
        ("In-Reply-To", draft_id),
        ("References", _references_value(chain)),
        ("Auto-Submitted", "auto-generated"),  # RFC 3834: the note is machine-made (it only goes to the agent)
    ]
    return _message(headers, _lf(text))


def source_tag(source: str) -> str:
    """A hash of the customer's mail id (as delivery compares ids): the draft's Message-ID carries it."""
    return hashlib.sha256(normalise_source(source).encode()).hexdigest()[:24]


def normalise_source(source: str) -> str:
    """The id without CR/LF/NUL, quotes or backslashes, white space collapsed."""
    return " ".join(re.sub(r'["\\\x00]', "", source).split())


def message_id_prefix(kind: str, tag: str) -> str:
    """How every Message-ID of this kind (DRAFT_ID or NOTE_ID) for one source begins."""
    return f"<{kind}.{tag}."


def message_id_of(message: bytes) -> str:
    """The Message-ID of a message (or header block), white space removed; "" when it has none."""
    value = BytesHeaderParser(policy=email.policy.compat32).parsebytes(message).get("Message-ID")
    return "".join(str(value).split()) if value else ""


def message_id_tag(message_id: str, kind: str) -> str | None:
    """The source tag of a Message-ID drafter made (of this kind), else None."""
    match = re.fullmatch(rf"<{re.escape(kind)}\.([0-9a-f]{{24}})\.[0-9a-f]+@[^>]*>", message_id.strip())
    return match[1] if match else None


def _message(headers: list[tuple[str, str]], text: str) -> str:
    """Header lines, then the body as UTF-8 text in the most readable transfer encoding it allows."""
    encoding, payload = _body_encoding(_lf(text))
    headers = [*headers, ("MIME-Version", "1.0"), ("Content-Type", 'text/plain; charset="utf-8"'),
               ("Content-Transfer-Encoding", encoding)]
    return "".join(f"{name}: {value}\n" for name, value in headers) + "\n" + payload


def _body_encoding(text: str) -> tuple[str, str]:
    """7bit or 8bit (the text as is: readable in a terminal, in the Drafts folder and in the sent mail) when
    every line fits RFC 5322's 998 octets and holds no NUL; quoted-printable only when not. IMAP servers
    store 8-bit text as it is, and SMTP servers announce 8BITMIME (RFC 6152) to carry it."""
    data = text.encode("utf-8")
    if b"\x00" not in data and all(len(line) <= MAX_LINE_OCTETS for line in data.split(b"\n")):
        return ("7bit" if data.isascii() else "8bit"), text
    return "quoted-printable", quopri.encodestring(data).decode("ascii")


def _references_value(chain: list[str]) -> str:
    joined = " ".join(chain)  # one line unless it would pass RFC 5322's 998-character limit
    return joined if len(joined) < 900 else "\n ".join(chain)


def _lf(text: str) -> str:
    """Line breaks as LF only: a bare CR must never reach the wire."""
    return re.sub(r"\r\n?", "\n", text)


def _atom(code: str) -> str:
    """A violation code as part of an IMAP keyword atom (codes are [a-z_] already; anything else is replaced)."""
    return re.sub(r"[^A-Za-z0-9_.-]", "_", code)


def format_address(name: str | None, address: str) -> str:
    """'Name <local@domain>': the name quoted or RFC 2047-encoded, the domain in IDNA, never a line break."""
    local, _, domain = _one_line(address).replace("<", "").replace(">", "").partition("@")
    spec = f"{local}@{_idna(domain)}" if domain else local
    name = _one_line(name or "")
    if not name or "@" in name and name.strip("'\"") == address:
        return spec
    if not name.isascii():
        return f"{Header(name, 'utf-8').encode(linesep=chr(10))} <{spec}>"
    return f'"{email.utils.quote(name)}" <{spec}>' if SPECIALS.search(name) else f"{name} <{spec}>"


def encode_text(value: str) -> str:
    """An unstructured header value: plain ASCII as is, anything else as RFC 2047 encoded words."""
    value = _one_line(value)
    return value if value.isascii() else Header(value, "utf-8").encode(linesep="\n")


def _idna(domain: str) -> str:
    if domain.isascii():
        return domain
    try:
        return domain.encode("idna").decode("ascii")
    except UnicodeError:
        return domain  # RFC 6532 allows UTF-8 as is; the server decides


def _message_id(kind: str, tag: str, text: str, support_address: str) -> str:
    digest = hashlib.sha256(f"{tag}\n{text}".encode()).hexdigest()[:16]
    domain = _idna(_one_line(support_address).partition("@")[2].strip("<>")) or "drafter.invalid"
    return f"{message_id_prefix(kind, tag)}{digest}@{domain}>"


def _one_line(value: str) -> str:
    """Drop control characters and collapse CR/LF and white space: customer text never adds a header line."""
    return " ".join(CONTROL.sub("", value).split())
