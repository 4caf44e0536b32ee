"""Big mail is taken in one request at a time: a request that declares a big body waits for its turn before any
of it is read (three 10 MB emails at once were all held in memory, each two or three times over, while one was
parsed), and small requests never wait for that turn."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from starlette.requests import Request
from starlette.types import Receive, Scope, Send

from api.middleware import BodyLimit, taken_in
from drafter.parse import BIG_MAIL_BYTES


async def read_body(receive: Receive) -> bytes:
    body = b""
    while True:
        message = await receive()
        body += message.get("body", b"")
        if not message.get("more_body", False):
            return body


class Recorder:
    """An ASGI app that reads its body, notes how many big bodies it holds at once, and answers their sizes."""

    def __init__(self) -> None:
        self.held = 0
        self.most_held = 0
        self.small_answered = asyncio.Event()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = await read_body(receive)
        big = len(body) > BIG_MAIL_BYTES
        if big:
            self.held += 1
            self.most_held = max(self.most_held, self.held)
            await self.small_answered.wait()  # a small request is answered while this big one holds its turn
            await asyncio.sleep(0.01)
            self.held -= 1
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": str(len(body)).encode()})


@pytest.mark.asyncio
async def test_big_bodies_are_taken_in_one_at_a_time_and_small_ones_pass() -> None:
    app = Recorder()
    middleware = BodyLimit(app, max_body_bytes=4 * BIG_MAIL_BYTES, timeout_seconds=30)
    transport = httpx.ASGITransport(app=middleware)
    big = b"x" * (BIG_MAIL_BYTES + 1)
    async with httpx.AsyncClient(transport=transport, base_url="http://drafter") as client:
        bigs = [asyncio.create_task(client.post("/v1/drafts", content=big)) for _ in range(3)]
        await asyncio.sleep(0.05)
        small = await client.post("/v1/drafts", content=b"a small email")
        app.small_answered.set()
        answers = await asyncio.gather(*bigs)
    assert small.text == "13"
    assert [answer.text for answer in answers] == [str(len(big))] * 3
    assert app.most_held == 1


@pytest.mark.asyncio
async def test_a_request_gives_its_turn_back_once_its_email_is_taken_in() -> None:
    """A synchronous post waits for its draft after storing the email: the next big body comes in meanwhile."""
    stored: list[int] = []
    draft_may_finish = asyncio.Event()

    async def route(scope: Scope, receive: Receive, send: Send) -> None:
        body = await read_body(receive)
        stored.append(len(body))
        taken_in(Request(scope))
        if len(stored) == 2:
            draft_may_finish.set()  # the second big body came in while the first still waits for its draft
        await asyncio.wait_for(draft_may_finish.wait(), 5)
        await send({"type": "http.response.start", "status": 201, "headers": []})
        await send({"type": "http.response.body", "body": b"drafted"})

    middleware = BodyLimit(route, max_body_bytes=4 * BIG_MAIL_BYTES, timeout_seconds=30)
    big = b"x" * (BIG_MAIL_BYTES + 1)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=middleware), base_url="http://drafter") as client:
        answers = await asyncio.gather(*(client.post("/v1/drafts", content=big) for _ in range(2)))
    assert [answer.status_code for answer in answers] == [201, 201]
    assert stored == [len(big)] * 2
