"""Where a draft's CPU goes, stage by stage and guardrail by guardrail: what the server's CPU per request
(bench/server_cpu.py) is made of, short of the HTTP server, the store and the job runner. Issue 21.

    python -m bench.request_cpu [--rounds 5]

Each bundled sample that gets a draft is drafted `--rounds` times in this process with the openai backend against
the stub model over HTTP (`python -m drafter.replay.stub_model`, 0 ms), as `drafter serve` drafts it; every round
changes a line of each email's text, so no per-text cache of the checks serves a second round (distinct customers
write distinct emails). CPU time (this thread's) is summed per stage by wrapping the pipeline's stage functions
and each check; the model call is the client's side of it (the SDK, httpx, the response read). The server adds
to this its HTTP stack, the store and the job runner: compare with bench/server_cpu.py's figure.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import functools
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import drafter.model as model_module
import drafter.pipeline as pipeline
import guardrails.base as checks
from bench.service_throughput import complaint_emails, start_stub
from drafter.model import make_backend
from drafter_core.settings import load_settings

TODAY = dt.date(2026, 12, 7)
Spent = defaultdict[str, float]
STAGES = ("read_mail", "make_plan", "draft_messages", "check_draft", "build_reply")


@contextmanager
def timed(spent: Spent) -> Iterator[None]:
    """Every pipeline stage, the model call and each check add their CPU time to `spent` while inside."""
    saved: list[tuple[object, str, Any]] = []

    def wrap(owner: object, name: str, label: str) -> None:
        original = getattr(owner, name)
        saved.append((owner, name, original))
        setattr(owner, name, _timing(original, label, spent))

    for stage in STAGES:
        wrap(pipeline, stage, stage)
    wrap(model_module.OpenAIBackend, "complete", "model call (client side)")
    original_check = checks.Check.check

    def check(self: checks.Check, *args: Any) -> Any:
        with charged(spent, f"  check {self.code}"):
            return original_check(self, *args)

    saved.append((checks.Check, "check", original_check))
    checks.Check.check = check  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        for owner, name, original in saved:
            setattr(owner, name, original)


@contextmanager
def charged(spent: Spent, label: str) -> Iterator[None]:
    """This thread's CPU time while inside, added to `label` (across an await too: drafts run one at a time here)."""
    started = time.thread_time()
    try:
        yield
    finally:
        spent[label] += time.thread_time() - started


def _timing(function: Callable[..., Any], label: str, spent: Spent) -> Callable[..., Any]:
    if asyncio.iscoroutinefunction(function):
        @functools.wraps(function)
        async def timed_async(*args: Any, **kwargs: Any) -> Any:
            with charged(spent, label):
                return await function(*args, **kwargs)
        return timed_async

    @functools.wraps(function)
    def timed_sync(*args: Any, **kwargs: Any) -> Any:
        with charged(spent, label):
            return function(*args, **kwargs)
    return timed_sync


async def draft_all(rounds: int, spent: Spent, stub_url: str) -> tuple[int, float]:
    settings = load_settings(None, env={"OPENAI_BASE_URL": f"{stub_url}/v1", "OPENAI_API_KEY": "bench-key"})
    backend = make_backend(settings, "auto")
    emails = complaint_emails()
    try:
        for warm_up in (True, False):
            spent.clear()
            started = time.thread_time()
            for n in range(1 if warm_up else rounds):
                for m, raw in enumerate(emails):
                    distinct = raw.replace(b"\n\n", f"\n\nRef {warm_up}-{n}-{m}.\n".encode(), 1)
                    await pipeline.draft_reply(distinct, settings=settings, backend=backend, today=TODAY)
        return rounds * len(emails), time.thread_time() - started
    finally:
        await backend.aclose()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    spent: Spent = defaultdict(float)
    with tempfile.TemporaryDirectory(prefix="drafter-bench-") as tmp:
        stub = start_stub(Path(tmp), 0.0)
        try:
            with timed(spent):
                drafts, total = asyncio.run(draft_all(args.rounds, spent, stub.url))
        finally:
            stub.stop()
    print(f"{drafts} drafts: {1000 * total / drafts:.2f} ms of CPU per draft in this process")
    stages = [(label, seconds) for label, seconds in spent.items() if not label.startswith(" ")]
    checks_only = sorted(((label, s) for label, s in spent.items() if label.startswith(" ")), key=lambda x: -x[1])
    for label, seconds in sorted(stages, key=lambda x: -x[1]):
        print(f"{label:<40} {1000 * seconds / drafts:6.2f} ms")
        if label == "check_draft":
            for check, spent_on in checks_only:
                if 1000 * spent_on / drafts >= 0.05:
                    print(f"{check:<40} {1000 * spent_on / drafts:6.2f} ms")


if __name__ == "__main__":
    main()
