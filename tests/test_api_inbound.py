"""Inbound webhooks as each provider posts them: Mailgun (signed), Postmark (Basic auth), SendGrid (raw)."""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import email
import email.policy
import hashlib
import hmac
import json
from pathlib import Path

import httpx
import pytest
import respx
from respx import MockRouter

from api.inbound import postmark_message, rebuild_message
from tests.api_support import (
    NOW,
    Clock,
    HeldModel,
    email_bytes,
    make_app,
    make_settings,
    model_route,
    poll,
    running,
)

MAILGUN_KEY = "mailgun-signing-key"
POSTMARK_TOKEN = "postmark-secret"
SENDGRID_TOKEN = "sendgrid-secret"
PROVIDERS = {"DRAFTER_API__MAILGUN_SIGNING_KEY": MAILGUN_KEY, "DRAFTER_API__POSTMARK_TOKEN": POSTMARK_TOKEN,
             "DRAFTER_API__SENDGRID_TOKEN": SENDGRID_TOKEN}


@pytest.fixture
def model():
    with respx.mock(assert_all_called=False) as router:
        yield router


def signed(token: str, *, at: dt.datetime = NOW, key: str = MAILGUN_KEY, **fields: str) -> dict[str, str]:
    timestamp = str(int(at.timestamp()))
    signature = hmac.new(key.encode(), f"{timestamp}{token}".encode(), hashlib.sha256).hexdigest()
    return {"timestamp": timestamp, "token": token, "signature": signature, **fields}


def basic(user: str, password: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}


def problem_type(response: httpx.Response) -> str:
    assert response.headers["content-type"] == "application/problem+json", response.text
    return response.json()["type"].rsplit(":", 1)[1]


# -- Mailgun -------------------------------------------------------------------------------------


async def test_mailgun_raw_mime_is_accepted_and_drafted(tmp_path: Path, model: MockRouter) -> None:
    route = model_route(model)
    async with running(make_app(make_settings(tmp_path, **PROVIDERS))) as client:
        response = await client.post("/v1/inbound/mailgun/mime",
                                     data=signed("tok-1", **{"body-mime": email_bytes().decode()}))
        assert response.status_code == 200, response.text
        accepted = response.json()
        job = await poll(client, accepted["id"])
    assert accepted["duplicate"] is False and accepted["status"] in ("queued", "drafting")
    assert job["status"] == "ready" and job["origin"] == "mailgun"
    assert job["source"] == "<order-1@customer.example>"
    assert job["today"] == "2026-11-23"
    assert route.call_count == 1


async def test_mailgun_signature_checks(tmp_path: Path, model: MockRouter) -> None:
    model_route(model)
    clock = Clock()
    mime = {"body-mime": email_bytes().decode()}
    async with running(make_app(make_settings(tmp_path, **PROVIDERS), clock)) as client:
        forged = await client.post("/v1/inbound/mailgun/mime", data=signed("tok-f", key="guessed", **mime))
        unsigned = await client.post("/v1/inbound/mailgun/mime", data=mime)
        stale = await client.post("/v1/inbound/mailgun/mime",
                                  data=signed("tok-s", at=NOW - dt.timedelta(seconds=901), **mime))
        future = await client.post("/v1/inbound/mailgun/mime",
                                   data=signed("tok-u", at=NOW + dt.timedelta(seconds=901), **mime))
        valid = await client.post("/v1/inbound/mailgun/mime", data=signed("tok-v", **mime))
        replayed = await client.post("/v1/inbound/mailgun/mime", data=signed("tok-v", **mime))
        # a replay carrying a different email under a captured token (the signature does not cover the body)
        swapped = await client.post("/v1/inbound/mailgun/mime",
                                    data=signed("tok-v", **{"body-mime": email_bytes("<evil@x").decode()}))
        clock.now = NOW + dt.timedelta(seconds=600)  # inside the window: fresh tokens still pass
        later = await client.post("/v1/inbound/mailgun/mime", data=signed("tok-l", **mime))
        metrics = (await client.get("/metrics")).text
    assert (forged.status_code, problem_type(forged)) == (401, "bad-signature")
    assert (unsigned.status_code, problem_type(unsigned)) == (401, "bad-signature")
    assert (stale.status_code, problem_type(stale)) == (406, "stale-webhook")
    assert (future.status_code, problem_type(future)) == (406, "stale-webhook")
    assert valid.status_code == 200 and valid.json()["duplicate"] is False
    assert (replayed.status_code, problem_type(replayed)) == (406, "replayed-webhook")
    assert (swapped.status_code, problem_type(swapped)) == (406, "replayed-webhook")
    assert later.status_code == 200 and later.json()["duplicate"] is True
    assert 'drafter_webhooks_refused_total{provider="mailgun",reason="bad-signature"} 2.0' in metrics


