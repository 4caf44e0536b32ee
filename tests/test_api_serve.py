"""`drafter serve` as a real process on loopback: it drafts, refuses to be exposed without a token, and
finishes every accepted job exactly once after being killed with SIGKILL and started again."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from contextlib import closing
from pathlib import Path

import click
import httpx
import pytest

from tests.api_stub_model import StubModel
from tests.api_support import TOKEN, email_bytes
from tests.processes import free_port, wait_until_answers

pytestmark = pytest.mark.slow
RAW = {"content-type": "message/rfc822", "Authorization": f"Bearer {TOKEN}"}
FINISHED = ("ready", "needs_review", "skipped", "failed")


def serve_argv() -> list[str]:
    """`drafter serve` once the CLI registers it; until then the same command via `python -m api.serve`."""
    from drafter.cli import cli

    if "serve" in cli.list_commands(click.Context(cli)):
        return [sys.executable, "-m", "drafter", "serve"]
    return [sys.executable, "-m", "api.serve"]


def server_env(tmp_path: Path, model_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DRAFTER_", "OPENAI_"))}
    env.update({"OPENAI_BASE_URL": model_url, "OPENAI_API_KEY": "stub", "DRAFTER_API_TOKEN": TOKEN,
                "DRAFTER_API__STORE_PATH": str(tmp_path / "jobs.db"), "DRAFTER_MODEL__MAX_ATTEMPTS": "1",
                **extra})
    return env


class Server:
    def __init__(self, tmp_path: Path, env: dict[str, str], log: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log.open("ab")
        self.process = subprocess.Popen([*serve_argv(), "--host", "127.0.0.1", "--port", str(self.port)],
                                        env=env, cwd=tmp_path, stdout=self.log, stderr=subprocess.STDOUT)
        self._wait_until_up()

    def _wait_until_up(self, timeout: float = 60.0) -> None:  # it reads every data file before it listens
        wait_until_answers(self.process, f"{self.url}/readyz", name="drafter serve", timeout=timeout,
                           output=lambda: "(see the test's log file)")

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)
        self.log.close()

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(15)
        self.log.close()


def test_serve_refuses_a_public_address_without_a_token(tmp_path: Path) -> None:
    env = server_env(tmp_path, "http://127.0.0.1:9/v1")
    del env["DRAFTER_API_TOKEN"]
    result = subprocess.run([*serve_argv(), "--host", "0.0.0.0", "--port", str(free_port())], env=env,
                            cwd=tmp_path, capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert "refusing to listen on 0.0.0.0 without an API token" in result.stderr


def test_serve_drafts_over_loopback(tmp_path: Path) -> None:
    with StubModel() as model:
        server = Server(tmp_path, server_env(tmp_path, model.base_url), tmp_path / "server.log")
        try:
            denied = httpx.post(f"{server.url}/v1/drafts", content=email_bytes(), headers={"content-type":
                                "message/rfc822"}, timeout=10)
            response = httpx.post(f"{server.url}/v1/drafts?today=2026-11-23", content=email_bytes(),
                                  headers=RAW, timeout=30)
            second = subprocess.run([*serve_argv(), "--port", str(free_port())], cwd=tmp_path, timeout=30,
                                    env=server_env(tmp_path, model.base_url), capture_output=True, text=True)
        finally:
            server.stop()
    assert denied.status_code == 401
    assert second.returncode == 2 and "another drafter serve is using this store" in second.stderr
    assert response.status_code == 201, response.text
    assert response.json()["status"] == "ready"
    assert "Wednesday, 25 November 2026" in response.json()["body"]
    log = (tmp_path / "server.log").read_text()
    assert TOKEN not in log and "A-10234" not in log  # neither tokens nor bodies in the log


def test_jobs_accepted_before_a_sigkill_finish_exactly_once_after_restart(tmp_path: Path) -> None:
    log = tmp_path / "server.log"
    subjects = [f"Order {n} is late" for n in range(8)]
    with StubModel(delay=0.4) as model:
        env = server_env(tmp_path, model.base_url, DRAFTER_API__MAX_IN_FLIGHT="2")
        server = Server(tmp_path, env, log)
        ids = []
        for n, subject in enumerate(subjects):
            response = httpx.post(f"{server.url}/v1/drafts?today=2026-11-23", timeout=10,
                                  headers={**RAW, "Prefer": "respond-async"},
                                  content=email_bytes(f"<late-{n}@customer.example>", subject=subject))
            assert response.status_code == 202, response.text
            ids.append(response.json()["id"])
        deadline = time.monotonic() + 20
        while sum(model.calls.values()) < 3 and time.monotonic() < deadline:  # the second pair is in flight
            time.sleep(0.02)
        server.kill()

        unfinished = _unfinished(tmp_path / "jobs.db")
        assert unfinished, "every job finished before the kill: the test proved nothing"
        calls_before_restart = Counter(model.calls)

        model.delay = 0.05
        server = Server(tmp_path, env, log)
        try:
            jobs = [_poll(server.url, job_id) for job_id in ids]
        finally:
            server.stop()

    assert [job["status"] for job in jobs] == ["ready"] * len(ids)
    assert all(job["body"] for job in jobs)
    finished = Counter(re.findall(r"job (\w+) finished: ", log.read_text()))
    assert set(finished) <= set(ids) and max(finished.values()) == 1, "a job's result was written twice"
    # The line is logged after the result is committed: the kill may fall between the two, so a job that
    # was finished in the store at the kill may have no line. Every other job must have exactly one.
    assert set(ids) - set(finished) <= set(ids) - unfinished, "a job recovered after the kill never finished"
    for n, job_id in enumerate(ids):
        if job_id not in unfinished:  # finished before the kill: never drafted again
            assert model.calls[subjects[n]] == calls_before_restart[subjects[n]] == 1
        else:  # at most the one model call cut off by the kill, then one after the restart
            assert model.calls[subjects[n]] in (1, 2)
    assert "recovered" in log.read_text()


def _unfinished(db: Path) -> set[str]:
    with closing(sqlite3.connect(db)) as connection:
        rows = connection.execute("SELECT id FROM jobs WHERE status IN ('queued', 'drafting')").fetchall()
    return {row[0] for row in rows}


def _poll(url: str, job_id: str, timeout: float = 20.0) -> dict[str, object]:
    deadline = time.monotonic() + timeout
    while True:
        job: dict[str, object] = httpx.get(f"{url}/v1/drafts/{job_id}", headers=RAW, timeout=5).json()
        if job["status"] in FINISHED or time.monotonic() > deadline:
            return job
        time.sleep(0.05)
