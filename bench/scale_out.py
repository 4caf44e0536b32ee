"""drafter past one process: `drafter serve --workers N` on PostgreSQL beside the SQLite single process, and
separate `drafter worker` processes. Issue 21, "Benchmarks".

    python -m bench.scale_out [--processes 1,2,4] [--concurrency 1,16,64,256] [--latency-ms 500] [--quick]
                              [--durable] [--store-only] [--json out.json]

One run starts a throwaway PostgreSQL (loopback, temporary directory, pg_stat_statements loaded), one stub model
(`python -m drafter.replay.stub_model --latency-ms L`) and, one configuration at a time:

- sqlite     `drafter serve` with the SQLite store (DRAFTER_API__STORE_PATH): the baseline;
- pg-N       `drafter serve --workers N` on PostgreSQL (DRAFTER_STORE_URL), drafting in-process, for each N;
- split      two `drafter serve --drafting workers` replicas and two `drafter worker` processes, the load spread
             over both replicas.

At each concurrency, back to back: the load client against the stub alone (its ceiling on this machine at this
moment), then the same client against drafter. The client is a process of its own (this module with --client):
async httpx, distinct emails (each a new Message-ID, the idempotency key drafter derives), synchronous POSTs that
wait for the 201. Reported per configuration and concurrency: requests/s and its share of `concurrency / L`,
p50/p99, errors, drafter CPU ms per request (utime + stime of every drafter process from /proc, uvicorn's children
and what it reaped included, before and after), the largest peak RSS of one drafter process (VmHWM), and for
PostgreSQL per job: database execution ms (pg_stat_statements total_exec_time of top-level statements), statements,
row writes, NOTIFYs, WAL bytes, and the PostgreSQL server's own CPU ms (its processes from /proc).

Then the store alone, one job after another in this process (alone with --store-only): the store calls a
synchronous job makes (the queue count, admit, claim, finish, the woken request's read), on SQLite and on PostgreSQL
(plus the queue's defer, fetch and finish): ms of wall time and of CPU per job. That is the SQLite-against-PostgreSQL
cost per job on equal terms.

The database runs as the tests run it (fsync and synchronous_commit off) unless --durable: then every commit
waits for its WAL flush, as in production. Every process and temporary directory is removed at the end, on
Ctrl-C and on SIGTERM too.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import AsyncExitStack, ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

import httpx

from bench.server_cpu import cpu_seconds
from bench.service_throughput import (
    CLIENT_TIMEOUT_S,
    START_TIMEOUT_S,
    TODAY,
    Process,
    clean_env,
    complaint_emails,
    sample_payload,
    start_stub,
)
from tests.postgres import PostgresServer, postgres_bin
from tests.processes import free_port, wait_until_answers

PROJECT = Path(__file__).resolve().parent.parent
MESSAGE_ID = re.compile(rb"(?im)^message-id:[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*\r?\n")
PG_START_TIMEOUT_S = 30
CONNECTIONS_PER_CLIENT = 8
IDLE_S = 5.0
# A statement that writes rows (a top-level one, or one inside procrastinate's functions and triggers, which
# pg_stat_statements.track = all counts apart); a top-level call of such a function only reads here.
WRITES = r"\m(insert\s+into|update\s+\w+\s+set|delete\s+from)\M"


# -- PostgreSQL ----------------------------------------------------------------------------------


class BenchPostgres(PostgresServer):
    """The tests' throwaway server, with pg_stat_statements loaded and, with `durable`, commits flushed."""

    durable: bool = False

    def start(self) -> None:
        durability = ("-c fsync=on -c synchronous_commit=on -c full_page_writes=on" if self.durable
                      else "-c fsync=off -c synchronous_commit=off -c full_page_writes=off")
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} {durability} "
                   "-c max_connections=300 -c shared_preload_libraries=pg_stat_statements "
                   "-c pg_stat_statements.track=all -c pg_stat_statements.max=5000")
        subprocess.run(self._as_owner(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l",
                                      str(self.root / "log"), "-w", "-t", str(PG_START_TIMEOUT_S),
                                      "-o", options, "start"),
                       check=True, capture_output=True)

    def postmaster_pid(self) -> int:
        return int((self.data / "postmaster.pid").read_text().split()[0])

    def sql(self, query: str, params: Sequence[Any] = (), database: str = "postgres") -> list[tuple[Any, ...]]:
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True) as conn:
            cursor = conn.execute(query, params)  # type: ignore[arg-type]
            return cursor.fetchall() if cursor.description else []


