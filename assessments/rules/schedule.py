"""The reporting schedule of an operating project: pure functions, no database.

This portal's own rule set (documented in the README, "Performance reports"):

- category A reports every calendar quarter, categories B and C every calendar year;
- the first period is the one in which operation starts (a part period);
- a report is due ``DUE_DAYS`` days after its period ends; a reminder goes out ``REMIND_DAYS``
  before that; on the day after the due date an unfiled report is marked overdue.
"""

import datetime as dt

DUE_DAYS = 30
REMIND_DAYS = 14

QUARTERLY, YEARLY = "quarterly", "yearly"


def frequency_for(category: str) -> str:
    return QUARTERLY if category == "A" else YEARLY


def _period_of(day: dt.date, frequency: str) -> tuple[dt.date, dt.date]:
    if frequency == QUARTERLY:
        first_month = 3 * ((day.month - 1) // 3) + 1
        start = dt.date(day.year, first_month, 1)
        end_month = first_month + 2
        next_first = dt.date(day.year + (end_month == 12), end_month % 12 + 1, 1)
        return start, next_first - dt.timedelta(days=1)
    return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)


def periods(*, frequency: str, operation_start: dt.date, today: dt.date) -> list[tuple[dt.date, dt.date, dt.date]]:
    """(start, end, due) of every period that has started by ``today``, oldest first. The first
    starts on the operation start (a part period), later ones on the calendar boundary."""
    out = []
    if operation_start > today:
        return out
    start, end = _period_of(operation_start, frequency)
    start = operation_start
    while start <= today:
        out.append((start, end, end + dt.timedelta(days=DUE_DAYS)))
        start = end + dt.timedelta(days=1)
        _s, end = _period_of(start, frequency)
    return out


def quarters_back(today: dt.date, n: int = 12) -> list[tuple[dt.date, dt.date]]:
    """The last ``n`` calendar quarters that have ended by ``today``, newest first (the public
    compliance page's history)."""
    start, _end = _period_of(today, QUARTERLY)
    out = []
    while len(out) < n:
        end = start - dt.timedelta(days=1)
        start, _e = _period_of(end, QUARTERLY)
        out.append((start, end))
    return out
