"""Every documented form of each provider's inbound webhook is taken, and each failure gets the status
that provider reads right: "do not retry" only for email no retry could make readable (logged at
WARNING, without the body), a retried status for whatever stops drafter itself (issue 15).

The forms are those of /work/shared/notes/integrations.md: Mailgun's raw `body-mime` (as a field or a
file part, `curl -F body-mime=@mail.eml`) and parsed fields with or without `message-headers`;
Postmark's JSON with and without `RawEmail`; SendGrid's raw `email` (field or file part) and parsed
fields with `charsets`. The drafts are made by the offline backend: no model is needed here.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
import logging
import subprocess
import time
import urllib.parse
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from api.bodies import Form, FormPart
from api.inbound import mailgun_message, sendgrid_message
from tests.api_support import TOKEN, email_bytes, make_app, make_settings, poll, running
from tests.test_api_inbound import (
    MAILGUN_KEY,
    POSTMARK_TOKEN,
    PROVIDERS,
    SENDGRID_TOKEN,
    basic,
    postmark_json,
    problem_type,
    signed,
)
from tests.test_api_serve import Server

MAILGUN_URLS = ("/v1/inbound/mailgun/mime", "/v1/inbound/mailgun")
SENDGRID_AUTH = basic("sendgrid", SENDGRID_TOKEN)
POSTMARK_AUTH = basic("postmark", POSTMARK_TOKEN)
FINISHED_OK = ("ready", "needs_review")

# An 8-bit ISO-8859-1 message: its bytes are not UTF-8, so only a byte-exact intake keeps them.
LATIN1 = ("From: Juergen Baecker <juergen@customer.example>\r\nTo: support@example.com\r\n"
          "Subject: Kaputte Lieferung\r\nDate: Fri, 20 Nov 2026 09:30:00 +0000\r\n"
          "Message-ID: <latin1@customer.example>\r\nMIME-Version: 1.0\r\n"
          "Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
          "Guten Tag,\r\n\r\nmeine Bestellung A-77 kam beschädigt an. Bitte um Ersatz.\r\n\r\n"
          "Grüße\r\nJürgen\r\n").encode("iso-8859-1")
SECRET = "SECRET-BODY-MARKER"
# Never readable: nobody to reply to (no From, no Reply-To).
NO_SENDER = (f"To: support@example.com\r\nSubject: Lost order 77\r\nMessage-ID: <nosender@customer.example>\r\n"
             f"\r\n{SECRET}: my order 77 never came.\r\n").encode()


def offline_settings(tmp_path: Path, **env: str) -> Any:
    return make_settings(tmp_path, OPENAI_BASE_URL="", OPENAI_API_KEY="", **PROVIDERS, **env)


def field(name: str, data: bytes) -> tuple[str, tuple[None, bytes]]:
    """A plain multipart field, as `curl -F name=<file` sends it."""
    return name, (None, data)


def file_part(name: str, data: bytes, filename: str = "mail.eml") -> tuple[str, tuple[str, bytes, str]]:
    """A file part, as `curl -F name=@mail.eml` sends it (curl's type for .eml: application/octet-stream)."""
    return name, (filename, data, "application/octet-stream")


def urlencoded(pairs: list[tuple[str, str | bytes]]) -> dict[str, Any]:
    return {"content": urllib.parse.urlencode(pairs).encode(),
            "headers": {"content-type": "application/x-www-form-urlencoded"}}


async def stored_raw(app: FastAPI, job_id: str) -> bytes:
    """The bytes the job store holds for a job: what the drafter parses."""
    store = app.state.services.store
    row = await store._run(lambda: store.db.execute("SELECT raw FROM jobs WHERE id = ?", (job_id,)).fetchone())
    raw: bytes = row[0]
    return raw


async def taken(client: httpx.AsyncClient, response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    job = await poll(client, response.json()["id"])
    assert job["status"] in FINISHED_OK, job
    return job


def parsed(raw: bytes) -> email.message.EmailMessage:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, email.message.EmailMessage)
    return message


# -- Mailgun -------------------------------------------------------------------------------------


def mailgun_raw_forms(raw: bytes) -> dict[str, dict[str, Any]]:
    return {
        "urlencoded field": urlencoded([*signed("t-url").items(), ("body-mime", raw)]),
        "multipart field": {"data": signed("t-field"), "files": [field("body-mime", raw)]},
        "file part (curl -F body-mime=@mail.eml)": {"data": signed("t-file"),
                                                     "files": [file_part("body-mime", raw)]},
    }


@pytest.mark.parametrize("url", MAILGUN_URLS)
@pytest.mark.parametrize("form", list(mailgun_raw_forms(b"")))
async def test_mailgun_raw_message_in_every_form_is_taken_byte_exact(tmp_path: Path, url: str, form: str) -> None:
    app = make_app(offline_settings(tmp_path))
    async with running(app) as client:
        response = await client.post(url, **mailgun_raw_forms(LATIN1)[form])
        job = await taken(client, response)
        raw = await stored_raw(app, job["id"])
    assert raw == LATIN1
    assert job["source"] == "<latin1@customer.example>" and job["origin"] == "mailgun"


async def test_mailgun_parsed_form_without_message_headers_keeps_subject_sender_and_recipient(
        tmp_path: Path) -> None:
    form = signed("t-parsed", **{"from": "Jane Doe <jane@customer.example>", "sender": "jane@customer.example",
                                 "recipient": "support@example.com", "subject": "Broken kettle",
                                 "body-plain": "My kettle (order A-55) arrived broken.",
                                 "stripped-text": "My kettle (order A-55) arrived broken."})
    app = make_app(offline_settings(tmp_path))
    async with running(app) as client:
        job = await taken(client, await client.post("/v1/inbound/mailgun", data=form))
        message = parsed(await stored_raw(app, job["id"]))
    assert (message["From"], message["To"], message["Subject"]) == (
        "Jane Doe <jane@customer.example>", "support@example.com", "Broken kettle")
    assert "Subject: Re: Broken kettle" in job["message"]


async def test_mailgun_message_headers_are_completed_from_the_fields(tmp_path: Path) -> None:
    """message-headers without Subject: the `subject` field fills it; the attachment comes as a file part."""
    headers = [["From", "Jane Doe <jane@customer.example>"], ["Message-Id", "<mh-1@customer.example>"]]
    data = signed("t-mh", **{"message-headers": json.dumps(headers), "subject": "Refund for INV-9",
                             "recipient": "support@example.com", "body-plain": "Please refund invoice INV-9.",
                             "attachment-count": "1"})
    files = [file_part("attachment-1", b"%PDF-1.4 ...", "invoice.pdf")]
    app = make_app(offline_settings(tmp_path))
    async with running(app) as client:
        job = await taken(client, await client.post("/v1/inbound/mailgun/mime", data=data, files=files))
        message = parsed(await stored_raw(app, job["id"]))
    assert job["source"] == "<mh-1@customer.example>"
    assert message["Subject"] == "Refund for INV-9" and message["To"] == "support@example.com"
    assert [part.get_filename() for part in message.iter_attachments()] == ["invoice.pdf"]


# -- Postmark ------------------------------------------------------------------------------------


async def test_postmark_json_with_and_without_raw_email(tmp_path: Path) -> None:
    minimal = {"FromFull": {"Email": "jane@customer.example", "Name": "Jane Doe"}, "To": "support@example.com",
               "Subject": "Charged twice", "TextBody": "You charged my card twice for INV-2231."}
    app = make_app(offline_settings(tmp_path))
    async with running(app) as client:
        raw = await taken(client, await client.post(
            "/v1/inbound/postmark", headers=POSTMARK_AUTH,
            json={"RawEmail": email_bytes("<pm-raw@customer.example>").decode()}))
        full = await taken(client, await client.post("/v1/inbound/postmark", headers=POSTMARK_AUTH,
                                                     json=postmark_json()))
        bare = await taken(client, await client.post("/v1/inbound/postmark", headers=POSTMARK_AUTH,
                                                     json=minimal))
    assert raw["source"] == "<pm-raw@customer.example>" and full["source"] == "<pm-msg-1@customer.example>"
    assert "Subject: Re: Charged twice" in bare["message"]


async def test_postmark_json_that_is_not_utf8_is_still_read(tmp_path: Path) -> None:
    body = json.dumps(postmark_json(Subject="Lieferung", TextBody="Paket A-12 kam besch@digt an.")).encode()
    body = body.replace(b"besch@digt", "beschädigt".encode("iso-8859-1"))
    async with running(make_app(offline_settings(tmp_path))) as client:
        response = await client.post("/v1/inbound/postmark", content=body,
                                     headers={**POSTMARK_AUTH, "content-type": "application/json"})
        await taken(client, response)


# -- SendGrid ------------------------------------------------------------------------------------

SENDGRID_EXTRAS = {"envelope": '{"to":["support@example.com"],"from":"juergen@customer.example"}',
                   "charsets": '{"to":"UTF-8","from":"UTF-8","subject":"UTF-8"}', "dkim": "{@customer.example : pass}",
                   "SPF": "pass"}


@pytest.mark.parametrize("as_file", [False, True], ids=["field", "file part"])
async def test_sendgrid_raw_email_as_field_or_file_part_is_taken_byte_exact(tmp_path: Path,
                                                                            as_file: bool) -> None:
    part = file_part("email", LATIN1, "email.eml") if as_file else field("email", LATIN1)
    app = make_app(offline_settings(tmp_path))
    async with running(app) as client:
        response = await client.post("/v1/inbound/sendgrid", headers=SENDGRID_AUTH, data=SENDGRID_EXTRAS,
                                     files=[part])
        job = await taken(client, response)
        raw = await stored_raw(app, job["id"])
    assert raw == LATIN1 and job["origin"] == "sendgrid"


async def test_sendgrid_parsed_fields_are_decoded_in_their_charsets(tmp_path: Path) -> None:
    headers = ("From: Juergen <juergen@customer.example>\nTo: support@example.com\n"
               "Message-ID: <sg-latin1@customer.example>\n")
    files = [field("headers", headers.encode()), field("subject", "Schaden an Lieferung A-77 – bitte".encode()),
             field("text", "Meine Lieferung A-77 kam beschädigt an. Grüße".encode("iso-8859-1")),
             field("charsets", b'{"headers":"UTF-8","subject":"UTF-8","text":"iso-8859-1"}'),
             file_part("attachment1", b"\xff\xd8\xff\xe0 jpeg", "photo.jpg")]
    app = make_app(offline_settings(tmp_path))
    async with running(app) as client:
        job = await taken(client, await client.post("/v1/inbound/sendgrid", headers=SENDGRID_AUTH, files=files))
        message = parsed(await stored_raw(app, job["id"]))
    assert job["source"] == "<sg-latin1@customer.example>"
    assert message["Subject"] == "Schaden an Lieferung A-77 – bitte"  # completed from the `subject` field
    body = message.get_body(("plain",))
    assert body is not None and "beschädigt an. Grüße" in body.get_content()
    assert [part.get_filename() for part in message.iter_attachments()] == ["photo.jpg"]


async def test_sendgrid_parsed_fields_without_headers_keep_the_subject(tmp_path: Path) -> None:
    data = {"from": "Jane Doe <jane@customer.example>", "to": "support@example.com", "subject": "Late parcel",
            "text": "Where is my parcel A-31?", "charsets": '{"text":"UTF-8"}'}
    async with running(make_app(offline_settings(tmp_path))) as client:
        job = await taken(client, await client.post("/v1/inbound/sendgrid", headers=SENDGRID_AUTH, data=data))
    assert "Subject: Re: Late parcel" in job["message"]


# -- the adapters as pure functions --------------------------------------------------------------


def test_a_raw_message_is_found_as_field_or_file_part() -> None:
    for part in (FormPart("body-mime", LATIN1), FormPart("body-mime", LATIN1, "mail.eml", "message/rfc822")):
        assert mailgun_message(Form((part,), len(LATIN1))) == LATIN1
    for part in (FormPart("email", LATIN1), FormPart("email", LATIN1, "email.eml")):
        assert sendgrid_message(Form((part,), len(LATIN1))) == LATIN1


# -- what each failure answers -------------------------------------------------------------------

# (provider, how the request is made, expected status, expected problem type)
NEVER_READABLE: list[tuple[str, dict[str, Any], int, str]] = [
    ("mailgun", {"data": signed("t-ns"), "files": [file_part("body-mime", NO_SENDER)]}, 406, "not-an-email"),
    ("mailgun", {"content": NO_SENDER, "headers": {"content-type": "message/rfc822"}}, 406,
     "unsupported-media-type"),
    ("mailgun", {"content": b"--x\r\n", "headers": {"content-type": "multipart/form-data"}}, 406,
     "malformed-request"),
    ("postmark", {"json": {"RawEmail": NO_SENDER.decode()}, "headers": POSTMARK_AUTH}, 403, "not-an-email"),
    ("postmark", {"content": b"{not json", "headers": {**POSTMARK_AUTH, "content-type": "application/json"}},
     403, "malformed-request"),
    ("sendgrid", {"files": [file_part("email", NO_SENDER)], "headers": SENDGRID_AUTH}, 422, "not-an-email"),
    ("sendgrid", {"data": {"text": "hi"}, "headers": SENDGRID_AUTH}, 422, "not-an-email"),
]
URL = {"mailgun": "/v1/inbound/mailgun/mime", "postmark": "/v1/inbound/postmark",
       "sendgrid": "/v1/inbound/sendgrid"}


@pytest.mark.parametrize(("provider", "request_args", "status", "slug"), NEVER_READABLE,
                         ids=[f"{p}-{slug}-{n}" for n, (p, _, _, slug) in enumerate(NEVER_READABLE)])
async def test_never_readable_mail_gets_the_do_not_retry_status_and_a_warning(
        tmp_path: Path, caplog: pytest.LogCaptureFixture, provider: str, request_args: dict[str, Any],
        status: int, slug: str) -> None:
    caplog.set_level(logging.INFO, logger="api")
    async with running(make_app(offline_settings(tmp_path))) as client:
        response = await client.post(URL[provider], **request_args)
    assert (response.status_code, problem_type(response)) == (status, slug)
    [warning] = [r for r in caplog.records if r.levelno == logging.WARNING and "webhook" in r.getMessage()]
    line = warning.getMessage()
    assert line.startswith(f"{provider} webhook refused for good with {status} ({slug}:"), line
    assert "-byte request" in line
    if slug == "not-an-email" and "nosender" in str(request_args):  # read: it can be found again
        assert "'<nosender@customer.example>'" in line and "'support@example.com'" in line
        assert f"'Lost order 77', a {len(NO_SENDER)}-byte email in a" in line
    assert SECRET not in caplog.text


async def test_store_unavailable_is_503_for_every_provider(tmp_path: Path,
                                                           caplog: pytest.LogCaptureFixture) -> None:
    app = make_app(offline_settings(tmp_path))
    async with running(app) as client:
        store = app.state.services.store
        await store._run(lambda: store.db.execute("PRAGMA query_only = ON"))  # a read-only disk
        responses = await every_provider(client, "store")
    for response in responses:
        assert (response.status_code, problem_type(response)) == (503, "store-unavailable"), response.text
        assert response.headers["retry-after"]
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING and "webhook" in r.getMessage()]


