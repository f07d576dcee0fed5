"""The overdue register: pure, from the records the store query reads and the day it is
taken on. Definitions (docs/reports.md): an item is overdue on a day when its occurrence is
open (snoozed or not: a snooze pauses reminders, it does not make an item less late) and its
due date is before that day; how late is counted in working days of the plan's country, from
the due date (excluded) to the day (included)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from zoneinfo import ZoneInfo

from reminder.report.model import (
    BUCKETS,
    NO_LEAD,
    DepartmentGroup,
    ItemRecord,
    OverdueItem,
    Register,
    Request,
    RequestRecord,
    bucket_of,
)
from reminder.report.workdays import LateCounter

MORE_TIME = "more_time"
ACCEPTANCE = "acceptance"


def natural(number: str) -> tuple[tuple[int, int | str], ...]:
    """A task number as plans order them: "2.10" after "2.9"."""
    parts = number.replace("-", ".").split(".")
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts)


def overdue(item: ItemRecord, day: date) -> bool:
    """Whether ``item`` is overdue at the start of ``day``: open, and due before it."""
    return item.status == "open" and item.due < day


def build(items: Iterable[ItemRecord], requests: Iterable[RequestRecord], day: date,
          counter: LateCounter | None = None) -> Register:
    """The register at the start of ``day``: the overdue items by lead department, the
    departments with the latest item first, each department's items most late first; the
    ageing buckets; pending requests for more time and items awaiting acceptance.

    ``items`` may hold any occurrences: those not overdue are left out of the groups (a
    pending request's item is looked up among them)."""
    counter = counter or LateCounter(day)
    by_id = {i.occurrence_id: i for i in items}
    reqs = [_request(r, by_id[r.occurrence_id], day, counter) for r in requests
            if r.occurrence_id in by_id]
    asked: dict[int, Request] = {}
    for r, occ_id in reqs:
        if r.kind == MORE_TIME:
            asked.setdefault(occ_id, r)  # the oldest pending one speaks for the item
    groups: dict[str | None, list[OverdueItem]] = defaultdict(list)
    for item in by_id.values():
        if overdue(item, day):
            groups[item.lead_id].append(_overdue(item, day, counter,
                                                 asked.get(item.occurrence_id)))
    built = [DepartmentGroup(lead, found[0].department, tuple(sorted(found, key=late_first)),
                             _count(found)) for lead, found in groups.items()]
    built.sort(key=lambda g: (-g.items[0].working_days_late, -g.items[0].calendar_days_late,
                              -len(g.items), g.department, g.department_id or ""))
    everything = [i for g in built for i in g.items]
    order = sorted((r for r, _ in reqs), key=lambda r: (r.asked_on, r.id))
    return Register(day, tuple(built), _count(everything),
                    tuple(r for r in order if r.kind == MORE_TIME),
                    tuple(r for r in order if r.kind == ACCEPTANCE))


def late_first(i: OverdueItem) -> tuple[object, ...]:
    """The order of late items within a department: most late first."""
    return (-i.working_days_late, -i.calendar_days_late, i.plan_id, natural(i.task_id),
            i.due)


def _count(items: list[OverdueItem]) -> dict[str, int]:
    counts = {key: 0 for key, _, _ in BUCKETS}
    for i in items:
        counts[i.bucket] += 1
    return counts


def _overdue(item: ItemRecord, day: date, counter: LateCounter, more_time: Request | None
             ) -> OverdueItem:
    late = counter.late(item.country, item.due)
    return OverdueItem(
        department_id=item.lead_id, department=item.lead_name or item.lead_id or NO_LEAD,
        plan_id=item.plan_id, plan_title=item.plan_title, task_key=item.task_key,
        task_id=item.number, title=item.title, result=item.result,
        deadline_text=item.deadline_text, window_start=item.window_start, due=item.due,
        nominal_due=item.nominal_due, working_days_late=late,
        calendar_days_late=(day - item.due).days, bucket=bucket_of(late),
        # a snooze that has ended by the day says nothing about it
        snoozed_until=item.snoozed_until if item.snoozed_until and item.snoozed_until > day
        else None, more_time=more_time)


def _request(r: RequestRecord, item: ItemRecord, day: date, counter: LateCounter
             ) -> tuple[Request, int]:
    late = counter.late(item.country, item.due) if item.due < day else None
    return Request(
        id=r.id, kind=r.kind, task_key=item.task_key, plan_id=item.plan_id,
        task_id=item.number, title=item.title,
        department=item.lead_name or item.lead_id or NO_LEAD, executor=r.executor,
        coordinator=r.coordinator, asked_on=r.asked_at.astimezone(ZoneInfo(item.zone)).date(),
        note=r.note, due=item.due, working_days_late=late), item.occurrence_id
