"""Expanding a recurrence ("ежеквартально до 10 числа ...") into occurrences inside a range.

Reporting intervals (days, ISO weeks, months, quarters, halves, years) are laid out with
python-dateutil's rrule; each interval that overlaps the range gives one occurrence whose window
starts with the interval and ends on its due date.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Literal

from dateutil.rrule import DAILY, MONTHLY, WEEKLY, YEARLY, rrule

from reminder.deadlines.atoms import month_end, safe_date
from reminder.deadlines.model import Occurrence

_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# unit -> (rrule frequency, interval in that frequency)
_Freq = Literal[0, 1, 2, 3, 4, 5, 6]
_STEP: dict[str, tuple[_Freq, int]] = {
    "day": (DAILY, 1),
    "week": (WEEKLY, 1),
    "month": (MONTHLY, 1),
    "quarter": (MONTHLY, 3),
    "half": (MONTHLY, 6),
    "year": (YEARLY, 1),
}
_RRULE_FREQ = {DAILY: "DAILY", WEEKLY: "WEEKLY", MONTHLY: "MONTHLY", YEARLY: "YEARLY"}
# "2 раза в год" = every half-year: count per unit -> a shorter unit.
_SPLIT = {
    ("year", 2): "half",
    ("year", 4): "quarter",
    ("year", 12): "month",
    ("half", 2): "quarter",
    ("half", 6): "month",
    ("quarter", 3): "month",
    ("week", 7): "day",
}


@dataclass(slots=True)
class Recurrence:
    """What the grammar found about a recurrence; every field is optional but ``unit``."""

    unit: str = "year"
    every: int = 1
    times: int = 1
    day_of_month: int | None = None
    following: bool = False  # the due day falls in the month after the reporting interval
    months_after: int = 1  # ... or in the n-th month after it ("третьего месяца после")
    in_month: int | None = None  # ... or in the interval's n-th month ("второго месяца квартала")
    last_month: bool = False  # ... or in the interval's own last month
    weekdays: list[int] = field(default_factory=list)
    nth: int | None = None  # with one weekday: "каждый второй вторник"
    offset_days: int | None = None
    offset_months: int = 0  # "в течение трех месяцев после окончания года"
    months: list[int] = field(default_factory=list)  # "ежегодно (ноябрь)"
    dates: list[tuple[int, int]] = field(default_factory=list)  # (day, month) every year


def normalise_unit(unit: str, times: int) -> tuple[str, str | None]:
    """Fold "N times per unit" into a unit; the note says when it could not be done exactly."""
    if times <= 1:
        return unit, None
    if (unit, times) in _SPLIT:
        return _SPLIT[(unit, times)], None
    if unit == "week":
        return "week", None  # "2 раза в неделю: вторник, пятница" names its days
    return unit, f"{times} times per {unit}: one occurrence per {unit} is scheduled"


def _interval_start(unit: str, d: date) -> date:
    if unit == "day":
        return d
    if unit == "week":
        return d - timedelta(days=d.weekday())
    if unit == "month":
        return d.replace(day=1)
    if unit == "quarter":
        return date(d.year, 3 * ((d.month - 1) // 3) + 1, 1)
    if unit == "half":
        return date(d.year, 1 if d.month <= 6 else 7, 1)
    return date(d.year, 1, 1)


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date | None:
    if nth > 0:
        first = date(year, month, 1)
        d = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
        return d if d.month == month else None
    last = month_end(year, month)
    return last - timedelta(days=(last.weekday() - weekday) % 7 + 7 * (-nth - 1))


def expand(rec: Recurrence, start: date, end: date) -> tuple[list[Occurrence], str | None]:
    """Every occurrence whose reporting interval overlaps ``start..end``, and an RRULE text."""
    if rec.dates:
        return _fixed_dates(rec, start, end)
    unit = rec.unit
    freq, base = _STEP[unit]
    every = max(1, rec.every)
    intervals = _intervals(unit, every, _interval_start(unit, start), end)
    text = _rrule_text(rec, freq, base * every, end)
    if not (rec.months or rec.weekdays or rec.day_of_month is not None
            or rec.offset_days is not None or rec.offset_months):
        # Plain "ежеквартально", "щодня": each interval is due on its last day.
        return [Occurrence(s, e) for s, e in intervals if e >= start], text
    out: list[Occurrence] = []
    for s, e in intervals:
        if e < start:
            continue
        for due in _dues(rec, s, e):
            if rec.weekdays and not start <= due <= end:
                continue
            if rec.months and due.month not in rec.months and not rec.day_of_month:
                continue
            window_start = s if not rec.months else date(due.year, due.month, 1)
            out.append(Occurrence(min(window_start, due), due))
    return out, text


@lru_cache(maxsize=256)
def _intervals(unit: str, step: int, first: date, end: date) -> tuple[tuple[date, date], ...]:
    """Reporting intervals (first day, last day) from ``first`` until one starts after ``end``.

    Laid out by rrule and cached: every phrase of a plan shares its period, so a plan's
    calendar is laid out once, not once per cell.
    """
    freq, base = _STEP[unit]
    starts: list[date] = []
    for dt in rrule(freq, dtstart=datetime.combine(first, datetime.min.time()), interval=base * step):
        starts.append(dt.date())
        if starts[-1] > end:  # one start past the end closes the last interval
            break
    return tuple((a, b - timedelta(days=1)) for a, b in itertools.pairwise(starts))


def _dues(rec: Recurrence, s: date, e: date) -> list[date]:
    if rec.months:  # every year, in the named months
        out = []
        for m in rec.months:
            d = safe_date(s.year, m, rec.day_of_month) if rec.day_of_month else month_end(s.year, m)
            if d:
                out.append(d)
        return out
    if rec.weekdays and rec.nth is not None:
        d = _nth_weekday(s.year, s.month, rec.weekdays[0], rec.nth)
        return [d] if d else []
    if rec.weekdays:  # the named weekdays inside the interval (a week or a day)
        first = s.weekday()
        return [d for w in rec.weekdays if (d := s + timedelta(days=(w - first) % 7)) <= e]
    if rec.day_of_month is not None:
        if rec.last_month:
            y, m = e.year, e.month
        elif rec.in_month is not None:
            y, m = _add_months(s.year, s.month, rec.in_month - 1)
        elif rec.following or rec.unit in ("quarter", "half", "year"):
            y, m = _add_months(e.year, e.month, rec.months_after)
        else:
            y, m = s.year, s.month
        d = safe_date(y, m, min(rec.day_of_month, 31))
        if d is None:
            d = month_end(y, m)
        return [d]
    if rec.offset_months:
        # A month counted from a month's last day ends on a month's last day: 31 Dec + 3 = 31 Mar.
        return [month_end(*_add_months(e.year, e.month, rec.offset_months))]
    if rec.offset_days is not None:
        return [e + timedelta(days=rec.offset_days)]
    return [e]


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + month - 1 + n
    return k // 12, k % 12 + 1


def _rrule_text(rec: Recurrence, freq: int, step: int, until: date) -> str | None:
    if rec.offset_days is not None or rec.offset_months or rec.following \
            or rec.in_month is not None or (rec.day_of_month is not None and rec.unit != "month"):
        return None  # due dates shifted off the interval have no RRULE of their own
    parts = [f"FREQ={_RRULE_FREQ[freq]}"]
    if step > 1:
        parts.append(f"INTERVAL={step}")
    if rec.months:
        parts.append("BYMONTH=" + ",".join(str(m) for m in rec.months))
    if rec.weekdays and rec.nth is not None:
        parts.append(f"BYDAY={rec.nth:+d}{_DAYS[rec.weekdays[0]]}")
    elif rec.weekdays:
        parts.append("BYDAY=" + ",".join(_DAYS[d] for d in rec.weekdays))
    elif rec.day_of_month is not None:
        parts.append(f"BYMONTHDAY={rec.day_of_month}")
    elif freq == WEEKLY:
        parts.append("BYDAY=SU")
    elif freq in (MONTHLY, YEARLY):
        parts.append("BYMONTHDAY=-1")
        if freq == YEARLY and not rec.months:
            parts.append("BYMONTH=12")
    parts.append(f"UNTIL={until:%Y%m%d}")
    return ";".join(parts)


def _fixed_dates(rec: Recurrence, start: date, end: date) -> tuple[list[Occurrence], str | None]:
    # "ежегодно до 1 февраля", "ежеквартально (до 15 апреля, 15 июля, ...)": those dates every year.
    dues = sorted(
        {
            d
            for y in range(start.year, end.year + 1)
            for day, m in rec.dates
            if (d := safe_date(y, m, day)) is not None
        }
    )
    out = []
    prev = None
    for d in dues:
        window_start = prev + timedelta(days=1) if prev and prev.year == d.year else date(d.year, 1, 1)
        out.append(Occurrence(window_start, d))
        prev = d
    days = {day for day, _ in rec.dates}
    text = None
    if len(days) == 1:
        months = ",".join(str(m) for m in sorted({m for _, m in rec.dates}))
        text = f"FREQ=YEARLY;BYMONTH={months};BYMONTHDAY={days.pop()};UNTIL={end:%Y%m%d}"
    return out, text
