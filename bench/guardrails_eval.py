"""Precision, recall and F1 of the guardrails per code over a labelled corpus (default: tests/guardrails_corpus).

    python -m bench.guardrails_eval [--corpus DIR] [--out docs/guardrails-eval.md]

Prints a markdown table (and writes it to --out, with the command that produced it): per code, the
true positives, false positives, false negatives, precision, recall, F1 and support; then the cases
whose codes differ from their labels, and the median time per draft.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter_core.settings import Settings
from drafter_core.values import SECTION_NAMES, Facts, Sections
from guardrails import CheckContext, check_draft, context_from_settings, load_phrases

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = ROOT / "tests" / "guardrails_corpus"
REPORT = ROOT / "docs" / "guardrails-eval.md"


@dataclass(frozen=True)
class Outcome:
    id: str
    file: str
    expected: frozenset[str]
    predicted: frozenset[str]
    seconds: float


@dataclass
class Scores:
    true_pos: Counter[str] = field(default_factory=Counter)
    false_pos: Counter[str] = field(default_factory=Counter)
    false_neg: Counter[str] = field(default_factory=Counter)

    def precision(self, code: str) -> float:
        found = self.true_pos[code] + self.false_pos[code]
        return self.true_pos[code] / found if found else 1.0

    def recall(self, code: str) -> float:
        support = self.true_pos[code] + self.false_neg[code]
        return self.true_pos[code] / support if support else 1.0

    def f1(self, code: str) -> float:
        p, r = self.precision(code), self.recall(code)
        return 2 * p * r / (p + r) if p + r else 0.0

    def support(self, code: str) -> int:
        return self.true_pos[code] + self.false_neg[code]


def load_cases(corpus: Path = CORPUS_DIR) -> list[tuple[str, dict[str, Any]]]:
    return [(path.name, json.loads(line)) for path in sorted(corpus.glob("*.jsonl"))
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def context_for(case: dict[str, Any], settings: Settings) -> CheckContext:
    """The context a case is judged in: its day, committed date, facts and email; US calendar, default catalogue."""
    known: dict[str, Any] = {"customer_text": case.get("customer_text")}
    if case.get("committed_follow_up_date"):
        known["follow_up_date"] = dt.date.fromisoformat(case["committed_follow_up_date"])
    if case.get("facts") is not None:
        given = case["facts"]
        known["facts"] = Facts(order_numbers=given.get("order_numbers", []),
                               invoice_numbers=given.get("invoice_numbers", []),
                               amounts=given.get("amounts", []), dates=given.get("dates", []))
    if case.get("sections"):
        given = dict(case["sections"])
        known["sections"] = Sections(**{name: given.get(name, "") for name in SECTION_NAMES})
    return context_from_settings(settings, dt.date.fromisoformat(case["today"]), **known)


def evaluate(corpus: Path = CORPUS_DIR, repeat: int = 1) -> list[Outcome]:
    """Judge every case; with repeat > 1 each draft's time is the best of that many runs (steadier on a
    busy machine). The caches are keyed by text, so each run gets a fresh copy of the draft."""
    settings = Settings()
    phrases = load_phrases()
    outcomes = []
    for file, case in load_cases(corpus):
        context = context_for(case, settings)
        best = float("inf")
        for run in range(repeat):
            text = case["text"] + " " * run  # trailing spaces change no verdict but defeat the caches
            started = time.perf_counter()
            verdict = check_draft(text, context, phrases)
            best = min(best, time.perf_counter() - started)
        outcomes.append(Outcome(case["id"], file, frozenset(case["expected"]), frozenset(verdict.codes), best))
    return outcomes


def score(outcomes: list[Outcome]) -> Scores:
    scores = Scores()
    for outcome in outcomes:
        for code in outcome.predicted & outcome.expected:
            scores.true_pos[code] += 1
        for code in outcome.predicted - outcome.expected:
            scores.false_pos[code] += 1
        for code in outcome.expected - outcome.predicted:
            scores.false_neg[code] += 1
    return scores


def report(outcomes: list[Outcome], command: str, repeat: int = 1, corpus: Path = CORPUS_DIR) -> str:
    scores = score(outcomes)
    codes = sorted(set(scores.true_pos) | set(scores.false_pos) | set(scores.false_neg),
                   key=lambda c: (-scores.support(c), c))
    clean = [o for o in outcomes if not o.expected]
    rejected = [o for o in clean if o.predicted]
    wrong = [o for o in outcomes if o.predicted != o.expected]
    timings = sorted(o.seconds for o in outcomes)
    labelled = set().union(*(o.expected for o in outcomes))
    lines = [
        "# Guardrails evaluation",
        "",
        f"Produced by `{command}` over {len(outcomes)} labelled drafts in {_shown(corpus)} "
        f"({len(clean)} clean). {_provenance(corpus)} A code marked * is one the corpus never labels.",
        "",
        "| code | TP | FP | FN | precision | recall | F1 | support |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for code in codes:
        mark = "" if code in labelled else "*"
        counts = f"{scores.true_pos[code]} | {scores.false_pos[code]} | {scores.false_neg[code]}"
        lines.append(f"| `{code}`{mark} | {counts} | {scores.precision(code):.3f} | {scores.recall(code):.3f} "
                     f"| {scores.f1(code):.3f} | {scores.support(code)} |")
    exact = len(outcomes) - len(wrong)
    lines += [
        "",
        f"- Drafts judged exactly as labelled: {exact}/{len(outcomes)}.",
        f"- Clean drafts rejected: {len(rejected)}/{len(clean)}.",
        f"- Time per draft: median {statistics.median(timings) * 1e6:.0f} µs, "
        f"95th percentile {timings[int(len(timings) * 0.95) - 1] * 1e6:.0f} µs, slowest {timings[-1] * 1e6:.0f} µs "
        f"(best of {repeat} runs per draft, one process, phrase book already loaded).",
        "",
        "## Misclassified cases",
        "",
    ]
    if not wrong:
        lines.append("None.")
    for o in wrong:
        missed = ", ".join(sorted(o.expected - o.predicted)) or "-"
        extra = ", ".join(sorted(o.predicted - o.expected)) or "-"
        lines.append(f"- `{o.id}` ({o.file}): missed {missed}; extra {extra}")
    return "\n".join(lines) + "\n"


def _shown(corpus: Path) -> str:
    """The corpus as a path relative to the project when it lies inside it (stable across machines)."""
    resolved = corpus.resolve()
    return str(resolved.relative_to(ROOT)) if resolved.is_relative_to(ROOT) else str(corpus)


def _provenance(corpus: Path) -> str:
    if corpus.resolve() == CORPUS_DIR.resolve():
        return "The checks were tuned after reading this corpus, so a held-out corpus is the honest measure."
    return "This is not the corpus the checks were first tuned on."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR)
    parser.add_argument("--out", type=Path, default=REPORT)
    parser.add_argument("--repeat", type=int, default=5, help="time each draft this many times, keep the best")
    args = parser.parse_args(argv)
    if not any(args.corpus.glob("*.jsonl")):
        print(f"no *.jsonl files in {args.corpus}", file=sys.stderr)
        return 2
    command = "python -m bench.guardrails_eval" + (" " + " ".join(argv) if argv else "")
    text = report(evaluate(args.corpus, args.repeat), command, args.repeat, args.corpus)
    print(text, end="")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
