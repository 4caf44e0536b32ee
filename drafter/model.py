"""The model call: one small `Backend` protocol, three interchangeable backends.

- `OpenAIBackend`: any OpenAI-compatible server through the official SDK, strict JSON-schema output,
  tenacity retries on transient failures (timeouts, connection errors, 408/409/429, 5xx).
- `OfflineBackend`: no network; a deterministic draft from prompts/offline.j2 and the parsed facts.
- `ReplayBackend`: answers from recordings made by `Recorder`, keyed by a hash of the request.

Structured output is negotiated from what the server answers, not from its name. drafter asks for
`response_format: {"type": "json_schema", "json_schema": {"strict": true, ...}}`; a server that answers
that with a 400, 422 or 500 whose body names `response_format` or `json_schema` cannot do it (llama.cpp's
server answers 500, others 400 or 422). drafter then steps down once, without spending the transport
retries on it, to JSON mode with the schema, `{"type": "json_object", "schema": {...}}` (llama.cpp
constrains its output to the schema by grammar; other servers ignore the extra key), logs it once at
WARNING and stays in JSON mode for the rest of the run (per backend instance). Every answer is validated
locally whatever the mode. A 5xx that does not name them is an ordinary transient failure, retried.

Recording format (shared with `drafter replay`): one pretty-printed JSON file per request,
`<recordings dir>/<key>.json` = {"key", "meta", "request", "response"}, where `request` is the exact
chat-completions payload, `response` the server's JSON answer, and `key` the SHA-256 of the
canonical request. An edited prompt changes the key, so it shows up as a missing recording. A request
sent after the step-down is recorded under the JSON-mode payload actually sent; replay looks for the
configured mode's key first, then for the JSON-mode one (`replay_keys`).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import email.utils
import hashlib
import json
import logging
import math
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import httpx
import openai
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt
from tenacity.wait import wait_exponential_jitter

from drafter.prompt import Message, offline_sections
from drafter_core.errors import ModelOutputError, ModelRejected, ModelUnavailable, RecordingMissing
from drafter_core.settings import ModelSettings, Settings
from drafter_core.values import SECTION_NAMES, Complaint, Plan, Sections, Usage

SECTIONS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {name: {"type": "string"} for name in SECTION_NAMES},
    "required": list(SECTION_NAMES),
    "additionalProperties": False,
}
RETRYABLE_STATUS = {408, 409, 429}
DEFAULT_CONNECTIONS = 16  # model calls in flight at once outside the HTTP API (drafter replay's default is 8)
CONNECTIONS_PER_POOL = 8
# What a server that cannot do `json_schema` answers it with (llama.cpp's server: 500), when the body names it.
NO_SCHEMA_STATUS = {400, 422, 500}
NO_SCHEMA_WORDS = ("response_format", "json_schema")

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ModelRequest:
    messages: list[Message]
    complaint: Complaint
    plan: Plan


@dataclass(frozen=True)
class ModelAnswer:
    sections: Sections
    content: str
    usage: Usage


class Backend(Protocol):
    name: str

    async def complete(self, request: ModelRequest) -> ModelAnswer: ...

    async def aclose(self) -> None: ...


# -- reading an answer ---------------------------------------------------------------------------


def read_completion(data: dict[str, Any], latency_ms: float = 0.0, retries: int = 0) -> ModelAnswer:
    """Turn a chat-completions JSON answer into sections, or raise ModelOutputError saying why not."""
    usage = _usage(data, latency_ms, retries)
    choices = data.get("choices") or []
    if not choices:
        raise ModelOutputError("the model returned no choices", usage=usage)
    choice = choices[0]
    message = choice.get("message") or {}
    content = message.get("content") or ""
    if choice.get("finish_reason") == "length":
        raise ModelOutputError("the answer was cut off (finish_reason=length); raise [model] max_tokens",
                               usage=usage, content=content)
    if choice.get("finish_reason") == "content_filter":
        raise ModelOutputError("the provider's content filter stopped the answer", usage=usage, content=content)
    if message.get("refusal"):
        raise ModelOutputError(f"the model refused: {message['refusal']}", usage=usage)
    return ModelAnswer(sections=parse_sections(content, usage), content=content, usage=usage)


def parse_sections(content: str, usage: Usage) -> Sections:
    text = content.strip()
    if text.startswith("```"):  # some servers wrap JSON mode output in a fence
        text = text.strip("`").removeprefix("json").strip()
    try:
        # strict=False: a raw line break inside a string (small models write one) is still the text meant
        value = json.loads(text, strict=False)
    except json.JSONDecodeError as exc:
        raise ModelOutputError(f"the answer is not valid JSON ({exc.msg} at char {exc.pos})",
                               usage=usage, content=content) from None
    if not isinstance(value, dict):
        raise ModelOutputError("the answer is JSON but not an object", usage=usage, content=content)
    missing = [n for n in SECTION_NAMES if not isinstance(value.get(n), str) or not value[n].strip()]
    if missing:
        raise ModelOutputError(f"missing or empty section(s): {', '.join(missing)}", usage=usage, content=content)
    return Sections(**{name: value[name].strip() for name in SECTION_NAMES})


def _usage(data: dict[str, Any], latency_ms: float, retries: int) -> Usage:
    raw = data.get("usage") or {}
    prompt, completion = int(raw.get("prompt_tokens") or 0), int(raw.get("completion_tokens") or 0)
    return Usage(prompt_tokens=prompt, completion_tokens=completion,
                 total_tokens=int(raw.get("total_tokens") or prompt + completion),
                 latency_ms=round(latency_ms, 3), model_calls=1, retries=retries)


# -- the request and its key ---------------------------------------------------------------------


def build_payload(settings: ModelSettings, messages: list[Message], mode: str) -> dict[str, Any]:
    """The chat-completions request. JSON mode carries the schema too: llama.cpp enforces it, others ignore it."""
    if mode == "json_schema":
        response_format: dict[str, Any] = {
            "type": "json_schema",
            "json_schema": {"name": "reply_sections", "strict": True, "schema": SECTIONS_SCHEMA},
        }
    else:
        response_format = {"type": "json_object", "schema": SECTIONS_SCHEMA}
    return {
        "model": settings.name,
        "messages": messages,
        "temperature": settings.temperature,
        "max_tokens": settings.max_tokens,
        "response_format": response_format,
    }


def request_key(payload: dict[str, Any]) -> str:
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def replay_keys(settings: ModelSettings, messages: list[Message]) -> list[str]:
    """The recordings that answer these messages, in the order looked for: the configured mode's request,
    then the JSON-mode one a recording run wrote after its server refused `json_schema`."""
    modes = [settings.structured_output] + (["json_object"] if settings.structured_output == "json_schema" else [])
    return [request_key(build_payload(settings, messages, mode)) for mode in modes]


class Recorder:
    """Writes each request and its answer as `<key>.json`, diff-friendly (sorted, indented)."""

    def __init__(self, directory: Path, meta: dict[str, Any]) -> None:
        self.directory = directory
        self.meta = meta

    def save(self, payload: dict[str, Any], response: dict[str, Any]) -> Path:
        key = request_key(payload)
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self.directory / f"{key}.json"
        record = {"key": key, "meta": self.meta, "request": payload, "response": response}
        path.write_text(json.dumps(record, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
        return path


# -- backends ------------------------------------------------------------------------------------


class OfflineBackend:
    """No network: the deterministic draft from prompts/offline.j2."""

    name = "offline"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    async def complete(self, request: ModelRequest) -> ModelAnswer:
        sections = offline_sections(request.complaint, request.plan, self.settings)
        return ModelAnswer(sections=sections, content=json.dumps(sections.model_dump()), usage=Usage())

    async def aclose(self) -> None:
        return None


class ReplayBackend:
    """Answers from recordings; a request never recorded raises RecordingMissing with its key."""

    name = "replay"

    def __init__(self, settings: ModelSettings, directory: Path) -> None:
        self.settings = settings
        self.directory = directory

    async def complete(self, request: ModelRequest) -> ModelAnswer:
        key = self.recording_key(request.messages)
        path = self.directory / f"{key}.json"
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise RecordingMissing(f"no recording {key[:12]}… in {self.directory}", key=key) from None
        return read_completion(record["response"], latency_ms=0.0)

    def recording_key(self, messages: list[Message]) -> str:
        """The key of the recording that answers these messages: the first of `replay_keys` on disk, else the
        configured mode's (the one a missing recording is reported by)."""
        keys = replay_keys(self.settings, messages)
        return next((key for key in keys if (self.directory / f"{key}.json").is_file()), keys[0])

    async def aclose(self) -> None:
        return None


