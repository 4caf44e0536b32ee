"""Every route of a real `drafter serve` fuzzed with a fixed seed (bench/fuzz_api.py): schemathesis over every
operation of the OpenAPI schema, then the hostile bodies no schema describes. No input may get a 5xx, hang,
hold its connection, log an ERROR, or get an answer the schema does not declare."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.fuzz_api import EXAMPLES, SEED, hostile_requests, run
from tests.api_support import make_app, make_settings

pytestmark = pytest.mark.slow


def test_no_input_gets_a_5xx_or_holds_a_connection(tmp_path: Path) -> None:
    schema = make_app(make_settings(tmp_path)).openapi()
    operations = {f"{method.upper()} {path}" for path, item in schema["paths"].items() for method in item}
    report = run(SEED, EXAMPLES)
    print(report.text())  # the figures, for `pytest -s` and for the log of a failed run
    assert set(report.operations) == operations  # every operation of the schema was fuzzed
    assert report.schema_inputs >= 5 * len(operations)
    assert report.hostile_inputs == len(hostile_requests(SEED))
    assert report.server_errors == []
    assert report.metrics_5xx == 0
    assert report.no_answer == []
    assert report.error_log_lines == []
    assert report.mismatches == []
