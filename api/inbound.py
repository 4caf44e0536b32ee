"""Inbound-mail providers: verify each one's authenticity and turn its format back into an RFC 5322 email.

- Mailgun (route `forward()`): a form; the raw message in `body-mime` when the URL ends in `mime`,
  else parsed parts (`message-headers`, `body-plain`, `body-html`, `attachment-N`, and `from`, `sender`,
  `recipient`, `subject` for whatever `message-headers` lacks). Authenticity: `signature` = hex
  HMAC-SHA256 of `timestamp` + `token` keyed with the webhook signing key.
- Postmark: JSON; the raw message in `RawEmail` when "include raw email content" is on, else rebuilt
  from its fields. Authenticity: Basic auth in the webhook URL (Postmark has no signature).
- SendGrid Inbound Parse: multipart; the raw message in `email` with "POST the raw, full MIME message",
  else rebuilt from `headers`, `text`, `html`, `from`, `to`, `subject`, `attachmentN`, each field in the
  charset `charsets` names for it. Authenticity: Basic auth in the URL or a bearer token.

A raw message is taken as bytes whether it came as a form field or a file part (`curl -F f=@mail.eml`).
Provider text never reaches a header line as-is: values are unfolded (no CR/LF) and names checked.
`*_clues` say which email a refused request carried (Message-ID, recipient, subject), for the log.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import email.message
import email.parser
import email.policy
import hashlib
import hmac
import re
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

from api.bodies import Form, load_json
from api.problems import Problem

HEADER_NAME = re.compile(r"[!-9;-~]{1,76}")  # RFC 5322 field name: printable ASCII except ':'
# Headers a rebuilt message gets from its own structure, never copied from the provider's list.
STRUCTURAL = frozenset({"content-type", "content-transfer-encoding", "mime-version", "content-disposition",
                        "content-length"})


@dataclass(frozen=True)
class Part:
    filename: str | None
    content_type: str
    data: bytes


# -- what identifies an email in the log -----------------------------------------------------------

CLUE_CHARS = 200
HEADER_CLUE_BYTES = 64 * 1024


@dataclass(frozen=True)
class Clues:
    """What finds an email again (in the provider's logs, in the mailbox) without showing its body."""

    message_id: str | None = None
    recipient: str | None = None
    subject: str | None = None
    provider_id: str | None = None
    size: int | None = None  # bytes of the raw message, when it came raw

    def describe(self) -> str:
        named = (("message-id", self.message_id), ("provider id", self.provider_id),
                 ("recipient", self.recipient), ("subject", self.subject))
        found = [f"{name} {_clue(value)!r}" for name, value in named if value] or ["no headers read"]
        if self.size is not None:
            found.append(f"a {self.size}-byte email")
        return ", ".join(found)


# -- authenticity --------------------------------------------------------------------------------


MAILGUN_SIGNED = ("timestamp", "token", "signature")


def mailgun_signature(form: Form) -> dict[str, str]:
    """The fields `verify_mailgun` reads, from a form."""
    return {name: form.text(name) or "" for name in MAILGUN_SIGNED}


def verify_mailgun(fields: Mapping[str, str], signing_key: str, now: float, max_age: int) -> str:
    """The request's token when its signature verifies and its timestamp is fresh; else Problem.

    A bad signature is 401 (Mailgun retries for hours, so a rotated key can be fixed without losing
    mail); a stale timestamp is 406 (no retry can make it fresh, and 406 tells Mailgun to stop).
    """
    timestamp, token, signature = (fields.get(name, "") for name in MAILGUN_SIGNED)
    if not (timestamp and token and signature):
        raise Problem("bad-signature",
                      "timestamp, token and signature are required (Mailgun signs every post)")
    expected = hmac.new(signing_key.encode(), f"{timestamp}{token}".encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected.encode(), signature.strip().lower().encode()):
        raise Problem("bad-signature", "the signature does not match: check [api] mailgun_signing_key "
                      "(Mailgun: Sending → Webhooks → HTTP webhook signing key)")
    try:
        age = now - float(timestamp)
    except ValueError:
        raise Problem("bad-signature", "timestamp is not a number") from None
    if abs(age) > max_age:
        raise Problem("stale-webhook", f"signed {age:.0f} s ago; accepted: within {max_age} s "
                      "([api] mailgun_max_age_seconds); check the server clock")
    return token


def offered_secrets(headers: Mapping[str, str]) -> list[str]:
    """Secrets a request offers: a bearer token, a Basic-auth password, an X-Postmark-Token."""
    offered = []
    scheme, _, value = headers.get("authorization", "").partition(" ")
    value = value.strip()
    if scheme.lower() == "bearer" and value:
        offered.append(value)
    elif scheme.lower() == "basic" and value:
        try:
            decoded = base64.b64decode(value, validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            decoded = ""
        offered.append(decoded.partition(":")[2])
    if headers.get("x-postmark-token"):
        offered.append(headers["x-postmark-token"].strip())
    return offered


def verify_secret(headers: Mapping[str, str], expected: str, provider: str) -> None:
    offered = offered_secrets(headers)
    # compare against every offer (constant time each) so timing does not tell which one was close
    matches = [hmac.compare_digest(given.encode(), expected.encode()) for given in offered]
    if not any(matches):
        what = "no credentials" if not offered else "credentials that do not match"
        raise Problem("unauthorized", f"{provider}: {what}; put the token in the webhook URL as "
                      f"https://{provider}:<token>@host/... or send Authorization: Bearer <token>",
                      headers={"WWW-Authenticate": 'Basic realm="drafter", Bearer realm="drafter"'})


# -- rebuilding a message --------------------------------------------------------------------------


def rebuild_message(headers: list[tuple[str, str]], *, text: str | None, html: str | None,
                    attachments: list[Part] | None = None) -> bytes:
    """An RFC 5322 message from a provider's parsed parts: its headers, text/HTML bodies, attachments."""
    message = EmailMessage(policy=email.policy.default)
    for name, value in headers:
        _add_header(message, name, value)
    if text is not None and text.strip():
        message.set_content(text)
        if html:
            message.add_alternative(html, subtype="html")
    elif html:
        message.set_content(html, subtype="html")
    else:
        message.set_content("")
    for part in attachments or []:
        maintype, _, subtype = part.content_type.partition("/")
        if not maintype or not subtype:
            maintype, subtype = "application", "octet-stream"
        message.add_attachment(part.data, maintype=maintype.strip(), subtype=subtype.split(";")[0].strip(),
                               filename=_one_line(part.filename or "attachment"))
    try:
        # SMTPUTF8: a customer's non-ASCII address (RFC 6532) stays as it came instead of failing
        return message.as_bytes(policy=email.policy.SMTPUTF8)
    except Exception as exc:  # malformed provider data the serializer chokes on
        raise Problem("not-an-email",
                      f"could not rebuild the email from the provider's fields: {exc}") from None


def _add_header(message: EmailMessage, name: str, value: object) -> None:
    name = str(name).strip()
    if not HEADER_NAME.fullmatch(name) or name.lower() in STRUCTURAL:
        return
    try:
        message[name] = _one_line(str(value))
    except Exception:  # a second From, or a value the header parser rejects: the first one wins
        return


def _one_line(value: str) -> str:
    return " ".join(value.split())


# -- Mailgun -------------------------------------------------------------------------------------

# Headers a parsed post carries as fields of its own: (header, the fields that may hold it, first wins).
# `from`, `sender`, `recipient` and `subject` are documented; Mailgun also posts the message's own
# headers under their names (`To`, `Message-Id`...), used when present.
MAILGUN_FIELDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("From", ("from", "From", "sender")), ("To", ("To", "recipient")), ("Cc", ("Cc",)),
    ("Reply-To", ("Reply-To",)), ("Subject", ("subject", "Subject")), ("Date", ("Date",)),
    ("Message-Id", ("Message-Id", "Message-ID")), ("In-Reply-To", ("In-Reply-To",)),
    ("References", ("References",)))
ATTACHMENT = re.compile(r"attachment[-_]?\d*")


def mailgun_message(form: Form) -> bytes:
    """The raw message (`body-mime`, field or file part alike), else one rebuilt from the parsed fields."""
    raw = form.data("body-mime")
    if raw is not None:
        return raw
    headers = mailgun_headers(form)
    if not (_has(headers, "from") or _has(headers, "reply-to")):
        raise Problem("not-an-email", "neither body-mime nor a sender (message-headers, from or sender): "
                      "not a Mailgun route post")
    return rebuild_message(headers, text=form.text("body-plain"), html=form.text("body-html"),
                           attachments=_attachments(form))


def mailgun_headers(form: Form) -> list[tuple[str, str]]:
    """`message-headers` (a JSON list of pairs), completed from the fields it lacks (or all of them)."""
    pairs = json_field(form.text("message-headers") or "[]")
    headers = [(str(pair[0]), str(pair[1])) for pair in pairs if isinstance(pair, list) and len(pair) == 2] \
        if isinstance(pairs, list) else []
    return _completed(headers, form, MAILGUN_FIELDS)


def mailgun_clues(form: Form) -> Clues:
    raw = form.data("body-mime")
    return message_clues(raw) if raw is not None else header_clues(mailgun_headers(form))


# -- SendGrid ------------------------------------------------------------------------------------

SENDGRID_FIELDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("From", ("from",)), ("To", ("to",)), ("Cc", ("cc",)), ("Subject", ("subject",)))


