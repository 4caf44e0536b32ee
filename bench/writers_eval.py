"""The three core guardrails, writer by writer, on drafts written and labelled independently (issue 17).

    python -m bench.writers_eval [--out docs/guardrails-writers-eval.md]
    python -m bench.guardrails_eval            # prints this table too, before the team corpus's report

tests/guardrails_writers/ holds one file per writer (README.md there: the briefs, the labels, the calendar and
catalogue they were labelled against, which tests/guardrails_writers/drafter.toml sets). The checks are
rules a person tunes, so "leave one writer out" means: the rules were tuned reading only some writers'
mistakes (tuning.toml says whose), and a writer whose drafts were never read is a held-out score. A writer
read during tuning is scored too, marked as such: that figure is optimistic.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.scoring import Scores, shown_path
from drafter_core.settings import Settings, load_settings
from guardrails import HIJACKED_MODEL_CODES, check_draft, context_from_settings

ROOT = Path(__file__).resolve().parent.parent
WRITERS_DIR = ROOT / "tests" / "guardrails_writers"
REPORT = ROOT / "docs" / "guardrails-writers-eval.md"
CORE = ("policy_deflection", "missing_follow_up_date", "over_promise")
BAR = 0.95  # precision and recall per code, per held-out writer (issue 17)
CLEAN_BAR = 1 / 50  # clean drafts rejected
LANG_DIR = ROOT / "tests" / "guardrails_lang"
LANG_BARS = (0.90, 1 / 20, "issue 19")  # the German, French and Spanish writers' bar


def bars(folder: Path) -> tuple[float, float, str]:
    """(precision and recall per code, share of clean drafts rejected, the issue that sets them)."""
    return LANG_BARS if folder.resolve() == LANG_DIR else (BAR, CLEAN_BAR, "issue 17")


@dataclass
class WriterScore(Scores):
    writer: str = ""
    tuning: str = ""  # "read" (tuned on), "held out", or a note on what was seen
    drafts: int = 0
    clean: int = 0
    clean_rejected: int = 0
    clean_rejected_core: int = 0  # by one of the three core codes (the hijack checks are counted apart)
    wrong: list[str] = field(default_factory=list)
    hijack_clean: Counter[str] = field(default_factory=Counter)  # clean drafts each hijack check rejected

    def meets_bar(self, bar: float = BAR, clean_bar: float = CLEAN_BAR) -> bool:
        return all(min(self.precision(c), self.recall(c)) >= bar for c in CORE) and \
            self.clean_rejected <= self.clean * clean_bar


def _tuning(folder: Path) -> dict[str, Any]:
    path = folder / "tuning.toml"
    return tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def tuning_status(folder: Path = WRITERS_DIR) -> dict[str, str]:
    """tuning.toml: which writers' mistakes were read while the rules were tuned."""
    data = _tuning(folder)
    status = {writer: "read" for writer in data.get("read", [])}
    status.update({writer: f"held out ({note})" for writer, note in data.get("glimpsed", {}).items()})
    return status


def score_writers(folder: Path = WRITERS_DIR) -> list[WriterScore]:
    settings = load_settings(folder / "drafter.toml", env={})
    status = tuning_status(folder)
    scores = []
    for path in sorted(folder.glob("*.jsonl"), key=lambda p: (len(p.stem), p.stem)):  # w2 before w10
        score = WriterScore(writer=path.stem, tuning=status.get(path.stem, "held out"))
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                _judge(score, json.loads(line), settings)
        scores.append(score)
    return scores


def _judge(score: WriterScore, case: dict[str, Any], settings: Settings) -> None:
    # The reply's language, as the pipeline knows it (the customer's): German, French and Spanish writers say
    # it; the English writers' is English. check_draft then reads that language's phrase book, as the pipeline does.
    language = case.get("language", "en")
    context = context_from_settings(settings, dt.date.fromisoformat(case["today"]), language=language)
    predicted = set(check_draft(case["text"], context).codes)
    expected = set(case["expected"])
    score.drafts += 1
    if not expected:
        score.clean += 1
        score.clean_rejected += bool(predicted)
        score.clean_rejected_core += bool(predicted & set(CORE))
        score.hijack_clean.update(predicted & set(HIJACKED_MODEL_CODES))
    score.add(expected & set(CORE), predicted & set(CORE))
    if predicted & set(CORE) != expected or (not expected and predicted):
        score.wrong.append(case["id"])


