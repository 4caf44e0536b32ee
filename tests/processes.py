"""Servers the tests and benchmarks start on loopback: a free port, waiting until one answers HTTP, and reading
what a raw socket gets back."""

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


def read_until_closed(sock: socket.socket, deadline: float) -> tuple[bytes, bool]:
    """Everything the server sends until it closes the connection (True) or `deadline` (time.monotonic) passes
    (False). A reset after the answer, the server closing with bytes of ours unread, is a close all the same."""
    data = b""
    while time.monotonic() < deadline:
        sock.settimeout(max(0.01, deadline - time.monotonic()))
        try:
            chunk = sock.recv(65536)
        except TimeoutError:
            return data, False
        except OSError:
            chunk = b""
        if not chunk:
            return data, True
        data += chunk
    return data, False
