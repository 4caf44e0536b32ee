"""Precision, recall and F1 of the guardrails per code over a labelled corpus (default: tests/guardrails_corpus).

    python -m bench.guardrails_eval [--corpus DIR] [--out REPORT.md]
    python -m bench.guardrails_eval --writers     # only the per-writer table (bench/writers_eval.py)

Without --corpus it first prints the per-writer table of tests/guardrails_writers: drafts by independent
writers, each scored as held out unless its mistakes were read during tuning (the honest figures).

Prints a markdown table (and writes it to --out, with the command that produced it; the default corpus's
report goes to docs/guardrails-eval.md unless --out says otherwise): per code, the true positives, false
positives, false negatives, precision, recall, F1 and support; then the cases whose codes differ from
their labels, and the median time per draft.

A corpus of drafts (tests/guardrails_corpus, tests/guardrails_heldout/*) is judged by every check, and
the report says how the paraphrase check (paraphrase_unrelated) fared on it: it runs only on drafts
known by sections whose customer email is given, so it is also probed on every draft with an email,
its third section paragraph taken as the paraphrase. A corpus of paraphrase pairs
(tests/guardrails_paraphrase/*: customer email, paraphrase, label related | unrelated | wrong_role) is
judged by the paraphrase check alone; the default report adds both pair splits' figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import statistics
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from bench import writers_eval
from bench.scoring import Scores, shown_path
from drafter_core.settings import Settings
from drafter_core.values import SECTION_NAMES, Facts, Sections, Verdict
from guardrails import (
    HIJACKED_MODEL_CODES,
    CheckContext,
    check_draft,
    context_from_settings,
    load_phrases,
    load_rules,
    paraphrase,
)
from guardrails.phrasebook import Phrases

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = ROOT / "tests" / "guardrails_corpus"
PAIRS_DIR = ROOT / "tests" / "guardrails_paraphrase"
REPORT = ROOT / "docs" / "guardrails-eval.md"
PARAPHRASE = paraphrase.CODE
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class Outcome:
    id: str
    file: str
    expected: frozenset[str]
    predicted: frozenset[str]
    seconds: float
    label: str = ""  # a paraphrase pair's label: related, unrelated or wrong_role


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


def is_pair(case: dict[str, Any]) -> bool:
    """A paraphrase pair (customer email, paraphrase, label) rather than a labelled draft."""
    return "paraphrase" in case


def pair_context(case: dict[str, Any], settings: Settings) -> CheckContext:
    """A pair judged as the pipeline judges a draft: its paraphrase section and the customer's email known."""
    sections = Sections(**{name: case["paraphrase"] if name == "paraphrase" else "" for name in SECTION_NAMES})
    return context_from_settings(settings, dt.date.fromisoformat(case["today"]),
                                 customer_text=case["customer_text"], sections=sections)


def check_paraphrase_only(text: str, context: CheckContext, phrases: Phrases) -> Verdict:
    """The paraphrase check alone (a pair has no other sections for the other checks to judge)."""
    rules = load_rules(context.rules_file)
    found = [v for check in paraphrase.CHECKS for v in check.check(text, context, phrases, rules)]
    return Verdict(passed=not found, violations=found)


def evaluate(corpus: Path = CORPUS_DIR, repeat: int = 1) -> list[Outcome]:
    """Judge every case; with repeat > 1 each draft's time is the best of that many runs (steadier on a
    busy machine). The caches are keyed by text, so each run gets a fresh copy of the draft."""
    settings = Settings()
    phrases = load_phrases()
    outcomes = []
    for file, case in load_cases(corpus):
        pair = is_pair(case)
        context = pair_context(case, settings) if pair else context_for(case, settings)
        best = float("inf")
        for run in range(repeat):
            started = time.perf_counter()
            if pair:
                verdict = check_paraphrase_only(case["paraphrase"], context, phrases)
            else:
                text = case["text"] + " " * run  # trailing spaces change no verdict but defeat the caches
                verdict = check_draft(text, context, phrases)
            best = min(best, time.perf_counter() - started)
        expected = frozenset({PARAPHRASE} if pair and case["label"] != "related" else case.get("expected", []))
        outcomes.append(Outcome(case["id"], file, expected, frozenset(verdict.codes), best,
                                case.get("label", "")))
    return outcomes


