"""Inbound-mail providers: verify each one's authenticity and turn its format back into an RFC 5322 email.

- Mailgun (route `forward()`): form fields; the raw message in `body-mime` when the URL ends in `mime`,
  else parsed parts (`message-headers`, `body-plain`, `body-html`, `attachment-N`). Authenticity:
  `signature` = hex HMAC-SHA256 of `timestamp` + `token` keyed with the webhook signing key.
- Postmark: JSON; the raw message in `RawEmail` when "include raw email content" is on, else rebuilt
  from its fields. Authenticity: Basic auth in the webhook URL (Postmark has no signature).
- SendGrid Inbound Parse: multipart; the raw message in `email` with "POST the raw, full MIME message",
  else rebuilt from `headers`, `text`, `html`. Authenticity: Basic auth in the URL or a bearer token.

Provider text never reaches a header line as-is: values are unfolded (no CR/LF) and names checked.
"""

from __future__ import annotations

import base64
import binascii
import email.parser
import email.policy
import hashlib
import hmac
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

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


# -- authenticity --------------------------------------------------------------------------------


def verify_mailgun(fields: Mapping[str, str], signing_key: str, now: float, max_age: int) -> str:
    """The request's token when its signature verifies and its timestamp is fresh; else Problem.

    A bad signature is 401 (Mailgun retries for hours, so a rotated key can be fixed without losing
    mail); a stale timestamp is 406 (no retry can make it fresh, and 406 tells Mailgun to stop).
    """
    timestamp, token, signature = (fields.get(name, "") for name in ("timestamp", "token", "signature"))
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


def mailgun_message(fields: Mapping[str, str], attachments: list[Part]) -> bytes:
    if fields.get("body-mime"):
        return fields["body-mime"].encode("utf-8", errors="replace")
    try:
        pairs = json.loads(fields.get("message-headers") or "[]")
    except json.JSONDecodeError:
        pairs = []
    headers = [(str(pair[0]), str(pair[1])) for pair in pairs if isinstance(pair, list) and len(pair) == 2]
    if not any(name.lower() == "from" for name, _ in headers) and fields.get("from"):
        headers.insert(0, ("From", fields["from"]))
    if not headers:
        raise Problem("not-an-email", "neither body-mime nor message-headers: point the Mailgun route at "
                      "/v1/inbound/mailgun/mime so the raw message is posted")
    return rebuild_message(headers, text=fields.get("body-plain"), html=fields.get("body-html"),
                           attachments=attachments)


def postmark_message(data: Any) -> bytes:
    if not isinstance(data, dict):
        raise Problem("invalid-request", "expected Postmark's inbound JSON object")
    if isinstance(data.get("RawEmail"), str) and data["RawEmail"].strip():
        return data["RawEmail"].encode("utf-8", errors="replace")
    headers = _postmark_addresses(data)
    for item in data.get("Headers") or []:
        if isinstance(item, dict) and "Name" in item and "Value" in item:
            headers.append((str(item["Name"]), str(item["Value"])))
    if not headers:
        raise Problem("not-an-email", "Postmark JSON without From, Headers or RawEmail")
    return rebuild_message(headers, text=_str(data.get("TextBody")), html=_str(data.get("HtmlBody")),
                           attachments=_postmark_attachments(data.get("Attachments")))


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


def sendgrid_message(fields: Mapping[str, str], attachments: list[Part]) -> bytes:
    if fields.get("email"):
        return fields["email"].encode("utf-8", errors="replace")
    if not fields.get("headers"):
        raise Problem("not-an-email", "no `email` field: enable \"POST the raw, full MIME message\" in the "
                      "SendGrid Inbound Parse settings")
    parsed = email.parser.HeaderParser(policy=email.policy.compat32).parsestr(fields["headers"])
    headers = [(name, str(value)) for name, value in parsed.items()]
    return rebuild_message(headers, text=fields.get("text"), html=fields.get("html"), attachments=attachments)


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None
