"""Working-day arithmetic per country, on top of the `holidays` package.

Pure: a WorkCalendar is a value built from a country code; it never reads the clock.
"""

from __future__ import annotations

import importlib.util
import sys
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

import holidays

Shift = Literal["next", "previous", "none"]


def _country_holidays(country: str) -> holidays.HolidayBase:
    """``holidays.country_holidays(country)`` without importing every other country.

    The holidays package finds a country's class lazily, by importing its module
    ``holidays.countries.<name>``; but importing any module of that package first runs the
    package's ``__init__``, which imports all of its ~250 country modules (about 7 MiB the
    daemon would then hold for good, for the one to three countries a deployment uses). The
    package object is therefore created from its spec without running ``__init__``: its
    ``__path__`` is all submodule imports need, and each country module imports what it uses
    itself. Every lookup by code (``country_holidays``, ``holidays.UA``,
    ``list_supported_countries``) goes through the registry, which imports the module, so it
    works on this package; only ``from holidays.countries import <Class>`` of a country not
    yet imported would not, and nothing in the project does that.
    """
    name = "holidays.countries"
    if name not in sys.modules:
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.submodule_search_locations:
            sys.modules[name] = importlib.util.module_from_spec(spec)
    return holidays.country_holidays(country)


class WorkCalendar:
    """Which days are working days in one country (weekends and public holidays are not)."""

    def __init__(self, country: str | None) -> None:
        self.country = (country or "").upper() or None
        self._holidays: holidays.HolidayBase | None = None
        self._cache: dict[date, bool] = {}  # the ladder asks about the same days repeatedly
        if self.country:
            try:
                self._holidays = _country_holidays(self.country)
            except NotImplementedError as exc:
                raise ValueError(f"country {country!r}: no holiday calendar for it") from exc

    def is_working(self, day: date) -> bool:
        """True on a working day: not a weekend (unless moved to a working Saturday) and not a
        public holiday or substituted day off."""
        known = self._cache.get(day)
        if known is not None:
            return known
        h = self._holidays
        # is_working_day knows the country's weekend, holidays, substituted days off and
        # working Saturdays; years are populated on first use.
        result = day.weekday() < 5 if h is None else bool(h.is_working_day(day))
        self._cache[day] = result
        return result

    def why_not_working(self, day: date) -> str:
        """Why ``day`` is not a working day, for a person: "a Saturday", "a public holiday:
        New Year's Day", "a day off"; "" on a working day."""
        if self.is_working(day):
            return ""
        name = self._holidays.get(day) if self._holidays is not None else None
        if name:
            return f"a public holiday: {name}"
        if day.weekday() >= 5:
            return f"a {day.strftime('%A')}"
        return "a day off"

    def shift(self, day: date, rule: Shift) -> date:
        """Move a day off a non-working day: to the next or previous working day, or not."""
        if rule == "none":
            return day
        step = timedelta(days=1 if rule == "next" else -1)
        while not self.is_working(day):
            day += step
        return day

    def add_working(self, day: date, n: int) -> date:
        """The day ``n`` working days after (n > 0) or before (n < 0) ``day``."""
        step = timedelta(days=1 if n >= 0 else -1)
        left = abs(n)
        while left:
            day += step
            if self.is_working(day):
                left -= 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]: how many working days late ``end`` is after ``start``."""
        if end <= start:
            return 0
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            if self.is_working(day):
                count += 1
        return count


@lru_cache(maxsize=64)
def calendar_for(country: str | None) -> WorkCalendar:
    """A shared calendar per country (building one loads the holiday rules)."""
    return WorkCalendar(country)
