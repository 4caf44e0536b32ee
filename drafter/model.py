"""The model call: one small `Backend` protocol, three interchangeable backends.

- `OpenAIBackend`: any OpenAI-compatible server through the official SDK, strict JSON-schema output
  (stepping down to JSON mode where a server rejects it), tenacity retries on transient failures.
- `OfflineBackend`: no network; a deterministic draft from prompts/offline.j2 and the parsed facts.
- `ReplayBackend`: answers from recordings made by `Recorder`, keyed by a hash of the request.

Recording format (shared with `drafter replay`): one pretty-printed JSON file per request,
`<recordings dir>/<key>.json` = {"key", "meta", "request", "response"}, where `request` is the exact
chat-completions payload, `response` the server's JSON answer, and `key` the SHA-256 of the
canonical request. An edited prompt changes the key, so it shows up as a missing recording.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import email.utils
import hashlib
import json
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import httpx
import openai
import pydantic
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
        value = json.loads(text)
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
    if mode == "json_schema":
        response_format: dict[str, Any] = {
            "type": "json_schema",
            "json_schema": {"name": "reply_sections", "strict": True, "schema": SECTIONS_SCHEMA},
        }
    else:
        response_format = {"type": "json_object"}
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
        payload = build_payload(self.settings, request.messages, self.settings.structured_output)
        key = request_key(payload)
        path = self.directory / f"{key}.json"
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise RecordingMissing(f"no recording {key[:12]}… in {self.directory}", key=key) from None
        return read_completion(record["response"], latency_ms=0.0)

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
    ) -> None:
        self.settings = settings
        self.recorder = recorder
        self.sleep = sleep
        self.mode = settings.structured_output
        # openai 3.x sends through httpx2 unless handed an httpx client: ours keeps respx and limits in reach.
        self._http = http_client or httpx.AsyncClient(
            timeout=httpx.Timeout(settings.timeout_seconds),
            limits=httpx.Limits(max_connections=256, max_keepalive_connections=64),
        )
        self.client = openai.AsyncOpenAI(
            api_key=settings.api_key.get_secret_value() if settings.api_key else "not-needed",
            base_url=settings.base_url,
            http_client=self._http,  # type: ignore[arg-type]
            max_retries=0,  # tenacity owns retries
            timeout=settings.timeout_seconds,
        )

    async def complete(self, request: ModelRequest) -> ModelAnswer:
        started = time.perf_counter()
        payload, data, retries = await self._send(request.messages)
        latency_ms = (time.perf_counter() - started) * 1000
        if self.recorder:
            self.recorder.save(payload, data)
        return read_completion(data, latency_ms=latency_ms, retries=retries)

    async def _send(self, messages: list[Message]) -> tuple[dict[str, Any], dict[str, Any], int]:
        while True:
            payload = build_payload(self.settings, messages, self.mode)
            try:
                data, retries = await self._send_with_retries(payload)
                return payload, data, retries
            except openai.BadRequestError as exc:
                if self.mode == "json_schema" and _mentions_response_format(exc):
                    self.mode = "json_object"  # remembered for this endpoint from now on
                    continue
                raise ModelRejected(_rejected(exc)) from None

    async def _send_with_retries(self, payload: dict[str, Any]) -> tuple[dict[str, Any], int]:
        retrying = AsyncRetrying(
            retry=retry_if_exception(_is_transient),
            wait=_RetryAfterOrBackoff(self.settings.max_backoff_seconds),
            stop=stop_after_attempt(self.settings.max_attempts),
            sleep=self.sleep,
            reraise=True,
        )
        try:
            async for attempt in retrying:
                with attempt:
                    completion = await self.client.chat.completions.create(**payload)
                retries = attempt.retry_state.attempt_number - 1
        except openai.BadRequestError:
            raise
        except ValueError as exc:  # a 200 whose body is not JSON (a proxy's login page, a cut-off body)
            raise ModelOutputError(f"the server answered 200 with a body that is not JSON ({exc})") from None
        except openai.APIStatusError as exc:
            if _is_transient(exc):
                raise ModelUnavailable(f"model server kept failing: HTTP {exc.status_code} after "
                                       f"{self.settings.max_attempts} attempts") from None
            raise ModelRejected(_rejected(exc)) from None
        except (openai.APITimeoutError, openai.APIConnectionError) as exc:
            raise ModelUnavailable(f"model server unreachable after {self.settings.max_attempts} attempts "
                                   f"({type(exc).__name__}); check OPENAI_BASE_URL") from None
        if not isinstance(completion, pydantic.BaseModel):  # the SDK hands back whatever JSON it got
            raise ModelOutputError(f"the server answered 200 with {type(completion).__name__}, not a chat completion")
        return completion.model_dump(mode="json", exclude_unset=True), retries

    async def aclose(self) -> None:
        await self._http.aclose()


def _is_transient(exc: BaseException) -> bool:
    if isinstance(exc, openai.APITimeoutError | openai.APIConnectionError):
        return True
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code in RETRYABLE_STATUS or exc.status_code >= 500
    return False


def _mentions_response_format(exc: openai.BadRequestError) -> bool:
    text = str(exc).lower()
    return "response_format" in text or "json_schema" in text or "structured" in text


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
    return OpenAIBackend(settings.model, http_client=http_client)
