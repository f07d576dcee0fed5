"""From a parsed deadline to the occurrences that get reminders: windows and due dates, the due
date moved off weekends and public holidays of the plan's country.

Pure: a function of the deadline, the task's explicit dates, the calendar and the shift rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reminder.deadlines.model import Deadline
from reminder.schedule.workdays import Shift, WorkCalendar

# Kinds with no date a reminder can be counted from: listed for a person, never reminded about.
NO_REMINDERS = frozenset({"event", "unknown", "ongoing"})


@dataclass(frozen=True, slots=True)
class OccurrenceSpec:
    """One due instance of a task. ``seq`` is its stable number within the task (the order of
    the deadline's occurrences), so reloading the plan finds the same row again."""

    seq: int
    window_start: date | None
    due: date  # shifted to a working day by the rule
    nominal_due: date  # as the deadline says


def build_occurrences(
    deadline: Deadline | None,
    calendar: WorkCalendar,
    due_shift: Shift = "next",
    *,
    start: date | None = None,
    due: date | None = None,
) -> list[OccurrenceSpec]:
    """The occurrences of one task.

    Explicit ``start``/``due`` (the YAML's override keys) win over the text. ``event``,
    ``unknown`` and ``ongoing`` deadlines give none (they need a person, or have no due date).
    A ``by`` deadline without a window start has ``window_start`` None (no opening notice).
    """
    if due is not None:
        opens = start if start is not None and start <= due else None
        return [OccurrenceSpec(0, opens, calendar.shift(due, due_shift), due)]
    if deadline is None or deadline.kind in NO_REMINDERS:
        return []
    out: list[OccurrenceSpec] = []
    for seq, occ in enumerate(deadline.occurrences):
        window: date | None = occ.start if occ.start < occ.end else None
        if seq == 0 and start is not None and start <= occ.end:
            window = start
        out.append(OccurrenceSpec(seq, window, calendar.shift(occ.end, due_shift), occ.end))
    return out
