"""The independent writers' labelled drafts (tests/guardrails_writers, and tests/guardrails_lang in German,
French and Spanish): their format, and a floor under the
figures of the writers read during tuning, so a later change cannot quietly undo what was measured.
The held-out writers are scored by `python -m bench.writers_eval`, not asserted here: a test that had to pass
on them would invite tuning on them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from bench.writers_eval import CORE, WRITERS_DIR, score_writers, tuning_status

LANG_DIR = WRITERS_DIR.parent / "guardrails_lang"
FILES = sorted(WRITERS_DIR.glob("*.jsonl"))
LANG_FILES = sorted(LANG_DIR.glob("*.jsonl"))
KEYS = {"id", "writer", "today", "locale", "text", "expected", "kind", "note"}
FLOOR = 0.85  # per code, precision and recall, on writers read during tuning
# German, French and Spanish: two same-day fixes that a writer labelled an over-promise only, where the English
# writers label one both an over-promise and a missing date (drafter follows the English), cost esc 0.15.
LANG_FLOOR = 0.80
CLEAN_FLOOR = 0.08  # share of clean drafts rejected


def cases(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_there_are_at_least_five_writers_and_600_drafts() -> None:
    assert len(FILES) >= 5 and sum(len(cases(p)) for p in FILES) >= 600


@pytest.mark.parametrize("path", FILES + LANG_FILES, ids=lambda p: p.stem)
def test_each_writers_file_is_well_formed(path: Path) -> None:
    seen: set[object] = set()
    for case in cases(path):
        assert set(case) == (KEYS | {"language"} if path.parent == LANG_DIR else KEYS), case["id"]
        assert case["writer"] == path.stem and str(case["id"]).startswith(path.stem) and case["id"] not in seen
        seen.add(case["id"])
        dt.date.fromisoformat(str(case["today"]))
        expected = case["expected"]
        assert isinstance(expected, list) and expected == sorted(expected) and set(expected) <= set(CORE)
        assert (case["kind"] == "violation") == bool(expected), case["id"]
    tricky = sum(1 for c in cases(path) if c["kind"] == "tricky_clean")
    assert tricky >= len(seen) // 4  # a third asked for; a quarter at least


@pytest.mark.parametrize("folder", [WRITERS_DIR, LANG_DIR], ids=lambda p: p.name)
def test_writers_read_during_tuning_stay_above_the_floor(folder: Path) -> None:
    read = {w for w, status in tuning_status(folder).items() if status == "read"}
    scores = [s for s in score_writers(folder) if s.writer in read]
    assert scores, "tuning.toml names no writer read during tuning"
    for s in scores:
        for code in CORE:
            assert min(s.precision(code), s.recall(code)) >= (LANG_FLOOR if folder == LANG_DIR else FLOOR), \
                (s.writer, code)
        assert s.clean_rejected <= s.clean * CLEAN_FLOOR, s.writer  # by any check