async def test_a_bug_is_500_for_every_provider_and_logged(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    app = make_app(offline_settings(tmp_path))
    async with running(app) as client:
        await app.state.services.store.close()  # the store gone from under the app: not a state it expects
        responses = await every_provider(client, "bug")
    for response in responses:
        assert (response.status_code, problem_type(response)) == (500, "internal-error"), response.text
        assert "Traceback" not in response.text
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR and "webhook" in r.getMessage()]
    assert [line.split(" ")[0] for line in errors] == ["mailgun", "postmark", "sendgrid"]
    assert all("answered 500 so that" in line and "<bug-" in line for line in errors)


async def test_starting_or_stopping_is_503_for_every_provider(tmp_path: Path) -> None:
    app = make_app(offline_settings(tmp_path))  # its lifespan not (or no longer) running
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://drafter.test") as client:
        responses = await every_provider(client, "idle")
    for response in responses:
        assert (response.status_code, problem_type(response)) == (503, "not-ready")
        assert response.headers["retry-after"]


async def every_provider(client: httpx.AsyncClient, tag: str) -> list[httpx.Response]:
    """The same good email to each provider, each in its raw form."""
    raw = email_bytes(f"<{tag}-1@customer.example>")
    return [
        await client.post(URL["mailgun"], data=signed(f"t-{tag}"), files=[file_part("body-mime", raw)]),
        await client.post(URL["postmark"], json={"RawEmail": raw.decode()}, headers=POSTMARK_AUTH),
        await client.post(URL["sendgrid"], files=[file_part("email", raw)], headers=SENDGRID_AUTH),
    ]


