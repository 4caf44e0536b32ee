"""One `drafter serve` process with big mail in it: small requests keep being answered while a 10 MB email is
parsed, planned, guarded and assembled (in a thread, drafter.parse.Stages), and the big one is drafted too.

Real processes on loopback (the stub model and the server, started by bench.service_throughput's helpers).
Ordering, not timings: small drafts are posted one after another for as long as the big one is in flight, and
at least one of them is answered before it, however fast or slow the machine. (Asserting that *every* small one
comes back first failed on a fast machine, where the big one was done in half a second.)
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bench.server_cpu import big_email
from bench.service_throughput import Process, start_server, start_stub
from drafter.parse import is_big

pytestmark = pytest.mark.slow
TODAY = "2026-11-23"


def small_email(n: int) -> bytes:
    return (f"From: Small Customer {n} <small{n}@customer.example>\r\nTo: support@example.com\r\n"
            f"Subject: order A-{30000 + n} has not arrived\r\nMessage-ID: <small-{n}@customer.example>\r\n"
            "Date: Fri, 20 Nov 2026 09:30:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            f"Hello,\r\n\r\nmy order A-{30000 + n} for $49.99 has still not arrived. Please help.\r\n").encode()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Process]:
    stub = start_stub(tmp_path, latency_ms=100)
    try:
        process = start_server(tmp_path, stub.url)
        try:
            yield process
        finally:
            process.stop()
    finally:
        stub.stop()


async def test_small_drafts_are_answered_while_a_big_email_is_drafted(server: Process) -> None:
    big = big_email("text", 0)
    assert is_big(big)
    answered: list[str] = []
    async with httpx.AsyncClient(base_url=server.url, timeout=300) as client:

        async def post(raw: bytes, name: str) -> httpx.Response:
            response = await client.post(f"/v1/drafts?today={TODAY}", content=raw,
                                         headers={"Content-Type": "message/rfc822"})
            answered.append(name)
            return response

        big_draft = asyncio.create_task(post(big, "big"))
        smalls = []
        await asyncio.sleep(0.05)
        while not big_draft.done() and len(smalls) < 50:
            smalls.append(await post(small_email(len(smalls)), f"small-{len(smalls)}"))
        big_answer = await big_draft

    assert answered[0].startswith("small"), answered
    assert all(r.status_code == 201 for r in smalls), [r.text[:300] for r in smalls]
    assert all(r.json()["status"] == "ready" for r in smalls)
    assert big_answer.status_code == 201, big_answer.text[:300]
    result = big_answer.json()
    assert result["status"] in ("ready", "needs_review"), result.get("reason")
    assert result["message"]
