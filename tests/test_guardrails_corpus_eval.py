"""The guardrails against the labelled corpus (tests/guardrails_corpus/*.jsonl), per code.

Floors (measured: 1.000 everywhere on the 286-draft corpus; see docs/guardrails-eval.md):
- the three core codes: precision and recall at least 0.95;
- the optional codes the corpus labels: precision at least 0.90, recall at least 0.85;
- no clean draft (expected []) rejected.
Codes the corpus does not label (missing_section, weekday_mismatch) are reported, not floored.
"""

from __future__ import annotations

import pytest

from bench.guardrails_eval import CORPUS_DIR, evaluate, report, score

CORE = ("policy_deflection", "missing_follow_up_date", "over_promise")
OPTIONAL = ("section_order", "non_apology", "sympathy_not_empathy", "unknown_fact", "follow_up_date_mismatch",
            "injection_obeyed")
CORE_FLOOR = 0.95
OPTIONAL_PRECISION, OPTIONAL_RECALL = 0.90, 0.85

pytestmark = pytest.mark.skipif(not any(CORPUS_DIR.glob("*.jsonl")),
                                reason=f"no labelled corpus in {CORPUS_DIR} (tests/guardrails_corpus/*.jsonl)")


@pytest.fixture(scope="module")
def outcomes():
    return evaluate()


def test_no_clean_draft_is_rejected(outcomes) -> None:
    rejected = [f"{o.id}: {sorted(o.predicted)}" for o in outcomes if not o.expected and o.predicted]
    assert rejected == []


@pytest.mark.parametrize("code", CORE)
def test_core_codes_meet_their_floor(outcomes, code: str) -> None:
    scores = score(outcomes)
    assert scores.support(code) > 0, f"the corpus has no {code} case"
    assert scores.precision(code) >= CORE_FLOOR and scores.recall(code) >= CORE_FLOOR, report(outcomes, "pytest")


@pytest.mark.parametrize("code", OPTIONAL)
def test_optional_codes_meet_their_floor(outcomes, code: str) -> None:
    scores = score(outcomes)
    if scores.support(code) == 0 and scores.false_pos[code] == 0:
        pytest.skip(f"the corpus has no {code} case")
    assert scores.precision(code) >= OPTIONAL_PRECISION, report(outcomes, "pytest")
    assert scores.recall(code) >= OPTIONAL_RECALL, report(outcomes, "pytest")


def test_the_report_names_the_corpus_it_measured(outcomes) -> None:
    other = CORPUS_DIR.parent / "guardrails_heldout" / "dev"
    text = report(outcomes[:3], "pytest", corpus=other)
    assert "tests/guardrails_heldout/dev" in text and "tests/guardrails_corpus " not in text
    assert "in tests/guardrails_corpus " in report(outcomes[:3], "pytest")
