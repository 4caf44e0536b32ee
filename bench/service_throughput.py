"""`drafter serve` under load: a real server process, a real stub model process, clients over loopback.

    python -m bench.service_throughput [--latencies 0,500] [--concurrency 1,16,64,256] [--json out.json]

For each model latency, the stub (`python -m drafter.replay.stub_model --latency-ms L`) and `drafter serve`
start on free loopback ports; async httpx clients then POST distinct emails (each its own
Idempotency-Key) at each concurrency and wait for the synchronous 201. Reported: requests/s, p50/p99
latency, errors, the server's RSS from /proc, and, at latency L, the share of the ideal
`concurrency / L`. A last run caps the server ([api] max_in_flight / max_queue) below the offered
load and counts what the clients get: the documented 503 with Retry-After, never a timeout.
The helpers that start the processes are reused by tests/test_reliability_service.py.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import AsyncExitStack, asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import click
import httpx

from tests.processes import free_port, wait_until_answers

TODAY = "2026-11-23"
PROJECT = Path(__file__).resolve().parent.parent
SAMPLES = PROJECT / "samples"
START_TIMEOUT_S = 90.0  # a server reads every data file (phrase books of four languages) before it answers
CLIENT_TIMEOUT_S = 60.0
CONNECTIONS_PER_CLIENT = 8


# -- processes -----------------------------------------------------------------------------------



def clean_env(**extra: str) -> dict[str, str]:
    """This environment minus anything that configures drafter or a model, plus `extra`."""
    proxies = {"HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"}
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DRAFTER_", "OPENAI_")) and k not in proxies}
    env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost"
    return {**env, **extra}


@dataclass
class Process:
    """A child process listening on a loopback port; its output goes to a file for post-mortems."""

    name: str
    popen: subprocess.Popen[bytes]
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def rss_mb(self) -> tuple[float, float]:
        """(current RSS, peak RSS) in MB from /proc/PID/status."""
        fields = {}
        for line in Path(f"/proc/{self.popen.pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            fields[key] = value.strip()
        return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024

    def kill(self) -> None:
        """SIGKILL: no shutdown handler runs, as after a crash or an OOM kill."""
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGKILL)
        self.popen.wait(10)

    def stop(self) -> None:
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGTERM)
            try:
                self.popen.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:] if self.log.exists() else ""


def _spawn(name: str, argv: list[str], env: dict[str, str], cwd: Path, port: int, ready_path: str) -> Process:
    log = cwd / f"{name}-{port}.log"
    handle = log.open("ab")
    popen = subprocess.Popen(argv, env=env, cwd=cwd, stdout=handle, stderr=subprocess.STDOUT)
    handle.close()
    process = Process(name, popen, port, log)
    try:
        wait_until_answers(popen, f"{process.url}{ready_path}", name=name, timeout=START_TIMEOUT_S,
                           output=process.output)
    except RuntimeError:
        process.kill()
        raise
    return process


def start_stub(workdir: Path, latency_ms: float = 0.0, mode: str = "polite") -> Process:
    port = free_port()
    argv = [sys.executable, "-m", "drafter.replay.stub_model", "--port", str(port), "--latency-ms", str(latency_ms),
            "--mode", mode]
    return _spawn("stub", argv, clean_env(), workdir, port, "/v1/models")


def serve_argv(port: int) -> list[str]:
    """`drafter serve` when the CLI has it, else the same command through `python -m api.serve`."""
    from drafter.cli import cli

    if "serve" in cli.list_commands(click.Context(cli)):
        return [sys.executable, "-m", "drafter", "serve", "--port", str(port), "--log-level", "warning"]
    return [sys.executable, "-m", "api.serve", "--port", str(port), "--log-level", "warning"]


def start_server(workdir: Path, model_url: str, port: int | None = None, **settings: str) -> Process:
    """`drafter serve` on loopback with its store in `workdir`; `settings` are DRAFTER_* variables."""
    port = port or free_port()
    env = clean_env(OPENAI_BASE_URL=f"{model_url}/v1", OPENAI_API_KEY="bench-key",
                    DRAFTER_API__STORE_PATH=str(workdir / "jobs.sqlite3"), **settings)
    return _spawn("server", serve_argv(port), env, workdir, port, "/readyz")


@contextmanager
def running(latency_ms: float, **server_settings: str) -> Iterator[tuple[Process, Process]]:
    with tempfile.TemporaryDirectory(prefix="drafter-bench-") as tmp:
        workdir = Path(tmp)
        stub = start_stub(workdir, latency_ms)
        try:
            server = start_server(workdir, stub.url, **server_settings)
            try:
                yield stub, server
            finally:
                server.stop()
        finally:
            stub.stop()


# -- load ----------------------------------------------------------------------------------------


def complaint_emails() -> list[bytes]:
    """The samples a draft is made for (automated mail is answered `skipped` without a model call)."""
    from drafter.parse import parse_email

    raws = [path.read_bytes() for path in sorted(SAMPLES.glob("*.eml"))]
    return [raw for raw in raws if not parse_email(raw).automated]


@dataclass
class LoadResult:
    concurrency: int
    requests: int
    elapsed_s: float
    latencies_ms: list[float] = field(default_factory=list)
    statuses: Counter[str] = field(default_factory=Counter)
    draft_statuses: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    bad_503s: int = 0
    model_calls: list[int] = field(default_factory=list)

    def row(self, latency_ms: float) -> dict[str, object]:
        ok = self.statuses.get("201", 0)
        rps = ok / self.elapsed_s if self.elapsed_s else 0.0
        ideal = self.concurrency / (latency_ms / 1000) if latency_ms else None
        # A draft that needs repairs makes more than one model call, each `latency_ms` long.
        calls = statistics.fmean(self.model_calls) if self.model_calls else 1.0
        return {
            "concurrency": self.concurrency, "requests": self.requests, "ok_201": ok,
            "rps": round(rps, 1),
            "ideal_rps": round(ideal, 1) if ideal else "-",
            "of_ideal": f"{rps / ideal:.0%}" if ideal else "-",
            "calls_per_draft": round(calls, 2),
            "of_ideal_per_call": f"{rps * calls / ideal:.0%}" if ideal else "-",
            "p50_ms": round(statistics.median(self.latencies_ms), 1) if self.latencies_ms else "-",
            "p99_ms": round(_percentile(self.latencies_ms, 99), 1) if self.latencies_ms else "-",
            "statuses": dict(self.statuses), "drafts": dict(self.draft_statuses),
            "errors": dict(self.errors) or 0, "bad_503s": self.bad_503s,
        }


def _percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


async def drive(base_url: str, concurrency: int, requests: int, run: str,
                emails: Sequence[bytes]) -> LoadResult:
    """`requests` POSTs of distinct emails, `concurrency` at a time, each waiting for its draft."""
    result = LoadResult(concurrency, requests, 0.0)
    counter = iter(range(requests))
    async with clients(base_url, concurrency) as pool:

        async def one(n: int, client: httpx.AsyncClient) -> None:
            headers = {"Content-Type": "message/rfc822", "Idempotency-Key": f"{run}-{n}"}
            started = time.perf_counter()
            try:
                response = await client.post(f"/v1/drafts?today={TODAY}", content=emails[n % len(emails)],
                                             headers=headers)
            except httpx.TimeoutException:
                result.errors["timeout"] += 1
                return
            except httpx.TransportError as exc:
                result.errors[type(exc).__name__] += 1
                return
            elapsed = (time.perf_counter() - started) * 1000
            result.statuses[str(response.status_code)] += 1
            if response.status_code == 201:
                job = response.json()
                result.latencies_ms.append(elapsed)
                result.draft_statuses[job.get("status", "?")] += 1
                result.model_calls.append(int((job.get("usage") or {}).get("model_calls") or 0))
            elif response.status_code == 503 and not _clean_503(response):
                result.bad_503s += 1

        async def client_loop(client: httpx.AsyncClient) -> None:
            for n in counter:
                await one(n, client)

        started = time.perf_counter()
        await asyncio.gather(*(client_loop(pool[k % len(pool)]) for k in range(concurrency)))
        result.elapsed_s = time.perf_counter() - started
    return result


@asynccontextmanager
async def clients(base_url: str, concurrency: int) -> AsyncIterator[list[httpx.AsyncClient]]:
    """httpx clients of at most 8 connections each for `concurrency` client loops (loop k uses client k % n):
    one pool of 256 spends most of the client's CPU scanning its connections, as drafter's model client did."""
    count = -(-concurrency // CONNECTIONS_PER_CLIENT)
    limits = httpx.Limits(max_connections=CONNECTIONS_PER_CLIENT, max_keepalive_connections=CONNECTIONS_PER_CLIENT)
    async with AsyncExitStack() as stack:
        yield [await stack.enter_async_context(httpx.AsyncClient(base_url=base_url, limits=limits,
                                                                 timeout=CLIENT_TIMEOUT_S))
               for _ in range(count)]


def _clean_503(response: httpx.Response) -> bool:
    """The documented overload answer: problem+json with a Retry-After the client can obey."""
    return (response.headers.get("content-type", "").startswith("application/problem+json")
            and response.headers.get("retry-after", "").isdigit())


def requests_for(concurrency: int, latency_ms: float) -> int:
    """Enough requests for several waves at each concurrency, bounded so the whole run takes minutes."""
    waves = 6 if latency_ms else 12
    return max(30 if latency_ms else 200, concurrency * waves)


# -- the run -------------------------------------------------------------------------------------


def measure_latency(latency_ms: float, levels: Sequence[int], emails: Sequence[bytes]) -> dict[str, object]:
    rows = []
    with running(latency_ms) as (_, server):
        asyncio.run(drive(server.url, 4, 20, f"warmup-{latency_ms}", emails))  # imports, caches, connections
        for level in levels:
            run = f"c{level}-{latency_ms}"
            outcome = asyncio.run(drive(server.url, level, requests_for(level, latency_ms), run, emails))
            row = outcome.row(latency_ms)
            row["server_rss_mb"], row["server_peak_rss_mb"] = (round(v, 1) for v in server.rss_mb())
            rows.append(row)
            print(json.dumps(row), flush=True)
    return {"latency_ms": latency_ms, "rows": rows}


def sample_payload(raw: bytes) -> dict[str, object]:
    """The chat request drafter sends for `raw`: what the stub answers in the ceiling runs."""
    import datetime as dt

    from drafter.model import build_payload
    from drafter.parse import parse_email
    from drafter.plan import make_plan
    from drafter.prompt import draft_messages
    from drafter_core.settings import load_settings

    settings = load_settings(env={})
    complaint = parse_email(raw)
    plan = make_plan(complaint, settings, dt.date.fromisoformat(TODAY))
    messages = draft_messages(complaint, plan, settings)
    return build_payload(settings.model, messages, settings.model.structured_output)


async def drive_stub(base_url: str, concurrency: int, requests: int, payload: dict[str, object]) -> float:
    """Requests/s the same client code gets from the stub alone: the ceiling this machine allows."""
    counter = iter(range(requests))
    async with clients(base_url, concurrency) as pool:

        answered = 0

        async def client_loop(client: httpx.AsyncClient) -> None:
            nonlocal answered
            for _ in counter:
                try:
                    response = await client.post("/v1/chat/completions", json=payload)
                except httpx.TransportError:
                    continue  # the stub itself gave up: not counted
                answered += response.status_code == 200

        started = time.perf_counter()
        await asyncio.gather(*(client_loop(pool[k % len(pool)]) for k in range(concurrency)))
        return answered / (time.perf_counter() - started)


def measure_ceiling(latency_ms: float, levels: Sequence[int],
                    emails: Sequence[bytes]) -> list[dict[str, object]]:
    """Client and stub alone, no drafter: on two shared cores they take CPU the server would otherwise get."""
    payload = sample_payload(emails[0])
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="drafter-bench-") as tmp:
        stub = start_stub(Path(tmp), latency_ms)
        try:
            for level in levels:
                rps = asyncio.run(drive_stub(stub.url, level, requests_for(level, latency_ms), payload))
                ideal = level / (latency_ms / 1000) if latency_ms else None
                rows.append({"latency_ms": latency_ms, "concurrency": level, "stub_only_rps": round(rps, 1),
                             "of_ideal": f"{rps / ideal:.0%}" if ideal else "-"})
                print(json.dumps(rows[-1]), flush=True)
        finally:
            stub.stop()
    return rows


def measure_cap(latency_ms: float, concurrency: int, in_flight: int, queue: int,
                emails: Sequence[bytes]) -> dict[str, object]:
    """Offer more than the server is configured to hold: the excess must get clean 503s, not timeouts."""
    settings = {"DRAFTER_API__MAX_IN_FLIGHT": str(in_flight), "DRAFTER_API__MAX_QUEUE": str(queue)}
    with running(latency_ms, **settings) as (_, server):
        outcome = asyncio.run(drive(server.url, concurrency, concurrency * 4, f"cap-{latency_ms}", emails))
        row = outcome.row(latency_ms)
        row["server_peak_rss_mb"] = round(server.rss_mb()[1], 1)
    row |= {"max_in_flight": in_flight, "max_queue": queue}
    print(json.dumps(row), flush=True)
    return row


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.service_throughput",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--latencies", default="0,500", help="stub model latencies in ms, comma-separated")
    parser.add_argument("--concurrency", default="1,16,64,256", help="client concurrency levels")
    parser.add_argument("--cap", default="256,16,32",
                        help="concurrency,max_in_flight,max_queue for the 503 run")
    parser.add_argument("--json", type=Path, help="write every figure as JSON here too")
    args = parser.parse_args(argv)
    emails = complaint_emails()
    levels = [int(c) for c in args.concurrency.split(",")]
    report: dict[str, object] = {"cores": os.cpu_count(), "emails": len(emails)}
    latencies = [float(lat) for lat in args.latencies.split(",")]
    report["ceiling"] = [row for lat in latencies if lat for row in measure_ceiling(lat, levels, emails)]
    report["runs"] = [measure_latency(lat, levels, emails) for lat in latencies]
    concurrency, in_flight, queue = (int(v) for v in args.cap.split(","))
    report["cap"] = measure_cap(500.0, concurrency, in_flight, queue, emails)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