def sendgrid_message(form: Form) -> bytes:
    """The raw message (`email`, field or file part alike), else one rebuilt from the parsed fields,
    each decoded in the charset SendGrid names for it in `charsets`."""
    raw = form.data("email")
    if raw is not None:
        return raw
    charsets = sendgrid_charsets(form)
    headers = sendgrid_headers(form, charsets)
    if not (_has(headers, "from") or _has(headers, "reply-to")):
        raise Problem("not-an-email", "no `email` field and no sender in `headers` or `from`: enable \"POST "
                      "the raw, full MIME message\" in the SendGrid Inbound Parse settings")
    return rebuild_message(headers, text=form.text("text", charsets.get("text")),
                           html=form.text("html", charsets.get("html")), attachments=_attachments(form))


def sendgrid_charsets(form: Form) -> dict[str, str]:
    """`charsets`: JSON naming each field's charset ({"text": "iso-8859-1", ...}); {} when absent or broken."""
    data = json_field(form.text("charsets") or "{}")
    return {str(k): v for k, v in data.items() if isinstance(v, str)} if isinstance(data, dict) else {}


def sendgrid_headers(form: Form, charsets: Mapping[str, str]) -> list[tuple[str, str]]:
    block = form.text("headers", charsets.get("headers")) or ""
    parsed = email.parser.HeaderParser(policy=email.policy.compat32).parsestr(block) if block.strip() else None
    headers = [(name, str(value)) for name, value in parsed.items()] if parsed is not None else []
    return _completed(headers, form, SENDGRID_FIELDS, charsets)


