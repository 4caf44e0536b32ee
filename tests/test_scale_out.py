"""Past one machine, with real parts: PostgreSQL (tests/postgres.py), two `drafter serve` replicas and two
`drafter worker` processes, the stub model over HTTP, and a real Dovecot receiving the drafts.

Every test asserts the promises across processes: one job and one delivered draft per email whichever
replica each copy reached, no job lost when a worker is killed with SIGKILL mid-draft or mid-delivery, when
PostgreSQL restarts under load, or when the replicas restart one after the other.
"""

from __future__ import annotations

import concurrent.futures
import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import psycopg
import pytest

from tests.api_stub_model import StubModel
from tests.api_support import TOKEN, email_bytes
from tests.dovecot import DovecotServer
from tests.postgres import PostgresServer
from tests.processes import free_port, wait_until_answers
from tests.tcp_proxy import Direction, TcpProxy

pytestmark = pytest.mark.slow
HEADERS = {"content-type": "message/rfc822", "Authorization": f"Bearer {TOKEN}"}
FINISHED = ("ready", "needs_review", "skipped", "failed")
# A worker silent this long is taken for dead. Short where a test kills one; longer elsewhere, since on two
# loaded cores a live worker's heartbeat can be late, and its job would be drafted a second time (its result is
# still written once).
KILL_LEASE_SECONDS = "3"
LEASE_SECONDS = "20"
POOL_WAIT_SECONDS = 30  # how long psycopg's pool (and so procrastinate) waits for a connection


