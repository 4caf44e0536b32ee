"""Every path of the model call, against the real openai SDK with the HTTP layer mocked by respx."""

from __future__ import annotations

import json

import httpx
import pytest
import respx

from drafter.model import (
    SECTION_NAMES,
    ModelRequest,
    OpenAIBackend,
    Recorder,
    ReplayBackend,
    build_payload,
    make_backend,
    request_key,
    retry_after_seconds,
)
from drafter_core.errors import ModelOutputError, ModelRejected, ModelUnavailable, RecordingMissing
from tests.factories import BASE_URL, GOOD_SECTIONS, complaint, completion, plan, settings

MESSAGES = [{"role": "system", "content": "be kind"}, {"role": "user", "content": "help"}]


class Sleeps:
    """Records the waits tenacity asks for, instead of sleeping."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def backend(sleeps: Sleeps | None = None, **env: str) -> OpenAIBackend:
    return OpenAIBackend(settings(**env).model, http_client=httpx.AsyncClient(), sleep=sleeps or Sleeps())


def request() -> ModelRequest:
    return ModelRequest(MESSAGES, complaint(), plan())


@respx.mock(base_url=BASE_URL)
async def test_success_reads_sections_usage_and_sends_strict_schema(respx_mock: respx.MockRouter) -> None:
    route = respx_mock.post("/chat/completions").respond(200, json=completion(GOOD_SECTIONS))
    answer = await backend().complete(request())
    assert answer.sections.timeline == GOOD_SECTIONS["timeline"]
    assert (answer.usage.prompt_tokens, answer.usage.completion_tokens, answer.usage.model_calls) == (120, 80, 1)
    assert answer.usage.latency_ms > 0
    sent = json.loads(route.calls.last.request.content)
    schema = sent["response_format"]["json_schema"]
    assert sent["response_format"]["type"] == "json_schema" and schema["strict"] is True
    assert list(schema["schema"]["properties"]) == list(SECTION_NAMES)
    assert schema["schema"]["additionalProperties"] is False
    assert route.calls.last.request.headers["authorization"] == "Bearer test-key"


@respx.mock(base_url=BASE_URL)
async def test_429_honours_retry_after(respx_mock: respx.MockRouter) -> None:
    respx_mock.post("/chat/completions").mock(side_effect=[
        httpx.Response(429, headers={"Retry-After": "7"}, json={"error": {"message": "slow down"}}),
        httpx.Response(200, json=completion(GOOD_SECTIONS)),
    ])
    sleeps = Sleeps()
    answer = await backend(sleeps).complete(request())
    assert sleeps.waits == [7.0]
    assert answer.usage.retries == 1


@respx.mock(base_url=BASE_URL)
async def test_429_without_retry_after_backs_off_exponentially(respx_mock: respx.MockRouter) -> None:
    respx_mock.post("/chat/completions").mock(side_effect=[
        httpx.Response(429, json={"error": {"message": "slow down"}}),
        httpx.Response(429, json={"error": {"message": "slow down"}}),
        httpx.Response(200, json=completion(GOOD_SECTIONS)),
    ])
    sleeps = Sleeps()
    await backend(sleeps).complete(request())
    assert len(sleeps.waits) == 2
    assert 0.5 <= sleeps.waits[0] <= 1.0 and 1.0 <= sleeps.waits[1] <= 1.5  # 0.5·2ⁿ plus up to 0.5 s jitter


@pytest.mark.parametrize("status", [500, 502, 503])
@respx.mock(base_url=BASE_URL)
async def test_5xx_is_retried(respx_mock: respx.MockRouter, status: int) -> None:
    route = respx_mock.post("/chat/completions").mock(side_effect=[
        httpx.Response(status, json={"error": {"message": "oops"}}),
        httpx.Response(200, json=completion(GOOD_SECTIONS)),
    ])
    answer = await backend().complete(request())
    assert route.call_count == 2 and answer.usage.retries == 1


@pytest.mark.parametrize("status", [400, 401, 403, 404])
@respx.mock(base_url=BASE_URL)
async def test_client_errors_are_not_retried(respx_mock: respx.MockRouter, status: int) -> None:
    route = respx_mock.post("/chat/completions").respond(status, json={"error": {"message": "no"}})
    with pytest.raises(ModelRejected, match=f"HTTP {status}"):
        await backend().complete(request())
    assert route.call_count == 1


@pytest.mark.parametrize("error", [httpx.ReadTimeout("slow"), httpx.ConnectError("refused"),
                                   httpx.RemoteProtocolError("connection reset")])
@respx.mock(base_url=BASE_URL)
async def test_transport_failures_are_retried_then_succeed(respx_mock: respx.MockRouter, error: Exception) -> None:
    ok = httpx.Response(200, json=completion(GOOD_SECTIONS))
    route = respx_mock.post("/chat/completions").mock(side_effect=[error, ok])
    answer = await backend().complete(request())
    assert route.call_count == 2 and answer.sections.thank


@respx.mock(base_url=BASE_URL)
async def test_persistent_failure_raises_model_unavailable_after_max_attempts(respx_mock: respx.MockRouter) -> None:
    route = respx_mock.post("/chat/completions").mock(side_effect=httpx.ReadTimeout("slow"))
    sleeps = Sleeps()
    with pytest.raises(ModelUnavailable, match="unreachable after 3 attempts"):
        await backend(sleeps, DRAFTER_MODEL__MAX_ATTEMPTS="3").complete(request())
    assert route.call_count == 3 and len(sleeps.waits) == 2


@respx.mock(base_url=BASE_URL)
async def test_server_rejecting_json_schema_steps_down_to_json_mode(respx_mock: respx.MockRouter) -> None:
    route = respx_mock.post("/chat/completions").mock(side_effect=[
        httpx.Response(400, json={"error": {"message": "response_format json_schema is not supported"}}),
        httpx.Response(200, json=completion(GOOD_SECTIONS)),
        httpx.Response(200, json=completion(GOOD_SECTIONS)),
    ])
    model = backend()
    await model.complete(request())
    await model.complete(request())
    kinds = [json.loads(call.request.content)["response_format"]["type"] for call in route.calls]
    assert kinds == ["json_schema", "json_object", "json_object"]  # remembered for the endpoint


@pytest.mark.parametrize(("answer", "reason"), [
    (completion("this is not json"), "not valid JSON"),
    (completion('{"thank": "hi"'), "not valid JSON"),
    (completion(GOOD_SECTIONS, finish_reason="length"), "cut off"),
    (completion(None, refusal="I can't help with that."), "refused"),
    (completion({k: v for k, v in GOOD_SECTIONS.items() if k != "surprise"}), "missing or empty section"),
    (completion({**GOOD_SECTIONS, "apologise": "  "}), "apologise"),
    (completion('["a list"]'), "not an object"),
    ({**completion(GOOD_SECTIONS), "choices": []}, "no choices"),
])
@respx.mock(base_url=BASE_URL)
async def test_unusable_answers_raise_a_clear_output_error(respx_mock: respx.MockRouter, answer: dict,
                                                           reason: str) -> None:
    respx_mock.post("/chat/completions").respond(200, json=answer)
    with pytest.raises(ModelOutputError, match=reason) as caught:
        await backend().complete(request())
    assert caught.value.usage.model_calls == 1  # the tokens spent are still counted


def test_retry_after_accepts_seconds_and_http_dates() -> None:
    assert retry_after_seconds("3") == 3.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


@respx.mock(base_url=BASE_URL, assert_all_called=False)
async def test_recorded_answers_replay_without_network(respx_mock: respx.MockRouter, tmp_path) -> None:
    respx_mock.post("/chat/completions").respond(200, json=completion(GOOD_SECTIONS))
    config = settings()
    recorder = Recorder(tmp_path, {"made_with": "respx"})
    live = OpenAIBackend(config.model, http_client=httpx.AsyncClient(), recorder=recorder)
    recorded = await live.complete(request())
    respx_mock.reset()

    replayed = await ReplayBackend(config.model, tmp_path).complete(request())
    assert replayed.sections == recorded.sections and respx_mock.calls.call_count == 0
    key = request_key(build_payload(config.model, MESSAGES, "json_schema"))
    record = json.loads((tmp_path / f"{key}.json").read_text())
    assert record["meta"] == {"made_with": "respx"} and record["request"]["messages"] == MESSAGES

    changed = ModelRequest([*MESSAGES[:1], {"role": "user", "content": "help!"}], complaint(), plan())
    with pytest.raises(RecordingMissing) as missing:
        await ReplayBackend(config.model, tmp_path).complete(changed)
    assert missing.value.key != key


def test_auto_backend_is_offline_without_key_or_server() -> None:
    from drafter_core.settings import load_settings

    assert make_backend(load_settings(env={})).name == "offline"
    assert make_backend(load_settings(env={"OPENAI_API_KEY": "k"})).name == "openai"
    assert make_backend(load_settings(env={"OPENAI_BASE_URL": "http://localhost:1/v1"})).name == "openai"
