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
    backend_name,
    build_payload,
    make_backend,
    replay_keys,
    request_key,
    retry_after_seconds,
    unconfigured,
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


# -- structured output: what a server that cannot do json_schema answers (issue 16) ---------------

LLAMA_CPP_500 = {"error": {"message": "Unsupported response_format type: json_schema", "type": "internal_server_error"}}


def sent_formats(route: respx.Route) -> list[dict]:
    return [json.loads(call.request.content)["response_format"] for call in route.calls]


@pytest.mark.parametrize(("status", "body"), [
    (500, LLAMA_CPP_500),                                              # llama-cpp-python's server
    (500, {"detail": "response_format: json_schema is not supported"}),  # a FastAPI server: not in error.message
    (422, {"error": {"message": "json_schema: unknown field"}}),
    (400, {"error": {"message": "Either json_schema or grammar can be set, not both"}}),
])
@respx.mock(base_url=BASE_URL)
async def test_a_server_refusing_json_schema_is_asked_once_in_json_mode_with_the_schema(
        respx_mock: respx.MockRouter, status: int, body: dict) -> None:
    route = respx_mock.post("/chat/completions").mock(side_effect=[
        httpx.Response(status, json=body), httpx.Response(200, json=completion(GOOD_SECTIONS))])
    sleeps = Sleeps()
    answer = await backend(sleeps).complete(request())
    assert [f["type"] for f in sent_formats(route)] == ["json_schema", "json_object"]
    assert sent_formats(route)[1]["schema"]["required"] == list(SECTION_NAMES)  # llama.cpp constrains to it
    assert sleeps.waits == [] and answer.usage.retries == 0  # no transport retry spent on the refusal
    assert answer.sections.thank == GOOD_SECTIONS["thank"]


@respx.mock(base_url=BASE_URL)
async def test_a_500_that_does_not_name_response_format_is_retried_as_before(respx_mock: respx.MockRouter) -> None:
    route = respx_mock.post("/chat/completions").mock(side_effect=[
        httpx.Response(500, json={"error": {"message": "CUDA out of memory"}}),
        httpx.Response(200, json=completion(GOOD_SECTIONS))])
    sleeps = Sleeps()
    answer = await backend(sleeps).complete(request())
    assert [f["type"] for f in sent_formats(route)] == ["json_schema", "json_schema"]
    assert len(sleeps.waits) == 1 and answer.usage.retries == 1


@respx.mock(base_url=BASE_URL)
async def test_a_400_that_does_not_name_response_format_is_rejected_not_stepped_down(
        respx_mock: respx.MockRouter) -> None:
    route = respx_mock.post("/chat/completions").respond(400, json={"error": {"message": "messages: too long"}})
    with pytest.raises(ModelRejected, match="HTTP 400"):
        await backend().complete(request())
    assert route.call_count == 1


@respx.mock(base_url=BASE_URL)
async def test_the_step_down_happens_once_per_run_and_is_logged_once(respx_mock: respx.MockRouter,
                                                                     caplog: pytest.LogCaptureFixture) -> None:
    import asyncio

    async def answer(call: httpx.Request) -> httpx.Response:
        await asyncio.sleep(0.01)  # both first requests are in flight before either is refused
        if json.loads(call.content)["response_format"]["type"] == "json_schema":
            return httpx.Response(500, json=LLAMA_CPP_500)
        return httpx.Response(200, json=completion(GOOD_SECTIONS))

    route = respx_mock.post("/chat/completions").mock(side_effect=answer)
    model = backend()
    with caplog.at_level("WARNING", logger="drafter.model"):
        await asyncio.gather(model.complete(request()), model.complete(request()))
        await model.complete(request())
        await model.complete(request())
    assert [f["type"] for f in sent_formats(route)] == ["json_schema"] * 2 + ["json_object"] * 4
    warnings = [r for r in caplog.records if r.levelname == "WARNING"]
    assert len(warnings) == 1 and "json_schema" in warnings[0].getMessage()
    assert "HTTP 500" in warnings[0].getMessage() and BASE_URL in warnings[0].getMessage()
    assert backend().mode == "json_schema"  # remembered per backend instance, not for the process


