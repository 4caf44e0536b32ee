"""Cost grows linearly with size: ten times the body must not take a hundred times as long.

For each adversarial kind of body (bench.corpus.sized_email: prose, one endless line, nested HTML,
thousands of quoted lines, dense facts, runs of white space), the whole pipeline but the model runs
on a body and on one ten times larger. Linear work takes about 10× as long; a regular expression or
loop that goes quadratic takes about 100×. The bound sits between them, and timings are the best of
a few runs, so a busy machine cannot fail the test (it can only make the ratio look better).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time

import pytest

from bench.corpus import sized_email
from drafter.model import OfflineBackend
from drafter.pipeline import draft_reply
from drafter_core.settings import load_settings

TODAY = dt.date(2026, 11, 23)
NOW = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)
GROWTH = 10
BOUND = 30  # ×: linear ≈ 10, quadratic ≈ 100
CONFIG = load_settings(env={})
SIZES = {  # the smaller size for each flavour; the larger is GROWTH times it
    "prose": 100_000, "long_line": 100_000, "html": 100_000, "quoted": 200_000, "whitespace": 100_000,
    "facts_dense": 15_000,
}
# Bodies known to cost more than linearly, with the reason (none since the phrase search and fact lookup
# were fixed; keep the mechanism for the next one found).
KNOWN_SUPERLINEAR: dict[str, str] = {}


def pipeline_seconds(raw: bytes, runs: int) -> float:
    """The fastest of `runs` offline drafts of `raw`: the one least disturbed by other tenants."""
    backend = OfflineBackend(CONFIG)
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        asyncio.run(draft_reply(raw, settings=CONFIG, backend=backend, today=TODAY, now=NOW))
        best = min(best, time.perf_counter() - started)
    return best


@pytest.mark.parametrize("flavour", [
    pytest.param(name, marks=pytest.mark.xfail(reason=KNOWN_SUPERLINEAR[name])) if name in KNOWN_SUPERLINEAR
    else name for name in SIZES])
def test_ten_times_the_body_costs_about_ten_times_not_a_hundred(flavour: str) -> None:
    small_raw, big_raw = sized_email(SIZES[flavour], flavour), sized_email(SIZES[flavour] * GROWTH, flavour)
    pipeline_seconds(small_raw, 1)  # warm caches (language model, compiled patterns, templates)
    small = pipeline_seconds(small_raw, 3)
    big = pipeline_seconds(big_raw, 1)
    size_ratio = len(big_raw) / len(small_raw)
    limit = BOUND * size_ratio / GROWTH
    if big / small >= limit:  # one slow run on a shared machine is not evidence: look again, at the same bound
        big = min(big, pipeline_seconds(big_raw, 2))
    ratio = big / small
    assert ratio < limit, (
        f"{flavour}: {len(small_raw):,} B in {small * 1000:.0f} ms but {len(big_raw):,} B in "
        f"{big * 1000:.0f} ms ({ratio:.1f}×): super-linear")
