"""The fix of missing_follow_up_date suggests a date: always a business day still ahead (issue 15, item 8).

An old draft checked without --today says its committed date "is already past"; the example it then
suggests must not be that past date (nor the rule book's fixed date of old), but one the draft can use.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import cli
from drafter_core.calendar import is_business_day, today_in
from drafter_core.settings import CalendarSettings, Settings
from guardrails import check_draft, context_from_settings
from guardrails.dates import example_follow_up

CALENDAR = CalendarSettings()
OLD_DRAFT = "Dear Jane,\n\nI will write to you again by Wednesday, 25 November 2026 with what we found.\n\nSupport\n"
EXAMPLE = re.compile(r"e\.g\. 'I will contact you again by (?P<date>[A-Za-z]+, \d+ [A-Za-z]+ \d{4})\.'")


def suggested(text: str, today: dt.date, committed: dt.date | None = None, lead: int = 1) -> dt.date:
    settings = Settings.model_validate({"guardrails": {"min_lead_business_days": lead}})
    context = context_from_settings(settings, today, follow_up_date=committed)
    [item] = [v for v in check_draft(text, context).violations if v.code == "missing_follow_up_date"]
    match = EXAMPLE.search(item.message)
    assert match, item.message
    return dt.datetime.strptime(match.group("date"), "%A, %d %B %Y").date()


def test_an_old_draft_past_its_committed_date_gets_a_future_example() -> None:
    today = dt.date(2026, 12, 2)
    settings = Settings()
    context = context_from_settings(settings, today, follow_up_date=dt.date(2026, 11, 25))
    [item] = [v for v in check_draft(OLD_DRAFT, context).violations if v.code == "missing_follow_up_date"]
    assert item.message.startswith("'Wednesday, 25 November 2026' is already past on Wednesday, 2 December 2026")
    assert item.message.endswith("e.g. 'I will contact you again by Thursday, 3 December 2026.'")


@pytest.mark.parametrize(("today", "committed", "lead", "expected"), [
    (dt.date(2026, 11, 23), dt.date(2026, 11, 25), 1, dt.date(2026, 11, 25)),  # the committed date while ahead
    (dt.date(2026, 11, 23), None, 1, dt.date(2026, 11, 24)),  # none committed: the next business day
    (dt.date(2026, 11, 23), dt.date(2026, 11, 24), 2, dt.date(2026, 11, 25)),  # committed, but sooner than the lead
    (dt.date(2026, 11, 25), None, 1, dt.date(2026, 11, 27)),  # Thanksgiving skipped
    (dt.date(2026, 12, 31), dt.date(2026, 12, 29), 1, dt.date(2027, 1, 4)),  # New Year's Day and a weekend
])
def test_the_example_is_the_committed_date_or_the_earliest_the_lead_time_allows(
        today: dt.date, committed: dt.date | None, lead: int, expected: dt.date) -> None:
    assert suggested("We will be in touch soon.", today, committed, lead) == expected


def test_every_day_of_two_years_gets_a_business_day_ahead() -> None:
    settings = Settings()
    day = dt.date(2026, 1, 1)
    while day < dt.date(2028, 1, 1):
        for committed in (None, day - dt.timedelta(days=7), day):
            context = context_from_settings(settings, day, follow_up_date=committed)
            example = example_follow_up(context)
            assert example > day and is_business_day(example, CALENDAR), (day, committed, example)
        day += dt.timedelta(days=1)


def test_drafter_check_without_today_suggests_a_date_after_today(tmp_path: Path) -> None:
    """The wall clock's today (whatever it is when this runs): the old draft's date is past or not, the
    suggested one is ahead."""
    old = tmp_path / "old.eml"
    old.write_text("From: Example Support <support@example.com>\nTo: jane@customer.example\nSubject: Re: late\n"
                   "X-Drafter-Follow-Up: 2026-11-25\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n"
                   + OLD_DRAFT, encoding="utf-8")
    env = {"OPENAI_API_KEY": "", "OPENAI_BASE_URL": "", "DRAFTER_CONFIG": ""}
    result = CliRunner().invoke(cli, ["check", str(old)], env=env, catch_exceptions=False)
    today = today_in(CALENDAR)
    if today <= dt.date(2026, 11, 25):  # the draft's date is not past yet: nothing of this to see
        return
    assert result.exit_code == 1 and "is already past on" in result.stdout
    match = EXAMPLE.search(" ".join(result.stdout.split()))
    assert match, result.stdout
    example = dt.datetime.strptime(match.group("date"), "%A, %d %B %Y").date()
    assert example > today and is_business_day(example, CALENDAR)