Sleep = Callable[[float], Awaitable[None]]


class OpenAIBackend:
    """Any OpenAI-compatible server, through the official SDK and our own httpx client."""

    name = "openai"

    def __init__(
        self,
        settings: ModelSettings,
        *,
        http_client: httpx.AsyncClient | None = None,
        recorder: Recorder | None = None,
        sleep: Sleep = asyncio.sleep,
        connections: int = DEFAULT_CONNECTIONS,
    ) -> None:
        self.settings = settings
        self.recorder = recorder
        self.sleep = sleep
        self.mode = settings.structured_output
        # openai 3.x sends through httpx2 unless handed an httpx client: ours keeps respx and limits in reach.
        self._pools = [http_client] if http_client else _pools(settings.timeout_seconds, connections)
        self._clients = [openai.AsyncOpenAI(
            api_key=settings.api_key.get_secret_value() if settings.api_key else "not-needed",
            base_url=settings.base_url,
            http_client=pool,  # type: ignore[arg-type]
            max_retries=0,  # tenacity owns retries
            timeout=settings.timeout_seconds,
        ) for pool in self._pools]
        self._in_flight = [0] * len(self._clients)

    async def complete(self, request: ModelRequest) -> ModelAnswer:
        started = time.perf_counter()
        payload, data, retries = await self._send(request.messages)
        latency_ms = (time.perf_counter() - started) * 1000
        if self.recorder:
            self.recorder.save(payload, data)
        return read_completion(data, latency_ms=latency_ms, retries=retries)

    async def _send(self, messages: list[Message]) -> tuple[dict[str, Any], dict[str, Any], int]:
        mode = self.mode
        payload = build_payload(self.settings, messages, mode)
        try:
            data, retries = await self._send_with_retries(payload)
        except _JsonSchemaRefused as refused:
            self._step_down(mode, refused.status)
            payload = build_payload(self.settings, messages, self.mode)
            data, retries = await self._send_with_retries(payload)
        return payload, data, retries

    def _step_down(self, refused_mode: str, status: int) -> None:
        """JSON mode from now on; said once, however many requests in flight met the same refusal."""
        if self.mode != refused_mode:
            return  # a concurrent request stepped down already
        self.mode = "json_object"
        log.warning("model server at %s refused response_format json_schema (HTTP %d): using JSON mode with the "
                    "schema (json_object) for the rest of this run; set [model] structured_output = "
                    "\"json_object\" to skip the first try", self.settings.base_url or "api.openai.com", status)

    async def _send_with_retries(self, payload: dict[str, Any]) -> tuple[dict[str, Any], int]:
        """One request with tenacity's retries; returns the answer and how many retries it took."""
        schema_mode = payload["response_format"]["type"] == "json_schema"
        retrying = AsyncRetrying(
            retry=retry_if_exception(lambda exc: _is_transient(exc) and not (schema_mode and _refuses_schema(exc))),
            wait=_RetryAfterOrBackoff(self.settings.max_backoff_seconds),
            stop=stop_after_attempt(self.settings.max_attempts),
            sleep=self.sleep,
            reraise=True,
        )
        tries = 0
        try:
            async for attempt in retrying:
                with attempt:
                    tries = attempt.retry_state.attempt_number
                    # The SDK's errors and auth, without its typed request and answer: both are plain JSON to us,
                    # and converting them there and back cost more CPU than the rest of the call.
                    response = await self._post(payload)
                    completion = response.json()
        except ValueError as exc:  # a 200 whose body is not JSON (a proxy's login page, a cut-off body)
            raise ModelOutputError(f"the server answered 200 with a body that is not JSON ({exc})",
                                   usage=_retried(tries)) from None
        except openai.APIStatusError as exc:
            if schema_mode and _refuses_schema(exc):
                raise _JsonSchemaRefused(exc.status_code) from None
            if _is_transient(exc):
                raise ModelUnavailable(f"model server kept failing: HTTP {exc.status_code} after {tries} attempts "
                                       f"({_body_excerpt(exc)}); check the server at OPENAI_BASE_URL "
                                       f"({self.settings.base_url or 'https://api.openai.com/v1'})",
                                       usage=_retried(tries)) from None
            raise ModelRejected(_rejected(exc), usage=_retried(tries)) from None
        except (openai.APITimeoutError, openai.APIConnectionError) as exc:
            raise ModelUnavailable(f"model server unreachable after {tries} attempts ({type(exc).__name__}); "
                                   f"check OPENAI_BASE_URL ({self.settings.base_url or 'https://api.openai.com/v1'})",
                                   usage=_retried(tries)) from None
        if not isinstance(completion, dict):
            raise ModelOutputError(f"the server answered 200 with {type(completion).__name__}, not a chat completion",
                                   usage=_retried(tries))
        return completion, tries - 1

    async def _post(self, payload: dict[str, Any]) -> httpx.Response:
        """One POST through the least busy pool (its slot is free: the pools hold the calls a caller has in flight)."""
        shard = min(range(len(self._clients)), key=self._in_flight.__getitem__)
        self._in_flight[shard] += 1
        try:
            return await self._clients[shard].post("/chat/completions", body=payload, cast_to=httpx.Response)
        finally:
            self._in_flight[shard] -= 1

    async def aclose(self) -> None:
        for pool in self._pools:
            await pool.aclose()


