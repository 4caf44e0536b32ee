"""Bad input on every interface: the CLI (real subprocesses), the HTTP API and the inbound webhooks.

Empty, huge, binary, wrong or unknown charsets, malformed MIME, no sender, and header injection:
each gets a documented answer (a draft, or an error that says what is wrong: exit status 2, an
RFC 9457 problem with a 4xx status), never a traceback or a 500. CR/LF smuggled into names,
subjects, addresses and message ids must never reach the headers of the reply we write: every
reply is parsed back and its header lines inspected.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import email
import email.policy
import json
import sys
from collections.abc import AsyncIterator
from email.message import EmailMessage
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from drafter.model import OfflineBackend
from drafter.pipeline import draft_reply
from drafter_core.settings import Settings, load_settings

TODAY = dt.date(2026, 11, 23)
NOW = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)
SENDER = b"From: Jane Doe <jane@customer.example>\r\nTo: support@example.com\r\n"
COMPLAINT = b"My order #A-10234 for $49.99 has not arrived since 2 November. Please help.\r\n"
HUGE_BYTES = 11 * 1024 * 1024  # beyond the API's default 10 MB limit


def mail(*headers: str | bytes, body: bytes = COMPLAINT, sender: bytes = SENDER) -> bytes:
    """An email from Jane with these header lines (str or raw bytes) and body, CRLF throughout."""
    lines = [h if isinstance(h, bytes) else h.encode() for h in headers]
    return sender + b"".join(line + b"\r\n" for line in lines) + b"\r\n" + body


def b64_word(text: str) -> str:
    return f"=?utf-8?b?{base64.b64encode(text.encode()).decode()}?="


NESTED = "".join(f"Content-Type: multipart/mixed; boundary=b{i}\r\n\r\n--b{i}\r\n" for i in range(200))
BAD: dict[str, bytes] = {
    "empty": b"",
    "blank-lines": b"\r\n\r\n  \r\n",
    "png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
    "random-binary": bytes((i * 7919 + 13) % 256 for i in range(4096)),
    "nul-in-headers": b"From: jane@customer.example\x00\r\nSubject: x\r\n\r\nbody",
    "plain-text-not-mail": b"Hello, this is not an email at all, just words.\n",
    "no-sender": mail("Subject: my order", sender=b"To: support@example.com\r\n"),
}
ODD: dict[str, bytes] = {  # not what the RFCs want, but mail as it arrives: a draft is expected
    "utf8-declared-latin1-sent": mail(b"Subject: Caf\xe9", "Content-Type: text/plain; charset=utf-8",
                                      body=b"Ma commande n'est pas arriv\xe9e, 49,99 \x80.\r\n"),
    "unknown-charset": mail("Subject: x", "Content-Type: text/plain; charset=x-klingon"),
    "utf16-declared-ascii-sent": mail("Subject: x", "Content-Type: text/plain; charset=utf-16"),
    "8bit-subject": mail("Subject: Bestellung nicht angekommen \u2013 dringend".encode("cp1252")),
    "multipart-without-boundary": mail("Subject: x", "Content-Type: multipart/mixed",
                                       body=b"--x\r\nContent-Type: text/plain\r\n\r\n" + COMPLAINT
                                       + b"--x--\r\n"),
    "multipart-never-closed": mail("Subject: x", "Content-Type: multipart/mixed; boundary=b",
                                   body=b"--b\r\nContent-Type: text/plain\r\n\r\n" + COMPLAINT),
    "invalid-base64": mail("Subject: x", "Content-Type: text/plain", "Content-Transfer-Encoding: base64",
                           body=b"!!!! not base64 ====\r\n" + COMPLAINT),
    "nested-200-deep": mail("Subject: x", NESTED.encode() + b"Content-Type: text/plain"),
    "bare-cr-line-endings": mail("Subject: x").replace(b"\r\n", b"\r"),
}
ATTACKER = "attacker@evil.example"
HEADER_ATTACKS: dict[str, tuple[str, ...]] = {  # header lines; a From here replaces Jane's
    "subject-q-encoded-crlf": ("Subject: =?utf-8?q?Late=0D=0ABcc=3A_attacker=40evil.example=0D=0A=0D=0Ab?=",),
    "subject-b-encoded-crlf": ("Subject: " + b64_word("Order late\r\nBcc: " + ATTACKER + "\r\nX-Evil: 1"),),
    "subject-bare-cr": (f"Subject: Order late\rBcc: {ATTACKER}",),
    "subject-unicode-separators": ("Subject: =?utf-8?q?Order=E2=80=A8Bcc:_a@evil.example=C2=85X-Evil:_1?=",),
    "from-name-crlf": ("Subject: late", "From: =?utf-8?q?Jane=0D=0ABcc=3A_evil=40evil.example?= "
                                        "<jane@customer.example>"),
    "reply-to-quoted-crlf": ("Subject: late",
                             'Reply-To: "x\\r\\nBcc: y@evil.example" <jane@customer.example>'),
    "reply-to-encoded-crlf": ("Subject: late", "Reply-To: =?utf-8?q?J=0D=0ABcc:_z@evil.example?= "
                                               "<jane@customer.example>"),
    "message-id-crlf": ("Subject: late", "Message-ID: =?utf-8?q?<a@b>=0D=0ABcc:_x@evil.example?="),
    "references-injection": ("Subject: late", "Message-ID: <m1@customer.example>",
                             "References: <r1@x> =?utf-8?q?=0D=0ABcc:_x@evil.example?= <r2@x>",
                             "In-Reply-To: <r2@x>\r\n Bcc: folded@evil.example"),
}
ALLOWED_REPLY_HEADERS = {
    "from", "to", "subject", "date", "message-id", "in-reply-to", "references", "auto-submitted",
    "content-type", "content-transfer-encoding", "mime-version", "x-drafter-verdict", "x-drafter-follow-up",
    "x-drafter-gesture", "x-drafter-violations", "x-drafter-source", "x-drafter-degraded",
}


def header_attack(name: str) -> bytes:
    """A complaint whose headers carry the attack."""
    lines = HEADER_ATTACKS[name]
    own_from = any(line.startswith("From:") for line in lines)
    sender = b"To: support@example.com\r\n" if own_from else SENDER
    return mail(*lines, "Content-Type: text/plain; charset=utf-8", sender=sender)


def assert_clean_reply_headers(message: str) -> None:
    """Only our own header lines, one line each (folds aside), and the reply to the customer alone."""
    head = message.replace("\r\n", "\n").split("\n\n", 1)[0]
    assert "\r" not in head and "\x85" not in head and "\u2028" not in head
    for line in head.split("\n"):
        if line[:1] in (" ", "\t"):
            continue  # a folded continuation of the line before
        name = line.split(":", 1)[0].strip().lower()
        assert name in ALLOWED_REPLY_HEADERS, f"unexpected header line in our reply: {line!r}"
    reply = email.message_from_string(message, policy=email.policy.default)
    assert isinstance(reply, EmailMessage)
    names = {k.lower() for k in reply.keys()}
    assert "bcc" not in names and "x-evil" not in names
    assert [a.addr_spec for a in reply["To"].addresses] == ["jane@customer.example"]
    assert "\n" not in str(reply["Subject"]) and "\r" not in str(reply["Subject"])


# -- the pipeline, directly ------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(HEADER_ATTACKS))
async def test_header_injection_never_reaches_the_reply_headers(name: str) -> None:
    config = load_settings(env={})
    result = await draft_reply(header_attack(name), settings=config, backend=OfflineBackend(config),
                               today=TODAY, now=NOW)
    assert result.message, result
    assert_clean_reply_headers(result.message)


async def test_control_characters_in_the_sender_never_reach_the_reply_headers() -> None:
    config = load_settings(env={})
    sender = b"From: Jane <jane\x1b@customer.example>\r\nTo: support@example.com\r\n"
    raw = mail("Subject: late", sender=sender)
    result = await draft_reply(raw, settings=config, backend=OfflineBackend(config), today=TODAY, now=NOW)
    head = (result.message or "").split("\n\n", 1)[0]
    assert result.status == "failed" or not any(ord(ch) < 32 and ch not in "\r\n\t" for ch in head)


# -- the command line (real subprocesses) -----------------------------------------------------------


async def run_cli(*args: str, cwd: Path) -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "drafter", *args, cwd=cwd, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE, env={"PATH": "/usr/bin:/bin", "HOME": str(cwd)})
    out, err = await asyncio.wait_for(process.communicate(), 120)
    assert process.returncode is not None
    return process.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace")


def no_traceback(stderr: str) -> None:
    assert "Traceback" not in stderr and "Error:" not in stderr.replace("drafter:", ""), stderr[-2000:]


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    for name, data in {**BAD, **ODD}.items():
        (tmp_path / f"{name}.eml").write_bytes(data)
    for name in HEADER_ATTACKS:
        (tmp_path / f"attack-{name}.eml").write_bytes(header_attack(name))
    huge = mail("Subject: huge", body=COMPLAINT * (HUGE_BYTES // len(COMPLAINT)))
    (tmp_path / "huge.eml").write_bytes(huge)
    return tmp_path


async def test_cli_parse_answers_every_input_with_json_or_a_one_line_error(inputs: Path) -> None:
    files = sorted(p.name for p in inputs.glob("*.eml"))
    status, out, err = await run_cli("parse", "--json", *files, cwd=inputs)
    no_traceback(err)
    assert status == 2  # some inputs are not emails
    parsed = {json.loads(line)["file"] for line in out.splitlines()}
    refused = {line.split(":", 2)[1].strip() for line in err.splitlines() if line.startswith("drafter: ")}
    assert parsed | refused == set(files) and not parsed & refused
    assert refused == {f"{name}.eml" for name in BAD if name != "no-sender"}  # no sender still parses
    assert all(line.startswith("drafter: ") for line in err.splitlines())


# Each run imports the whole stack (~1 s), so a few representatives; the pipeline tests above cover the rest.
CLI_DRAFT_INPUTS = ["empty", "png", "no-sender", "unknown-charset", "attack-subject-q-encoded-crlf",
                    "attack-from-name-crlf"]


async def test_cli_draft_exits_with_a_documented_status_and_a_clean_reply(inputs: Path) -> None:
    async def draft(name: str) -> tuple[str, int, str, str]:
        status, out, err = await run_cli("draft", "--backend", "offline", "--today", TODAY.isoformat(),
                                         f"{name}.eml", cwd=inputs)
        return name, status, out, err

    results = []
    for batch in (CLI_DRAFT_INPUTS[i:i + 2] for i in range(0, len(CLI_DRAFT_INPUTS), 2)):  # two cores
        results += await asyncio.gather(*(draft(name) for name in batch))
    for name, status, out, err in results:
        no_traceback(err)
        if name in BAD:
            assert status == 2 and err.startswith(f"drafter: {name}.eml: ") and not out, (name, status, err)
        else:
            assert status in (0, 1), (name, status, err)  # ready, or flagged for review
            assert_clean_reply_headers(out)


async def test_cli_check_never_crashes_on_an_eml(inputs: Path) -> None:
    names = ["empty", "png", "utf8-declared-latin1-sent", "utf16-declared-ascii-sent",
             "multipart-without-boundary", "invalid-base64", "nested-200-deep"]
    files = [f"{name}.eml" for name in names]
    status, _, err = await run_cli("check", "--today", TODAY.isoformat(), *files, cwd=inputs)
    no_traceback(err)
    assert status == 2  # empty and png are refused; the rest are checked


async def test_cli_check_of_an_eml_with_an_unknown_charset_is_not_a_crash(inputs: Path) -> None:
    status, _, err = await run_cli("check", "--today", TODAY.isoformat(), "unknown-charset.eml", cwd=inputs)
    no_traceback(err)
    assert status in (0, 1, 2)


# -- the HTTP API and the webhooks -----------------------------------------------------------------

API_LIMIT = 256 * 1024
SENDGRID_TOKEN = "sendgrid-secret"
POSTMARK_TOKEN = "postmark-secret"


@pytest.fixture
async def api(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    config: Settings = load_settings(env={
        "DRAFTER_API__STORE_PATH": str(tmp_path / "jobs.sqlite3"),
        "DRAFTER_API__MAX_BODY_BYTES": str(API_LIMIT),
        "DRAFTER_API__SENDGRID_TOKEN": SENDGRID_TOKEN, "DRAFTER_API__POSTMARK_TOKEN": POSTMARK_TOKEN})
    app = create_app(config, backend=OfflineBackend(config), clock=lambda: NOW)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://drafter.test",
                                     timeout=60) as client:
            yield client


def assert_problem(response: httpx.Response, *statuses: int) -> None:
    assert response.status_code in statuses, (response.status_code, response.text[:500])
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert {"type", "title", "status", "detail"} <= problem.keys()
    assert problem["status"] == response.status_code
    assert "Traceback" not in response.text


def api_huge() -> bytes:
    return SENDER + b"Subject: huge\r\n\r\n" + COMPLAINT * (2 * API_LIMIT // len(COMPLAINT))


async def test_api_refuses_what_is_not_an_email_with_a_problem(api: httpx.AsyncClient) -> None:
    for data in BAD.values():
        response = await api.post("/v1/drafts", content=data, headers={"Content-Type": "message/rfc822"})
        assert_problem(response, 400, 422)
        as_json = await api.post("/v1/drafts", json={"raw": data.decode("latin-1")})
        assert_problem(as_json, 400, 422)
    huge = await api.post("/v1/drafts", content=api_huge(), headers={"Content-Type": "message/rfc822"})
    assert_problem(huge, 413)


async def test_api_drafts_odd_but_real_mail(api: httpx.AsyncClient) -> None:
    for name, data in ODD.items():
        response = await api.post(f"/v1/drafts?today={TODAY}", content=data,
                                  headers={"Content-Type": "message/rfc822"})
        assert response.status_code == 201, (name, response.text[:500])
        job = response.json()
        assert job["status"] in {"ready", "needs_review"}, (name, job["status"], job.get("reason"))


async def test_api_reply_headers_stay_clean_under_header_injection(api: httpx.AsyncClient) -> None:
    for name in HEADER_ATTACKS:
        response = await api.post(f"/v1/drafts?today={TODAY}", content=header_attack(name),
                                  headers={"Content-Type": "message/rfc822"})
        assert response.status_code == 201, (name, response.text[:500])
        assert_clean_reply_headers(response.json()["message"])


@pytest.mark.parametrize(("body", "content_type"), [
    (b"{not json", "application/json"),
    (b'{"raw": 42}', "application/json"),
    (b'{"raw": "From: a@b.example\\n\\nhi", "today": "tomorrow"}', "application/json"),
    (b'{"raw": "From: a@b.example\\n\\nhi", "extra": 1}', "application/json"),
    (b"[]", "application/json"),
    (b"\xff\xfe\x00garbage", "application/json"),
    (b"From: a@b.example\r\n\r\nhi", "text/plain"),
    (b"From: a@b.example\r\n\r\nhi", "application/octet-stream"),
])
async def test_api_malformed_requests_get_4xx_problems(api: httpx.AsyncClient, body: bytes,
                                                       content_type: str) -> None:
    response = await api.post("/v1/drafts", content=body, headers={"Content-Type": content_type})
    assert_problem(response, 400, 415, 422)


@pytest.mark.parametrize("payload", [
    {"draft": ""}, {"draft": "\x00\x01\x02 binary \ufffd"},
    {"draft": 12}, {}, {"draft": "Dear Jane,\r\n\r\nThanks.", "today": "not-a-date"},
])
async def test_api_checks_answer_a_verdict_or_a_problem(api: httpx.AsyncClient,
                                                        payload: dict[str, object]) -> None:
    response = await api.post("/v1/checks", json=payload)
    if response.status_code == 200:
        verdict = response.json()
        assert isinstance(verdict["passed"], bool)
    else:
        assert_problem(response, 400, 422)
    huge = await api.post("/v1/checks", json={"draft": "word " * API_LIMIT})
    assert_problem(huge, 413)


async def test_webhooks_refuse_bad_mail_with_4xx_never_5xx(api: httpx.AsyncClient) -> None:
    bearer = {"Authorization": f"Bearer {SENDGRID_TOKEN}"}
    for name, data in {**BAD, "huge": api_huge()}.items():
        sendgrid = await api.post("/v1/inbound/sendgrid", headers=bearer,
                                  data={"email": data.decode("latin-1"), "to": "support@example.com"})
        assert 400 <= sendgrid.status_code < 500, (name, sendgrid.status_code, sendgrid.text[:300])
        postmark = await api.post("/v1/inbound/postmark", headers={"X-Postmark-Token": POSTMARK_TOKEN},
                                  json={"RawEmail": data.decode("latin-1")})
        assert 400 <= postmark.status_code < 500, (name, postmark.status_code, postmark.text[:300])
    garbage = [b"{not json", b"[1, 2]", b'{"From": 5, "Headers": "x"}',
               b'{"Attachments": [{"Content": "!!"}]}']
    for body in garbage:
        response = await api.post("/v1/inbound/postmark", content=body, headers={
            "X-Postmark-Token": POSTMARK_TOKEN, "Content-Type": "application/json"})
        assert 400 <= response.status_code < 500, (body, response.status_code, response.text[:300])
    unsigned = await api.post("/v1/inbound/mailgun", data={"body-mime": "From: a@b.example\r\n\r\nhi"})
    assert 400 <= unsigned.status_code < 500


async def test_webhooks_accept_odd_mail_and_attacks_with_clean_replies(api: httpx.AsyncClient) -> None:
    bearer = {"Authorization": f"Bearer {SENDGRID_TOKEN}"}
    ids = []
    for data in [*ODD.values(), *(header_attack(n) for n in HEADER_ATTACKS)]:
        form = {"email": data.decode("utf-8", "replace"), "to": "support@example.com"}
        response = await api.post("/v1/inbound/sendgrid", headers=bearer, data=form)
        assert response.status_code == 200, response.text[:300]
        ids.append(response.json()["id"])
    for job_id in ids:
        for _ in range(200):
            job = (await api.get(f"/v1/drafts/{job_id}")).json()
            if job["status"] not in ("queued", "drafting"):
                break
            await asyncio.sleep(0.02)
        assert job["status"] in {"ready", "needs_review"}, (job_id, job["status"], job.get("reason"))
        if job["message"] is None:  # text the parser cannot reach (200 nested parts): nothing to draft, said why
            assert job["status"] == "needs_review" and "no text of the customer's" in job["reason"]
            continue
        assert_clean_reply_headers(job["message"])