@dataclass(frozen=True)
class Probe:
    """How the paraphrase check fares on a corpus of drafts."""

    applicable: list[Outcome]  # drafts known by sections with the customer's email: the check runs as in the pipeline
    probed: list[Outcome]  # drafts with the customer's email, the third section paragraph taken as the paraphrase


def probe_paraphrase(corpus: Path = CORPUS_DIR) -> Probe:
    """Where the check runs on this corpus as it stands, and the check alone on every draft whose email is
    given and whose text is greeting, six section paragraphs and sign-off (the corpora's documented order)."""
    settings = Settings()
    phrases = load_phrases()
    applicable, probed = [], []
    for file, case in load_cases(corpus):
        if is_pair(case) or not case.get("customer_text"):
            continue
        expected = frozenset(case["expected"])
        context = context_for(case, settings)
        if case.get("sections"):
            found = frozenset(check_paraphrase_only(case["text"], context, phrases).codes)
            applicable.append(Outcome(case["id"], file, expected, found, 0.0))
        paragraphs = [p.strip() for p in _PARAGRAPH_BREAK.split(case["text"]) if p.strip()]
        if len(paragraphs) != 2 + len(SECTION_NAMES):
            continue
        sections = Sections(**dict(zip(SECTION_NAMES, paragraphs[1:-1], strict=True)))
        context = replace(context, sections=sections)
        found = frozenset(check_paraphrase_only(case["text"], context, phrases).codes)
        probed.append(Outcome(case["id"], file, expected, found, 0.0))
    return Probe(applicable, probed)


def score(outcomes: list[Outcome]) -> Scores:
    scores = Scores()
    for outcome in outcomes:
        scores.add(outcome.expected, outcome.predicted)
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
    pairs = any(o.label for o in outcomes)
    unit = "pairs" if pairs else "drafts"
    lines = [
        "# Guardrails evaluation",
        "",
        f"Produced by `{command}` over {len(outcomes)} labelled {unit} in {shown_path(corpus)} "
        f"({len(clean)} {'related' if pairs else 'clean'}). {_provenance(corpus)} "
        "A code marked * is one the corpus never labels.",
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
        f"- {unit.capitalize()} judged exactly as labelled: {exact}/{len(outcomes)}.",
        f"- Clean {unit} rejected: {len(rejected)}/{len(clean)}{' (related paraphrases flagged)' if pairs else ''}.",
        f"- Time per {unit[:-1]}: median {statistics.median(timings) * 1e6:.0f} µs, "
        f"95th percentile {timings[int(len(timings) * 0.95) - 1] * 1e6:.0f} µs, slowest {timings[-1] * 1e6:.0f} µs "
        f"(best of {repeat} runs per {unit[:-1]}, one process, phrase book already loaded).",
    ]
    lines += _by_label(outcomes) if pairs else _paraphrase_section(corpus) + _hijack_section(outcomes)
    if not pairs and corpus.resolve() == CORPUS_DIR.resolve() and any(PAIRS_DIR.glob("*/*.jsonl")):
        lines += _pair_splits()
    lines += ["", "## Misclassified cases", ""]
    if not wrong:
        lines.append("None.")
    for o in wrong:
        missed = ", ".join(sorted(o.expected - o.predicted)) or "-"
        extra = ", ".join(sorted(o.predicted - o.expected)) or "-"
        label = f" [{o.label}]" if o.label else ""
        lines.append(f"- `{o.id}`{label} ({o.file}): missed {missed}; extra {extra}")
    return "\n".join(lines) + "\n"


def _by_label(outcomes: list[Outcome]) -> list[str]:
    lines = ["", "| label | pairs | flagged by paraphrase_unrelated |", "|---|---:|---:|"]
    for label in ("related", "unrelated", "wrong_role"):
        mine = [o for o in outcomes if o.label == label]
        lines.append(f"| {label} | {len(mine)} | {sum(1 for o in mine if PARAPHRASE in o.predicted)} |")
    return lines


