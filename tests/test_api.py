"""The HTTP API through its real app and lifespan; the model is mocked at the HTTP layer with respx."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import httpx
import pytest
import respx
from respx import MockRouter

from tests.api_support import (
    TODAY,
    TOKEN,
    HeldModel,
    email_bytes,
    make_app,
    make_settings,
    model_route,
    poll,
    running,
)

RAW = {"content-type": "message/rfc822"}
PROBLEM = "application/problem+json"
JSON = {"content-type": "application/json"}


@pytest.fixture
def model():
    with respx.mock(assert_all_called=False) as router:
        yield router


def assert_problem(response: httpx.Response, status: int, slug: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert body["type"] == f"urn:drafter:problem:{slug}"
    assert body["status"] == status and body["title"]
    assert "Traceback" not in response.text
    return body


# -- drafting ------------------------------------------------------------------------------------


async def test_sync_draft_returns_201_with_the_draft(tmp_path: Path, model: MockRouter) -> None:
    route = model_route(model)
    async with running(make_app(make_settings(tmp_path))) as client:
        response = await client.post("/v1/drafts", params={"today": TODAY.isoformat()}, content=email_bytes(),
                                     headers=RAW)
    assert response.status_code == 201, response.text
    data = response.json()
    assert response.headers["location"] == f"/v1/drafts/{data['id']}"
    assert data["status"] == "ready" and data["verdict"]["passed"] is True
    assert data["source"] == "<order-1@customer.example>"
    assert data["follow_up_date"] == "2026-11-25"  # two business days after Monday 23 November
    assert "Wednesday, 25 November 2026" in data["body"]
    assert set(data["sections"]) == {"thank", "empathise", "paraphrase", "apologise", "timeline", "surprise"}
    assert "In-Reply-To: <order-1@customer.example>" in data["message"]
    assert route.call_count == 1


async def test_json_body_with_today(tmp_path: Path, model: MockRouter) -> None:
    model_route(model)
    async with running(make_app(make_settings(tmp_path))) as client:
        response = await client.post("/v1/drafts", json={"raw": email_bytes().decode(),
                                                          "today": "2026-11-27"})
    assert response.status_code == 201, response.text
    assert response.json()["today"] == "2026-11-27"
    assert response.json()["follow_up_date"] == "2026-12-01"  # Friday + 2 business days


async def test_same_message_id_returns_the_same_job_without_a_second_model_call(
        tmp_path: Path, model: MockRouter) -> None:
    route = model_route(model)
    async with running(make_app(make_settings(tmp_path))) as client:
        first = await client.post("/v1/drafts?today=2026-11-23", content=email_bytes(), headers=RAW)
        # the same email again, with an extra trace header a relay added: still the same Message-ID
        again = await client.post("/v1/drafts?today=2026-11-23", headers=RAW,
                                  content=b"Received: from relay.example\n" + email_bytes())
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"]
    assert again.json()["body"] == first.json()["body"]
    assert again.headers["idempotent-replayed"] == "true"
    assert route.call_count == 1


async def test_ten_concurrent_duplicates_make_one_model_call(tmp_path: Path, model: MockRouter) -> None:
    route = model_route(model, delay=0.2)
    async with running(make_app(make_settings(tmp_path))) as client:
        responses = await asyncio.gather(*(
            client.post("/v1/drafts?today=2026-11-23", content=email_bytes(), headers=RAW)
            for _ in range(10)))
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200] * 9 + [201]
    assert len({r.json()["id"] for r in responses}) == 1
    assert {r.json()["status"] for r in responses} == {"ready"}
    assert len({r.json()["body"] for r in responses}) == 1
    assert route.call_count == 1


async def test_idempotency_key_header_wins_and_refuses_a_different_body(
        tmp_path: Path, model: MockRouter) -> None:
    route = model_route(model)
    async with running(make_app(make_settings(tmp_path))) as client:
        first = await client.post("/v1/drafts?today=2026-11-23", content=email_bytes(), headers={**RAW,
                                  "Idempotency-Key": "k-1"})
        # a new key for the same email is a new request: the caller asked for a fresh draft
        fresh = await client.post("/v1/drafts?today=2026-11-23", content=email_bytes(), headers={**RAW,
                                  "Idempotency-Key": "k-2"})
        replay = await client.post("/v1/drafts?today=2026-11-23", content=email_bytes(), headers={**RAW,
                                   "Idempotency-Key": "k-1"})
        reused = await client.post("/v1/drafts?today=2026-11-23", headers={**RAW, "Idempotency-Key": "k-1"},
                                   content=email_bytes("<other@customer.example>"))
        bad = await client.post("/v1/drafts?today=2026-11-23", content=email_bytes(), headers={**RAW,
                                "Idempotency-Key": "has space"})
    assert (first.status_code, fresh.status_code, replay.status_code) == (201, 201, 200)
    assert replay.json()["id"] == first.json()["id"] != fresh.json()["id"]
    assert_problem(reused, 422, "idempotency-key-reused")
    assert_problem(bad, 422, "invalid-request")
    assert route.call_count == 2


async def test_respond_async_stores_then_answers_202(tmp_path: Path, model: MockRouter) -> None:
    route = model_route(model, delay=0.1)
    async with running(make_app(make_settings(tmp_path))) as client:
        accepted = await client.post("/v1/drafts?today=2026-11-23", content=email_bytes(),
                                     headers={**RAW, "Prefer": "respond-async"})
        assert accepted.status_code == 202, accepted.text
        assert accepted.headers["preference-applied"] == "respond-async"
        job = accepted.json()
        assert accepted.headers["location"] == f"/v1/drafts/{job['id']}"
        assert job["status"] in ("queued", "drafting") and job["body"] is None
        finished = await poll(client, job["id"])
        again = await client.post("/v1/drafts?today=2026-11-23", content=email_bytes(),
                                  headers={**RAW, "Prefer": "respond-async"})
    assert finished["status"] == "ready" and finished["body"]
    assert again.status_code == 200 and again.json()["id"] == job["id"]
    assert route.call_count == 1


async def test_sync_wait_that_runs_out_answers_202_and_the_job_still_finishes(
        tmp_path: Path, model: MockRouter) -> None:
    model_route(model, delay=0.3)
    async with running(make_app(make_settings(tmp_path))) as client:
        response = await client.post("/v1/drafts?today=2026-11-23", content=email_bytes(),
                                     headers={**RAW, "Prefer": "wait=0.05"})
        assert response.status_code == 202
        assert "preference-applied" not in response.headers
        assert (await poll(client, response.json()["id"]))["status"] == "ready"


async def test_automated_mail_is_skipped_without_a_model_call(tmp_path: Path, model: MockRouter) -> None:
    route = model_route(model)
    async with running(make_app(make_settings(tmp_path))) as client:
        response = await client.post("/v1/drafts?today=2026-11-23", headers=RAW,
                                     content=email_bytes(extra="Auto-Submitted: auto-replied"))
    assert response.status_code == 201
    assert response.json()["status"] == "skipped" and "automated" in response.json()["reason"]
    assert route.call_count == 0


async def test_unreachable_model_without_fallback_is_a_failed_job(tmp_path: Path, model: MockRouter) -> None:
    model.post("http://llm.test/v1/chat/completions").mock(return_value=httpx.Response(503))
    settings = make_settings(tmp_path, DRAFTER_MODEL__FALLBACK_OFFLINE="false")
    async with running(make_app(settings)) as client:
        response = await client.post("/v1/drafts?today=2026-11-23", content=email_bytes(), headers=RAW)
    assert response.status_code == 201
    assert response.json()["status"] == "failed"
    assert "503" in response.json()["reason"]


async def test_get_unknown_job_is_404(tmp_path: Path) -> None:
    async with running(make_app(make_settings(tmp_path))) as client:
        assert_problem(await client.get("/v1/drafts/nope"), 404, "not-found")
        assert_problem(await client.get("/v1/nothing-here"), 404, "not-found")
        assert_problem(await client.delete("/v1/drafts/nope"), 405, "method-not-allowed")


# -- bad input -----------------------------------------------------------------------------------


@pytest.mark.parametrize("body", [b"", b"\x00\x01\x02binary\xff" * 20, b"just some words, no headers at all"])
async def test_not_an_email_is_422(tmp_path: Path, body: bytes) -> None:
    async with running(make_app(make_settings(tmp_path))) as client:
        response = await client.post("/v1/drafts?today=2026-11-23", content=body, headers=RAW)
    assert_problem(response, 422, "not-an-email")


async def test_email_without_sender_is_422(tmp_path: Path) -> None:
    raw = b"To: support@example.com\nSubject: hi\nMessage-ID: <x@y>\n\nno sender here\n"
    async with running(make_app(make_settings(tmp_path))) as client:
        body = assert_problem(await client.post("/v1/drafts", content=raw, headers=RAW), 422, "not-an-email")
    assert "sender" in body["detail"]


async def test_malformed_json_is_400_and_wrong_shape_is_422(tmp_path: Path) -> None:
    async with running(make_app(make_settings(tmp_path))) as client:
        broken = await client.post("/v1/drafts", content=b'{"raw": ', headers=JSON)
        shape = await client.post("/v1/drafts", json={"raw": 42})
        extra = await client.post("/v1/drafts", json={"raw": "x", "sender": "y"})
        bad_day = await client.post("/v1/drafts", json={"raw": "x", "today": "tomorrow"})
        bad_query = await client.post("/v1/drafts?today=23.11.2026", content=email_bytes(), headers=RAW)
    assert_problem(broken, 400, "malformed-request")
    assert assert_problem(shape, 422, "invalid-request")["errors"][0]["loc"] == ["raw"]
    assert_problem(extra, 422, "invalid-request")
    assert_problem(bad_day, 422, "invalid-request")
    assert_problem(bad_query, 422, "invalid-request")


async def test_lone_surrogate_in_json_is_not_a_crash(tmp_path: Path, model: MockRouter) -> None:
    model_route(model)
    raw = email_bytes().decode().replace("Please help.", "Please help SURROGATE.")
    body = json.dumps({"raw": raw}).replace("SURROGATE", "\\ud800")  # valid JSON, not encodable as UTF-8
    async with running(make_app(make_settings(tmp_path))) as client:
        response = await client.post("/v1/drafts?today=2026-11-23", content=body,
                                     headers={"content-type": "application/json"})
    assert response.status_code == 201, response.text


async def test_wrong_media_type_is_415(tmp_path: Path) -> None:
    async with running(make_app(make_settings(tmp_path))) as client:
        plain = await client.post("/v1/drafts", content=email_bytes(), headers={"content-type": "text/plain"})
        none = await client.post("/v1/drafts", content=email_bytes())
        check = await client.post("/v1/checks", content=b"draft", headers={"content-type": "text/plain"})
    assert_problem(plain, 415, "unsupported-media-type")
    assert plain.headers["accept-post"] == "message/rfc822, application/json"
    assert_problem(none, 415, "unsupported-media-type")
    assert_problem(check, 415, "unsupported-media-type")


async def test_body_over_the_limit_is_413_while_streaming(tmp_path: Path, model: MockRouter) -> None:
    settings = make_settings(tmp_path, DRAFTER_API__MAX_BODY_BYTES="2048")
    sent = 0

    async def endless():  # no Content-Length: the limit must hit while the body streams in
        nonlocal sent
        while True:
            sent += 1024
            yield b"x" * 1024

    async with running(make_app(settings)) as client:
        declared = await client.post("/v1/drafts", content=b"x" * 4096, headers=RAW)
        streamed = await client.post("/v1/drafts", content=endless(), headers=RAW)
    assert_problem(declared, 413, "body-too-large")
    assert_problem(streamed, 413, "body-too-large")
    assert sent <= 4 * 1024


async def test_unexpected_error_is_a_detail_free_500(tmp_path: Path,
                                                     caplog: pytest.LogCaptureFixture) -> None:
    app = make_app(make_settings(tmp_path))

    @app.get("/boom")
    async def boom() -> None:
        raise RuntimeError("secret internals")

    async with running(app) as client:
        response = await client.get("/boom")
    body = assert_problem(response, 500, "internal-error")
    assert "secret internals" not in response.text and "RuntimeError" not in json.dumps(body)
    assert "secret internals" in caplog.text  # logged for the operator


# -- auth ----------------------------------------------------------------------------------------


async def test_bearer_token_is_required_when_configured(tmp_path: Path, model: MockRouter,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    model_route(model)
    caplog.set_level("DEBUG")
    app = make_app(make_settings(tmp_path, DRAFTER_API_TOKEN=TOKEN))
    async with running(app) as anonymous:
        missing = await anonymous.post("/v1/drafts", content=email_bytes(), headers=RAW)
        wrong = await anonymous.post("/v1/drafts", content=email_bytes(),
                                     headers={**RAW, "Authorization": "Bearer not-it"})
        basic = await anonymous.get("/v1/drafts/x", headers={"Authorization": "Basic Zm9vOmJhcg=="})
        metrics = await anonymous.get("/metrics")
        health = await anonymous.get("/healthz")
        ok = await anonymous.post("/v1/drafts?today=2026-11-23", content=email_bytes(),
                                  headers={**RAW, "Authorization": f"Bearer {TOKEN}"})
    assert_problem(missing, 401, "unauthorized")
    assert missing.headers["www-authenticate"].startswith("Bearer")
    assert_problem(wrong, 401, "unauthorized")
    assert 'error="invalid_token"' in wrong.headers["www-authenticate"]
    assert_problem(basic, 401, "unauthorized")
    assert_problem(metrics, 401, "unauthorized")
    assert health.status_code == 200
    assert ok.status_code == 201
    assert TOKEN not in caplog.text
    assert "my order A-10234" not in caplog.text  # bodies are not logged


# -- overload ------------------------------------------------------------------------------------


async def test_full_queue_answers_503_with_retry_after(tmp_path: Path, model: MockRouter) -> None:
    held = HeldModel(model)
    settings = make_settings(tmp_path, DRAFTER_API__MAX_IN_FLIGHT="1", DRAFTER_API__MAX_QUEUE="1")
    async with running(make_app(settings, retry_after_seconds=7)) as client:
        async def post(n: int) -> httpx.Response:
            return await client.post("/v1/drafts?today=2026-11-23", content=email_bytes(f"<m{n}@c.example>"),
                                     headers={**RAW, "Prefer": "respond-async"})

        first = await post(1)  # taken by the only worker
        await asyncio.wait_for(held.reached.wait(), 5)
        second = await post(2)  # waits in the queue
        third = await post(3)  # queue full
        sync = await client.post("/v1/drafts?today=2026-11-23", content=email_bytes("<m4@c.example>"),
                                 headers=RAW)
        duplicate = await post(1)  # a duplicate is answered from the store even when full
        held.release.set()
        finished = [await poll(client, r.json()["id"]) for r in (first, second)]
        metrics = (await client.get("/metrics")).text
    assert (first.status_code, second.status_code, duplicate.status_code) == (202, 202, 202)
    for refused in (third, sync):
        assert_problem(refused, 503, "overloaded")
        assert refused.headers["retry-after"] == "7"
    assert [job["status"] for job in finished] == ["ready", "ready"]
    assert "drafter_overloaded_total 2.0" in metrics


# -- checks --------------------------------------------------------------------------------------


async def test_checks_returns_the_verdict(tmp_path: Path) -> None:
    good = ("Dear Jane,\n\nThank you for writing to us.\n\nI understand how frustrating this is.\n\n"
            "Your order has not arrived.\n\nI am sorry we let you down.\n\n"
            "I will write to you again by Wednesday, 25 November 2026.\n\n"
            "We would like to offer you free express shipping on your next order.\n\n"
            "Kind regards,\nSupport\n")
    bad = good.replace("I am sorry we let you down.",
                       "Unfortunately it is our policy not to refund shipping.")
    async with running(make_app(make_settings(tmp_path))) as client:
        passed = await client.post("/v1/checks", json={"draft": good, "today": "2026-11-23",
                                                        "follow_up_date": "2026-11-25"})
        rejected = await client.post("/v1/checks", json={"draft": bad, "today": "2026-11-23"})
        malformed = await client.post("/v1/checks", content=b"{", headers=JSON)
        missing = await client.post("/v1/checks", json={"today": "2026-11-23"})
    assert passed.status_code == 200 and passed.json()["passed"] is True, passed.json()
    assert rejected.status_code == 200 and rejected.json()["passed"] is False
    assert "policy_deflection" in rejected.json()["codes"]
    violation = next(v for v in rejected.json()["violations"] if v["code"] == "policy_deflection")
    assert bad[violation["start"]:violation["end"]] == violation["text"]
    assert_problem(malformed, 400, "malformed-request")
    assert_problem(missing, 422, "invalid-request")


# -- operations ----------------------------------------------------------------------------------


async def test_health_readiness_and_metrics(tmp_path: Path, model: MockRouter) -> None:
    model_route(model)
    async with running(make_app(make_settings(tmp_path))) as client:
        health = await client.get("/healthz")
        ready = await client.get("/readyz")
        await client.post("/v1/drafts?today=2026-11-23", content=email_bytes(), headers=RAW)
        await client.post("/v1/drafts?today=2026-11-23", content=b"", headers=RAW)
        metrics = await client.get("/metrics")
    assert health.json() == {"status": "ok"}
    assert ready.status_code == 200 and ready.json()["model"] == "openai"
    text = metrics.text
    assert metrics.headers["content-type"].startswith("text/plain")
    assert 'drafter_http_requests_total{method="POST",route="/v1/drafts",status="201"} 1.0' in text
    assert 'drafter_http_requests_total{method="POST",route="/v1/drafts",status="422"} 1.0' in text
    assert 'drafter_drafts_total{status="ready"} 1.0' in text
    assert 'drafter_model_tokens_total{kind="prompt"} 100.0' in text
    assert 'drafter_model_tokens_total{kind="completion"} 50.0' in text
    assert "drafter_model_latency_seconds_count 1.0" in text
    assert "drafter_model_retries_total 0.0" in text
    assert "drafter_queue_depth 0.0" in text and "drafter_jobs_in_flight 0.0" in text


async def test_guardrail_violations_and_retries_are_counted(tmp_path: Path, model: MockRouter) -> None:
    from tests.api_stub_model import completion_for

    calls = 0

    def answer(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        if calls == 1:
            return httpx.Response(500)  # retried by the backend
        payload = json.loads(request.content)
        data = completion_for(payload)
        if calls == 2:  # the first draft hides behind policy; the repair is polite
            sections = json.loads(data["choices"][0]["message"]["content"])
            sections["apologise"] = "Unfortunately it is our policy not to refund shipping costs."
            data["choices"][0]["message"]["content"] = json.dumps(sections)
        return httpx.Response(200, json=data)

    model.post("http://llm.test/v1/chat/completions").mock(side_effect=answer)
    settings = make_settings(tmp_path, DRAFTER_MODEL__MAX_ATTEMPTS="2",
                             DRAFTER_MODEL__MAX_BACKOFF_SECONDS="0.01")
    async with running(make_app(settings)) as client:
        response = await client.post("/v1/drafts?today=2026-11-23", content=email_bytes(), headers=RAW)
        text = (await client.get("/metrics")).text
    assert response.json()["status"] == "ready" and response.json()["attempts"] == 2
    assert 'drafter_guardrail_violations_total{code="policy_deflection"} 1.0' in text
    assert "drafter_model_retries_total 1.0" in text
    assert "drafter_model_calls_total 2.0" in text


async def test_readyz_without_a_model_is_503(tmp_path: Path) -> None:
    # issue 15: only a backend that cannot draft is "not ready"; `auto` without a key drafts offline (200)
    settings = make_settings(tmp_path, OPENAI_BASE_URL="", OPENAI_API_KEY="", DRAFTER_MODEL__BACKEND="openai")
    async with running(make_app(settings)) as client:
        response = await client.get("/readyz")
    assert "OPENAI_API_KEY" in assert_problem(response, 503, "not-ready")["detail"]
    assert response.headers["retry-after"]


async def test_readyz_when_the_store_is_not_writable(tmp_path: Path) -> None:
    app = make_app(make_settings(tmp_path))
    async with running(app) as client:
        store = app.state.services.store
        # what a read-only disk looks like to SQLite
        await store._run(lambda: store.db.execute("PRAGMA query_only = ON"))
        response = await client.get("/readyz")
    assert "not writable" in assert_problem(response, 503, "not-ready")["detail"]


async def test_openapi_describes_every_endpoint(tmp_path: Path) -> None:
    async with running(make_app(make_settings(tmp_path))) as client:
        schema = (await client.get("/openapi.json")).json()
    paths = schema["paths"]
    expected = {"/v1/drafts": "post", "/v1/drafts/{job_id}": "get", "/v1/checks": "post",
                "/v1/inbound/mailgun": "post", "/v1/inbound/mailgun/mime": "post",
                "/v1/inbound/postmark": "post", "/v1/inbound/sendgrid": "post", "/healthz": "get",
                "/readyz": "get", "/metrics": "get"}
    for path, method in expected.items():
        assert method in paths[path], path
    drafts = paths["/v1/drafts"]["post"]
    assert set(drafts["requestBody"]["content"]) == {"message/rfc822", "application/json"}
    assert {"200", "201", "202", "400", "401", "413", "415", "422", "503"} <= set(drafts["responses"])
    assert set(drafts["responses"]["422"]["content"]) == {PROBLEM}
    assert "DraftRequest" in schema["components"]["schemas"]
    assert "HTTPValidationError" not in schema["components"]["schemas"]
    for path in paths.values():  # every error is documented as a problem
        for operation in path.values():
            for status, response in operation["responses"].items():
                if status[0] in "45":
                    assert set(response["content"]) == {PROBLEM}, (status, operation["operationId"])