@contextmanager
def postgres_server(durable: bool) -> Iterator[BenchPostgres]:
    binaries = postgres_bin()
    if binaries is None:
        raise SystemExit("PostgreSQL's server binaries are not installed (Debian: apt-get install postgresql)")
    root = Path(tempfile.mkdtemp(prefix="drafter-scale-pg-"))
    root.chmod(0o755)
    server = BenchPostgres(bin=binaries, root=root, port=free_port())
    server.durable = durable
    try:
        server.init()
        server.start()
        server.sql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
        yield server
    finally:
        server.stop("immediate")
        shutil.rmtree(root, ignore_errors=True)


@dataclass
class DbSnapshot:
    wal_lsn: str
    cpu_s: float


def db_before(pg: BenchPostgres) -> DbSnapshot:
    pg.sql("SELECT pg_stat_statements_reset()")
    lsn = pg.sql("SELECT pg_current_wal_lsn()::text")[0][0]
    return DbSnapshot(wal_lsn=lsn, cpu_s=cpu_seconds(pg.postmaster_pid()))


def db_after(pg: BenchPostgres, before: DbSnapshot, database: str, jobs: int) -> dict[str, object]:
    """Per job, since `before`: what pg_stat_statements saw in `database`, WAL written, the server's CPU."""
    cpu = cpu_seconds(pg.postmaster_pid()) - before.cpu_s
    row = pg.sql(
        "SELECT coalesce(sum(total_exec_time) FILTER (WHERE toplevel), 0), "
        "       coalesce(sum(calls) FILTER (WHERE toplevel), 0), "
        f"       coalesce(sum(rows) FILTER (WHERE query ~* '{WRITES}'), 0), "
        "       coalesce(sum(calls) FILTER (WHERE query ILIKE '%%pg_notify(%%'), 0), "
        "       coalesce(sum(calls) FILTER (WHERE toplevel AND query ILIKE '%%procrastinate_fetch_job%%'), 0), "
        "       pg_wal_lsn_diff(pg_current_wal_lsn(), %s::pg_lsn) "
        "FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = %s)",
        (before.wal_lsn, database))[0]
    exec_ms, statements, row_writes, notifies, fetches, wal = (float(v) for v in row)
    per = max(1, jobs)
    top = pg.sql(
        "SELECT toplevel, calls, total_exec_time, rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 140) "
        "FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = %s) "
        "ORDER BY calls DESC LIMIT 40", (database,))
    statements_per_job = [{"toplevel": t, "calls_per_job": round(c / per, 2), "ms_per_job": round(ms / per, 3),
                           "rows_per_job": round(r / per, 2), "query": q} for t, c, ms, r, q in top]
    return {"statements": statements_per_job,
            "db_exec_ms_per_job": round(exec_ms / per, 2), "db_statements_per_job": round(statements / per, 1),
            "db_row_writes_per_job": round(row_writes / per, 1), "db_notifies_per_job": round(notifies / per, 1),
            "queue_fetches_per_job": round(fetches / per, 2),
            "db_wal_kb_per_job": round(wal / per / 1024, 1), "pg_cpu_ms_per_job": round(cpu * 1000 / per, 2)}


# -- the drafter processes -----------------------------------------------------------------------


@dataclass(frozen=True)
class Config:
    name: str
    store: str  # "sqlite" or "postgresql"
    serve_processes: int = 1  # `drafter serve --workers N`
    replicas: int = 1  # separate `drafter serve` commands, each with its own port
    workers: int = 0  # `drafter worker` processes; > 0: the replicas only accept and enqueue

    @property
    def processes(self) -> int:
        return self.replicas * self.serve_processes + self.workers


