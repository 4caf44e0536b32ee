"""One `drafter serve` process under load: CPU per request, share of ideal beside its ceiling, memory and stalls
with 10 MB emails. Issue 21, "One process first".

    python -m bench.server_cpu [--latency-ms 500] [--concurrency 1,16,64,256] [--big 3] [--json out.json]
                               [--server-tree DIR]

One stub model (`python -m drafter.replay.stub_model --latency-ms L`) and one `drafter serve` on loopback; this
process is the load client. At each concurrency, back to back: the client against the stub alone (the ceiling
this shared machine allows now), then the same client against drafter. For each: requests/s as a share of
`concurrency / L`, p50/p99, and the CPU the server process spent per request (utime + stime of it and its
children from /proc/PID/stat, before and after, divided by the requests). Then the big-mail run: `--big`
emails near the 10 MB body limit (plain text, an attachment, HTML) POSTed at once while small requests go one
at a time beside them: peak RSS (sampled every 20 ms), RSS a few seconds after, and the worst latency of a
small request (its model call alone takes L). It runs twice, to show whether the memory is given back.
`--server-tree DIR` runs the server from another checkout (e.g. `git archive HEAD~3 | tar -x -C DIR`); given twice
or more, the servers run side by side and are measured in turn at each level, so before/after ratios come from
one run of the same client on the same noisy machine.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import httpx

from bench.service_throughput import (
    CLIENT_TIMEOUT_S,
    TODAY,
    Process,
    _spawn,
    clean_env,
    complaint_emails,
    drive,
    drive_stub,
    requests_for,
    sample_payload,
    start_stub,
)
from tests.processes import free_port

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
BIG_BYTES = 10_000_000  # under [api] max_body_bytes (10 MiB) with the headers
SETTLE_S = 3.0


# -- the server's CPU and memory -----------------------------------------------------------------


def _descendants(pid: int) -> list[int]:
    found = [pid]
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        for child in task.read_text().split():
            found += _descendants(int(child))
    return found


def cpu_seconds(pid: int) -> float:
    """utime + stime of `pid` and its living descendants (worker processes), plus what it reaped of theirs."""
    total = 0.0
    for n, each in enumerate(_descendants(pid)):
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        utime, stime, cutime, cstime = (int(v) for v in fields[11:15])
        total += utime + stime + (cutime + cstime if n == 0 else 0)
    return total / CLOCK_TICKS


def rss_mb(pids: Sequence[int]) -> float:
    total = 0
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except FileNotFoundError:
            continue
        line = next((line for line in status.splitlines() if line.startswith("VmRSS:")), None)
        if line is not None:  # a zombie has none
            total += int(line.split()[1])
    return total / 1024


def client_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


# -- processes -----------------------------------------------------------------------------------


def start_server(workdir: Path, model_url: str, tree: Path | None) -> Process:
    port = free_port()
    env = clean_env(OPENAI_BASE_URL=f"{model_url}/v1", OPENAI_API_KEY="bench-key",
                    DRAFTER_API__STORE_PATH=str(workdir / "jobs.sqlite3"))
    if tree is not None:
        env["PYTHONPATH"] = str(tree)
    argv = [sys.executable, "-m", "api.serve", "--port", str(port), "--log-level", "warning"]
    return _spawn("server", argv, env, workdir, port, "/readyz")


@contextmanager
def running(latency_ms: float, trees: Sequence[Path | None]) -> Iterator[tuple[Process, dict[str, Process]]]:
    """One stub and a server per source tree (idle while another one is measured), labelled by the tree."""
    with tempfile.TemporaryDirectory(prefix="drafter-bench-") as tmp:
        stub = start_stub(Path(tmp), latency_ms)
        servers: dict[str, Process] = {}
        try:
            for n, tree in enumerate(trees):
                workdir = Path(tmp) / f"server-{n}"
                workdir.mkdir()
                servers[tree.name if tree else "this checkout"] = start_server(workdir, stub.url, tree)
            yield stub, servers
        finally:
            for server in servers.values():
                server.stop()
            stub.stop()


# -- throughput and CPU --------------------------------------------------------------------------


def throughput(stub: Process, servers: dict[str, Process], latency_ms: float, levels: Sequence[int],
               emails: Sequence[bytes]) -> list[dict[str, object]]:
    """At each level: the client against the stub alone, then against each server in turn."""
    payload = sample_payload(emails[0])
    for server in servers.values():
        asyncio.run(drive(server.url, 8, 40, "warmup", emails))  # imports, caches, connections
    rows = []
    for level in levels:
        requests = requests_for(level, latency_ms)
        ideal = level / (latency_ms / 1000)
        ceiling = asyncio.run(drive_stub(stub.url, level, requests, payload)) / ideal
        for label, server in servers.items():
            rows.append({"server": label, **measure(server, level, requests, latency_ms, emails),
                         "ceiling_of_ideal": f"{ceiling:.0%}"})
            print(json.dumps(rows[-1]), flush=True)
    return rows


def measure(server: Process, level: int, requests: int, latency_ms: float,
            emails: Sequence[bytes]) -> dict[str, object]:
    """The load at one level, and the server's CPU (itself and its children) per answered request."""
    cpu_before, client_before = cpu_seconds(server.popen.pid), client_cpu_seconds()
    outcome = asyncio.run(drive(server.url, level, requests, f"c{level}-{time.time_ns()}", emails))
    server_cpu = cpu_seconds(server.popen.pid) - cpu_before
    client_cpu = client_cpu_seconds() - client_before
    answered = max(1, outcome.statuses.get("201", 0))
    row = outcome.row(latency_ms)
    return {
        "concurrency": level, "requests": requests, "rps": row["rps"], "of_ideal": row["of_ideal"],
        "server_cpu_ms_per_request": round(server_cpu * 1000 / answered, 1),
        "client_cpu_ms_per_request": round(client_cpu * 1000 / answered, 1),
        "p50_ms": row["p50_ms"], "p99_ms": row["p99_ms"], "calls_per_draft": row["calls_per_draft"],
        "errors": row["errors"], "statuses": row["statuses"],
        "server_rss_mb": round(rss_mb(_descendants(server.popen.pid)), 1),
    }


