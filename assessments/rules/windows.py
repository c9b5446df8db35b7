"""The comment window's legal clock (pure functions, no database).

A window opens at an instant the regulator sets and lasts N days counted from the day after
the opening day, in the host country's time zone: calendar days, or working days that skip
the host country's weekend and its public holidays (the ``holidays`` package, which knows each
country's own weekend, e.g. Friday and Saturday in several Gulf states). It closes at the end of
the last counted day, 23:59:59 local time, so "14 days" gives the public fourteen whole days
whatever time of day the regulator pressed the button.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo, available_timezones

import holidays

# Defaults per category (the regulator may set other instants): 30 days for A, 14 for B.
DEFAULT_DAYS = {"A": 30, "B": 14}
# A window longer than this is a typing error, not a consultation.
MAX_DAYS = 180
ZONE_TAB = Path("/usr/share/zoneinfo/zone1970.tab")


@dataclass(frozen=True)
class WindowTimes:
    opens_at: dt.datetime
    closes_at: dt.datetime
    skipped_holidays: dict[str, str]


@cache
def _zone_table() -> dict[str, str]:
    """Country code → its first listed IANA zone (the system's tz database; the capital's zone
    comes first for the countries we serve). Empty when the file is not there."""
    table: dict[str, str] = {}
    try:
        lines = ZONE_TAB.read_text(encoding="utf-8").splitlines()
    except OSError:
        return table
    for line in lines:
        if not line or line.startswith("#"):
            continue
        codes, _coords, zone, *_rest = line.split("\t")
        for code in codes.split(","):
            table.setdefault(code, zone)
    return table


def default_time_zone(iso2: str) -> str:
    """The host country's time zone, or UTC when the tz database does not say."""
    return _zone_table().get((iso2 or "").upper(), "UTC")


def valid_time_zone(name: str) -> bool:
    return name in available_timezones()


def country_holidays(iso2: str, years: list[int]):
    """The host country's public holidays for ``years`` (an empty calendar when the package does
    not know the country: then only the weekend is skipped, and the page says which days)."""
    try:
        return holidays.country_holidays(iso2.upper(), years=years)
    except (NotImplementedError, KeyError):
        return holidays.HolidayBase(years=years)


def close_instant(*, opens_at: dt.datetime, days: int, working: bool, time_zone: str, country: str) -> WindowTimes:
    """The closing instant of a window of ``days`` days opening at ``opens_at``."""
    if days < 1 or days > MAX_DAYS:
        raise ValueError(f"days must be 1..{MAX_DAYS}")
    zone = ZoneInfo(time_zone)
    day = opens_at.astimezone(zone).date()
    skipped: dict[str, str] = {}
    if working:
        calendar = country_holidays(country, years=[day.year, day.year + 1])
        weekend = getattr(calendar, "weekend", {5, 6}) or {5, 6}
        counted = 0
        while counted < days:
            day += dt.timedelta(days=1)
            if day.weekday() in weekend:
                continue
            if day in calendar:
                skipped[day.isoformat()] = str(calendar.get(day))
                continue
            counted += 1
    else:
        day += dt.timedelta(days=days)
    closes = dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=zone)
    return WindowTimes(opens_at=opens_at, closes_at=closes.astimezone(dt.UTC), skipped_holidays=skipped)