@dataclass
class Deployment:
    config: Config
    processes: list[Process] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    database: str | None = None

    def cpu_s(self) -> float:
        return sum(cpu_seconds(p.popen.pid) for p in self.processes if p.popen.poll() is None)

    def pids(self) -> list[int]:
        return [pid for p in self.processes for pid in descendants(p.popen.pid)]

    def peak_rss_mb(self) -> float:
        """The largest peak RSS (VmHWM) of one drafter process (a uvicorn supervisor counts as one)."""
        return max((status_kb(pid, "VmHWM") / 1024 for pid in self.pids()), default=0.0)


def descendants(pid: int) -> list[int]:
    found = [pid]
    try:
        tasks = list(Path(f"/proc/{pid}/task").glob("*/children"))
        children = [int(c) for task in tasks for c in task.read_text().split()]
    except (FileNotFoundError, ProcessLookupError):
        return found
    for child in children:
        found += descendants(child)
    return found


def status_kb(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except FileNotFoundError:
        pass
    return 0


def drafter_argv(command: str, *options: str) -> list[str]:
    return [sys.executable, "-m", "drafter", command, "--log-level", "warning", *options]


def launch(name: str, argv: list[str], env: dict[str, str], workdir: Path, port: int = 0) -> Process:
    """Start a drafter process, its output to a file; the caller registers it before waiting for it, so that
    an interrupt while it starts still stops it."""
    log = workdir / f"{name}-{port or 'worker'}.log"
    with log.open("ab") as handle:
        popen = subprocess.Popen(argv, env=env, cwd=workdir, stdout=handle, stderr=subprocess.STDOUT)
    return Process(name, popen, port, log)


def wait_until_logged(process: Process, text: str) -> None:
    """A `drafter worker` listens on no port: ready once it logs so."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while text not in process.output():
        if process.popen.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"{process.name} did not start; its output ends:\n{process.output()}")
        time.sleep(0.1)


@contextmanager
def deployed(config: Config, workdir: Path, model_url: str, pg: BenchPostgres) -> Iterator[Deployment]:
    deployment = Deployment(config)
    env = clean_env(OPENAI_BASE_URL=f"{model_url}/v1", OPENAI_API_KEY="bench-key")
    if config.store == "sqlite":
        env["DRAFTER_API__STORE_PATH"] = str(workdir / f"{config.name}.sqlite3")
    else:
        url = pg.create_database()
        deployment.database = url.rsplit("/", 1)[1]
        env["DRAFTER_STORE_URL"] = url
    try:
        for _ in range(config.replicas):
            port = free_port()
            options = ["--port", str(port)]
            if config.serve_processes > 1:
                options += ["--workers", str(config.serve_processes)]
            if config.workers:
                options += ["--drafting", "workers"]
            process = launch(f"serve-{config.name}", drafter_argv("serve", *options), env, workdir, port)
            deployment.processes.append(process)
            wait_until_answers(process.popen, f"{process.url}/readyz", name=process.name, timeout=START_TIMEOUT_S,
                               output=process.output)
            deployment.urls.append(process.url)
            wait_for_children(process, config.serve_processes)
        for n in range(config.workers):
            argv = [sys.executable, "-m", "drafter", "worker", "--name", f"bench-worker-{n}", "--log-level", "info"]
            deployment.processes.append(launch(f"worker-{n}", argv, env, workdir))
            wait_until_logged(deployment.processes[-1], " ready: ")
        yield deployment
    finally:
        for process in deployment.processes:
            process.stop()


def wait_for_children(process: Process, count: int) -> None:
    """`--workers N`: /readyz answers once the first process is up; wait for all N (uvicorn's children)."""
    if count <= 1:
        return
    deadline = time.monotonic() + START_TIMEOUT_S
    while len(descendants(process.popen.pid)) < count + 1 and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(1.0)  # each child's start-up (imports, migrations) after it forked


# -- the load client, a process of its own -------------------------------------------------------


def with_message_id(raw: bytes, message_id: str) -> bytes:
    header = f"Message-ID: {message_id}\r\n".encode()
    if MESSAGE_ID.search(raw):
        return MESSAGE_ID.sub(lambda _m: header, raw, count=1)
    return header + raw


def _percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


async def drive(urls: Sequence[str], concurrency: int, requests: int, run: str, emails: Sequence[bytes],
                stub_payload: dict[str, object] | None) -> dict[str, object]:
    """`requests` POSTs, `concurrency` at a time, request n to urls[n % len(urls)]: distinct emails waiting for
    the 201, or (stub_payload) the chat request straight to the stub model."""
    counter = iter(range(requests))
    latencies: list[float] = []
    statuses: Counter[str] = Counter()
    drafts: Counter[str] = Counter()
    errors: Counter[str] = Counter()
    calls: list[int] = []
    # httpx clients of at most 8 connections each (client loop k uses client k % count): one pool of 256 spends
    # most of the client's CPU scanning its own connections, and the client becomes the bottleneck.
    count = -(-concurrency // CONNECTIONS_PER_CLIENT)
    limits = httpx.Limits(max_connections=CONNECTIONS_PER_CLIENT, max_keepalive_connections=CONNECTIONS_PER_CLIENT)
    async with AsyncExitStack() as stack:
        pool = [await stack.enter_async_context(httpx.AsyncClient(limits=limits, timeout=CLIENT_TIMEOUT_S))
                for _ in range(count)]

        async def one(n: int, client: httpx.AsyncClient) -> None:
            base = urls[n % len(urls)]
            started = time.perf_counter()
            try:
                if stub_payload is not None:
                    response = await client.post(f"{base}/v1/chat/completions", json=stub_payload)
                else:
                    raw = with_message_id(emails[n % len(emails)], f"<{run}-{n}@scale-out.bench>")
                    response = await client.post(f"{base}/v1/drafts?today={TODAY}", content=raw,
                                                 headers={"Content-Type": "message/rfc822"})
            except httpx.TimeoutException:
                errors["timeout"] += 1
                return
            except httpx.TransportError as exc:
                errors[type(exc).__name__] += 1
                return
            statuses[str(response.status_code)] += 1
            if response.status_code not in (200, 201):
                errors[f"http {response.status_code}"] += 1
                return
            latencies.append((time.perf_counter() - started) * 1000)
            if stub_payload is None:
                job = response.json()
                drafts[job.get("status", "?")] += 1
                calls.append(int((job.get("usage") or {}).get("model_calls") or 0))

        async def client_loop(client: httpx.AsyncClient) -> None:
            for n in counter:
                await one(n, client)

        cpu_before = _own_cpu_s()
        started = time.perf_counter()
        await asyncio.gather(*(client_loop(pool[k % count]) for k in range(concurrency)))
        elapsed = time.perf_counter() - started
    return {"requests": requests, "ok": len(latencies), "elapsed_s": elapsed, "rps": len(latencies) / elapsed,
            "p50_ms": statistics.median(latencies) if latencies else None,
            "p99_ms": _percentile(latencies, 99) if latencies else None,
            "statuses": dict(statuses), "drafts": dict(drafts), "errors": dict(errors),
            "calls_per_draft": statistics.fmean(calls) if calls else None,
            "client_cpu_s": _own_cpu_s() - cpu_before}


def _own_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def client_main(spec: dict[str, Any]) -> None:
    """--client: run one load as `spec` says and print its figures as one JSON line."""
    emails = complaint_emails()
    payload = sample_payload(emails[0]) if spec["stub"] else None
    result = asyncio.run(drive(spec["urls"], spec["concurrency"], spec["requests"], spec["run"], emails, payload))
    print(json.dumps(result), flush=True)


def run_client(urls: Sequence[str], concurrency: int, requests: int, run: str, *, stub: bool) -> dict[str, Any]:
    spec = {"urls": list(urls), "concurrency": concurrency, "requests": requests, "run": run, "stub": stub}
    env = clean_env()
    done = subprocess.run([sys.executable, "-m", "bench.scale_out", "--client", json.dumps(spec)], cwd=PROJECT,
                          env=env, capture_output=True, text=True, timeout=CLIENT_TIMEOUT_S * 20)
    if done.returncode != 0:
        raise RuntimeError(f"the load client failed ({done.returncode}):\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# -- the run -------------------------------------------------------------------------------------


def requests_for(concurrency: int, quick: bool) -> int:
    """Several waves at each concurrency (four at 256: on two busy cores a wave there takes seconds); one at a
    time, enough for a median."""
    if quick:
        return max(10, concurrency * 3)
    return max(20, min(concurrency * 8, 1024))


def measure(deployment: Deployment, stub: Process, pg: BenchPostgres, latency_ms: float, levels: Sequence[int],
            quick: bool) -> list[dict[str, object]]:
    config = deployment.config
    run_client(deployment.urls, 8, 48, f"{config.name}-warmup", stub=False)  # imports, pools, connections
    idle_before = deployment.cpu_s()
    idle_s = IDLE_S / 2 if quick else IDLE_S
    time.sleep(idle_s)  # what the processes spend doing nothing: polls, heartbeats, sweeps
    idle_ms_per_s = (deployment.cpu_s() - idle_before) * 1000 / idle_s
    rows: list[dict[str, object]] = []
    for level in levels:
        requests = requests_for(level, quick)
        ceiling = run_client([stub.url], level, requests, f"{config.name}-c{level}-stub", stub=True)
        db = db_before(pg) if deployment.database else None
        cpu_before, stub_before = deployment.cpu_s(), cpu_seconds(stub.popen.pid)
        outcome = run_client(deployment.urls, level, requests, f"{config.name}-c{level}", stub=False)
        cpu, stub_cpu = deployment.cpu_s() - cpu_before, cpu_seconds(stub.popen.pid) - stub_before
        ideal = level / (latency_ms / 1000)
        ok = int(outcome["ok"])
        row: dict[str, object] = {
            "config": config.name, "processes": config.processes, "concurrency": level, "requests": requests,
            "rps": round(outcome["rps"], 1), "of_ideal": round(outcome["rps"] / ideal, 3),
            "ceiling_of_ideal": round(ceiling["rps"] / ideal, 3),
            "p50_ms": _round(outcome["p50_ms"]), "p99_ms": _round(outcome["p99_ms"]),
            "errors": sum(outcome["errors"].values()), "error_kinds": outcome["errors"],
            "drafts": outcome["drafts"], "calls_per_draft": _round(outcome["calls_per_draft"], 2),
            "drafter_cpu_ms_per_request": round(cpu * 1000 / max(1, ok), 1),
            "drafter_idle_cpu_ms_per_s": round(idle_ms_per_s, 1), "elapsed_s": round(outcome["elapsed_s"], 1),
            "client_cpu_ms_per_request": round(outcome["client_cpu_s"] * 1000 / max(1, ok), 1),
            "stub_cpu_ms_per_request": round(stub_cpu * 1000 / max(1, ok), 1),
            "max_rss_mb_per_process": round(deployment.peak_rss_mb(), 1),
        }
        if db is not None and deployment.database:
            row |= db_after(pg, db, deployment.database, ok)
        rows.append(row)
        print(json.dumps({k: v for k, v in row.items() if k != "statements"}), flush=True)
    return rows


def _round(value: object, digits: int = 0) -> object:
    if not isinstance(value, float):
        return value
    return round(value, digits) if digits else round(value)


def configurations(processes: Sequence[int]) -> list[Config]:
    return [Config("sqlite", "sqlite"),
            *(Config(f"pg-{n}", "postgresql", serve_processes=n) for n in processes),
            Config("split-2+2", "postgresql", replicas=2, workers=2)]


# -- the store alone -----------------------------------------------------------------------------


async def store_cost(store_kind: str, jobs: int, pg: BenchPostgres, workdir: Path) -> dict[str, object]:
    """The store calls of one synchronous job, one job after another: wall and CPU ms per job in this process."""
    import datetime as dt

    from api.queue import QUEUE, JobQueue
    from api.store import JobStore, NewJob
    from api.store_pg import PgJobStore

    queue: JobQueue | None = None
    store: JobStore | PgJobStore
    if store_kind == "sqlite":
        store = JobStore(workdir / "store-cost.sqlite3", clock=time.time)
    else:
        url = pg.create_database()
        store, queue = PgJobStore(url, clock=time.time), JobQueue(url)
    await store.open()
    worker_id = 0
    if queue is not None:
        await queue.open()
        worker_id = await queue.app.job_manager.register_worker()
    raw = complaint_emails()[0]
    try:
        snapshot = db_before(pg) if queue is not None else None
        wall, cpu = time.perf_counter(), time.process_time()
        for n in range(jobs):
            await _one_job(store, queue, worker_id, n, raw, NewJob, dt.date.fromisoformat(TODAY), QUEUE)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        row: dict[str, object] = {"store": store_kind, "jobs": jobs,
                                  "wall_ms_per_job": round(wall * 1000 / jobs, 2),
                                  "client_cpu_ms_per_job": round(cpu * 1000 / jobs, 2)}
        if snapshot is not None and isinstance(store, PgJobStore):
            row |= db_after(pg, snapshot, store.url.rsplit("/", 1)[1], jobs)
            row["rate_limit_update_ms"] = await bucket_cost(store, jobs)
    finally:
        if queue is not None:
            await queue.close()
        await store.close()
    print(json.dumps({k: v for k, v in row.items() if k != "statements"}), flush=True)
    return row


async def bucket_cost(store: Any, updates: int) -> float:
    """Wall ms of one update of the shared rate-limit bucket ([model] requests_per_minute / tokens_per_minute):
    two per model call (take before, correct after), each a transaction holding the bucket's one row."""
    from functools import partial

    from api.ratelimit import Limits

    limits = Limits(requests_per_minute=10**9, tokens_per_minute=10**12)  # never waits: the cost of asking
    started = time.perf_counter()
    for _ in range(updates):
        await store.update_bucket("bench", limits.full(), partial(limits.take, wanted=1000.0))
    return round((time.perf_counter() - started) * 1000 / updates, 2)


async def _one_job(store: Any, queue: Any, worker_id: int, n: int, raw: bytes, new_job: Any, today: Any,
                   queue_name: str) -> None:
    """What api/intake.take, api/jobs.JobRunner and the synchronous wait ask of the store for one job."""
    from procrastinate.jobs import Status

    key = f"source:<store-{n}-{time.time_ns()}@scale-out.bench>"
    await store.waiting()  # the queue cap, before the parse
    admission = await store.admit(new_job(key=key, fingerprint="f", source=key, origin="api", today=today, raw=raw))
    job_id = admission.job.id
    if queue is not None:
        await queue.enqueue(job_id)
        task = await queue.app.job_manager.fetch_job([queue_name], worker_id)
    claimed = await store.claim(job_id)  # (the waiting request knows its new job waits: no read until it changes)
    result = {"status": "ready", "body": "x" * 1500, "message": "y" * 3000}
    await store.finish(job_id, status="ready", reason=None, result=result, claim=claimed[0].claims)
    if queue is not None:
        await queue.app.job_manager.finish_job(task, Status.SUCCEEDED, delete_job=False)
    await store.get(job_id)  # the waiting request, woken


# -- main ----------------------------------------------------------------------------------------


def _stop_on_signal(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt  # so every `finally` below stops its processes and removes its directories


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.scale_out", description=__doc__.split("\n\n")[0])
    parser.add_argument("--processes", default="1,2,4", help="`drafter serve --workers N` on PostgreSQL, each N")
    parser.add_argument("--concurrency", default="1,16,64,256", help="client concurrency levels")
    parser.add_argument("--latency-ms", type=float, default=500.0, help="the stub model's latency")
    parser.add_argument("--quick", action="store_true", help="smoke run: one process count, one level, few requests")
    parser.add_argument("--durable", action="store_true", help="PostgreSQL with fsync and synchronous_commit on")
    parser.add_argument("--json", type=Path, help="write every figure as JSON here too")
    parser.add_argument("--store-only", action="store_true", help="only the store calls of one job, one after another")
    parser.add_argument("--client", help=argparse.SUPPRESS)  # the load client's own process
    args = parser.parse_args(argv)
    if args.client:
        client_main(json.loads(args.client))
        return
    for signum in (signal.SIGTERM, signal.SIGINT):  # SIGINT too: a shell's `&` starts us with it ignored
        signal.signal(signum, _stop_on_signal)
    processes = [2] if args.quick else [int(n) for n in args.processes.split(",") if n]
    levels = [16] if args.quick else [int(c) for c in args.concurrency.split(",") if c]
    report: dict[str, object] = {"cores": os.cpu_count(), "latency_ms": args.latency_ms, "durable": args.durable,
                                 "load_before": os.getloadavg()}
    rows: list[dict[str, object]] = []
    started = time.monotonic()
    with ExitStack() as stack:
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="drafter-scale-")))
        pg = stack.enter_context(postgres_server(args.durable))
        if not args.store_only:
            stub = start_stub(workdir, args.latency_ms)
            stack.callback(stub.stop)
            for config in configurations(processes):
                with deployed(config, workdir, stub.url, pg) as deployment:
                    rows += measure(deployment, stub, pg, args.latency_ms, levels, args.quick)
        jobs = 50 if args.quick else 400
        store_rows = [asyncio.run(store_cost(kind, jobs, pg, workdir)) for kind in ("sqlite", "postgresql")]
    report["store_cost"] = store_rows
    report["runs"] = rows
    report["elapsed_s"] = round(time.monotonic() - started)
    print(markdown_table(rows), flush=True)
    print(store_table(store_rows), flush=True)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


def markdown_table(rows: Sequence[dict[str, object]]) -> str:
    head = ("| config | procs | conc | req/s | of ideal | client ceiling | p50 ms | p99 ms | errors | "
            "drafter CPU ms/req | max RSS MB/proc | DB exec ms/job | PG CPU ms/job | queue fetches/job |")
    lines = [head, "|" + " --- |" * (head.count("|") - 1)]
    for row in rows:
        lines.append("| " + " | ".join(str(v) for v in (
            row["config"], row["processes"], row["concurrency"], row["rps"], f"{row['of_ideal']:.0%}",
            f"{row['ceiling_of_ideal']:.0%}", row["p50_ms"], row["p99_ms"], row["errors"],
            row["drafter_cpu_ms_per_request"], row["max_rss_mb_per_process"],
            row.get("db_exec_ms_per_job", "-"), row.get("pg_cpu_ms_per_job", "-"),
            row.get("queue_fetches_per_job", "-"))) + " |")
    return "\n".join(lines)


def store_table(rows: Sequence[dict[str, object]]) -> str:
    lines = ["| store | jobs | wall ms/job | drafter-side CPU ms/job | DB exec ms/job | PG CPU ms/job | statements/job "
             "| row writes/job | NOTIFYs/job | WAL KB/job | rate-limit update ms |", "|" + " --- |" * 11]
    for row in rows:
        lines.append("| " + " | ".join(str(row.get(key, "-")) for key in (
            "store", "jobs", "wall_ms_per_job", "client_cpu_ms_per_job", "db_exec_ms_per_job", "pg_cpu_ms_per_job",
            "db_statements_per_job", "db_row_writes_per_job", "db_notifies_per_job", "db_wal_kb_per_job",
            "rate_limit_update_ms")) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
