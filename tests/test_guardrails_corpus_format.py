"""Keeps the labelled guardrails corpus (tests/guardrails_corpus/*.jsonl) well-formed and honest.

These tests check the data, not the guardrails: valid JSON, unique ids, known codes, dates that parse,
weekday names that agree with the dates they sit next to, and the minimum sizes the evaluation needs.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from drafter_core.calendar import business_days_between, is_business_day
from drafter_core.settings import CalendarSettings
from drafter_core.values import SECTION_NAMES
from guardrails import HIJACKED_MODEL_CODES

CORPUS_DIR = Path(__file__).parent / "guardrails_corpus"
CALENDAR = CalendarSettings()  # US holidays, weekends off: the calendar every case is judged with

CORE_CODES = frozenset({"policy_deflection", "missing_follow_up_date", "over_promise"})
OPTIONAL_CODES = frozenset({"section_order", "non_apology", "sympathy_not_empathy", "unknown_fact",
                            "follow_up_date_mismatch", "injection_obeyed", *HIJACKED_MODEL_CODES})
KNOWN_CODES = CORE_CODES | OPTIONAL_CODES
REQUIRED_KEYS = {"id", "today", "text", "committed_follow_up_date", "facts", "customer_text", "expected",
                 "note"}
OPTIONAL_KEYS = {"sections"}

FILE_MINIMA = {"clean.jsonl": 50, "tricky_clean.jsonl": 40, "policy.jsonl": 35, "dates.jsonl": 35,
               "promises.jsonl": 35, "extra.jsonl": 25}
# Each labelled file is about one kind of failure: every case in it carries one of these codes.
FILE_MUST_CARRY = {"policy.jsonl": {"policy_deflection"},
                   "dates.jsonl": {"missing_follow_up_date", "over_promise"},
                   "promises.jsonl": {"over_promise"}}
CODE_MINIMA = {"policy_deflection": 35, "missing_follow_up_date": 35, "over_promise": 35}
MIN_WORDS, MAX_WORDS = 80, 250


def load_corpus() -> dict[str, list[dict]]:
    """Every corpus file's cases, by file name; a malformed line fails with its file and line number."""
    corpus: dict[str, list[dict]] = {}
    for path in sorted(CORPUS_DIR.glob("*.jsonl")):
        cases = []
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            try:
                case = json.loads(line)
            except json.JSONDecodeError as exc:
                pytest.fail(f"{path.name}:{number}: not valid JSON ({exc})")
            if not isinstance(case, dict):
                pytest.fail(f"{path.name}:{number}: expected a JSON object, got {type(case).__name__}")
            cases.append(case)
        corpus[path.name] = cases
    return corpus


CORPUS = load_corpus()
ALL_CASES = [(name, case) for name, cases in CORPUS.items() for case in cases]


def _case_id(item: tuple[str, dict]) -> str:
    return f"{item[0]}:{item[1].get('id', '?')}"


@pytest.fixture(params=ALL_CASES, ids=[_case_id(item) for item in ALL_CASES])
def case(request: pytest.FixtureRequest) -> dict:
    return request.param[1]


def test_the_expected_files_exist() -> None:
    assert set(FILE_MINIMA) <= set(CORPUS), f"missing corpus files: {sorted(set(FILE_MINIMA) - set(CORPUS))}"


def test_case_has_exactly_the_documented_keys(case: dict) -> None:
    keys = set(case)
    assert REQUIRED_KEYS <= keys, f"missing keys {sorted(REQUIRED_KEYS - keys)}"
    unknown = keys - REQUIRED_KEYS - OPTIONAL_KEYS
    assert not unknown, f"unknown keys {sorted(unknown)}"
    assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", case["id"]), "ids are lower-case slugs"
    assert case["note"].strip(), "every case says why it is labelled the way it is"


def test_ids_are_unique_across_files() -> None:
    counts = Counter(case["id"] for _, case in ALL_CASES)
    assert [cid for cid, n in counts.items() if n > 1] == []


def test_expected_codes_are_known_sorted_and_distinct(case: dict) -> None:
    codes = case["expected"]
    assert isinstance(codes, list)
    assert set(codes) <= KNOWN_CODES, f"unknown codes {sorted(set(codes) - KNOWN_CODES)}"
    assert codes == sorted(set(codes)), "codes are listed once each, sorted"


