"""The whole flow with the model mocked over HTTP: drafting, the repair loop, degraded and failed paths."""

from __future__ import annotations

import email
import email.policy
import json

import httpx
import respx

from drafter.model import OfflineBackend, OpenAIBackend
from drafter.pipeline import draft_reply
from tests.factories import BASE_URL, GOOD_SECTIONS, TODAY, completion, settings

RAW = b"""From: Jane Doe <jane@customer.example>
To: support@example.com
Subject: Where is my order?
Message-ID: <c1@customer.example>
Date: Fri, 20 Nov 2026 09:30:00 +0000
Content-Type: text/plain; charset=utf-8

Hello, my order #A-10234 for $49.99 has still not arrived, although it was due on 2 November.
I have been waiting for weeks and nobody answers my messages. Please tell me what is going on.

Jane
"""

OVER_PROMISE = {**GOOD_SECTIONS, "timeline": GOOD_SECTIONS["timeline"] + " I guarantee this will never happen again."}


def openai_backend(**env: str) -> OpenAIBackend:
    async def no_sleep(_: float) -> None:
        return None

    return OpenAIBackend(settings(**env).model, http_client=httpx.AsyncClient(), sleep=no_sleep)


async def draft(backend, **env: str):
    return await draft_reply(RAW, settings=settings(**env), backend=backend, today=TODAY)


@respx.mock(base_url=BASE_URL)
async def test_clean_first_answer_is_ready(respx_mock: respx.MockRouter) -> None:
    respx_mock.post("/chat/completions").respond(200, json=completion(GOOD_SECTIONS))
    result = await draft(openai_backend())
    assert result.status == "ready" and result.verdict and result.verdict.passed
    assert result.attempts == 1 and result.usage.total_tokens == 200 and result.usage.model_calls == 1
    assert result.plan and result.plan.follow_up_date.isoformat() == "2026-11-25"
    reply = email.message_from_string(result.message or "", policy=email.policy.default)
    assert reply["In-Reply-To"] == "<c1@customer.example>" and result.reply.keywords == ["$drafter_ready"]


@respx.mock(base_url=BASE_URL)
async def test_over_promise_then_clean_passes_after_one_repair(respx_mock: respx.MockRouter) -> None:
    route = respx_mock.post("/chat/completions").mock(side_effect=[
        httpx.Response(200, json=completion(OVER_PROMISE)),
        httpx.Response(200, json=completion(GOOD_SECTIONS)),
    ])
    result = await draft(openai_backend())
    assert result.status == "ready" and result.attempts == 2
    first = result.history[0]
    assert first.verdict and not first.verdict.passed and "over_promise" in first.verdict.codes
    assert result.history[1].kind == "repair" and result.history[1].verdict and result.history[1].verdict.passed
    repair_turn = json.loads(route.calls[1].request.content)["messages"][-1]["content"]
    assert "guarantee" in repair_turn.lower()  # the model is told exactly what to fix
    assert result.usage.model_calls == 2


@respx.mock(base_url=BASE_URL)
async def test_a_model_that_never_complies_yields_needs_review(respx_mock: respx.MockRouter) -> None:
    route = respx_mock.post("/chat/completions").respond(200, json=completion(OVER_PROMISE))
    result = await draft(openai_backend())
    assert route.call_count == 3  # the draft and the default 2 repairs
    assert result.status == "needs_review" and result.verdict and not result.verdict.passed
    assert result.attempts == 3 and all(a.verdict and not a.verdict.passed for a in result.history)
    assert result.reply and result.reply.needs_review and "$drafter_needs_review" in result.reply.keywords
    assert "This draft needs review" in result.reply.note  # said to the agent, beside the draft ...
    assert (result.body or "").startswith("Dear ") and "NEEDS REVIEW" not in (result.message or "")  # ... not in it


@respx.mock(base_url=BASE_URL)
async def test_repairs_are_bounded_by_settings(respx_mock: respx.MockRouter) -> None:
    route = respx_mock.post("/chat/completions").respond(200, json=completion(OVER_PROMISE))
    result = await draft(openai_backend(DRAFTER_MODEL__MAX_REPAIRS="0"), DRAFTER_MODEL__MAX_REPAIRS="0")
    assert route.call_count == 1 and result.status == "needs_review"


@respx.mock(base_url=BASE_URL)
async def test_unusable_answer_counts_as_a_failed_attempt_then_repairs(respx_mock: respx.MockRouter) -> None:
    respx_mock.post("/chat/completions").mock(side_effect=[
        httpx.Response(200, json=completion("Sure! Here is your reply: Dear Jane...")),
        httpx.Response(200, json=completion(GOOD_SECTIONS)),
    ])
    result = await draft(openai_backend())
    assert result.status == "ready" and result.attempts == 2
    assert result.history[0].error and "not valid JSON" in result.history[0].error


@respx.mock(base_url=BASE_URL)
async def test_only_unusable_answers_fail_clearly(respx_mock: respx.MockRouter) -> None:
    respx_mock.post("/chat/completions").respond(200, json=completion(GOOD_SECTIONS, finish_reason="length"))
    result = await draft(openai_backend())
    assert result.status == "failed" and "cut off" in (result.reason or "") and result.message is None


@respx.mock(base_url=BASE_URL)
async def test_unreachable_model_degrades_to_a_marked_offline_draft(respx_mock: respx.MockRouter) -> None:
    respx_mock.post("/chat/completions").respond(503, json={"error": {"message": "overloaded"}})
    result = await draft(openai_backend())
    assert result.degraded and result.backend == "offline" and result.status == "ready"
    assert "offline draft" in (result.reason or "")
    assert result.reply and "$drafter_offline" in result.reply.keywords