def _pools(timeout_seconds: float, connections: int) -> list[httpx.AsyncClient]:
    """httpx clients holding `connections` between them, at most CONNECTIONS_PER_POOL each: httpcore's pool scans
    its connections for every connection at each request's start and end, so one pool of 64 cost more CPU per
    model call than all the rest of a draft."""
    count = math.ceil(connections / CONNECTIONS_PER_POOL)
    size = math.ceil(connections / count)
    verify = httpx.create_ssl_context()  # loading the CA bundle takes 0.1 s: once, not per pool
    return [httpx.AsyncClient(timeout=httpx.Timeout(timeout_seconds), verify=verify,
                              limits=httpx.Limits(max_connections=size, max_keepalive_connections=size))
            for _ in range(count)]


def _is_transient(exc: BaseException) -> bool:
    if isinstance(exc, openai.APITimeoutError | openai.APIConnectionError):
        return True
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code in RETRYABLE_STATUS or exc.status_code >= 500
    return False


class _JsonSchemaRefused(Exception):
    """Inside OpenAIBackend only: the server cannot do `json_schema`; the caller steps down and asks again."""

    def __init__(self, status: int) -> None:
        super().__init__(f"HTTP {status}")
        self.status = status


def _refuses_schema(exc: BaseException) -> bool:
    """A 400, 422 or 500 whose body names `response_format` or `json_schema`: the server cannot do it."""
    if not isinstance(exc, openai.APIStatusError) or exc.status_code not in NO_SCHEMA_STATUS:
        return False
    text = f"{exc.message} {_body_text(exc)}".lower()
    return any(word in text for word in NO_SCHEMA_WORDS)


