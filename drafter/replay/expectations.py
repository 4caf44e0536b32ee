"""NAME.expect.toml beside NAME.eml: what QA expects drafter to do with that email, and whether it did."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from drafter.replay.values import EmailRecord, ExpectationResult, ExpectedValue
from drafter_core.errors import ConfigError

EXPECT_SUFFIX = ".expect.toml"

__all__ = ["EXPECT_SUFFIX", "Expectations", "check_expectations", "expectations_path", "load_expectations",
           "with_expectations"]


class Expectations(BaseModel):
    """NAME.expect.toml: what QA expects drafter to do with NAME.eml. Every key is optional."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    status: Literal["ready", "needs_review", "skipped", "failed"] | None = None
    automated: bool | None = None
    follow_up_date: dt.date | None = None
    must_have_codes: list[str] = []
    must_not_have_codes: list[str] = []
    must_contain: list[str] = []
    must_not_contain: list[str] = []


def expectations_path(email: Path) -> Path:
    """NAME.expect.toml for NAME.eml."""
    return email.with_name(email.name.removesuffix(".eml") + EXPECT_SUFFIX)


def load_expectations(path: Path) -> Expectations | None:
    """The expectations in `path`, None when there is no such file; ConfigError naming the key otherwise."""
    if not path.is_file():
        return None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return Expectations.model_validate(data)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or '?'}: {e['msg']}" for e in exc.errors())
        raise ConfigError(f"{path}: {problems} (keys: {', '.join(Expectations.model_fields)})") from None


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def check_expectations(expect: Expectations, record: EmailRecord) -> list[ExpectationResult]:
    """One result per expectation: passed True/False, or None when it cannot be judged (no recording)."""
    results: list[ExpectationResult] = []
    unknown = record.status == "missing_recording"

    def add(check: str, expected: ExpectedValue, actual: ExpectedValue | None, passed: bool) -> None:
        judged = None if unknown else passed  # the missing recording already fails the run
        results.append(ExpectationResult(check=check, expected=expected, actual=actual, passed=judged))

    if expect.status is not None:
        add("status", expect.status, record.status, record.status == expect.status)
    if expect.automated is not None:
        automated = record.automated is not None
        readable = record.email is not None
        add("automated", expect.automated, automated, readable and automated == expect.automated)
    if expect.follow_up_date is not None:
        wanted = expect.follow_up_date.isoformat()
        actual = record.follow_up_date.isoformat() if record.follow_up_date else None
        add("follow_up_date", wanted, actual, actual == wanted)
    codes = {v.code for v in record.violations}
    drafted = record.body is not None
    for code in expect.must_have_codes:
        add("must_have_code", code, sorted(codes), drafted and code in codes)
    for code in expect.must_not_have_codes:
        add("must_not_have_code", code, sorted(codes), drafted and code not in codes)
    body = _words(record.body or "")
    for phrase in expect.must_contain:
        present = _words(phrase) in body
        add("must_contain", phrase, "present" if present else "absent", drafted and present)
    for phrase in expect.must_not_contain:
        present = _words(phrase) in body
        add("must_not_contain", phrase, "present" if present else "absent", drafted and not present)
    return results


def with_expectations(record: EmailRecord, expect: Expectations | None) -> EmailRecord:
    """`record` with its expectation results and their verdict (None when none could be judged)."""
    if expect is None:
        return record
    results = check_expectations(expect, record)
    verdicts = [e.passed for e in results]
    passed = False if False in verdicts else (True if True in verdicts else None)
    return record.model_copy(update={"expectations": results, "expectations_passed": passed})
