"""Counting a checker's verdicts against labels: true and false positives and negatives per code."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def shown_path(path: Path) -> str:
    """`path` relative to the project when it lies inside it (stable across machines), as a report names it."""
    resolved = path.resolve()
    return str(resolved.relative_to(ROOT)) if resolved.is_relative_to(ROOT) else str(path)


@dataclass
class Scores:
    true_pos: Counter[str] = field(default_factory=Counter)
    false_pos: Counter[str] = field(default_factory=Counter)
    false_neg: Counter[str] = field(default_factory=Counter)

    def add(self, expected: Iterable[str], predicted: Iterable[str]) -> None:
        expected, predicted = set(expected), set(predicted)
        for code in predicted & expected:
            self.true_pos[code] += 1
        for code in predicted - expected:
            self.false_pos[code] += 1
        for code in expected - predicted:
            self.false_neg[code] += 1

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