@respx.mock(base_url=BASE_URL)
async def test_json_mode_refusing_response_format_is_an_ordinary_retried_500(respx_mock: respx.MockRouter) -> None:
    route = respx_mock.post("/chat/completions").respond(500, json=LLAMA_CPP_500)
    with pytest.raises(ModelUnavailable, match="HTTP 500 after 2 attempts") as caught:
        await backend(DRAFTER_MODEL__MAX_ATTEMPTS="2").complete(request())
    # one refused json_schema request (not retried), then JSON mode with its two transport attempts
    assert [f["type"] for f in sent_formats(route)] == ["json_schema", "json_object", "json_object"]
    assert caught.value.usage.retries == 1


@respx.mock(base_url=BASE_URL)
async def test_configured_json_mode_sends_the_schema_and_never_json_schema(respx_mock: respx.MockRouter) -> None:
    route = respx_mock.post("/chat/completions").respond(200, json=completion(GOOD_SECTIONS))
    await backend(DRAFTER_MODEL__STRUCTURED_OUTPUT="json_object").complete(request())
    assert sent_formats(route) == [{"type": "json_object", "schema": build_payload(
        settings().model, MESSAGES, "json_schema")["response_format"]["json_schema"]["schema"]}]


@respx.mock(base_url=BASE_URL, assert_all_called=False)
async def test_a_recording_made_after_the_step_down_keys_on_the_json_mode_request_and_replays(
        respx_mock: respx.MockRouter, tmp_path) -> None:
    respx_mock.post("/chat/completions").mock(side_effect=[
        httpx.Response(500, json=LLAMA_CPP_500), httpx.Response(200, json=completion(GOOD_SECTIONS))])
    config = settings()
    live = OpenAIBackend(config.model, http_client=httpx.AsyncClient(), recorder=Recorder(tmp_path, {}))
    await live.complete(request())
    json_mode_key = request_key(build_payload(config.model, MESSAGES, "json_object"))
    assert [p.stem for p in tmp_path.iterdir()] == [json_mode_key]  # the payload actually sent
    assert replay_keys(config.model, MESSAGES) == [request_key(build_payload(config.model, MESSAGES, "json_schema")),
                                                   json_mode_key]
    respx_mock.reset()
    replay = ReplayBackend(config.model, tmp_path)
    assert replay.recording_key(MESSAGES) == json_mode_key
    assert (await replay.complete(request())).sections.thank == GOOD_SECTIONS["thank"]


# -- usage.retries: the retries that happened, also when nothing came back -----------------------


@pytest.mark.parametrize(("fault", "attempts"), [
    (httpx.ConnectError("refused"), 3), (httpx.Response(503, json={"error": {"message": "busy"}}), 2)])
@respx.mock(base_url=BASE_URL)
async def test_model_unavailable_carries_the_retries_spent(respx_mock: respx.MockRouter, fault: object,
                                                           attempts: int) -> None:
    route = respx_mock.post("/chat/completions").mock(side_effect=[fault] * attempts)
    with pytest.raises(ModelUnavailable, match=f"after {attempts} attempts") as caught:
        await backend(DRAFTER_MODEL__MAX_ATTEMPTS=str(attempts)).complete(request())
    assert route.call_count == attempts
    assert caught.value.usage.retries == attempts - 1 and caught.value.usage.model_calls == 0
    assert "OPENAI_BASE_URL" in str(caught.value) and BASE_URL in str(caught.value)


def test_openai_without_key_or_server_is_unconfigured_and_says_what_to_set() -> None:
    from drafter_core.settings import load_settings

    bare = load_settings(env={"DRAFTER_MODEL__BACKEND": "openai"})
    problem = unconfigured(bare, backend_name(bare))
    assert problem and "OPENAI_API_KEY" in problem and "OPENAI_BASE_URL" in problem
    assert unconfigured(load_settings(env={"OPENAI_BASE_URL": BASE_URL}), "openai") is None
    assert unconfigured(bare, "offline") is None



@respx.mock(base_url=BASE_URL)
async def test_a_raw_line_break_inside_a_section_is_the_line_break_it_means(respx_mock: respx.MockRouter) -> None:
    sections = {**GOOD_SECTIONS, "thank": "Thank you for writing.\nReally."}
    content = json.dumps(sections).replace("\\n", "\n")  # as small models write it: not escaped
    assert "\n" in content
    respx_mock.post("/chat/completions").respond(200, json=completion(content))
    answer = await backend().complete(request())
    assert answer.sections.thank == "Thank you for writing.\nReally."