def sendgrid_clues(form: Form) -> Clues:
    raw = form.data("email")
    if raw is not None:
        clues = message_clues(raw)
    else:
        clues = header_clues(sendgrid_headers(form, sendgrid_charsets(form)))
    envelope = json_field(form.text("envelope") or "{}")  # the address it was sent to, even when To: lacks it
    to = envelope.get("to") if isinstance(envelope, dict) else None
    if isinstance(to, list) and to:
        clues = dataclasses.replace(clues, recipient=", ".join(map(str, to)))
    return clues


# -- shared by the form-posting providers ---------------------------------------------------------

# The JSON fields of a form are a list of pairs or a flat object: deeper is not their shape.
FIELD_JSON_DEPTH = 4


def json_field(text: str) -> Any:
    """A form field that holds JSON (`message-headers`, `charsets`, `envelope`); None when it is not JSON
    or nests deeper than FIELD_JSON_DEPTH, as if it were absent: the rest of the form may still be an email."""
    try:
        return load_json(text, FIELD_JSON_DEPTH)
    except Problem:
        return None


def _completed(headers: list[tuple[str, str]], form: Form, table: tuple[tuple[str, tuple[str, ...]], ...],
               charsets: Mapping[str, str] | None = None) -> list[tuple[str, str]]:
    """`headers` plus each header of `table` it lacks, from the first field that holds it."""
    headers = list(headers)
    for header, fields in table:
        if _has(headers, header.lower()):
            continue
        for field in fields:
            value = form.text(field, (charsets or {}).get(field))
            if value and value.strip():
                headers.append((header, value))
                break
    return headers


def _has(headers: list[tuple[str, str]], name: str) -> bool:
    return any(key.strip().lower() == name and value.strip() for key, value in headers)


def _attachments(form: Form) -> list[Part]:
    return [Part(filename=part.filename, content_type=part.content_type or "application/octet-stream",
                 data=part.data)
            for part in form.parts if part.filename is not None and ATTACHMENT.fullmatch(part.name)]


