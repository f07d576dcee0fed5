"""The digest's figures and lists from the report's records: per department open and overdue
items and their ageing buckets, the most late items of each department, what is due soon, and
what became overdue since the previous digest. Pure: records, an instant and the previous
digest's instant in, digest parts out; reminder.store.digests reads the records.

The counting is the register's (reminder.report.register: what is overdue, working days late,
ageing buckets), not a second copy of it. One difference of clock: the register is taken on
one day, while the digest counts each item on its plan's clock (a plan in another zone may be
a day ahead), so the register is built once per distinct day and its groups merged."""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from reminder.messages.digest import (
    LIST_CHANGES,
    LIST_DEPARTMENTS,
    LIST_DUE_SOON,
    LIST_PER_DEPARTMENT,
    DepartmentCount,
    DigestEntry,
)
from reminder.report import register
from reminder.report.model import BUCKETS, NO_LEAD, ItemRecord, OverdueItem
from reminder.report.register import natural
from reminder.report.workdays import LateCounter


@dataclass(frozen=True)
class Sections:
    """What `summarise` found."""

    departments: tuple[DepartmentCount, ...]
    overdue: tuple[tuple[str, tuple[DigestEntry, ...]], ...]  # listed: the most late only
    due_soon: tuple[DigestEntry, ...]
    due_soon_more: int
    newly_overdue: tuple[DigestEntry, ...]
    newly_overdue_more: int


def summarise(records: Iterable[ItemRecord], now: datetime, since: datetime | None,
              due_soon_days: int, languages: dict[str, str], *,
              reopened: frozenset[tuple[str, date]] = frozenset()) -> Sections:
    """The digest's parts at ``now`` from the open occurrences in ``records`` (others are
    ignored). ``since``: the previous digest (None: the first, which has no "newly overdue").
    ``languages``: each plan's language; ``reopened``: the occurrences (task key, due date)
    reopened since ``since`` (overdue again, whatever their due date)."""
    days: dict[str, date] = {}
    since_days: dict[str, date] = {}

    def day_of(r: ItemRecord) -> date:  # one zone's day may be a day ahead of another's
        if r.zone not in days:
            days[r.zone] = now.astimezone(ZoneInfo(r.zone)).date()
        return days[r.zone]

    by_day: dict[date, list[ItemRecord]] = defaultdict(list)
    opened: dict[str | None, int] = defaultdict(int)
    names: dict[str | None, str] = {}
    soon: list[tuple[ItemRecord, date]] = []
    zones: dict[str, str] = {}  # per task: its plan's zone
    for r in records:
        if r.status != "open":
            continue
        zones[r.task_key] = r.zone
        day = day_of(r)
        by_day[day].append(r)
        if r.window_start is None or r.window_start <= day:  # its work has begun
            opened[r.lead_id] += 1
            names[r.lead_id] = r.lead_name or r.lead_id or NO_LEAD
        if day <= r.due <= day + timedelta(days=due_soon_days):
            soon.append((r, day))

    late: dict[str | None, list[tuple[OverdueItem, date]]] = defaultdict(list)
    buckets: dict[str | None, list[int]] = defaultdict(lambda: [0] * len(BUCKETS))
    for day, found in by_day.items():
        for group in register.build(found, (), day, LateCounter(day)).groups:
            late[group.department_id] += [(i, day) for i in group.items]
            names[group.department_id] = group.department
            for k, (key, _, _) in enumerate(BUCKETS):
                buckets[group.department_id][k] += group.buckets[key]

    departments = sorted(
        (DepartmentCount(lead, names[lead], opened.get(lead, 0), len(late.get(lead, ())),
                         _three(buckets[lead]) if lead in late else (0, 0, 0))
         for lead in names),
        key=lambda d: (-d.overdue, -d.open, d.name.casefold(), d.id or ""))
    listed = []
    for d in [d for d in departments if d.overdue][:LIST_DEPARTMENTS]:
        worst = heapq.nsmallest(LIST_PER_DEPARTMENT, late[d.id], key=lambda p: register.late_first(p[0]))
        listed.append((d.name, tuple(_entry(i, day, languages) for i, day in worst)))

    newly: list[DigestEntry] = []
    if since is not None:
        for pairs in late.values():
            for item, day in pairs:
                zone = zones[item.task_key]
                if zone not in since_days:
                    since_days[zone] = since.astimezone(ZoneInfo(zone)).date()
                # due on or after the previous digest's day: it was not yet late then
                if item.due >= since_days[zone] or (item.task_key, item.due) in reopened:
                    newly.append(_entry(item, day, languages))
        newly.sort(key=lambda e: (e.department.casefold(), e.plan_id, natural(e.task_id),
                                  e.due))
    soon.sort(key=lambda p: (p[0].due, p[0].plan_id, natural(p[0].number)))
    return Sections(
        departments=tuple(departments), overdue=tuple(listed),
        due_soon=tuple(_soon(r, day, languages) for r, day in soon[:LIST_DUE_SOON]),
        due_soon_more=max(0, len(soon) - LIST_DUE_SOON),
        newly_overdue=tuple(newly[:LIST_CHANGES]),
        newly_overdue_more=max(0, len(newly) - LIST_CHANGES))


def _three(counts: list[int]) -> tuple[int, int, int]:
    return counts[0], counts[1], counts[2]


def _entry(i: OverdueItem, day: date, languages: dict[str, str]) -> DigestEntry:
    return DigestEntry(i.plan_id, i.plan_title, i.task_id, i.title, i.department,
                       i.window_start, i.due, (i.due - day).days, i.working_days_late,
                       languages.get(i.plan_id, "en"))


def _soon(r: ItemRecord, day: date, languages: dict[str, str]) -> DigestEntry:
    return DigestEntry(r.plan_id, r.plan_title, r.number, r.title,
                       r.lead_name or r.lead_id or NO_LEAD, r.window_start, r.due,
                       (r.due - day).days, None, languages.get(r.plan_id, "en"))