def test_dates_parse_and_committed_date_is_a_valid_plan_date(case: dict) -> None:
    today = dt.date.fromisoformat(case["today"])
    committed = case["committed_follow_up_date"]
    if committed is None:
        return
    follow_up = dt.date.fromisoformat(committed)
    # A plan never commits to a date the guardrails would reject: a business day, at least one ahead.
    assert is_business_day(follow_up, CALENDAR), f"committed {committed} is not a business day"
    assert business_days_between(today, follow_up, CALENDAR) in range(1, 11)


def test_facts_and_customer_text_have_the_documented_shape(case: dict) -> None:
    facts = case["facts"]
    if facts is not None:
        assert set(facts) == {"order_numbers", "amounts"}
        assert all(isinstance(v, str) and v for v in facts["order_numbers"] + facts["amounts"])
        assert not any(v.startswith("#") for v in facts["order_numbers"]), "store order numbers without '#'"
    assert case["customer_text"] is None or case["customer_text"].strip()


def test_text_length_is_that_of_a_real_reply(case: dict) -> None:
    words = len(case["text"].split())
    assert MIN_WORDS <= words <= MAX_WORDS, f"{words} words"


def test_sections_when_given_appear_in_the_text_in_their_order(case: dict) -> None:
    sections = case.get("sections")
    if sections is None:
        return
    position = 0
    for name, text in sections:
        assert name in SECTION_NAMES
        found = case["text"].find(text, position)
        assert found >= 0, f"section {name!r} is not in the text at or after offset {position}"
        position = found + len(text)
    in_order = [name for name, _ in sections] == list(SECTION_NAMES)
    labelled = "section_order" in case["expected"]
    assert in_order != labelled, "section_order is labelled exactly when the sections are out of order"


def test_codes_that_need_context_have_it(case: dict) -> None:
    codes = set(case["expected"])
    if "injection_obeyed" in codes:
        assert case["customer_text"], "an obeyed injection needs the customer's email"
    if "unknown_fact" in codes:
        assert case["facts"] is not None, "unknown_fact is judged against the customer's facts"
    if "follow_up_date_mismatch" in codes:
        assert case["committed_follow_up_date"] is not None
    if "section_order" in codes:
        assert "sections" in case, "section_order is only labelled on drafts given as sections"


# --- weekday names next to full dates ------------------------------------------------------------
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]
_WD = (r"\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
       r"\.?,?\s+")
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|" \
         r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>\d{4}))?"
WEEKDAY_DATE_PATTERNS = [
    re.compile(_WD + r"(?:the\s+)?" + _DAY + r"\s+(?:of\s+)?" + _MONTH + _YEAR + r"\b"),
    re.compile(_WD + _MONTH + r"\s+" + _DAY + _YEAR + r"\b"),
    re.compile(_WD + r"\(?(?P<iso>\d{4}-\d{2}-\d{2})\)?"),
    re.compile(_WD + r"(?P<dmy>\d{2}/\d{2}/\d{4})"),
]


def _resolve(day: int, month: int, year: int | None, today: dt.date) -> dt.date | None:
    """The date meant; without a year, the one nearest `today` (4 January on 30 December is next year)."""
    years = [year] if year else [today.year - 1, today.year, today.year + 1]
    candidates = []
    for y in years:
        try:
            candidates.append(dt.date(y, month, day))
        except ValueError:
            continue
    return min(candidates, key=lambda d: abs((d - today).days)) if candidates else None


def weekday_dates(text: str, today: dt.date) -> list[tuple[str, str, dt.date | None]]:
    """(matched text, weekday named, date named) for each weekday written right before a full date."""
    found = []
    for pattern in WEEKDAY_DATE_PATTERNS:
        for m in pattern.finditer(text):
            parts = m.groupdict()
            if parts.get("iso"):
                named = dt.date.fromisoformat(parts["iso"])
            elif parts.get("dmy"):
                d, mo, y = (int(x) for x in parts["dmy"].split("/"))
                named = _resolve(d, mo, y, today)
            else:
                prefix = parts["month"].lower()[:3]
                month = next(i for i, name in enumerate(MONTHS, 1) if name.startswith(prefix))
                year = int(parts["year"]) if parts["year"] else None
                named = _resolve(int(parts["day"]), month, year, today)
            found.append((m.group(0), parts["wd"].lower(), named))
    return found


