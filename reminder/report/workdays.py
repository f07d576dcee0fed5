"""Working days late, counted for many items against one day without walking each item's
span: each day before ``day`` is looked at once per country, however many items ask."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from reminder.schedule.workdays import WorkCalendar, calendar_for


class LateCounter:
    """``late(country, due)`` = working days in (due, day] of that country's calendar: the
    same number as ``calendar_for(country).working_days_between(due, day)``, found by a
    lookup in a running count kept per country and extended as far back as asked."""

    def __init__(self, day: date,
                 calendars: Callable[[str | None], WorkCalendar] = calendar_for) -> None:
        self.day = day
        self._calendars = calendars
        # per country: after[i] = working days in (day - i, day]
        self._after: dict[str | None, list[int]] = {}

    def late(self, country: str | None, due: date) -> int:
        """Working days from ``due`` (excluded) to the counter's day (included); 0 when
        ``due`` is not before it."""
        back = (self.day - due).days
        if back <= 0:
            return 0
        after = self._after.setdefault(country, [0])
        if len(after) <= back:
            cal = self._calendars(country)
            while len(after) <= back:
                k = len(after)
                after.append(after[-1] + cal.is_working(self.day - timedelta(days=k - 1)))
        return after[back]