async def test_replay_tokens_survive_a_restart(tmp_path: Path, model: MockRouter) -> None:
    model_route(model)
    settings = make_settings(tmp_path, **PROVIDERS)
    form = signed("tok-r", **{"body-mime": email_bytes().decode()})
    async with running(make_app(settings)) as client:
        assert (await client.post("/v1/inbound/mailgun/mime", data=form)).status_code == 200
    async with running(make_app(settings)) as client:
        again = await client.post("/v1/inbound/mailgun/mime", data=form)
    assert (again.status_code, problem_type(again)) == (406, "replayed-webhook")


async def test_mailgun_retry_after_503_is_accepted(tmp_path: Path, model: MockRouter) -> None:
    """A token counts as used only once its request was accepted: Mailgun's retry after our 503 gets in."""
    held = HeldModel(model)
    settings = make_settings(tmp_path, DRAFTER_API__MAX_IN_FLIGHT="1", DRAFTER_API__MAX_QUEUE="1",
                             **PROVIDERS)
    async with running(make_app(settings)) as client:
        for n in (1, 2):  # one drafting, one queued: the queue is full
            form = signed(f"tok-{n}", **{"body-mime": email_bytes(f"<busy-{n}@c.example>").decode()})
            assert (await client.post("/v1/inbound/mailgun/mime", data=form)).status_code == 200
            if n == 1:
                await asyncio.wait_for(held.reached.wait(), 5)
        form = signed("tok-3", **{"body-mime": email_bytes("<m3@c.example>").decode()})
        refused = await client.post("/v1/inbound/mailgun/mime", data=form)
        held.release.set()
        while (await client.get("/readyz")).json()["queue_depth"]:
            await asyncio.sleep(0.01)
        retried = await client.post("/v1/inbound/mailgun/mime", data=form)
        job = await poll(client, retried.json()["id"])
    assert refused.status_code == 503 and refused.headers["retry-after"]
    assert retried.status_code == 200 and job["status"] == "ready"


async def test_concurrent_duplicate_webhook_deliveries_make_one_draft(tmp_path: Path,
                                                                       model: MockRouter) -> None:
    route = model_route(model, delay=0.1)
    mime = {"body-mime": email_bytes().decode()}
    async with running(make_app(make_settings(tmp_path, **PROVIDERS))) as client:
        responses = await asyncio.gather(*(
            client.post("/v1/inbound/mailgun/mime", data=signed(f"t{n}", **mime)) for n in range(10)))
        ids = {r.json()["id"] for r in responses}
        job = await poll(client, ids.pop())
    assert [r.status_code for r in responses] == [200] * 10
    assert not ids and sum(not r.json()["duplicate"] for r in responses) == 1
    assert job["status"] == "ready" and route.call_count == 1


async def test_mailgun_parsed_fields_are_rebuilt(tmp_path: Path, model: MockRouter) -> None:
    model_route(model)
    headers = [["From", "Jane Doe <jane@customer.example>"], ["To", "support@example.com"],
               ["Subject", "Broken kettle"], ["Message-Id", "<parsed-1@customer.example>"],
               ["Content-Type", "multipart/mixed; boundary=zzz"]]
    form = signed("tok-p", **{"message-headers": json.dumps(headers), "sender": "jane@customer.example",
                              "body-plain": "My kettle arrived broken.", "attachment-count": "1"})
    files = {"attachment-1": ("photo.jpg", b"\xff\xd8\xff\xe0 jpeg bytes", "image/jpeg")}
    async with running(make_app(make_settings(tmp_path, **PROVIDERS))) as client:
        response = await client.post("/v1/inbound/mailgun", data=form, files=files)
        assert response.status_code == 200, response.text
        job = await poll(client, response.json()["id"])
    assert job["source"] == "<parsed-1@customer.example>" and job["status"] == "ready"
    assert "Re: Broken kettle" in job["message"]


async def test_mailgun_refusals_that_no_retry_can_fix_are_406(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, DRAFTER_API__MAX_BODY_BYTES="4096", **PROVIDERS)
    async with running(make_app(settings)) as client:
        not_email = await client.post("/v1/inbound/mailgun/mime", data=signed("a", **{"body-mime": "hello"}))
        too_big = await client.post("/v1/inbound/mailgun/mime", data=signed("b", **{"body-mime": "x" * 8192}))
    assert (not_email.status_code, problem_type(not_email)) == (406, "not-an-email")
    assert (too_big.status_code, problem_type(too_big)) == (406, "body-too-large")


