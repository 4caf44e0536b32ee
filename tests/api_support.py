"""Shared pieces of the API tests: settings, a fixed clock, sample emails, the app under its lifespan."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import respx
from fastapi import FastAPI

from api.app import create_app
from api.deps import ApiTuning
from api.jobs import RunnerTuning
from drafter_core.settings import Settings, load_settings
from tests.api_stub_model import completion_for

LLM = "http://llm.test/v1"
TODAY = dt.date(2026, 11, 23)  # a Monday
NOW = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)
TOKEN = "s3cret-api-token"


def make_settings(tmp_path: Path, **env: str) -> Settings:
    base = {"OPENAI_BASE_URL": LLM, "OPENAI_API_KEY": "test-key", "DRAFTER_MODEL__MAX_ATTEMPTS": "1",
            "DRAFTER_API__STORE_PATH": str(tmp_path / "jobs.db")}
    return load_settings(env={**base, **env})


class Clock:
    """A settable clock: tests move time instead of sleeping."""

    def __init__(self, now: dt.datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


BODY = "Hello,\n\nmy order A-10234 has still not arrived. Please help.\n\nJane\n"


def email_bytes(message_id: str | None = "<order-1@customer.example>", *,
                subject: str = "My order has not arrived", sender: str = "Jane Doe <jane@customer.example>",
                extra: str = "", body: str = BODY) -> bytes:
    lines = [f"From: {sender}", "To: support@example.com", f"Subject: {subject}",
             "Date: Fri, 20 Nov 2026 09:30:00 +0000"]
    if message_id:
        lines.append(f"Message-ID: {message_id}")
    lines += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8"]
    header = "\n".join(lines) + ("\n" + extra.strip("\n") if extra else "")
    return f"{header}\n\n{body}".encode()


def model_route(router: respx.MockRouter, delay: float = 0.0) -> respx.Route:
    """The model at LLM: six polite sections, after `delay` seconds (so concurrent requests overlap)."""

    async def answer(request: httpx.Request) -> httpx.Response:
        if delay:
            await asyncio.sleep(delay)
        return httpx.Response(200, json=completion_for(json.loads(request.content)))

    return router.post(f"{LLM}/chat/completions").mock(side_effect=answer)


class HeldModel:
    """The model at LLM, holding every answer until `release` is set: fills the workers and the queue."""

    def __init__(self, router: respx.MockRouter) -> None:
        self.release, self.reached = asyncio.Event(), asyncio.Event()
        router.post(f"{LLM}/chat/completions").mock(side_effect=self.answer)

    async def answer(self, request: httpx.Request) -> httpx.Response:
        self.reached.set()
        await self.release.wait()
        return httpx.Response(200, json=completion_for(json.loads(request.content)))


@asynccontextmanager
async def running(app: FastAPI, *, token: str | None = None) -> AsyncIterator[httpx.AsyncClient]:
    """The app with its lifespan started, and a client talking to it in process."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://drafter.test",
                                     headers=headers) as client:
            yield client


def make_app(settings: Settings, clock: Clock | None = None, **tuning: Any) -> FastAPI:
    api = ApiTuning(**{k: v for k, v in tuning.items() if k in ApiTuning.__dataclass_fields__})
    runner = RunnerTuning(**{k: v for k, v in tuning.items() if k in RunnerTuning.__dataclass_fields__})
    return create_app(settings, clock=clock or Clock(), api_tuning=api, runner_tuning=runner)


FINISHED = ("ready", "needs_review", "skipped", "failed")


async def poll(client: httpx.AsyncClient, job_id: str, until: tuple[str, ...] = FINISHED,
               timeout: float = 10.0) -> dict[str, Any]:
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        response = await client.get(f"/v1/drafts/{job_id}")
        data: dict[str, Any] = response.json()
        if data.get("status") in until:
            return data
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"job {job_id} still {data.get('status')} after {timeout} s: "
                                 f"{data.get('reason')}")
        await asyncio.sleep(0.02)
