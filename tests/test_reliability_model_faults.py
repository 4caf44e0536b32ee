"""Model faults through the whole pipeline: every one ends retried, flagged or degraded, never raised or lost.

The model is mocked at the HTTP layer (respx) behind the real openai SDK; waits are recorded, not slept.
Unit-level behaviour of the backend itself is in tests/test_model.py; here the question is what
`draft_reply` hands back to the CLI, the API and replay when the model misbehaves.
"""

from __future__ import annotations

import asyncio
import json
import random

import httpx
import pytest
import respx

from drafter.model import OpenAIBackend
from drafter.pipeline import draft_reply
from drafter_core.values import DraftResult
from tests.factories import BASE_URL, GOOD_SECTIONS, TODAY, completion, settings

RAW = b"""From: Jane Doe <jane@customer.example>
To: support@example.com
Subject: Where is my order?
Message-ID: <faults-1@customer.example>
Date: Fri, 20 Nov 2026 09:30:00 +0000
Content-Type: text/plain; charset=utf-8

Hello, my order #A-10234 for $49.99 has still not arrived, although it was due on 2 November.
Nobody answers my messages. Please tell me what is going on.

Jane
"""
FLAGGED = {"failed", "needs_review"}


class Sleeps:
    """The backend's sleep: records each wait instead of waiting."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def backend(sleeps: Sleeps, **env: str) -> OpenAIBackend:
    return OpenAIBackend(settings(**env).model, http_client=httpx.AsyncClient(), sleep=sleeps)


async def draft(sleeps: Sleeps | None = None, raw: bytes = RAW, **env: str) -> DraftResult:
    chosen = backend(sleeps or Sleeps(), **env)
    try:
        return await draft_reply(raw, settings=settings(**env), backend=chosen, today=TODAY)
    finally:
        await chosen.aclose()


def ok() -> httpx.Response:
    return httpx.Response(200, json=completion(GOOD_SECTIONS))


def assert_clean_success(result: DraftResult, *, retries: int) -> None:
    assert result.status == "ready" and not result.degraded and result.backend == "openai"
    assert result.usage.retries == retries and result.message
    assert result.reply and result.reply.keywords == ["$drafter_ready"]  # passed, and not the offline draft


def assert_degraded(result: DraftResult) -> None:
    """The model stayed away: the offline draft, marked as such everywhere a human would look."""
    assert result.degraded and result.backend == "offline"
    assert result.status in {"ready", "needs_review"} and "offline draft" in (result.reason or "")
    assert result.reply and "$drafter_offline" in result.reply.keywords


# -- transport faults: retried, then success -------------------------------------------------------


@respx.mock(base_url=BASE_URL)
async def test_429_with_retry_after_waits_what_the_server_asked(respx_mock: respx.MockRouter) -> None:
    respx_mock.post("/chat/completions").mock(side_effect=[
        httpx.Response(429, headers={"Retry-After": "7"}, json={"error": {"message": "slow down"}}), ok()])
    sleeps = Sleeps()
    assert_clean_success(await draft(sleeps), retries=1)
    assert sleeps.waits == [7.0]


@respx.mock(base_url=BASE_URL)
async def test_429_retry_after_beyond_the_cap_is_capped(respx_mock: respx.MockRouter) -> None:
    respx_mock.post("/chat/completions").mock(side_effect=[
        httpx.Response(429, headers={"Retry-After": "86400"}, json={"error": {"message": "tomorrow"}}), ok()])
    sleeps = Sleeps()
    assert_clean_success(await draft(sleeps, DRAFTER_MODEL__MAX_BACKOFF_SECONDS="5"), retries=1)
    assert sleeps.waits == [5.0]


@respx.mock(base_url=BASE_URL)
async def test_429_without_retry_after_backs_off_within_the_cap(respx_mock: respx.MockRouter) -> None:
    respx_mock.post("/chat/completions").mock(side_effect=[
        httpx.Response(429, json={"error": {"message": "rate limited"}}),
        httpx.Response(429, json={"error": {"message": "rate limited"}}), ok()])
    sleeps = Sleeps()
    assert_clean_success(await draft(sleeps), retries=2)
    assert len(sleeps.waits) == 2 and all(0 < wait <= 20 for wait in sleeps.waits)


@pytest.mark.parametrize("status", [500, 502, 503, 504])
@respx.mock(base_url=BASE_URL)
async def test_a_5xx_then_success_is_retried(respx_mock: respx.MockRouter, status: int) -> None:
    route = respx_mock.post("/chat/completions").mock(side_effect=[
        httpx.Response(status, json={"error": {"message": "upstream trouble"}}), ok()])
    assert_clean_success(await draft(), retries=1)
    assert route.call_count == 2


@pytest.mark.parametrize("fault", [
    httpx.ReadTimeout("read timed out"),
    httpx.ConnectTimeout("connect timed out"),
    httpx.ConnectError("[Errno 111] Connection refused"),
    httpx.ReadError("[Errno 104] Connection reset by peer"),
    httpx.RemoteProtocolError("Server disconnected without sending a response."),
], ids=["read-timeout", "connect-timeout", "refused", "reset", "disconnected"])
@respx.mock(base_url=BASE_URL)
async def test_a_transport_fault_then_success_is_retried(respx_mock: respx.MockRouter,
                                                        fault: Exception) -> None:
    respx_mock.post("/chat/completions").mock(side_effect=[fault, ok()])
    assert_clean_success(await draft(), retries=1)


# -- transport faults that last: the offline draft, degraded, or a clear failure -------------------


@pytest.mark.parametrize("answer", [
    httpx.Response(429, json={"error": {"message": "quota"}}),
    httpx.Response(429, headers={"Retry-After": "3"}, json={"error": {"message": "quota"}}),
    httpx.Response(500, json={"error": {"message": "boom"}}),
    httpx.Response(502, text="<html>Bad Gateway</html>", headers={"content-type": "text/html"}),
    httpx.ReadTimeout("read timed out"),
    httpx.ReadError("[Errno 104] Connection reset by peer"),
], ids=["429", "429-retry-after", "500", "502-html", "timeout", "reset"])
@respx.mock(base_url=BASE_URL)
async def test_a_lasting_fault_degrades_to_the_marked_offline_draft(respx_mock: respx.MockRouter,
                                                                     answer: object) -> None:
    route = respx_mock.post("/chat/completions").mock(side_effect=lambda request: _raise_or(answer))
    sleeps = Sleeps()
    result = await draft(sleeps)
    assert_degraded(result)
    assert route.call_count == 4 and len(sleeps.waits) == 3  # [model] max_attempts, with a wait between


@respx.mock(base_url=BASE_URL)
async def test_a_lasting_fault_without_fallback_fails_clearly(respx_mock: respx.MockRouter) -> None:
    respx_mock.post("/chat/completions").mock(side_effect=httpx.ReadTimeout("read timed out"))
    result = await draft(DRAFTER_MODEL__FALLBACK_OFFLINE="false")
    assert result.status == "failed" and result.message is None and not result.degraded
    assert "unreachable" in (result.reason or "") and "OPENAI_BASE_URL" in (result.reason or "")


def _raise_or(answer: object) -> httpx.Response:
    if isinstance(answer, Exception):
        raise answer
    assert isinstance(answer, httpx.Response)
    return httpx.Response(answer.status_code, headers=answer.headers, content=answer.content)


# -- unusable answers: a failed attempt, repaired, or a clear failure -----------------------------


def without(name: str) -> dict[str, str]:
    return {key: value for key, value in GOOD_SECTIONS.items() if key != name}


UNUSABLE = {
    "content-not-json": completion("Sure! Dear Jane, sorry about your order..."),
    "content-truncated-json": completion(json.dumps(GOOD_SECTIONS)[:120]),
    "content-a-json-list": completion(json.dumps(list(GOOD_SECTIONS.values()))),
    "refusal": completion(None, refusal="I can't help with that."),
    "finish-length": completion(json.dumps(GOOD_SECTIONS)[:200], finish_reason="length"),
    "content-filter": completion(None, finish_reason="content_filter"),
    "missing-section": completion(without("timeline")),
    "empty-section": completion({**GOOD_SECTIONS, "apologise": "   "}),
    "null-content": completion(None),
    "no-choices": {**completion(GOOD_SECTIONS), "choices": []},
}


@pytest.mark.parametrize("name", list(UNUSABLE))
@respx.mock(base_url=BASE_URL)
async def test_an_unusable_answer_is_a_failed_attempt_then_repaired(respx_mock: respx.MockRouter,
                                                                    name: str) -> None:
    route = respx_mock.post("/chat/completions").mock(side_effect=[
        httpx.Response(200, json=UNUSABLE[name]), ok()])
    result = await draft()
    assert result.status == "ready" and result.attempts == 2 and route.call_count == 2
    first = result.history[0]
    assert first.sections is None and first.error  # the reason is kept with the attempt
    repair_turn = json.loads(route.calls[1].request.content)["messages"][-1]["content"]
    assert "could not be used" in repair_turn  # the model is told why


@pytest.mark.parametrize("name", list(UNUSABLE))
@respx.mock(base_url=BASE_URL)
async def test_only_unusable_answers_fail_clearly_and_keep_every_attempt(respx_mock: respx.MockRouter,
                                                                          name: str) -> None:
    route = respx_mock.post("/chat/completions").respond(200, json=UNUSABLE[name])
    result = await draft()
    assert result.status == "failed" and result.message is None
    assert route.call_count == 3 and result.attempts == 3  # the draft and the default two repairs
    assert result.reason and "no usable draft after 3 attempts" in result.reason
    assert result.usage.model_calls == 3  # tokens and calls are still accounted for


# -- a 200 whose body is not a chat completion at all ---------------------------------------------

NOT_A_COMPLETION = {
    "html-from-a-proxy": httpx.Response(200, text="<html><body>Gateway login</body></html>",
                                        headers={"content-type": "text/html"}),
    "broken-json": httpx.Response(200, content=b'{"id": "x", "choices": [',
                                  headers={"content-type": "application/json"}),
    "empty-body": httpx.Response(200, content=b"", headers={"content-type": "application/json"}),
    "json-list": httpx.Response(200, json=[1, 2, 3]),
}


@pytest.mark.parametrize("name", list(NOT_A_COMPLETION))
@respx.mock(base_url=BASE_URL)
async def test_a_200_that_is_not_a_completion_never_escapes_as_an_exception(respx_mock: respx.MockRouter,
                                                                             name: str) -> None:
    answer = NOT_A_COMPLETION[name]
    respx_mock.post("/chat/completions").mock(side_effect=lambda request: httpx.Response(
        answer.status_code, headers=answer.headers, content=answer.content))
    result = await draft()
    assert result.status in FLAGGED or result.degraded, result.status


# -- many emails, many faults, nothing lost --------------------------------------------------------


def chaos(seed: int) -> object:
    """A seeded mix of every fault above, with successes among them."""
    rng = random.Random(seed)

    def answer(request: httpx.Request) -> httpx.Response:
        roll = rng.random()
        if roll < 0.15:
            raise httpx.ReadTimeout("read timed out")
        if roll < 0.25:
            raise httpx.ReadError("[Errno 104] Connection reset by peer")
        if roll < 0.40:
            return httpx.Response(rng.choice([429, 500, 502, 503]), json={"error": {"message": "busy"}})
        if roll < 0.55:
            return httpx.Response(200, json=UNUSABLE[rng.choice(list(UNUSABLE))])
        return ok()

    return answer


@respx.mock(base_url=BASE_URL)
async def test_forty_concurrent_emails_under_random_faults_each_get_a_result(
        respx_mock: respx.MockRouter) -> None:
    respx_mock.post("/chat/completions").mock(side_effect=chaos(8))
    raws = [RAW.replace(b"<faults-1@", f"<faults-chaos-{n}@".encode()) for n in range(40)]
    config = settings()
    shared = backend(Sleeps())
    try:
        results = await asyncio.gather(*(draft_reply(raw, settings=config, backend=shared, today=TODAY)
                                         for raw in raws), return_exceptions=True)
    finally:
        await shared.aclose()
    assert not [r for r in results if isinstance(r, BaseException)]
    assert len({r.source for r in results}) == 40  # one result per email, none lost or swapped
    statuses = {r.status for r in results}
    assert statuses <= {"ready", "needs_review", "failed"}
    assert "ready" in statuses  # most emails get through despite the faults
    for result in results:
        assert result.status != "ready" or result.message  # a ready draft always has its reply
        assert result.status != "failed" or result.reason  # a failure always says why
