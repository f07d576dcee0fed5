"""Working days per country and occurrences built from parsed deadlines."""

from __future__ import annotations

from datetime import date

import pytest

from reminder.deadlines.model import Deadline, Occurrence
from reminder.schedule.occurrences import build_occurrences
from reminder.schedule.workdays import WorkCalendar, calendar_for

RU = calendar_for("RU")


@pytest.mark.parametrize(
    ("day", "rule", "expected"),
    [
        (date(2023, 9, 30), "next", date(2023, 10, 2)),  # Saturday -> Monday
        (date(2023, 9, 30), "previous", date(2023, 9, 29)),
        (date(2023, 9, 30), "none", date(2023, 9, 30)),
        (date(2023, 11, 4), "next", date(2023, 11, 7)),  # Unity Day + observed Monday
        (date(2023, 12, 31), "next", date(2024, 1, 9)),  # New Year holidays
        (date(2023, 10, 3), "next", date(2023, 10, 3)),  # a working day stays
    ],
)
def test_shift(day: date, rule: str, expected: date) -> None:
    assert RU.shift(day, rule) == expected  # type: ignore[arg-type]


def test_add_working_and_lateness() -> None:
    assert RU.add_working(date(2023, 10, 2), -14) == date(2023, 9, 12)
    assert RU.add_working(date(2023, 10, 2), -1) == date(2023, 9, 29)
    assert RU.add_working(date(2023, 10, 2), 5) == date(2023, 10, 9)
    assert RU.working_days_between(date(2023, 10, 2), date(2023, 10, 9)) == 5
    assert RU.working_days_between(date(2023, 10, 9), date(2023, 10, 2)) == 0


def test_unknown_country_is_an_error_and_none_means_weekends_only() -> None:
    with pytest.raises(ValueError, match="XX"):
        WorkCalendar("XX")
    assert WorkCalendar(None).is_working(date(2023, 1, 2))  # a RU holiday, not a weekend


def _dl(kind: str, *occ: tuple[date, date]) -> Deadline:
    return Deadline("x", kind, occurrences=tuple(Occurrence(a, b) for a, b in occ))  # type: ignore[arg-type]


def test_russian_roadmap_quarters_due_on_monday() -> None:
    # "2 – 3 квартал 2023 года": 2023-04-01 .. 2023-09-30, and the 30th is a Saturday.
    [occ] = build_occurrences(_dl("window", (date(2023, 4, 1), date(2023, 9, 30))), RU)
    assert (occ.window_start, occ.due, occ.nominal_due) == (
        date(2023, 4, 1), date(2023, 10, 2), date(2023, 9, 30))


@pytest.mark.parametrize("kind", ["event", "unknown", "ongoing"])
def test_kinds_without_reminders(kind: str) -> None:
    assert build_occurrences(_dl(kind, (date(2023, 1, 1), date(2023, 12, 31))), RU) == []


def test_recurring_and_overrides() -> None:
    quarters = _dl("recurring", *[(date(2024, m, 1), date(2024, m + 2, 28)) for m in (1, 4, 7)])
    occs = build_occurrences(quarters, RU, "none")
    assert [o.seq for o in occs] == [0, 1, 2]
    assert [o.due for o in occs] == [date(2024, 3, 28), date(2024, 6, 28), date(2024, 9, 28)]
    # Explicit dates in the YAML win over the text, and are shifted like any due date.
    [o] = build_occurrences(None, RU, "next", start=date(2024, 1, 10), due=date(2024, 3, 9))
    assert (o.window_start, o.due) == (date(2024, 1, 10), date(2024, 3, 11))
