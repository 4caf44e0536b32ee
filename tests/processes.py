"""Servers the tests and benchmarks start on loopback: a free port, and waiting until one answers HTTP."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Callable

import httpx


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_answers(process: subprocess.Popen[bytes], url: str, *, name: str, timeout: float,
                       output: Callable[[], str]) -> None:
    """Return once GET `url` answers 200; raise RuntimeError with the process's `output()` when it exits
    first or `timeout` seconds pass (the caller stops it)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode} before answering GET {url}; "
                               f"its output ends:\n{output()}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"{name} did not answer GET {url} within {timeout:.0f} s; its output ends:\n{output()}")