async def test_adapters_without_a_secret_are_403(tmp_path: Path) -> None:
    async with running(make_app(make_settings(tmp_path))) as client:
        mailgun = await client.post("/v1/inbound/mailgun/mime", data=signed("t", **{"body-mime": "x"}))
        postmark = await client.post("/v1/inbound/postmark", json={"RawEmail": "x"},
                                     headers=basic("postmark", POSTMARK_TOKEN))
        sendgrid = await client.post("/v1/inbound/sendgrid", data={"email": "x"},
                                     headers={"Authorization": f"Bearer {SENDGRID_TOKEN}"})
    for response in (mailgun, postmark, sendgrid):
        assert (response.status_code, problem_type(response)) == (403, "adapter-disabled")
        assert "[api]" in response.json()["detail"]


# -- Postmark ------------------------------------------------------------------------------------


def postmark_json(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "From": "jane@customer.example", "FromName": "Jane Doe",
        "FromFull": {"Email": "jane@customer.example", "Name": "Jane Doe"},
        "To": "support@example.com", "Subject": "Charged twice", "MessageID": "pm-0001",
        "Date": "Fri, 20 Nov 2026 09:30:00 +0000",
        "TextBody": "You charged my card twice for invoice INV-2231. Please fix it.",
        "HtmlBody": "<p>You charged my card twice for invoice INV-2231. Please fix it.</p>",
        "Headers": [{"Name": "Message-ID", "Value": "<pm-msg-1@customer.example>"},
                    {"Name": "In-Reply-To", "Value": "<earlier@example.com>"},
                    {"Name": "References", "Value": "<earlier@example.com>"}],
        "Attachments": [{"Name": "statement.pdf", "Content": base64.b64encode(b"%PDF-1.4 ...").decode(),
                         "ContentType": "application/pdf", "ContentLength": 12}],
    }
    data.update(overrides)
    return data


async def test_postmark_fields_and_raw_email(tmp_path: Path, model: MockRouter) -> None:
    route = model_route(model)
    async with running(make_app(make_settings(tmp_path, **PROVIDERS))) as client:
        rebuilt = await client.post("/v1/inbound/postmark", json=postmark_json(),
                                    headers=basic("postmark", POSTMARK_TOKEN))
        raw = await client.post("/v1/inbound/postmark", headers={"X-Postmark-Token": POSTMARK_TOKEN},
                                json={"RawEmail": email_bytes("<pm-raw@customer.example>").decode()})
        jobs = [await poll(client, r.json()["id"]) for r in (rebuilt, raw)]
    assert rebuilt.status_code == raw.status_code == 200
    assert [j["source"] for j in jobs] == ["<pm-msg-1@customer.example>", "<pm-raw@customer.example>"]
    assert jobs[0]["status"] == "ready" and jobs[0]["origin"] == "postmark"
    assert "References: <earlier@example.com> <pm-msg-1@customer.example>" in jobs[0]["message"]
    assert route.call_count == 2


async def test_postmark_auth_and_permanent_refusals(tmp_path: Path) -> None:
    async with running(make_app(make_settings(tmp_path, **PROVIDERS))) as client:
        anonymous = await client.post("/v1/inbound/postmark", json=postmark_json())
        wrong = await client.post("/v1/inbound/postmark", json=postmark_json(),
                                  headers=basic("postmark", "nope"))
        garbage = await client.post("/v1/inbound/postmark", content=b"{not json", headers={
            **basic("x", POSTMARK_TOKEN), "content-type": "application/json"})
        empty = await client.post("/v1/inbound/postmark", json={}, headers=basic("x", POSTMARK_TOKEN))
    assert (anonymous.status_code, problem_type(anonymous)) == (401, "unauthorized")  # retried by Postmark
    assert (wrong.status_code, problem_type(wrong)) == (401, "unauthorized")
    assert (garbage.status_code, problem_type(garbage)) == (403, "malformed-request")  # 403: Postmark stops
    assert (empty.status_code, problem_type(empty)) == (403, "not-an-email")