# -- against a real `drafter serve` --------------------------------------------------------------


@pytest.mark.slow
def test_every_form_over_loopback_against_drafter_serve(tmp_path: Path) -> None:
    """multipart file parts as curl -F sends them (httpx, and curl itself when installed)."""
    env = {**serve_env(tmp_path), "DRAFTER_API__MAILGUN_SIGNING_KEY": MAILGUN_KEY,
           "DRAFTER_API__POSTMARK_TOKEN": POSTMARK_TOKEN, "DRAFTER_API__SENDGRID_TOKEN": SENDGRID_TOKEN}
    server = Server(tmp_path, env, tmp_path / "server.log")
    eml = tmp_path / "mail.eml"
    eml.write_bytes(email_bytes("<curl@customer.example>", subject="Sent with curl"))
    try:
        now = dt.datetime.now(dt.UTC)
        with httpx.Client(base_url=server.url, timeout=30) as client:
            accepted = [
                client.post("/v1/inbound/mailgun/mime", data=signed("s-1", at=now),
                            files=[file_part("body-mime", LATIN1)]),
                client.post("/v1/inbound/mailgun", data=signed("s-2", at=now, **{
                    "from": "Jane Doe <jane@customer.example>", "recipient": "support@example.com",
                    "subject": "Parsed at Mailgun", "body-plain": "My order A-66 is late."})),
                client.post("/v1/inbound/postmark", headers=POSTMARK_AUTH,
                            json={"RawEmail": email_bytes("<pm-serve@customer.example>").decode()}),
                client.post("/v1/inbound/postmark", headers=POSTMARK_AUTH, json=postmark_json()),
                client.post("/v1/inbound/sendgrid", headers=SENDGRID_AUTH, data=SENDGRID_EXTRAS,
                            files=[file_part("email", email_bytes("<sg-serve@customer.example>"), "email.eml")]),
            ]
            refused = client.post("/v1/inbound/mailgun/mime", data=signed("s-3", at=now),
                                  files=[file_part("body-mime", NO_SENDER)])
            curl = curl_mailgun(server.url, eml, now)
            if curl is not None:
                accepted.append(curl)
            jobs = [poll_job(client, response) for response in accepted]
    finally:
        server.stop()
    assert [job["status"] in FINISHED_OK for job in jobs] == [True] * len(jobs), jobs
    assert [job["source"] for job in jobs][:1] == ["<latin1@customer.example>"]
    assert "Subject: Re: Parsed at Mailgun" in str(jobs[1]["message"])
    assert (refused.status_code, problem_type(refused)) == (406, "not-an-email")
    log = (tmp_path / "server.log").read_text()
    [warning] = [line for line in log.splitlines() if " WARNING " in line]
    assert "mailgun webhook refused for good with 406" in warning and "'Lost order 77'" in warning
    assert f"a {len(NO_SENDER)}-byte email in a" in warning and SECRET not in log