# -- Postmark ------------------------------------------------------------------------------------


def postmark_message(data: Any) -> bytes:
    if not isinstance(data, dict):
        raise Problem("invalid-request", "expected Postmark's inbound JSON object")
    if isinstance(data.get("RawEmail"), str) and data["RawEmail"].strip():
        return data["RawEmail"].encode("utf-8", errors="replace")
    headers = postmark_headers(data)
    if not headers:
        raise Problem("not-an-email", "Postmark JSON without From, Headers or RawEmail")
    return rebuild_message(headers, text=_str(data.get("TextBody")), html=_str(data.get("HtmlBody")),
                           attachments=_postmark_attachments(data.get("Attachments")))


def postmark_headers(data: dict[str, Any]) -> list[tuple[str, str]]:
    """From, To, Cc, Reply-To, Subject and Date from their own fields, then the rest from `Headers`."""
    items = data.get("Headers")
    return _postmark_addresses(data) + [
        (str(item["Name"]), str(item["Value"])) for item in (items if isinstance(items, list) else [])
        if isinstance(item, dict) and "Name" in item and "Value" in item]


def _postmark_addresses(data: dict[str, Any]) -> list[tuple[str, str]]:
    full: dict[str, Any] = data["FromFull"] if isinstance(data.get("FromFull"), dict) else {}
    address = _str(full.get("Email")) or _str(data.get("From"))
    name = _str(full.get("Name")) or _str(data.get("FromName")) or ""
    headers: list[tuple[str, str]] = []
    if address:
        headers.append(("From", _mailbox(_one_line(name), _one_line(address))))
    for field, header in (("To", "To"), ("Cc", "Cc"), ("ReplyTo", "Reply-To"), ("Subject", "Subject"),
                          ("Date", "Date")):
        value = _str(data.get(field))
        if value:
            headers.append((header, value))
    return headers


def _mailbox(name: str, address: str) -> str:
    """`"Name" <address>`, quoting the name by hand: formataddr refuses non-ASCII (EAI) addresses."""
    if not name:
        return address
    quoted = name.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{quoted}" <{address}>'


def _postmark_attachments(items: Any) -> list[Part]:
    parts = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        try:
            data = base64.b64decode(str(item.get("Content") or ""), validate=False)
        except (binascii.Error, ValueError):
            continue
        parts.append(Part(filename=_str(item.get("Name")), content_type=_str(item.get("ContentType")) or
                          "application/octet-stream", data=data))
    return parts


def postmark_clues(data: Any) -> Clues:
    if not isinstance(data, dict):
        return Clues()
    if isinstance(data.get("RawEmail"), str) and data["RawEmail"].strip():
        clues = message_clues(data["RawEmail"].encode("utf-8", errors="replace"))
    else:
        clues = header_clues(postmark_headers(data))
    recipient = clues.recipient or _str(data.get("OriginalRecipient"))
    # Postmark's own MessageID is what its activity page searches by
    return dataclasses.replace(clues, recipient=recipient, provider_id=_str(data.get("MessageID")))


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


# -- clues for the log ---------------------------------------------------------------------------


def header_clues(headers: list[tuple[str, str]]) -> Clues:
    found: dict[str, str] = {}
    for name, value in headers:
        found.setdefault(name.strip().lower(), value)
    return Clues(message_id=found.get("message-id"), recipient=found.get("to"), subject=found.get("subject"))


def message_clues(raw: bytes) -> Clues:
    """Clues from a raw message's header section; nothing when even that does not parse."""
    try:
        message = email.parser.BytesHeaderParser(policy=email.policy.default).parsebytes(raw[:HEADER_CLUE_BYTES])
        return Clues(message_id=_header(message, "Message-ID"), recipient=_header(message, "To"),
                     subject=_header(message, "Subject"), size=len(raw))
    except Exception:  # a clue is a courtesy to the reader of the log: never a reason to fail
        return Clues(size=len(raw))


def _header(message: email.message.Message, name: str) -> str | None:
    try:
        value = message.get(name)
    except Exception:  # a header the parser cannot decode
        return None
    return str(value) if value else None


def _clue(value: str) -> str:
    value = _one_line(value)
    return value if len(value) <= CLUE_CHARS else value[:CLUE_CHARS] + "…"
