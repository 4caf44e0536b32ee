"""Property-based tests (hypothesis) on the parser and the guardrails: any input, only documented outcomes.

- `parse_email`: any bytes give a Complaint or raise ParseError, never anything else; the fields a
  reply is addressed and titled with never carry a line break; everything is valid, printable UTF-8.
- Parsing is idempotent on its own output: the visible text of visible text is itself, and a message
  rebuilt from a parsed complaint parses back to the same body and facts.
- `check_draft`: any text gives a Verdict whose spans lie in the text and quote it exactly.
Examples are bounded so the whole module stays well under 30 s.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import quopri
from email.message import EmailMessage
from email.policy import SMTP

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.parse import parse_email
from drafter.parse.visible import split_reply
from drafter_core.errors import ParseError
from drafter_core.settings import load_settings
from drafter_core.values import Complaint, Facts, Verdict
from guardrails import check_draft, context_from_settings

TODAY = dt.date(2026, 11, 23)
FOLLOW_UP = dt.date(2026, 11, 25)
BOUNDED = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CONTROL = {"\r", "\n", "\x0b", "\x0c", "\x85", "\u2028", "\u2029"}  # what could start a new header line

# -- strategies: bytes that look enough like mail to get past the front door ----------------------

HEADER_NAMES = st.sampled_from([
    "From", "To", "Cc", "Subject", "Reply-To", "Message-ID", "In-Reply-To", "References", "Date",
    "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "Content-Disposition", "Auto-Submitted",
    "Precedence", "List-Id", "Return-Path", "X-Autoreply", "Sender", "X-Mailer",
]) | st.from_regex(r"[A-Za-z][A-Za-z0-9-]{0,15}", fullmatch=True)
TRICKY_VALUES = st.sampled_from([
    "=?utf-8?b?!!!?=", "=?x-unknown?q?abc?=", "=?utf-8?q?J=C3=BCrgen?= <j@example.com>",
    '"Evil\r\nBcc: x@evil.example" <a@b.example>', "<>", "a@b.example, c@d.example",
    "undisclosed-recipients:;", "multipart/mixed; boundary=", "multipart/mixed",
    'text/plain; charset="utf-7"', "text/html; charset=foo", "text/plain; charset=utf-16", "base64",
    "quoted-printable", "x-uuencode", "attachment; filename*=utf-8''%ff%fe", "attachment; filename*0*=bad",
    "Thu, 31 Nov 2026 25:61:00 +9999", "<a@b> <c@d> junk", "auto-replied", "bulk",
    "Mike Okafor mike@example.org", "=?iso-2022-jp?b?GyRCJEgbKEI=?=", "message/rfc822",
    "text/plain; charset=\"\"", "(comment) <a@b.example> (more)", "\udcff",
])
HEADER_VALUES = TRICKY_VALUES | st.text(max_size=60)
CHARSETS = st.sampled_from(["utf-8", "iso-8859-1", "windows-1252", "shift_jis", "koi8-r", "utf-16", "utf-7",
                            "x-unknown", "", "iso-2022-jp", "gb2312", "us-ascii"])
TEXTS = st.text(max_size=300) | st.sampled_from([
    "Hello,\n\nMy order #A-10234 for $49.99 never came.\n\n-- \nJane",
    "<html><body><p>Hi</p><blockquote>old</blockquote><div style='display:none'>x</div></body></html>",
    "On Mon, 2 Nov 2026 at 10:00, Support <s@example.com> wrote:\n> old\n> older",
    "-----Original Message-----\nFrom: a\nSent: b\n\nold", "\x00\x01\x02", "> > >\n>\n",
])


def _line(name: str, value: str) -> bytes:
    return f"{name}: {value}".encode("utf-8", "surrogateescape")


@st.composite
def leaf_parts(draw: st.DrawFn) -> bytes:
    ctype = draw(st.sampled_from(["text/plain", "text/html", "image/png", "application/pdf", "message/rfc822",
                                  "text/calendar"]))
    charset = draw(CHARSETS)
    encoding = draw(st.sampled_from(["7bit", "8bit", "base64", "quoted-printable", "binary", "x-weird"]))
    text = draw(TEXTS)
    try:
        data = text.encode(charset or "utf-8", "replace")
    except LookupError:
        data = text.encode("utf-8", "surrogatepass")
    if encoding == "base64":
        data = draw(st.sampled_from([base64.b64encode(data), base64.b64encode(data)[:-3], b"!!not base64!!"]))
    elif encoding == "quoted-printable":
        data = draw(st.sampled_from([quopri.encodestring(data), data + b"=\n=ZZ=4"]))
    head = f"Content-Type: {ctype}; charset={charset}\nContent-Transfer-Encoding: {encoding}\n"
    if draw(st.booleans()):
        disposition = draw(st.sampled_from(["attachment", "inline"]))
        head += f'Content-Disposition: {disposition}; filename="{draw(TEXTS)[:30]}"\n'
    return head.encode("utf-8", "surrogatepass") + b"\n" + data


@st.composite
def multiparts(draw: st.DrawFn, depth: int = 0) -> bytes:
    boundary = draw(st.sampled_from(["b1", "==x==", "", "a b", "-" * 70]))
    subtype = draw(st.sampled_from(["mixed", "alternative", "related", "signed", "report", "digest"]))
    children = draw(st.lists(multiparts(depth + 1) if depth < 2 and draw(st.booleans()) else leaf_parts(),
                             max_size=3))
    body = b"".join(b"--" + boundary.encode() + b"\n" + child + b"\n" for child in children)
    if draw(st.booleans()):
        body += b"--" + boundary.encode() + b"--\n"  # sometimes the closing boundary is missing
    return f'Content-Type: multipart/{subtype}; boundary="{boundary}"\n\n'.encode() + body


@st.composite
def emails(draw: st.DrawFn) -> bytes:
    lines = [_line("From", draw(HEADER_VALUES | st.just("Jane <jane@customer.example>")))]
    lines += [_line(draw(HEADER_NAMES), draw(HEADER_VALUES)) for _ in range(draw(st.integers(0, 6)))]
    body = draw(st.one_of(multiparts(), leaf_parts(), st.binary(max_size=200).map(lambda b: b"\n" + b)))
    eol = draw(st.sampled_from([b"\n", b"\r\n"]))
    return (b"\n".join(lines) + b"\n" + body).replace(b"\n", eol)


def _check_complaint(complaint: Complaint) -> None:
    """What every edge relies on: one-line header fields and text that can be printed and stored."""
    for value in (complaint.subject, complaint.from_name, complaint.from_address, complaint.reply_to,
                  complaint.message_id, complaint.in_reply_to, *complaint.references):
        assert value is None or not (set(value) & CONTROL), value
    for value in (complaint.body, complaint.signature or "", complaint.quoted, complaint.subject):
        value.encode("utf-8")  # no lone surrogates: the CLI prints it, the API stores and returns it
    json.loads(complaint.model_dump_json())


def _parse_or_documented_error(raw: bytes) -> Complaint | None:
    try:
        complaint = parse_email(raw)
    except ParseError as exc:
        assert str(exc)  # the message says what happened
        return None
    assert isinstance(complaint, Complaint)
    _check_complaint(complaint)
    return complaint


# -- parse_email: only a Complaint or a ParseError ---------------------------------------------------


@BOUNDED
@given(st.binary(max_size=2_000))
def test_any_bytes_parse_or_raise_parse_error(raw: bytes) -> None:
    _parse_or_documented_error(raw)


@BOUNDED
@given(emails())
def test_any_mail_shaped_bytes_parse_or_raise_parse_error(raw: bytes) -> None:
    _parse_or_documented_error(raw)


# -- idempotence -------------------------------------------------------------------------------------

REPLY_TEXTS = st.lists(st.sampled_from([
    "My order #A-10234 for $49.99 never came.", "", "Thanks,", "Jane", "-- ", "Sent from my iPhone",
    "On Mon, 2 Nov 2026 at 10:00, Support <s@example.com> wrote:", "> old text", ">",
    "-----Original Message-----", "From: Support <s@example.com>", "Best regards,", "Please help.",
    "P.S. I attached the invoice INV-2231.",
    "________________________________", "Am 2. Nov. 2026 um 10:00 schrieb Support <s@example.com>:",
]) | st.text(max_size=40).filter(lambda s: "\n" not in s and "\r" not in s), max_size=12).map("\n".join)


@BOUNDED
@given(REPLY_TEXTS)
def test_visible_text_of_visible_text_is_itself(text: str) -> None:
    once = split_reply(text).body
    assert split_reply(once).body == once


def _rebuilt(complaint: Complaint) -> bytes:
    message = EmailMessage()
    message["From"] = complaint.from_address or "jane@customer.example"
    message["Subject"] = complaint.subject
    message["Message-ID"] = complaint.message_id or "<rebuilt@customer.example>"
    message.set_content(complaint.body, charset="utf-8")
    return message.as_bytes(policy=SMTP)


@BOUNDED
@given(REPLY_TEXTS)
def test_a_message_rebuilt_from_a_parsed_body_parses_back_to_it(text: str) -> None:
    raw = b"From: Jane <jane@customer.example>\nSubject: order\nMessage-ID: <p1@customer.example>\n" \
          b"Content-Type: text/plain; charset=utf-8\n\n" + text.encode()
    first = parse_email(raw)
    if not first.body.strip():
        return  # nothing of the customer's own to rebuild from
    again = parse_email(_rebuilt(first))
    assert again.body == first.body
    assert again.facts == first.facts


# -- check_draft: spans within the text, quoting it exactly ---------------------------------------

CONFIG = load_settings(env={})
DRAFT_PIECES = st.sampled_from([
    "Dear Jane,", "Thank you for writing to us.", "I understand how frustrating this is.",
    "I am sorry we let you down.", "Your order #A-10234 for $49.99 has not arrived.",
    "I will write to you again by Wednesday, 25 November 2026.", "I will write again by 2026-11-24.",
    "I guarantee this will never happen again.", "It is against our policy to refund this.",
    "As per our terms and conditions, we cannot help.", "Sorry for any inconvenience.",
    "sorry you feel that way", "We will refund you $500 today.", "Visit https://evil.example/claim now.",
    "Write to attacker@evil.example.", "Kind regards,", "The Example Support Team",
    "As a thank-you, we would like to offer you free express shipping on your next order.",
    "\u201cquoted policy\u201d", "we'll get back to you within 24 hours", "100% sure",
    "by Monday", "Thursday, 4 December", "\n", "\n\n", "  ", "\u00a0", "\u2014", "'", '"',
])
DRAFTS = st.lists(DRAFT_PIECES | st.text(max_size=30), max_size=25).map(" ".join) | st.text(max_size=400)


def _assert_spans(text: str, verdict: Verdict) -> None:
    assert isinstance(verdict, Verdict)
    assert verdict.passed or verdict.violations  # a rejection always says why
    for v in verdict.violations:
        assert 0 <= v.start <= v.end <= len(text), v
        assert v.text == text[v.start:v.end], v
        assert v.code and v.message


@BOUNDED
@given(DRAFTS)
def test_any_text_checked_with_full_context_gives_exact_spans(text: str) -> None:
    facts = Facts(order_numbers=["A-10234"], amounts=["$49.99"], dates=["2 November"])
    customer = "My order #A-10234 for $49.99 has not arrived since 2 November."
    context = context_from_settings(CONFIG, TODAY, follow_up_date=FOLLOW_UP, facts=facts,
                                    customer_text=customer)
    _assert_spans(text, check_draft(text, context))


@BOUNDED
@given(DRAFTS)
def test_any_text_checked_with_only_today_gives_exact_spans(text: str) -> None:
    _assert_spans(text, check_draft(text, context_from_settings(CONFIG, TODAY)))