def _paraphrase_section(corpus: Path) -> list[str]:
    probe = probe_paraphrase(corpus)
    ran, tried = probe.applicable, probe.probed
    clean_tried = [o for o in tried if not o.expected]
    return [
        "",
        "## The paraphrase check (`paraphrase_unrelated`) on this corpus",
        "",
        f"It runs only on drafts known by sections whose customer email is given, as in the pipeline: "
        f"{len(ran)} here, of which it rejected {_flagged(ran)} ({_flagged(ran, clean=True)} clean). "
        f"Probed on the {len(tried)} drafts whose customer email is given and whose text is a greeting, six "
        f"section paragraphs and a sign-off (the third paragraph taken as the paraphrase): it flagged "
        f"{_flagged(tried)}, clean drafts among them {_flagged(clean_tried)} of {len(clean_tried)}. No draft of "
        f"this corpus labels it; its own measure is the labelled paraphrase pairs in tests/guardrails_paraphrase.",
    ]


def _hijack_section(outcomes: list[Outcome]) -> list[str]:
    """What the checks against a hijacked model (issue 18) say on this corpus, clean drafts first."""
    clean = [o for o in outcomes if not o.expected]
    lines = ["", "## The checks against a hijacked model on this corpus", "",
             "| code | clean drafts rejected | labelled drafts flagged | labelled |", "|---|---:|---:|---:|"]
    for code in HIJACKED_MODEL_CODES:
        lines.append(f"| `{code}` | {sum(code in o.predicted for o in clean)} of {len(clean)} "
                     f"| {sum(code in o.predicted for o in outcomes if o.expected)} "
                     f"| {sum(code in o.expected for o in outcomes)} |")
    return lines


def _flagged(outcomes: list[Outcome], clean: bool = False) -> int:
    return sum(1 for o in outcomes if PARAPHRASE in o.predicted and (not clean or not o.expected))


def _pair_splits() -> list[str]:
    lines = [
        "",
        "### The labelled paraphrase pairs",
        "",
        "`python -m bench.guardrails_eval --corpus tests/guardrails_paraphrase/dev` (or `/test`) for every pair. "
        "The check was tuned on dev only; test, written in other styles, was only scored.",
        "",
        "| split | pairs | related flagged | unrelated caught | wrong_role caught | precision | recall |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for split in sorted(p for p in PAIRS_DIR.iterdir() if any(p.glob("*.jsonl"))):
        outcomes = evaluate(split)
        scores = score(outcomes)
        count = {label: [o for o in outcomes if o.label == label] for label in ("related", "unrelated", "wrong_role")}
        caught = {label: f"{_flagged(items)}/{len(items)}" for label, items in count.items()}
        lines.append(f"| {split.name} | {len(outcomes)} | {caught['related']} | {caught['unrelated']} | "
                     f"{caught['wrong_role']} | {scores.precision(PARAPHRASE):.3f} | {scores.recall(PARAPHRASE):.3f} |")
    return lines


def _provenance(corpus: Path) -> str:
    if corpus.resolve() == CORPUS_DIR.resolve():
        return "The checks were tuned after reading this corpus, so a held-out corpus is the honest measure."
    if corpus.resolve().is_relative_to(PAIRS_DIR.resolve()):
        return ("These are paraphrase pairs (customer email, paraphrase), judged by the paraphrase check alone; "
                "the writer of the check wrote them before it, split by writing style (tests/guardrails_paraphrase/"
                "README.md): the check was tuned on dev, test was only scored.")
    return "This is not the corpus the checks were first tuned on."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR)
    parser.add_argument("--out", type=Path, help=f"also write the report here (default corpus: {shown_path(REPORT)})")
    parser.add_argument("--repeat", type=int, default=5, help="time each draft this many times, keep the best")
    parser.add_argument("--writers", action="store_true",
                        help="only the per-writer table of tests/guardrails_writers (bench.writers_eval)")
    args = parser.parse_args(argv)
    if args.writers:
        return writers_eval.main(["--out", str(args.out)] if args.out else [])
    if not any(args.corpus.glob("*.jsonl")):
        print(f"no *.jsonl files in {args.corpus}", file=sys.stderr)
        return 2
    command = "python -m bench.guardrails_eval" + (" " + " ".join(argv) if argv else "")
    text = report(evaluate(args.corpus, args.repeat), command, args.repeat, args.corpus)
    default = args.corpus.resolve() == CORPUS_DIR.resolve()
    if default:  # the honest figures first: drafts by writers the checks were not written against
        writers_eval.main([])
        print()
    print(text, end="")
    out = args.out or (REPORT if default else None)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