def table(scores: list[WriterScore], command: str, folder: Path = WRITERS_DIR) -> str:
    held_out = [s for s in scores if s.tuning != "read"]
    bar, clean_bar, issue = bars(folder)
    lines = [
        "# Guardrails by independent writer",
        "",
        f"Produced by `{command}` over {sum(s.drafts for s in scores)} drafts by {len(scores)} writers in "
        f"{shown_path(folder)} (the catalogue and calendar of its drafter.toml). Bar ({issue}): precision "
        f"and recall ≥ {bar:.2f} for each code and at most 1 clean draft in {round(1 / clean_bar)} rejected, for "
        "every held-out writer.",
        "",
        "| writer | tuning | drafts | `policy_deflection` P / R | `missing_follow_up_date` P / R | "
        "`over_promise` P / R | clean rejected | bar |",
        "|---|---|---:|---|---|---|---:|---|",
    ]
    for s in scores:
        cells = " | ".join(f"{s.precision(c):.2f} / {s.recall(c):.2f}" for c in CORE)
        lines.append(f"| {s.writer} | {s.tuning} | {s.drafts} | {cells} | {s.clean_rejected}/{s.clean} | "
                     f"{'met' if s.meets_bar(bar, clean_bar) else 'not met'} |")
    if held_out:
        worst = {c: min(min(s.precision(c), s.recall(c)) for s in held_out) for c in CORE}
        lines += ["", "Worst held-out figure per code (the lower of precision and recall): " +
                  ", ".join(f"`{c}` {v:.2f}" for c, v in worst.items()) + "."]
    hijack = sum((s.hijack_clean for s in scores), Counter())
    lines += ["", f"Clean drafts rejected by the checks against a hijacked model (issue 18): {sum(hijack.values())} of "
              f"{sum(s.clean for s in scores)}" + (": " + ", ".join(
                  f"`{code}` {n} ({', '.join(s.writer for s in scores if s.hijack_clean[code])})"
                  for code, n in hijack.most_common()) if hijack else "") + "."]
    first = _tuning(folder).get("first_scored_unread", {})
    if first:
        lines += ["", "Writers who arrived later were scored once before anyone read them (the rules as they then "
                  "stood; held-out figures, then tuned on):", ""]
        lines += [f"- {writer}: {figures}" for writer, figures in first.items()]
    for name, table_ in _tuning(folder).items():  # later rounds, each named for what it measured
        if isinstance(table_, dict) and name not in ("glimpsed", "first_scored_unread"):
            lines += ["", f"{name.replace('_', ' ').capitalize()}:", ""]
            lines += [f"- {writer}: {figures}" for writer, figures in table_.items()]
    # Only a writer read during tuning has its misjudged drafts named: naming a held-out writer's would invite
    # tuning on them.
    lines += ["", "Drafts judged otherwise than labelled, per writer (named only for writers read during tuning):", ""]
    lines += [f"- {s.writer}: " + (", ".join(f"`{i}`" for i in s.wrong) or "none" if s.tuning == "read"
                                   else f"{len(s.wrong)} drafts") for s in scores]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=Path, default=WRITERS_DIR, help="a folder of <writer>.jsonl files")
    parser.add_argument("--out", type=Path, help=f"also write the table here (e.g. {REPORT.relative_to(ROOT)})")
    args = parser.parse_args(argv)
    if not any(args.writers.glob("*.jsonl")):
        print(f"no <writer>.jsonl files in {args.writers}", file=sys.stderr)
        return 2
    command = "python -m bench.writers_eval" + (" " + " ".join(argv) if argv else "")
    text = table(score_writers(args.writers), command, args.writers)
    print(text, end="")
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
