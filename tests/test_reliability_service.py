"""Service faults against real processes on loopback: SIGKILL mid-flight, duplicate webhooks, a bounded load.

`drafter serve` runs as a child process (started by bench.service_throughput's helpers) against a
counting model server in this process: an OpenAI-compatible endpoint answering with drafter's own
stub (drafter.replay.stub_model), slowly, that records how often each email reached it. Each email gets its
own subject, so the count per subject is the count of model calls per email.
"""

from __future__ import annotations

import asyncio
import json
import re
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from bench.service_throughput import Process, start_server
from drafter.replay.stub_model import completion as stub_completion

pytestmark = pytest.mark.slow
TODAY = "2026-11-23"
SUBJECT = re.compile(r"^Subject: (.*)$", re.MULTILINE)
SENDGRID_TOKEN = "sendgrid-secret"


class CountingModel:
    """A loopback model: drafter.replay.stub_model's polite answer after `delay` seconds; counts calls per subject."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.started: Counter[str] = Counter()
        self.answered: Counter[str] = Counter()
        self.lock = threading.Lock()
        model = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                payload = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                subject = model.subject(payload)
                with model.lock:
                    model.started[subject] += 1
                time.sleep(model.delay)
                body = json.dumps(stub_completion(payload, "polite")).encode()
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    return  # the server was killed while we were "thinking"
                with model.lock:
                    model.answered[subject] += 1

            def log_message(self, *args: Any) -> None:
                return None

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @staticmethod
    def subject(payload: dict[str, Any]) -> str:
        user = next((m["content"] for m in payload["messages"] if m["role"] == "user"), "")
        found = SUBJECT.search(user)
        return found.group(1).strip() if found else ""

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def model() -> Iterator[CountingModel]:
    counting = CountingModel(delay=0.4)
    yield counting
    counting.close()


def complaint(n: int, tag: str) -> bytes:
    return (f"From: Customer {n} <customer{n}@customer.example>\r\nTo: support@example.com\r\n"
            f"Subject: {tag} order A-{10000 + n} has not arrived\r\n"
            f"Message-ID: <{tag}-{n}@customer.example>\r\n"
            "Date: Fri, 20 Nov 2026 09:30:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            f"Hello,\r\n\r\nmy order A-{10000 + n} for $49.99 has still not arrived. Please help.\r\n\r\n"
            f"Customer {n}\r\n").encode()


def subject_of(n: int, tag: str) -> str:
    return f"{tag} order A-{10000 + n} has not arrived"


async def wait_finished(client: httpx.AsyncClient, ids: list[str],
                        timeout: float = 40.0) -> dict[str, dict[str, Any]]:
    deadline = time.monotonic() + timeout
    jobs: dict[str, dict[str, Any]] = {}
    while time.monotonic() < deadline:
        jobs = {job_id: (await client.get(f"/v1/drafts/{job_id}")).json() for job_id in ids}
        if all(job["status"] not in ("queued", "drafting") for job in jobs.values()):
            return jobs
        await asyncio.sleep(0.2)
    pending = {k: v["status"] for k, v in jobs.items() if v["status"] in ("queued", "drafting")}
    raise AssertionError(f"jobs still unfinished after {timeout:.0f} s: {pending}")


def server(tmp_path: Path, model: CountingModel, port: int | None = None, **settings: str) -> Process:
    env = {"DRAFTER_API__SENDGRID_TOKEN": SENDGRID_TOKEN, "DRAFTER_MODEL__MAX_ATTEMPTS": "2", **settings}
    return start_server(tmp_path, model.url, port=port, **env)


# -- SIGKILL with jobs in flight -----------------------------------------------------------------


async def test_sigkill_mid_flight_then_restart_finishes_every_accepted_job_exactly_once(
        tmp_path: Path, model: CountingModel) -> None:
    first = server(tmp_path, model, DRAFTER_API__MAX_IN_FLIGHT="3")
    count = 12
    try:
        async with httpx.AsyncClient(base_url=first.url, timeout=10) as client:
            accepted = []
            for n in range(count):
                headers = {"Content-Type": "message/rfc822", "Prefer": "respond-async"}
                response = await client.post(f"/v1/drafts?today={TODAY}", content=complaint(n, "kill"),
                                             headers=headers)
                assert response.status_code == 202, response.text
                accepted.append(response.json()["id"])
            deadline = time.monotonic() + 10
            while sum(model.started.values()) < 3 and time.monotonic() < deadline:
                await asyncio.sleep(0.02)
            assert sum(model.started.values()) >= 3  # three drafts are waiting on the model right now
    finally:
        first.kill()
        with model.lock:  # what the model was working on when the server died
            in_flight_at_kill = {s for s, calls in model.started.items() if calls > model.answered[s]}
    second = server(tmp_path, model, port=first.port, DRAFTER_API__MAX_IN_FLIGHT="3")
    try:
        async with httpx.AsyncClient(base_url=second.url, timeout=10) as client:
            jobs = await wait_finished(client, accepted)
            again = {job_id: (await client.get(f"/v1/drafts/{job_id}")).json() for job_id in accepted}
    finally:
        second.stop()
    assert len(set(accepted)) == count
    assert {job["status"] for job in jobs.values()} == {"ready"}, {k: v["status"] for k, v in jobs.items()}
    assert jobs == again  # settled once: the stored result no longer changes
    assert in_flight_at_kill
    for n in range(count):
        subject = subject_of(n, "kill")
        # A draft cut off by the kill is drafted again after the restart; no other reaches the model twice.
        assert model.started[subject] == (2 if subject in in_flight_at_kill else 1), subject

    third = server(tmp_path, model, port=first.port)  # a further clean restart re-drafts nothing
    try:
        calls_before = sum(model.started.values())
        await asyncio.sleep(1.0)
        assert sum(model.started.values()) == calls_before
    finally:
        third.stop()


# -- duplicate webhook deliveries ----------------------------------------------------------------


async def test_concurrent_duplicate_webhook_deliveries_make_one_draft(tmp_path: Path,
                                                                      model: CountingModel) -> None:
    process = server(tmp_path, model)
    raw = complaint(1, "dup").decode()
    try:
        async with httpx.AsyncClient(base_url=process.url, timeout=20,
                                     headers={"Authorization": f"Bearer {SENDGRID_TOKEN}"}) as client:
            responses = await asyncio.gather(*(
                client.post("/v1/inbound/sendgrid", data={"email": raw, "to": "support@example.com"})
                for _ in range(20)))
            assert [r.status_code for r in responses] == [200] * 20, [r.text for r in responses]
            ids = {r.json()["id"] for r in responses}
            assert len(ids) == 1
            jobs = await wait_finished(client, list(ids))
    finally:
        process.stop()
    assert next(iter(jobs.values()))["status"] == "ready"
    assert model.started[subject_of(1, "dup")] == 1


# -- bounded load --------------------------------------------------------------------------------


async def test_load_beyond_the_cap_gets_only_drafts_and_clean_503s(tmp_path: Path,
                                                                   model: CountingModel) -> None:
    model.delay = 0.05
    process = server(tmp_path, model, DRAFTER_API__MAX_IN_FLIGHT="4", DRAFTER_API__MAX_QUEUE="4")
    statuses: Counter[int] = Counter()
    problems: list[str] = []
    try:
        limits = httpx.Limits(max_connections=32)
        async with httpx.AsyncClient(base_url=process.url, timeout=30, limits=limits) as client:
            numbers = iter(range(200))

            async def worker() -> None:
                for n in numbers:
                    response = await client.post(f"/v1/drafts?today={TODAY}", content=complaint(n, "load"),
                                                 headers={"Content-Type": "message/rfc822"})
                    statuses[response.status_code] += 1
                    if response.status_code == 503 and not (
                            response.headers["content-type"].startswith("application/problem+json")
                            and response.headers.get("retry-after", "").isdigit()):
                        problems.append(response.text)

            await asyncio.gather(*(worker() for _ in range(32)))
    finally:
        process.stop()
    assert sum(statuses.values()) == 200  # every request answered: no timeout, no reset
    assert set(statuses) <= {201, 503}, statuses
    assert statuses[201] > 0 and not problems


async def test_a_burst_is_admitted_only_up_to_the_cap(tmp_path: Path, model: CountingModel) -> None:
    in_flight, queue, burst = 2, 2, 32
    process = server(tmp_path, model, DRAFTER_API__MAX_IN_FLIGHT=str(in_flight),
                     DRAFTER_API__MAX_QUEUE=str(queue))
    try:
        async with httpx.AsyncClient(base_url=process.url, timeout=30,
                                     limits=httpx.Limits(max_connections=burst)) as client:
            headers = {"Content-Type": "message/rfc822", "Prefer": "respond-async"}
            responses = await asyncio.gather(*(
                client.post(f"/v1/drafts?today={TODAY}", content=complaint(n, "burst"), headers=headers)
                for n in range(burst)))
    finally:
        process.stop()
    statuses = Counter(r.status_code for r in responses)
    assert set(statuses) <= {202, 503}, statuses
    # Nothing finishes during the burst (each draft waits 0.4 s on the model): all admitted jobs are held.
    assert statuses[202] <= in_flight + queue + 1, statuses