def environment(tmp_path: Path, store_url: str, model_url: str, imap: DovecotServer | None,
                imap_port: int | None = None, lease: str = LEASE_SECONDS, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DRAFTER_", "OPENAI_"))}
    env.update({"OPENAI_BASE_URL": model_url, "OPENAI_API_KEY": "stub", "DRAFTER_API_TOKEN": TOKEN,
                "DRAFTER_STORE_URL": store_url, "DRAFTER_MODEL__MAX_ATTEMPTS": "1",
                "DRAFTER_API__WORKER_LEASE_SECONDS": lease,
                "DRAFTER_TRACKING__SYNC_INTERVAL_SECONDS": "0"})
    if imap is not None:
        env.update({"DRAFTER_DELIVERY__METHOD": "imap", "DRAFTER_DELIVERY__IMAP_HOST": imap.host,
                    "DRAFTER_DELIVERY__IMAP_PORT": str(imap_port or imap.port),
                    "DRAFTER_DELIVERY__IMAP_SECURITY": "none", "DRAFTER_DELIVERY__IMAP_USER": imap.user,
                    "DRAFTER_IMAP_PASSWORD": imap.password, "DRAFTER_DELIVERY__IMAP_TIMEOUT_SECONDS": "5"})
    env.update(extra)
    return env


class Process:
    """One `drafter serve` or `drafter worker` process, its output in a log file."""

    def __init__(self, argv: list[str], env: dict[str, str], log: Path, cwd: Path) -> None:
        self.argv, self.env, self.log_path, self.cwd = argv, env, log, cwd
        self.process = self._spawn()

    def _spawn(self) -> subprocess.Popen[bytes]:
        with self.log_path.open("ab") as log:
            return subprocess.Popen(self.argv, env=self.env, cwd=self.cwd, stdout=log, stderr=subprocess.STDOUT)

    def restart(self) -> None:
        self.process = self._spawn()

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(40)
            except subprocess.TimeoutExpired:
                self.kill()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


class Replica(Process):
    """`drafter serve --drafting workers`; started without waiting, so that several start at once."""

    def __init__(self, name: str, env: dict[str, str], tmp_path: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        super().__init__([sys.executable, "-m", "drafter", "serve", "--port", str(self.port), "--drafting",
                          "workers"], env, tmp_path / f"{name}.log", tmp_path)

    def restart(self) -> None:
        super().restart()
        self.wait_until_up()

    def wait_until_up(self) -> Replica:
        wait_until_answers(self.process, f"{self.url}/readyz", name="drafter serve", timeout=60,
                           output=self.log)
        return self


class Worker(Process):
    def __init__(self, name: str, env: dict[str, str], tmp_path: Path, concurrency: int = 8) -> None:
        self.name = name
        self.metrics_url = f"http://127.0.0.1:{(port := free_port())}/metrics"
        super().__init__([sys.executable, "-m", "drafter", "worker", "--name", name, "--concurrency", str(concurrency),
                          "--metrics-port", str(port)], env, tmp_path / f"{name}.log", tmp_path)

    def metric(self, line_start: str) -> float:
        """The value of the first series in this worker's /metrics whose line starts with `line_start`."""
        for line in httpx.get(self.metrics_url, timeout=10).text.splitlines():
            if line.startswith(line_start):
                return float(line.rsplit(" ", 1)[1])
        raise AssertionError(f"{self.name}'s /metrics has no {line_start!r}")

    def wait_until_up(self, timeout: float = 60.0) -> Worker:
        deadline = time.monotonic() + timeout
        while f"drafter worker {self.name} ready" not in self.log():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"drafter worker {self.name} did not start; its output:\n{self.log()}")
            time.sleep(0.05)
        return self


@contextmanager
def cluster(tmp_path: Path, env: dict[str, str], *, replica_count: int = 2,
            worker_count: int = 2) -> Iterator[tuple[list[Replica], list[Worker]]]:
    """Replicas and workers started together (each start costs seconds of CPU), stopped at the end."""
    replicas: list[Replica] = []
    workers: list[Worker] = []
    try:
        replicas += [Replica(f"replica-{name}", env, tmp_path) for name in "ab"[:replica_count]]
        workers += [Worker(f"worker-{name}", env, tmp_path) for name in "ab"[:worker_count]]
        for replica in replicas:
            replica.wait_until_up()
        for worker in workers:
            worker.wait_until_up()
        yield replicas, workers
    finally:
        for process in [*workers, *replicas]:
            process.stop()


def post(url: str, n: int, *, wait: bool = False, retries: int = 0) -> httpx.Response:
    """POST email n to the server at `url` (async unless `wait`); on 503 try again after Retry-After, as a sender
    does."""
    headers = HEADERS if wait else {**HEADERS, "Prefer": "respond-async"}
    for attempt in range(retries + 1):
        try:
            response = httpx.post(f"{url}/v1/drafts?today=2026-11-23", headers=headers, timeout=60,
                                  content=email_bytes(f"<scale-{n}@customer.example>", subject=f"Order {n} late"))
        except httpx.TransportError:
            if attempt == retries:
                raise
            time.sleep(1)
            continue
        if response.status_code != 503 or attempt == retries:
            return response
        assert response.headers.get("retry-after"), response.text
        time.sleep(min(2.0, float(response.headers["retry-after"])))
    raise AssertionError("unreachable")


def settle(replica: Replica, ids: set[str], timeout: float = 90.0) -> dict[str, dict[str, object]]:
    deadline = time.monotonic() + timeout
    jobs: dict[str, dict[str, object]] = {}
    while time.monotonic() < deadline:
        for job_id in ids - set(jobs):
            data = httpx.get(f"{replica.url}/v1/drafts/{job_id}", headers=HEADERS, timeout=10).json()
            if data.get("status") in FINISHED:
                jobs[job_id] = data
        if len(jobs) == len(ids):
            return jobs
        time.sleep(0.2)
    raise AssertionError(f"{len(ids) - len(jobs)} job(s) still unfinished after {timeout:.0f} s")


def drafts_in_mailbox(imap: DovecotServer) -> Counter[str]:
    """How many drafts answer each customer Message-ID (by the source tag in their In-Reply-To)."""
    client = imap.connect()
    try:
        client.select_folder("Drafts", readonly=True)
        uids = client.search("ALL")
        found: Counter[str] = Counter()
        for data in client.fetch(uids, ["BODY.PEEK[HEADER.FIELDS (IN-REPLY-TO)]"]).values():
            header = data[b"BODY[HEADER.FIELDS (IN-REPLY-TO)]"].decode()
            match = re.search(r"<scale-\d+@customer\.example>", header)
            if match:
                found[match.group(0)] += 1
        return found
    finally:
        client.logout()


def job_rows(store_url: str) -> list[tuple[str, str, int]]:
    with psycopg.connect(store_url) as conn:
        return [(row[0], row[1], row[2]) for row in conn.execute(
            "SELECT source, status, claims FROM drafter_jobs ORDER BY source")]


def drafts_per_worker(store_url: str) -> dict[str, int]:
    with psycopg.connect(store_url) as conn:
        return {row[0]: row[1] for row in conn.execute("SELECT drafted_by, count(*) FROM drafter_jobs GROUP BY 1")}


def assert_exactly_once(store_url: str, imap: DovecotServer, emails: range) -> None:
    rows = job_rows(store_url)
    sources = Counter(source for source, _, _ in rows)
    assert sorted(sources) == sorted(f"<scale-{n}@customer.example>" for n in emails)
    assert set(sources.values()) == {1}, "an email made more than one job"
    assert {status for _, status, _ in rows} == {"ready"}, rows
    delivered = drafts_in_mailbox(imap)
    assert delivered == Counter({f"<scale-{n}@customer.example>": 1 for n in emails}), delivered
    with psycopg.connect(store_url) as conn:  # and noted once each in the tracking ledger, in the same database
        noted = Counter(row[0] for row in conn.execute("SELECT answers FROM drafter_tracking.drafts"))
    assert noted == delivered, noted


@pytest.fixture
def imap(dovecot_factory) -> DovecotServer:  # type: ignore[no-untyped-def]
    server: DovecotServer = dovecot_factory()
    return server


def test_duplicates_spread_over_two_replicas_make_one_job_and_one_draft_each(
        tmp_path: Path, postgres_url: str, imap: DovecotServer) -> None:
    emails = range(24)
    with StubModel(delay=0.3) as model, cluster(tmp_path, environment(tmp_path, postgres_url, model.base_url,
                                                                      imap)) as (replicas, workers):
        with concurrent.futures.ThreadPoolExecutor(16) as pool:  # each email to both replicas at once
            answers = list(pool.map(lambda args: post(replicas[args[0]].url, args[1]),
                                    [(side, n) for n in emails for side in (0, 1)]))
        jobs = settle(replicas[0], {answer.json()["id"] for answer in answers})
        synchronous = post(replicas[1].url, 0, wait=True)  # a later duplicate gets the stored draft
        calls = Counter(model.calls)
        time.sleep(2.5)  # a worker refreshes its queue gauges every 2 s
        drafted = [worker.metric('drafter_drafts_total{status="ready"}') for worker in workers]
        depths = [worker.metric("drafter_queue_depth ") for worker in workers]
    assert all(answer.status_code in (200, 202) for answer in answers), [a.text for a in answers]
    for n in emails:
        both = {answers[2 * n].json()["id"], answers[2 * n + 1].json()["id"]}
        assert len(both) == 1, f"email {n} got two jobs"
    assert len(jobs) == len(emails)
    assert (synchronous.status_code, synchronous.json()["status"]) == (200, "ready")
    assert calls == Counter({f"Order {n} late": 1 for n in emails}), calls  # drafted once each
    assert_exactly_once(postgres_url, imap, emails)
    drafted_by = drafts_per_worker(postgres_url)
    assert set(drafted_by) == {"worker-a", "worker-b"}, f"the load was not spread: {drafted_by}"
    assert drafted == [drafted_by["worker-a"], drafted_by["worker-b"]]  # each worker's /metrics counts its own
    assert depths == [0.0, 0.0]


def test_a_worker_killed_mid_draft_loses_nothing_and_delivers_nothing_twice(
        tmp_path: Path, postgres_url: str, imap: DovecotServer) -> None:
    emails = range(12)
    with StubModel(delay=1.5) as model:
        env = environment(tmp_path, postgres_url, model.base_url, imap, lease=KILL_LEASE_SECONDS)
        with cluster(tmp_path, env, replica_count=1) as (replicas, workers):
            ids = {post(replicas[0].url, n).json()["id"] for n in emails}
            deadline = time.monotonic() + 20
            while sum(model.calls.values()) < 4 and time.monotonic() < deadline:  # both workers are mid-draft
                time.sleep(0.05)
            workers[0].kill()
            jobs = settle(replicas[0], ids)
    assert len(jobs) == len(emails)
    assert_exactly_once(postgres_url, imap, emails)
    assert any(claims > 1 for _, _, claims in job_rows(postgres_url)), "no job was taken over: proved nothing"


class StallAfterAppend(TcpProxy):
    """IMAP through this proxy: the server's answer to an APPEND never reaches the worker, so the draft is in
    Drafts but the worker does not know it (it is killed there, before its commit)."""

    appended = 0

    def relay(self, direction: Direction, data: bytes, connection: int) -> bytes | None:
        if direction == "up" and b"APPEND" in data.upper():
            StallAfterAppend.appended += 1
        if direction == "down" and StallAfterAppend.appended and b"APPEND" in data.upper() and b"OK" in data:
            time.sleep(3600)  # held until the connection dies with the worker
        return data


def test_a_worker_killed_between_append_and_commit_delivers_once(
        tmp_path: Path, postgres_url: str, imap: DovecotServer) -> None:
    proxy = StallAfterAppend(imap.port)
    try:
        with StubModel() as model:
            stalled = environment(tmp_path, postgres_url, model.base_url, imap, imap_port=proxy.port,
                                  lease=KILL_LEASE_SECONDS)
            direct = environment(tmp_path, postgres_url, model.base_url, imap, lease=KILL_LEASE_SECONDS)
            replica = Replica("replica", stalled, tmp_path)
            first = Worker("worker-stalled", stalled, tmp_path).wait_until_up()
            replica.wait_until_up()
            try:
                job_id = post(replica.url, 0).json()["id"]
                deadline = time.monotonic() + 30
                while not StallAfterAppend.appended and time.monotonic() < deadline:
                    time.sleep(0.05)
                time.sleep(0.5)  # the APPEND reaches Dovecot; its OK is held by the proxy
                assert drafts_in_mailbox(imap)["<scale-0@customer.example>"] == 1
                first.kill()
                second = Worker("worker-direct", direct, tmp_path).wait_until_up()
                try:
                    jobs = settle(replica, {job_id})
                finally:
                    second.stop()
            finally:
                replica.stop()
    finally:
        proxy.close()
    assert jobs[job_id]["status"] == "ready"
    assert drafts_in_mailbox(imap) == Counter({"<scale-0@customer.example>": 1})


def test_postgresql_restarting_under_load_loses_no_job_and_answers_503_meanwhile(
        tmp_path: Path, postgres: PostgresServer, postgres_url: str, imap: DovecotServer) -> None:
    emails = range(16)
    with StubModel(delay=0.5) as model, cluster(tmp_path, environment(tmp_path, postgres_url, model.base_url, imap),
                                                worker_count=1) as (replicas, _workers):
        ids = {post(replicas[n % 2].url, n).json()["id"] for n in emails[:8]}
        postgres.stop("fast")
        try:
            away = httpx.post(f"{replicas[0].url}/v1/drafts?today=2026-11-23", headers=HEADERS, timeout=60,
                              content=email_bytes("<away@customer.example>"))
        finally:
            postgres.start()
        ids |= {post(replicas[n % 2].url, n, retries=30).json()["id"] for n in emails[8:]}
        jobs = settle(replicas[0], ids, timeout=120)
    assert away.status_code == 503 and away.headers.get("retry-after"), away.text
    assert len(jobs) == len(emails)
    assert_exactly_once(postgres_url, imap, emails)


def test_a_worker_takes_jobs_again_after_postgresql_was_away_longer_than_its_pool_waits(
        tmp_path: Path, postgres: PostgresServer, postgres_url: str) -> None:
    """As during a failover: the database is away for longer than a connection is waited for (30 s), so the
    queue's heartbeat or notification listener fails and procrastinate stops its worker. The `drafter worker`
    process must take jobs again once the database is back, not stay up doing nothing."""
    with StubModel(delay=0.1) as model, cluster(tmp_path, environment(tmp_path, postgres_url, model.base_url, None),
                                                replica_count=1, worker_count=1) as (replicas, workers):
        before = {post(replicas[0].url, n).json()["id"] for n in range(2)}
        settle(replicas[0], before, timeout=60)
        postgres.stop("fast")
        time.sleep(POOL_WAIT_SECONDS + 4)
        postgres.start()
        after = {post(replicas[0].url, n, retries=30).json()["id"] for n in range(2, 6)}
        jobs = settle(replicas[0], after, timeout=60)
        assert workers[0].process.poll() is None, workers[0].log()
    assert {job["status"] for job in jobs.values()} == {"ready"}, jobs


def test_a_rolling_restart_of_the_replicas_loses_nothing(
        tmp_path: Path, postgres_url: str, imap: DovecotServer) -> None:
    emails = range(30)
    with StubModel(delay=0.2) as model, cluster(tmp_path, environment(tmp_path, postgres_url, model.base_url, imap),
                                                worker_count=1) as (replicas, _workers):
        def send(n: int) -> httpx.Response:  # as a load balancer does: to a live replica, else to the other
            for attempt in range(40):
                replica = replicas[(n + attempt) % 2]
                try:
                    response = post(replica.url, n)
                except httpx.TransportError:
                    time.sleep(0.1)
                    continue
                if response.status_code != 503:
                    return response
            raise AssertionError(f"email {n}: no replica took it")

        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            sending = pool.map(send, emails)
            for replica in replicas:  # one after the other, while mail keeps coming
                time.sleep(0.5)
                replica.stop()
                replica.restart()
            answers = list(sending)
        jobs = settle(replicas[1], {answer.json()["id"] for answer in answers})
    assert all(answer.status_code == 202 for answer in answers)
    assert len(jobs) == len(emails)
    assert_exactly_once(postgres_url, imap, emails)


def test_a_worker_stopped_with_sigterm_finishes_what_it_holds_and_hands_back_the_rest(
        tmp_path: Path, postgres_url: str) -> None:
    emails = range(6)
    with StubModel(delay=2.0) as model:
        env = environment(tmp_path, postgres_url, model.base_url, None)
        replica = Replica("replica", env, tmp_path)
        first = Worker("worker-first", env, tmp_path, concurrency=2)  # four jobs wait while it drafts two
        try:
            replica.wait_until_up()
            first.wait_until_up()
            ids = {post(replica.url, n).json()["id"] for n in emails}
            deadline = time.monotonic() + 20
            while sum(model.calls.values()) < 2 and time.monotonic() < deadline:
                time.sleep(0.05)
            first.process.send_signal(signal.SIGTERM)
            code = first.process.wait(40)
            finished_by_first = job_rows(postgres_url)
            second = Worker("worker-second", env, tmp_path).wait_until_up()
            try:
                jobs = settle(replica, ids)
            finally:
                second.stop()
        finally:
            replica.stop()
            first.stop()
    assert code == 0, first.log()
    assert [status for _, status, _ in finished_by_first].count("ready") == 2  # the two it held, finished
    assert len(jobs) == len(emails)
    assert {(status, claims) for _, status, claims in job_rows(postgres_url)} == {("ready", 1)}  # none twice


def test_serve_with_two_processes_on_one_port_spreads_the_drafting(tmp_path: Path, postgres_url: str) -> None:
    with StubModel(delay=0.5) as model:
        port = free_port()
        server = Process([sys.executable, "-m", "drafter", "serve", "--port", str(port), "--workers", "2"],
                         environment(tmp_path, postgres_url, model.base_url, None), tmp_path / "serve.log", tmp_path)
        try:
            wait_until_answers(server.process, f"http://127.0.0.1:{port}/readyz", name="drafter serve --workers 2",
                               timeout=60, output=server.log)
            time.sleep(3)  # both processes up: uvicorn answers as soon as the first one is
            with concurrent.futures.ThreadPoolExecutor(20) as pool:
                answers = list(pool.map(lambda n: post(f"http://127.0.0.1:{port}", n, wait=True), range(20)))
        finally:
            server.stop()
    assert [answer.status_code for answer in answers] == [201] * 20
    drafted_by = drafts_per_worker(postgres_url)
    assert len(drafted_by) == 2 and all(name.startswith("drafter-serve-") for name in drafted_by), drafted_by


def test_serve_refuses_several_processes_on_one_sqlite_file(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DRAFTER_", "OPENAI_"))}
    result = subprocess.run([sys.executable, "-m", "drafter", "serve", "--workers", "2"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "--workers and --drafting workers need the shared store: set DRAFTER_STORE_URL" in result.stderr