def serve_env(tmp_path: Path) -> dict[str, str]:
    """A plain `drafter serve`: no model configured (offline drafting), a token, a store in tmp_path."""
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith(("DRAFTER_", "OPENAI_"))}
    env.update({"DRAFTER_API_TOKEN": TOKEN, "DRAFTER_API__STORE_PATH": str(tmp_path / "jobs.db")})
    return env


def curl_mailgun(url: str, eml: Path, now: dt.datetime) -> httpx.Response | None:
    """The issue's own command: `curl -F body-mime=@mail.eml …/v1/inbound/mailgun/mime`."""
    import shutil

    if shutil.which("curl") is None:
        return None
    fields = [arg for name, value in signed("s-curl", at=now).items() for arg in ("-F", f"{name}={value}")]
    result = subprocess.run(["curl", "-sS", "-w", "\n%{http_code}", *fields, "-F", f"body-mime=@{eml}",
                             f"{url}/v1/inbound/mailgun/mime"], capture_output=True, text=True, timeout=30,
                            check=True)
    body, _, status = result.stdout.rpartition("\n")
    return httpx.Response(int(status), content=body.encode(), headers={"content-type": "application/json"})


def poll_job(client: httpx.Client, response: httpx.Response, timeout: float = 20.0) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    deadline = time.monotonic() + timeout
    while True:
        job: dict[str, Any] = client.get(f"/v1/drafts/{response.json()['id']}",
                                         headers={"Authorization": f"Bearer {TOKEN}"}).json()
        if job["status"] in (*FINISHED_OK, "skipped", "failed") or time.monotonic() > deadline:
            return job
        time.sleep(0.05)
