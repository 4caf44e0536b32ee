"""How long the guardrails take on a draft, and how that grows with the draft's size (issue 17: under 20 ms
median, linear in size).

    python -m bench.guardrails_speed [--repeat 5]

Every draft of tests/guardrails_writers is checked (best of --repeat runs, caches defeated); then 10 and 40
of them run together as one draft are timed against checking them one by one: linear work takes about as
long either way (1×), quadratic work about 10× and 40× as long.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import time

from bench.writers_eval import WRITERS_DIR
from drafter_core.settings import load_settings
from guardrails import CheckContext, check_draft, context_from_settings, load_phrases
from guardrails.phrasebook import Phrases

TODAY = dt.date(2026, 12, 7)


def best_time(text: str, repeat: int, context: CheckContext, phrases: Phrases) -> float:
    best = float("inf")
    for run in range(repeat):
        started = time.perf_counter()
        check_draft(text + " " * run, context, phrases)  # trailing spaces change nothing but defeat the caches
        best = min(best, time.perf_counter() - started)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--language", default="en",
                        help="judge the drafts as replies in this language (default en; 'all' loads every "
                             "language file, as a draft of unknown language is judged)")
    args = parser.parse_args(argv)
    args.language = None if args.language == "all" else args.language
    settings = load_settings(WRITERS_DIR / "drafter.toml", env={})
    # As the pipeline judges an English reply: the main phrase book, no other language's file.
    phrases = load_phrases(settings.data.phrases_file, args.language)
    context = context_from_settings(settings, TODAY, language=args.language)
    drafts = [json.loads(line)["text"] for path in sorted(WRITERS_DIR.glob("*.jsonl"))
              for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    times = sorted(best_time(text, args.repeat, context, phrases) for text in drafts)
    print(f"{len(drafts)} drafts: median {statistics.median(times) * 1e3:.2f} ms, "
          f"95th percentile {times[int(len(times) * 0.95) - 1] * 1e3:.2f} ms, slowest {times[-1] * 1e3:.2f} ms")
    singles = [best_time(text, args.repeat, context, phrases) for text in drafts[:40]]
    for count in (10, 40):
        text = "\n\n".join(drafts[:count])
        ratio = best_time(text, args.repeat, context, phrases) / sum(singles[:count])
        print(f"{count} drafts run together ({len(text):,} characters): {ratio:.1f}× the time of checking them one "
              f"by one (linear ≈ 1×; quadratic ≈ {count}×)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
