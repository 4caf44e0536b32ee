"""The plan: follow-up dates on the business calendar and gestures from the catalogue."""

from __future__ import annotations

import datetime as dt

import pytest

from drafter.plan import choose_gesture, make_plan
from drafter_core.calendar import business_days_after, business_days_between
from drafter_core.settings import CalendarSettings, load_settings
from tests.factories import complaint

US = CalendarSettings(country="US", timezone="America/New_York")


@pytest.mark.parametrize(("start", "days", "expected"), [
    (dt.date(2026, 11, 23), 2, dt.date(2026, 11, 25)),   # Monday → Wednesday
    (dt.date(2026, 11, 25), 1, dt.date(2026, 11, 27)),   # skips Thanksgiving (26 Nov)
    (dt.date(2026, 11, 27), 1, dt.date(2026, 11, 30)),   # Friday → Monday
    (dt.date(2026, 12, 24), 1, dt.date(2026, 12, 28)),   # skips Christmas Day and the weekend
    (dt.date(2026, 11, 28), 10, dt.date(2026, 12, 11)),  # from a Saturday
])
def test_business_days_after_skips_weekends_and_holidays(start: dt.date, days: int, expected: dt.date) -> None:
    assert business_days_after(start, days, US) == expected
    assert business_days_between(start, expected, US) == days


def test_holidays_follow_the_configured_country() -> None:
    germany = CalendarSettings(country="DE", subdivision="BY", timezone="Europe/Berlin")
    assert business_days_after(dt.date(2026, 12, 24), 1, germany) == dt.date(2026, 12, 28)  # 25th, 26th holidays
    assert business_days_after(dt.date(2026, 11, 25), 1, germany) == dt.date(2026, 11, 26)  # no Thanksgiving


def test_plan_uses_severity_within_bounds() -> None:
    settings = load_settings(env={})
    calm = make_plan(complaint("My parcel #A-1 is late."), settings, dt.date(2026, 11, 23))
    angry = make_plan(complaint("This is the third time my parcel is late. Unacceptable."), settings,
                      dt.date(2026, 11, 23))
    assert (calm.severity, calm.business_days, calm.follow_up_date) == ("normal", 2, dt.date(2026, 11, 25))
    assert (angry.severity, angry.business_days, angry.follow_up_date) == ("high", 1, dt.date(2026, 11, 24))
    assert calm.topic == "delivery" and calm.gesture.name == "express_shipping"


def test_by_severity_is_clamped_to_min_and_max() -> None:
    settings = load_settings(env={"DRAFTER_FOLLOW_UP__MIN_BUSINESS_DAYS": "3"})
    plan = make_plan(complaint("This is unacceptable, my parcel is late."), settings, dt.date(2026, 11, 23))
    assert plan.business_days == 3 and plan.follow_up_date == dt.date(2026, 11, 27)  # 26th: Thanksgiving


def test_gesture_comes_from_the_catalogue_by_topic_then_any() -> None:
    settings = load_settings(env={})
    assert choose_gesture("outage", settings.gestures).name == "month_credit"
    assert choose_gesture("staff", settings.gestures).name == "loyalty_points"
    assert choose_gesture("weather", settings.gestures).name == "voucher_10"