def test_weekday_names_agree_with_the_dates_they_name(case: dict) -> None:
    today = dt.date.fromisoformat(case["today"])
    for matched, weekday, named in weekday_dates(case["text"], today):
        assert named is not None, f"{matched!r} names a date that does not exist"
        assert WEEKDAYS[named.weekday()].startswith(weekday), f"{matched!r}: {named} is a {named:%A}"


def test_the_weekday_check_sees_most_dated_drafts() -> None:
    # Guards the regexes above: if they stopped matching, the weekday test would pass vacuously.
    seen = sum(1 for _, c in ALL_CASES if weekday_dates(c["text"], dt.date.fromisoformat(c["today"])))
    assert seen >= 150


def test_the_weekday_check_catches_a_wrong_weekday() -> None:
    today = dt.date(2026, 11, 23)
    [(_, weekday, named)] = weekday_dates("I will call you on Tuesday, 25 November.", today)
    assert (weekday, named) == ("tuesday", dt.date(2026, 11, 25))
    assert named.strftime("%A").lower() != weekday
    [(_, _, named)] = weekday_dates("on Monday, 4 January", dt.date(2026, 12, 30))
    assert named == dt.date(2027, 1, 4)


# --- sizes and file kinds ------------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(FILE_MINIMA))
def test_each_file_meets_its_minimum(name: str) -> None:
    cases = CORPUS.get(name, [])
    if name == "extra.jsonl":
        cases = [c for c in cases if OPTIONAL_CODES & set(c["expected"])]
    assert len(cases) >= FILE_MINIMA[name], f"{name}: {len(cases)} qualifying cases"


@pytest.mark.parametrize("name", ["clean.jsonl", "tricky_clean.jsonl"])
def test_clean_files_hold_only_clean_drafts_that_write_their_committed_date(name: str) -> None:
    for case in CORPUS[name]:
        assert case["expected"] == [], case["id"]
        if case["committed_follow_up_date"]:
            date = dt.date.fromisoformat(case["committed_follow_up_date"])
            assert any(form in case["text"] for form in renderings(date)), f"{case['id']}: {date} not written"


def renderings(day: dt.date) -> set[str]:
    """Common English ways to write `day` (enough to find the follow-up date in a clean draft)."""
    n, month, mon = day.day, f"{day:%B}", f"{day:%b}"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return {f"{n} {month}", f"{month} {n}", f"{n}{suffix} {month}", f"{month} {n}{suffix}", f"{n} {mon}",
            f"{mon}. {n}", f"{mon} {n}", f"{n}{suffix} of {month}", f"{day:%d/%m/%Y}", day.isoformat()}


@pytest.mark.parametrize("name", sorted(FILE_MUST_CARRY))
def test_labelled_files_hold_their_kind(name: str) -> None:
    for case in CORPUS[name]:
        assert FILE_MUST_CARRY[name] & set(case["expected"]), case["id"]


def code_counts() -> Counter[str]:
    return Counter(code for _, case in ALL_CASES for code in case["expected"])


def test_each_core_code_has_enough_positive_cases() -> None:
    counts = code_counts()
    short = {code: counts[code] for code, minimum in CODE_MINIMA.items() if counts[code] < minimum}
    assert short == {}


def test_today_varies_but_mostly_monday_23_november() -> None:
    todays = Counter(case["today"] for _, case in ALL_CASES)
    assert len(todays) >= 8
    assert todays.most_common(1)[0][0] == "2026-11-23"
    assert todays["2026-11-23"] > len(ALL_CASES) / 2


def test_readme_counts_match_the_data() -> None:
    readme = (CORPUS_DIR / "README.md").read_text(encoding="utf-8")
    table = dict(re.findall(r"^\|\s*`([a-z_]+(?:\.jsonl)?)`\s*\|\s*(\d+)\s*\|", readme, flags=re.MULTILINE))
    expected = {code: str(n) for code, n in code_counts().items()}
    expected |= {name: str(len(cases)) for name, cases in CORPUS.items()}
    assert table == expected
