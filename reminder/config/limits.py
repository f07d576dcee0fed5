"""The dates the engine is made for, and the other bounds on what a user can ask of it.

A reminder ladder is computed from a due date by adding days (working days, escalations,
overdue repeats). Near year 1 or year 9999 that arithmetic leaves Python's date range (a tick
at ``--now 9999-12-31`` ran without end, one at year 1 failed with "date value out of range"
blamed on the database). Plans are for this century, so the command line's dates
(``--now``, ``--from``, ``--until``, ``--at``, ``--to``) and a task's explicit ``start`` and
``due`` must lie in `EARLIEST` .. `LATEST`; outside it the user is told so by name instead of
meeting an overflow or a pass that never ends.
"""

from __future__ import annotations

from datetime import date

EARLIEST = date(2000, 1, 1)
LATEST = date(2099, 12, 31)
RANGE = f"{EARLIEST.isoformat()} .. {LATEST.isoformat()}"

# `reminder snooze --days` and the bot's snooze: longer than a year is not a pause but a new
# deadline (`reminder extend`) or a cancelled task.
MAX_SNOOZE_DAYS = 365
# `reminder link --hours`: a code is a secret handed over by phone or mail; a month is plenty.
MAX_LINK_HOURS = 24 * 30


def out_of_range(day: date) -> str | None:
    """Why ``day`` is outside the supported range (a phrase to follow the value), or None."""
    if EARLIEST <= day <= LATEST:
        return None
    return f"is outside the supported range {RANGE}"