async def test_postmark_automated_mail_is_skipped(tmp_path: Path, model: MockRouter) -> None:
    route = model_route(model)
    data = postmark_json(Headers=[{"Name": "Message-ID", "Value": "<ooo@customer.example>"},
                                  {"Name": "Auto-Submitted", "Value": "auto-replied"}])
    async with running(make_app(make_settings(tmp_path, **PROVIDERS))) as client:
        response = await client.post("/v1/inbound/postmark", json=data, headers=basic("pm", POSTMARK_TOKEN))
        job = await poll(client, response.json()["id"])
    assert job["status"] == "skipped" and route.call_count == 0


def test_rebuilt_messages_carry_no_injected_header_lines() -> None:
    data = postmark_json(Subject="Refund\r\nBcc: attacker@evil.example",
                         FromFull={"Email": "jane@customer.example", "Name": "Jane\nTo: x@evil.example"},
                         Headers=[{"Name": "X-Test\r\nBcc", "Value": "attacker@evil.example"},
                                  {"Name": "Message-ID", "Value": "<a@b>\r\nBcc: attacker@evil.example"},
                                  {"Name": "From", "Value": "second-from@evil.example"}])
    message = email.message_from_bytes(postmark_message(data), policy=email.policy.default)
    assert message["Bcc"] is None
    assert message.get_all("From") == ['"Jane To: x@evil.example" <jane@customer.example>']
    assert message["Subject"] == "Refund Bcc: attacker@evil.example"
    assert [part.get_filename() for part in message.iter_attachments()] == ["statement.pdf"]


def test_rebuild_without_bodies_is_still_an_email() -> None:
    raw = rebuild_message([("From", "a@b.example")], text=None, html="<p>hi</p>")
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message.get_content_type() == "text/html" and message["From"] == "a@b.example"


# -- SendGrid ------------------------------------------------------------------------------------


async def test_sendgrid_raw_and_parsed(tmp_path: Path, model: MockRouter) -> None:
    model_route(model)
    parsed_headers = "From: Jane <jane@customer.example>\nTo: support@example.com\nSubject: Late\n" \
                     "Message-ID: <sg-parsed@customer.example>\n"
    async with running(make_app(make_settings(tmp_path, **PROVIDERS))) as client:
        raw = await client.post("/v1/inbound/sendgrid", headers=basic("sendgrid", SENDGRID_TOKEN),
                                data={"email": email_bytes("<sg-raw@customer.example>").decode(),
                                      "envelope": '{"to":["support@example.com"]}'},
                                files={"unused": ("", b"", "application/octet-stream")})
        parsed = await client.post("/v1/inbound/sendgrid",
                                   headers={"Authorization": f"Bearer {SENDGRID_TOKEN}"},
                                   data={"headers": parsed_headers, "text": "Where is my parcel?"},
                                   files={"attachment1": ("a.txt", b"note", "text/plain")})
        jobs = [await poll(client, r.json()["id"]) for r in (raw, parsed)]
    assert raw.status_code == parsed.status_code == 200
    assert [j["source"] for j in jobs] == ["<sg-raw@customer.example>", "<sg-parsed@customer.example>"]
    assert {j["status"] for j in jobs} == {"ready"}


async def test_sendgrid_refusals(tmp_path: Path) -> None:
    async with running(make_app(make_settings(tmp_path, **PROVIDERS))) as client:
        wrong = await client.post("/v1/inbound/sendgrid", data={"email": "x"},
                                  headers=basic("sendgrid", "no"))
        missing = await client.post("/v1/inbound/sendgrid", data={"text": "hi"},
                                    headers=basic("sendgrid", SENDGRID_TOKEN))
        not_email = await client.post("/v1/inbound/sendgrid", data={"email": "\x00\x01"},
                                      headers=basic("sendgrid", SENDGRID_TOKEN))
    assert (wrong.status_code, problem_type(wrong)) == (401, "unauthorized")
    assert (missing.status_code, problem_type(missing)) == (422, "not-an-email")
    assert "raw, full MIME" in missing.json()["detail"]
    assert (not_email.status_code, problem_type(not_email)) == (422, "not-an-email")


async def test_postmark_with_a_non_ascii_address_is_accepted(tmp_path: Path, model: MockRouter) -> None:
    model_route(model)
    data = postmark_json(From="jürgen@bäckerei.example", FromFull={"Email": "jürgen@bäckerei.example",
                                                                  "Name": 'Jürgen "JB" Bäcker'})
    async with running(make_app(make_settings(tmp_path, **PROVIDERS))) as client:
        response = await client.post("/v1/inbound/postmark", json=data, headers=basic("pm", POSTMARK_TOKEN))
        assert response.status_code == 200, response.text
        job = await poll(client, response.json()["id"])
    assert job["status"] == "ready" and job["body"].startswith("Dear Jürgen,")