# -- big mail ------------------------------------------------------------------------------------

COMPLAINT_LINE = ("My order A-12345 arrived broken and I was charged $49.99 twice on 12 November; "
                  "nobody has answered my two earlier emails about it. ")


def big_emails(count: int) -> list[bytes]:
    """`count` emails of about BIG_BYTES each: a long plain-text complaint, a photo attachment, a long HTML body."""
    kinds = ["text", "attachment", "html"]
    return [big_email(kinds[n % len(kinds)], n) for n in range(count)]


def big_email(kind: str, n: int) -> bytes:
    head = (f"From: Big Customer {n} <big{n}@customer.example>\r\nTo: support@example.com\r\n"
            f"Subject: big mail {n}: broken order A-{20000 + n}\r\n"
            f"Message-ID: <big-{n}-{time.time_ns()}@customer.example>\r\n"
            "Date: Fri, 20 Nov 2026 09:30:00 +0000\r\nMIME-Version: 1.0\r\n")
    line = COMPLAINT_LINE + "\r\n"
    if kind == "text":
        body = line * (BIG_BYTES // len(line))
        return (head + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body).encode()
    if kind == "html":
        para = f"<p>{COMPLAINT_LINE}</p>\r\n"
        body = "<html><body>" + para * (BIG_BYTES // len(para)) + "</body></html>"
        return (head + "Content-Type: text/html; charset=utf-8\r\n\r\n" + body).encode()
    photo = base64.encodebytes(os.urandom(BIG_BYTES * 3 // 4 - 4096)).decode().replace("\n", "\r\n")
    return (head + 'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\n'
            "Content-Type: text/plain; charset=utf-8\r\n\r\n" + line * 3 + "\r\n--b\r\n"
            'Content-Type: image/jpeg; name="photo.jpg"\r\nContent-Transfer-Encoding: base64\r\n'
            'Content-Disposition: attachment; filename="photo.jpg"\r\n\r\n' + photo + "--b--\r\n").encode()


async def big_mix(server: Process, bigs: Sequence[bytes], smalls: Sequence[bytes], run: str) -> dict[str, object]:
    """The big emails at once, small ones one at a time beside them until the big ones are answered."""
    pids = _descendants(server.popen.pid)
    before = rss_mb(pids)
    peak = before
    done = asyncio.Event()

    async def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, rss_mb(_descendants(server.popen.pid)))
            await asyncio.sleep(0.02)

    small_ms: list[float] = []
    big_ms: list[float] = []
    big_status: list[int] = []
    async with httpx.AsyncClient(base_url=server.url, timeout=CLIENT_TIMEOUT_S * 3) as client:

        async def post(raw: bytes, key: str) -> tuple[int, float]:
            started = time.perf_counter()
            response = await client.post(f"/v1/drafts?today={TODAY}", content=raw,
                                         headers={"Content-Type": "message/rfc822", "Idempotency-Key": key})
            return response.status_code, (time.perf_counter() - started) * 1000

        async def big(n: int) -> None:
            status, ms = await post(bigs[n], f"{run}-big-{n}")
            big_status.append(status)
            big_ms.append(ms)

        async def small_loop() -> None:
            n = 0
            while not done.is_set():
                status, ms = await post(smalls[n % len(smalls)], f"{run}-small-{n}")
                if status == 201:
                    small_ms.append(ms)
                n += 1

        sampler = asyncio.create_task(sample())
        smalls_task = asyncio.create_task(small_loop())
        await asyncio.sleep(0.3)
        await asyncio.gather(*(big(n) for n in range(len(bigs))))
        done.set()
        await asyncio.gather(sampler, smalls_task)
    await asyncio.sleep(SETTLE_S)
    after = rss_mb(_descendants(server.popen.pid))
    row = {"run": run, "big_emails": len(bigs), "big_mb_each": round(statistics.fmean(map(len, bigs)) / 1e6, 1),
           "big_statuses": sorted(big_status), "big_ms_max": round(max(big_ms)),
           "small_requests": len(small_ms), "small_ms_p50": round(statistics.median(small_ms)) if small_ms else "-",
           "small_ms_max": round(max(small_ms)) if small_ms else "-",
           "rss_mb_before": round(before), "rss_mb_peak": round(peak), f"rss_mb_after_{SETTLE_S:g}s": round(after)}
    print(json.dumps(row), flush=True)
    return row


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.server_cpu", description=__doc__.split("\n\n")[0])
    parser.add_argument("--latency-ms", type=float, default=500.0, help="the stub model's latency")
    parser.add_argument("--concurrency", default="1,16,64,256", help="client concurrency levels")
    parser.add_argument("--big", type=int, default=3, help="10 MB emails sent at once in the big-mail run (0: none)")
    parser.add_argument("--server-tree", type=Path, action="append",
                        help="run a server from this source tree (PYTHONPATH); repeat to compare trees side by side")
    parser.add_argument("--json", type=Path, help="write every figure as JSON here too")
    args = parser.parse_args(argv)
    emails = complaint_emails()
    levels = [int(c) for c in args.concurrency.split(",") if c]
    trees: list[Path | None] = args.server_tree or [None]
    report: dict[str, object] = {"cores": os.cpu_count(), "latency_ms": args.latency_ms}
    with running(args.latency_ms, trees) as (stub, servers):
        report["throughput"] = throughput(stub, servers, args.latency_ms, levels, emails)
        if args.big:
            report["big"] = [{"server": label, **asyncio.run(big_mix(server, big_emails(args.big), emails, f"big{n}"))}
                             for n in (1, 2) for label, server in servers.items()]
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
