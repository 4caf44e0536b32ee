"""The business calendar: weekends and public holidays from the `holidays` library."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from functools import lru_cache

import holidays

from drafter_core.settings import CalendarSettings


@lru_cache(maxsize=32)
def _holidays(country: str, subdivision: str | None) -> holidays.HolidayBase:
    return holidays.country_holidays(country, subdiv=subdivision)


def is_business_day(day: dt.date, calendar: CalendarSettings) -> bool:
    return day.weekday() < 5 and day not in _holidays(calendar.country, calendar.subdivision)


def business_days_after(start: dt.date, count: int, calendar: CalendarSettings) -> dt.date:
    """The date `count` business days after `start` (start itself never counts)."""
    day = start
    remaining = count
    while remaining > 0:
        day += dt.timedelta(days=1)
        if is_business_day(day, calendar):
            remaining -= 1
    return day


def business_days_between(start: dt.date, end: dt.date, calendar: CalendarSettings) -> int:
    """Business days in (start, end]; 0 or negative when end is not after start."""
    if end <= start:
        return -sum(1 for n in range((start - end).days) if is_business_day(end + dt.timedelta(days=n + 1), calendar))
    return sum(1 for n in range((end - start).days) if is_business_day(start + dt.timedelta(days=n + 1), calendar))


def today_in(calendar: CalendarSettings, now: dt.datetime | None = None) -> dt.date:
    """Today in the configured time zone at `now` (default: the wall clock): every `today` not given."""
    return (now or dt.datetime.now(dt.UTC)).astimezone(zoneinfo.ZoneInfo(calendar.timezone)).date()