@respx.mock(base_url=BASE_URL)
async def test_without_fallback_an_unreachable_model_fails(respx_mock: respx.MockRouter) -> None:
    respx_mock.post("/chat/completions").respond(503, json={"error": {"message": "overloaded"}})
    env = {"DRAFTER_MODEL__FALLBACK_OFFLINE": "false"}
    result = await draft(openai_backend(**env), **env)
    assert result.status == "failed" and "HTTP 503" in (result.reason or "")


@respx.mock(base_url=BASE_URL)
async def test_rejected_request_fails_without_fallback(respx_mock: respx.MockRouter) -> None:
    respx_mock.post("/chat/completions").respond(401, json={"error": {"message": "bad key"}})
    result = await draft(openai_backend())
    assert result.status == "failed" and "OPENAI_API_KEY" in (result.reason or "")


@respx.mock(assert_all_called=False)
async def test_automated_mail_is_skipped_without_a_model_call(respx_mock: respx.MockRouter) -> None:
    route = respx_mock.post(f"{BASE_URL}/chat/completions").respond(200, json=completion(GOOD_SECTIONS))
    auto = RAW.replace(b"Subject:", b"Auto-Submitted: auto-replied\nSubject:")
    result = await draft_reply(auto, settings=settings(), backend=openai_backend(), today=TODAY)
    assert result.status == "skipped" and "auto" in (result.reason or "") and route.call_count == 0


async def test_offline_backend_drafts_a_passing_reply_with_the_computed_date() -> None:
    config = settings()
    result = await draft_reply(RAW, settings=config, backend=OfflineBackend(config), today=TODAY)
    assert result.status == "ready", result.verdict
    assert result.sections and "Wednesday, 25 November 2026" in result.sections.timeline
    assert "A-10234" in result.sections.paraphrase


@respx.mock(base_url=BASE_URL)
async def test_a_draft_is_kept_when_the_model_is_lost_during_repair(respx_mock: respx.MockRouter) -> None:
    respx_mock.post("/chat/completions").mock(side_effect=[
        httpx.Response(200, json=completion(OVER_PROMISE)),
        *[httpx.Response(503, json={"error": {"message": "down"}})] * 4,
    ])
    result = await draft(openai_backend())
    assert result.status == "needs_review" and result.backend == "openai" and not result.degraded
    assert result.sections and "guarantee" in result.sections.timeline
    assert result.attempts == 2 and "HTTP 503" in (result.history[-1].error or "")


@respx.mock(base_url=BASE_URL)
async def test_an_unusable_repair_keeps_the_last_real_draft_for_review(respx_mock: respx.MockRouter) -> None:
    respx_mock.post("/chat/completions").mock(side_effect=[
        httpx.Response(200, json=completion(OVER_PROMISE)),
        httpx.Response(200, json=completion("not json")),
        httpx.Response(200, json=completion(GOOD_SECTIONS, finish_reason="length")),
    ])
    result = await draft(openai_backend())
    assert result.status == "needs_review" and result.attempts == 3
    assert result.verdict and "over_promise" in result.verdict.codes


ANOTHER_STORY = {**GOOD_SECTIONS, "paraphrase": "As I understand it, the agent you spoke to on the phone was rude "
                                                "and hung up on you."}


@respx.mock(base_url=BASE_URL)
async def test_a_paraphrase_of_another_complaint_is_sent_back_and_repaired(respx_mock: respx.MockRouter) -> None:
    route = respx_mock.post("/chat/completions").mock(side_effect=[
        httpx.Response(200, json=completion(ANOTHER_STORY)),
        httpx.Response(200, json=completion(GOOD_SECTIONS)),
    ])
    result = await draft(openai_backend())
    assert result.status == "ready" and result.attempts == 2
    first = result.history[0].verdict
    assert first and first.codes == ["paraphrase_unrelated"]
    [violation] = first.violations
    assert violation.text == ANOTHER_STORY["paraphrase"]  # the whole paraphrase: nothing of it is the customer's
    repair_turn = json.loads(route.calls[1].request.content)["messages"][-1]["content"]
    assert "shares nothing with the customer's email" in repair_turn and "Retell what the customer wrote" in repair_turn


@respx.mock(base_url=BASE_URL)
async def test_a_model_that_keeps_telling_another_story_yields_needs_review(respx_mock: respx.MockRouter) -> None:
    respx_mock.post("/chat/completions").respond(200, json=completion(ANOTHER_STORY))
    result = await draft(openai_backend())
    assert result.status == "needs_review" and result.attempts == 3
    assert result.reason == "guardrails still fail after repairs: paraphrase_unrelated"


@respx.mock(base_url=BASE_URL)
async def test_the_customers_sum_in_another_role_is_sent_back(respx_mock: respx.MockRouter) -> None:
    spend = RAW.replace(b"Please tell me", b"I have spent $2,400 with you over the years. Please tell me")
    wrong = {**GOOD_SECTIONS, "paraphrase": "Your order A-10234 of $2,400 has not arrived, although you expected "
                                            "it from 2 November."}
    respx_mock.post("/chat/completions").mock(side_effect=[
        httpx.Response(200, json=completion(wrong)), httpx.Response(200, json=completion(GOOD_SECTIONS))])
    result = await draft_reply(spend, settings=settings(), backend=openai_backend(), today=TODAY)
    first = result.history[0].verdict
    assert first and [v.text for v in first.violations] == ["order A-10234 of $2,400"]
    assert result.status == "ready"
