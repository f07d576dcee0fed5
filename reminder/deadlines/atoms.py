"""The pieces a deadline phrase is built from, and what each means as dates in a given year.

A span atom (a date, a month, a quarter, ...) may lack a year; ``year``/``rel`` are filled by the
grammar when the phrase states one, and by the interpreter from the plan period otherwise.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def safe_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when the day does not exist (31 June)."""
    if not 1 <= month <= 12 or day < 1 or not 1 <= year <= 9998:
        return None
    last = calendar.monthrange(year, month)[1]
    if day > last:
        # "29 февраля" in a common year is the last day of February; 31 June is not a date.
        return date(year, month, last) if month == 2 and day <= 29 else None
    return date(year, month, day)


@dataclass(slots=True)
class Marker:
    """A word that shapes the phrase but carries no date: by, from, to, list, then, ..."""

    kind: str  # BY FROM TO LIST THEN DURING AFTER ONGOING EVENT FOLLOWING REPORTING APPROXLY
    text: str = ""
    n: int = 0  # NTHMONTH / INMONTH: which month ("третьего месяца после" = 3)


@dataclass(slots=True)
class Span:
    """Something with dates: ``unit`` says what, ``a``/``b`` its numbers (e.g. quarter 2)."""

    unit: str  # date day month months quarter half decade year theyear season academic approx
    a: int = 0
    b: int = 0
    year: int | None = None
    rel: int | None = None  # "текущего" 0, "очередного" +1 relative to the period's year
    inner: Span | None = None  # the span an approximation ("в конце ...") is about
    pos: str = ""  # begin / middle / end for approximations

    @property
    def has_year(self) -> bool:
        if self.unit == "approx" and self.inner is not None:
            return self.inner.has_year
        return self.year is not None or self.rel is not None or self.unit == "year"

    def set_year(self, year: int | None, rel: int | None) -> None:
        if self.unit == "approx" and self.inner is not None:
            self.inner.set_year(year, rel)
        else:
            self.year, self.rel = year, rel

    def shift_year(self, delta: int) -> None:
        """Move a stated year by ``delta`` ("ноябрь – февраль 2025": November is 2024's)."""
        if self.unit == "approx" and self.inner is not None:
            self.inner.shift_year(delta)
        elif self.year is not None:
            self.year += delta
        elif self.rel is not None:
            self.rel += delta

    @property
    def approximate(self) -> bool:
        return self.unit in ("approx", "season")

    def bounds(self, year: int) -> tuple[date, date] | None:
        """First and last day in ``year`` (ignored when the span states its own)."""
        y = self.year if self.year is not None else year
        if not 1 <= y <= 9997:  # no calendar beyond; the caller treats None as "no date"
            return None
        u = self.unit
        if u == "date":
            d = safe_date(y, self.b, self.a)
            return (d, d) if d else None
        if u == "day":
            return None  # a day without a month means nothing on its own
        if u == "month":
            return date(y, self.a, 1), month_end(y, self.a)
        if u == "months":
            return date(y, 1, 1), month_end(y, self.a)
        if u == "quarter":
            return date(y, 3 * self.a - 2, 1), month_end(y, 3 * self.a)
        if u == "half":
            return date(y, 6 * self.a - 5, 1), month_end(y, 6 * self.a)
        if u == "decade":
            first = 1 + 10 * (self.a - 1)
            last = month_end(y, self.b).day if self.a == 3 else first + 9
            return date(y, self.b, first), date(y, self.b, last)
        if u in ("year", "theyear"):
            return date(y, 1, 1), date(y, 12, 31)
        if u == "academic":
            return date(y, 9, 1), date(y + 1, 8, 31)
        if u == "season":
            start_month = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}[self.pos]
            start = date(y, start_month, 1)
            end_month = start_month + 2
            if end_month > 12:
                return start, month_end(y + 1, end_month - 12)
            return start, month_end(y, end_month)
        if u == "approx" and self.inner is not None:
            inner = self.inner.bounds(year)
            if inner is None:
                return None
            return _approximate(self.inner.unit, self.pos, *inner)
        return None


def _approximate(unit: str, pos: str, start: date, end: date) -> tuple[date, date]:
    # A year splits into quarters (start Q1, middle Q2-Q3, end Q4); anything shorter into thirds
    # of ten days, as "в начале/середине/конце сентября" reads.
    if unit in ("year", "theyear", "academic"):
        y = start.year
        if unit == "academic":
            return {"begin": (start, date(y, 11, 30)), "middle": (date(y, 12, 1), date(y + 1, 5, 31)),
                    "end": (date(y + 1, 6, 1), end)}[pos]
        return {"begin": (date(y, 1, 1), date(y, 3, 31)), "middle": (date(y, 4, 1), date(y, 9, 30)),
                "end": (date(y, 10, 1), date(y, 12, 31))}[pos]
    if (end - start).days < 40:
        if pos == "begin":
            return start, min(end, start + timedelta(days=9))
        if pos == "middle":
            return min(end, start + timedelta(days=10)), min(end, start + timedelta(days=19))
        return min(end, start + timedelta(days=20)), end
    # A quarter or a half: its first, middle or last month.
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    third = max(1, months // 3)
    first_end = month_end(start.year + (start.month + third - 2) // 12, (start.month + third - 2) % 12 + 1)
    if pos == "begin":
        return start, first_end
    last_start_m = end.month - third + 1
    if last_start_m >= 1:
        last_start = date(end.year, last_start_m, 1)
    else:
        last_start = date(end.year - 1, last_start_m + 12, 1)
    if pos == "end":
        return last_start, end
    return first_end + timedelta(days=1), last_start - timedelta(days=1)


@dataclass(slots=True)
class Duration:
    """A length of time with no date to count from: "30 дней", "в месячный срок"."""

    n: int
    unit: str  # D W M Y

    def iso(self) -> str:
        return f"P{self.n}{self.unit}"

    def days(self) -> int:
        return self.n * {"D": 1, "W": 7, "M": 30, "Y": 365}[self.unit]


@dataclass(slots=True)
class Freq:
    """A recurrence: every ``count``-th ``unit``, or ``times`` per unit ("2 раза в год")."""

    unit: str  # day week month quarter half year
    times: int = 1
    every: int = 1


@dataclass(slots=True)
class Weekday:
    day: int  # 0 = Monday
    nth: int | None = None  # "каждый второй вторник" = 2, "последний" = -1


@dataclass(slots=True)
class DayOfMonth:
    """"до 5 числа" (of the month, or of the month after the reporting one)."""

    day: int
    following: bool = False


Element = Marker | Span | Duration | Freq | Weekday | DayOfMonth
