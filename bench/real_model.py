"""drafter against a real model on this machine: llama.cpp serving SmolLM2-135M, drafts per minute, tokens per
draft, and drafter's own time as a share of the model's, side by side in one run.

    python -m bench.real_model [--samples samples] [--only GLOB] [--max-tokens 1200] [--max-repairs 2]
                               [--threads N] [--json out.json]

Starts the server (tests/llama_server.py: same command line as the tests) on a free loopback port, then
drafts each sample one after another through `draft_reply` and OpenAIBackend with the user's defaults
(temperature 0 for repeatability). Per draft: wall time of the whole pipeline, the model's time (the sum of
each call's latency as drafter records it), the rest (drafter: parse, plan, prompt, guardrails, repair
prompts, assembly, the SDK), tokens and attempts.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import statistics
import time
from collections import Counter
from pathlib import Path

from drafter.model import OpenAIBackend
from drafter.pipeline import draft_reply
from drafter_core.settings import load_settings
from tests.llama_server import llama_server

TODAY = dt.date(2026, 11, 23)
NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


async def run(base_url: str, paths: list[Path], max_tokens: int, max_repairs: int) -> list[dict[str, object]]:
    settings = load_settings(env={
        "OPENAI_BASE_URL": base_url, "OPENAI_API_KEY": "sk-local", "DRAFTER_MODEL__TEMPERATURE": "0",
        "DRAFTER_MODEL__TIMEOUT_SECONDS": "600", "DRAFTER_MODEL__MAX_TOKENS": str(max_tokens),
        "DRAFTER_MODEL__MAX_REPAIRS": str(max_repairs), "DRAFTER_MODEL__FALLBACK_OFFLINE": "false"})
    backend = OpenAIBackend(settings.model)
    rows = []
    try:
        for path in paths:
            started = time.perf_counter()
            result = await draft_reply(path.read_bytes(), settings=settings, backend=backend, today=TODAY, now=NOW)
            wall_ms = (time.perf_counter() - started) * 1000
            model_ms = result.usage.latency_ms
            rows.append({"file": path.name, "status": result.status, "attempts": result.attempts,
                         "model_calls": result.usage.model_calls, "prompt_tokens": result.usage.prompt_tokens,
                         "completion_tokens": result.usage.completion_tokens, "wall_ms": round(wall_ms, 1),
                         "model_ms": round(model_ms, 1), "drafter_ms": round(wall_ms - model_ms, 1)})
            print(f"  {path.name}: {result.status}, {result.attempts} attempt(s), {wall_ms / 1000:.1f} s", flush=True)
    finally:
        await backend.aclose()
    return rows


def summary(rows: list[dict[str, object]], wall_s: float) -> dict[str, object]:
    """Figures over the drafts the model was asked for (automated mail and empty emails never reach it)."""
    asked = [r for r in rows if _num(r, "model_calls") > 0]
    if not asked:
        return {"emails": len(rows), "drafted_by_model": 0, "wall_s": round(wall_s, 1)}
    model_ms, drafter_ms = sum(_num(r, "model_ms") for r in asked), sum(_num(r, "drafter_ms") for r in asked)
    return {
        "emails": len(rows), "drafted_by_model": len(asked),
        "statuses": dict(Counter(str(r["status"]) for r in rows)),
        "drafts_per_minute": round(len(asked) / (sum(_num(r, "wall_ms") for r in asked) / 60_000), 2),
        "model_calls_per_draft": round(statistics.fmean(_num(r, "model_calls") for r in asked), 2),
        "tokens_per_draft_median": statistics.median(_num(r, "prompt_tokens") + _num(r, "completion_tokens")
                                                     for r in asked),
        "completion_tokens_per_draft_median": statistics.median(_num(r, "completion_tokens") for r in asked),
        "model_s_per_draft_median": round(statistics.median(_num(r, "model_ms") for r in asked) / 1000, 2),
        "drafter_ms_per_draft_median": round(statistics.median(_num(r, "drafter_ms") for r in asked), 1),
        "drafter_share_of_model_time_pct": round(100 * drafter_ms / model_ms, 2) if model_ms else 0.0,
        "wall_s": round(wall_s, 1),
    }


def _num(row: dict[str, object], key: str) -> float:
    value = row[key]
    return float(value) if isinstance(value, int | float) else 0.0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.real_model", description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=Path, default=Path("samples"))
    parser.add_argument("--only", action="append", default=[], help="glob of sample names (repeatable)")
    parser.add_argument("--max-tokens", type=int, default=1200)
    parser.add_argument("--max-repairs", type=int, default=2)
    parser.add_argument("--threads", type=int, help="llama.cpp threads (default: cores - 1)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    paths = sorted(p for p in args.samples.glob("*.eml") if not args.only or any(p.match(g) for g in args.only))
    started = time.perf_counter()
    with llama_server(threads=args.threads) as base_url:
        rows = asyncio.run(run(base_url, paths, args.max_tokens, args.max_repairs))
    report = {"summary": summary(rows, time.perf_counter() - started), "drafts": rows,
              "settings": {"max_tokens": args.max_tokens, "max_repairs": args.max_repairs, "threads": args.threads}}
    print(json.dumps(report["summary"], indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