def _body_text(exc: openai.APIStatusError) -> str:
    """The whole error body: the SDK's message keeps only `error.message`, and FastAPI servers say `detail`."""
    body = exc.body
    return body if isinstance(body, str) else json.dumps(body, ensure_ascii=False, default=str)


def _body_excerpt(exc: openai.APIStatusError, limit: int = 120) -> str:
    text = " ".join(_body_text(exc).split()) if exc.body is not None else "no body"
    return text if len(text) <= limit else text[:limit] + "…"


def _retried(tries: int) -> Usage:
    """What a call that came to nothing still cost: its retries (no tokens, no answered call)."""
    return Usage(retries=max(0, tries - 1))


def _rejected(exc: openai.APIStatusError) -> str:
    hints = {401: "check OPENAI_API_KEY", 403: "the key may not use this model",
             404: "check OPENAI_BASE_URL and the model name ([model] name / DRAFTER_MODEL)"}
    hint = hints.get(exc.status_code, "the server rejected the request")
    return f"model server refused the request: HTTP {exc.status_code} ({hint})"


class _RetryAfterOrBackoff:
    """Wait what the server asked for (Retry-After, seconds or HTTP date), else exponential backoff with jitter."""

    def __init__(self, cap: float) -> None:
        self.cap = cap
        self.backoff = wait_exponential_jitter(multiplier=0.5, max=cap, jitter=0.5)

    def __call__(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        response = getattr(exc, "response", None)
        asked = retry_after_seconds(response.headers.get("retry-after")) if response is not None else None
        if asked is not None:
            return min(asked, self.cap)
        return float(self.backoff(state))


def retry_after_seconds(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())


# -- choosing a backend --------------------------------------------------------------------------


def backend_name(settings: Settings, requested: str = "auto") -> str:
    """`auto` means openai when a key or a server is configured, else offline."""
    name = settings.model.backend if requested == "auto" else requested
    if name == "auto":
        return "openai" if settings.model.api_key or settings.model.base_url else "offline"
    return name


def unconfigured(settings: Settings, name: str) -> str | None:
    """Why backend `name` cannot draft with these settings, or None: openai needs a key or a server to ask."""
    if name == "openai" and not (settings.model.api_key or settings.model.base_url):
        return ("the openai backend needs OPENAI_API_KEY (for OpenAI) or OPENAI_BASE_URL (for any other "
                "OpenAI-compatible server, e.g. http://127.0.0.1:8901/v1)")
    return None


def default_recordings_dir(settings: Settings) -> Path:
    return settings.model.recordings_dir or Path("samples/cassettes")


def make_backend(
    settings: Settings,
    requested: str = "auto",
    *,
    recordings_dir: Path | None = None,
    http_client: httpx.AsyncClient | None = None,
) -> Backend:
    """The backend to draft with; `drafter replay --record` wraps the openai one with its own Recorder."""
    name = backend_name(settings, requested)
    if name == "offline":
        return OfflineBackend(settings)
    if name == "replay":
        return ReplayBackend(settings.model, recordings_dir or default_recordings_dir(settings))
    return OpenAIBackend(settings.model, http_client=http_client, connections=settings.api.max_in_flight)
