"""Per lead department over a period: what became of the occurrences due in it, and the
on-time share next to the previous period of the same length. Pure.

The counting rules (docs/reports.md, "What counts"), for an occurrence due in the period (its
current due date, which for a done item is its due date at closing):

* done on time: done, and closed on or before its due date (the day of the closing in the
  plan's zone); done late: closed after it; done, date unknown: done without a closing in the
  history (left out of the share);
* overdue: open and due before the report's day; not yet due: open and due on or after it;
* awaiting acceptance: reported done under ``close: accept`` and not yet accepted (left out
  of the share until accepted: its closing is the acceptance);
* cancelled occurrences are not counted at all.

The on-time share is done on time / (done on time + done late + overdue)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from reminder.report.model import (
    NO_LEAD,
    Departments,
    DepartmentStats,
    ItemRecord,
    Period,
    Tally,
)

DEFAULT_DAYS = 90


def default_period(day: date, days: int = DEFAULT_DAYS) -> Period:
    """The ``days`` days before ``day`` (``day`` itself excluded: the report is as of its
    start)."""
    return Period(day - timedelta(days=days), day - timedelta(days=1))


def outcome(item: ItemRecord, day: date) -> str | None:
    """Which of Tally's counts the occurrence adds to, as of the start of ``day``; None: not
    counted (cancelled)."""
    if item.status == "done":
        if item.closed_at is None:
            return "done_undated"
        closed = item.closed_at.astimezone(ZoneInfo(item.zone)).date()
        return "done_on_time" if closed <= item.due else "done_late"
    if item.status == "reported":
        return "awaiting_acceptance"
    if item.status == "open":
        return "overdue" if item.due < day else "not_yet_due"
    return None


def tally(items: Iterable[ItemRecord], period: Period, day: date) -> Tally:
    """What became of the occurrences among ``items`` due in ``period``."""
    counts: dict[str, int] = defaultdict(int)
    for item in items:
        if not period.holds(item.due):
            continue
        found = outcome(item, day)
        if found is not None:
            counts[found] += 1
            counts["due"] += 1
    return Tally(**counts)


def build(items: Iterable[ItemRecord], day: date, period: Period | None = None
          ) -> Departments:
    """Every lead department with an occurrence due in the period or the previous one, by
    name; and the total over all of them."""
    period = period or default_period(day)
    previous = period.previous()
    by_lead: dict[str | None, list[ItemRecord]] = defaultdict(list)
    names: dict[str | None, str] = {}
    every: list[ItemRecord] = []
    for item in items:
        if period.holds(item.due) or previous.holds(item.due):
            by_lead[item.lead_id].append(item)
            names[item.lead_id] = item.lead_name or item.lead_id or NO_LEAD
            every.append(item)
    rows = [DepartmentStats(lead, names[lead], tally(found, period, day),
                            tally(found, previous, day))
            for lead, found in by_lead.items()]
    rows.sort(key=lambda r: (r.department.casefold(), r.department_id or ""))
    total = DepartmentStats(None, "all", tally(every, period, day), tally(every, previous, day))
    return Departments(day, period, previous, tuple(rows), total)
