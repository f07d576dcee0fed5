"""What the web pages show, built with the same code as `reminder report` (reminder.report):
the register, the department figures and the control card come from
reminder.report.compose; this module only narrows them to the page's filters.

Filters: a plan, a lead department, overdue only (else every open item in scope, overdue or
not), and a search over the task's number, wording, plan and department (case-insensitive).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, func, select

from reminder.report import compose, query
from reminder.report.model import (
    NO_LEAD,
    Card,
    Departments,
    ItemRecord,
    OverdueItem,
    Register,
    Request,
)
from reminder.report.register import natural, overdue
from reminder.store.models import (
    ExecutorRow,
    HistoryRow,
    OccurrenceRow,
    PlanRow,
    RequestRow,
)

PAGE = 500  # rows per page: a register of 10,000 items is read in pages, not in one wall


@dataclass(frozen=True)
class Filters:
    """What the page is narrowed to; empty strings and False mean "all"."""

    plan: str = ""
    department: str = ""
    overdue_only: bool = True
    q: str = ""
    page: int = 0

    def matches(self, *texts: str | None) -> bool:
        """Whether the search finds any of ``texts``."""
        wanted = self.q.strip().casefold()
        return not wanted or any(wanted in t.casefold() for t in texts if t)


@dataclass(frozen=True)
class Row:
    """One line of the page's table: an overdue item, or with overdue-only off an open one
    not yet due (``late`` None)."""

    task_key: str
    plan_id: str
    plan_title: str
    number: str
    title: str
    department_id: str | None
    department: str
    due: date
    deadline_text: str | None
    late: int | None  # working days late
    bucket: str | None
    snoozed_until: date | None
    more_time: bool


@dataclass
class Dashboard:
    """Everything the dashboard (and a plan's or a department's page) shows."""

    day: date
    filters: Filters
    register: Register
    departments: Departments
    rows: list[Row]
    total: int  # rows before paging
    buckets: dict[str, int]
    per_department: list[tuple[str | None, str, int]]  # (id, name, overdue) most first
    requests: list[Request] = field(default_factory=list)

    @property
    def pages(self) -> int:
        """How many pages the rows fill."""
        return max(1, -(-self.total // PAGE))


def choices(s: Session) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The plans (id, title) not archived, and the executors (id, name) for the filters."""
    plans = [(p.id, p.title) for p in s.exec(select(PlanRow).where(
        col(PlanRow.status) != "archived").order_by(col(PlanRow.id)))]
    people = [(e.id, e.name) for e in s.exec(select(ExecutorRow).order_by(col(ExecutorRow.name)))]
    return plans, people


def _row(i: OverdueItem) -> Row:
    return Row(i.task_key, i.plan_id, i.plan_title, i.task_id, i.title, i.department_id,
               i.department, i.due, i.deadline_text, i.working_days_late, i.bucket,
               i.snoozed_until, i.more_time is not None)


def _open_row(i: ItemRecord, day: date) -> Row:
    return Row(i.task_key, i.plan_id, i.plan_title, i.number, i.title, i.lead_id,
               i.lead_name or i.lead_id or NO_LEAD, i.due, i.deadline_text, None, None,
               i.snoozed_until if i.snoozed_until and i.snoozed_until > day else None, False)


# The register and figures of the last few (zone, day, plan) asked, with the store's stamp
# when built: the dashboard is looked at again and again between changes, and building them
# over ten thousand items is most of a page's time. A changed stamp (an action, a request,
# a new occurrence) or CACHE_SECONDS rebuilds them (sync's quieter changes, a new lead, show
# within that time).
CACHE_SECONDS = 60.0
_CACHE: dict[tuple[str, str, date, str | None],
             tuple[tuple[object, ...], float, Any, Any]] = {}


def _stamp(s: Session) -> tuple[object, ...]:
    """What changes when the register could: the newest history row, request and occurrence,
    and how many requests wait."""
    return tuple(s.exec(select(  # type: ignore[call-overload]
        select(func.max(HistoryRow.id)).scalar_subquery(),
        select(func.max(RequestRow.id)).scalar_subquery(),
        select(func.count()).select_from(RequestRow).where(
            col(RequestRow.status) == "pending").scalar_subquery(),
        select(func.max(OccurrenceRow.id)).scalar_subquery())).one())


def _built(s: Session, tz: ZoneInfo, day: date, plan: str | None) -> tuple[Any, Any]:
    # the database is part of the key: one process may serve (or test) several
    key = (str(s.get_bind().engine.url), str(tz), day, plan)
    stamp, now = _stamp(s), time.monotonic()
    hit = _CACHE.get(key)
    if hit is not None and hit[0] == stamp and now - hit[1] < CACHE_SECONDS:
        return hit[2], hit[3]
    register = compose.register(s, tz, day, plan)
    figures = compose.departments(s, tz, day, plan)
    if len(_CACHE) > 32:  # a few filters' worth; the oldest goes
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[key] = (stamp, now, register, figures)
    return register, figures


def dashboard(s: Session, tz: ZoneInfo, day: date, f: Filters) -> Dashboard:
    """The register and the department figures as of the start of ``day``, narrowed to
    ``f``: the same numbers `reminder report --plan` gives, then the department and search
    filters applied to the rows."""
    plan = f.plan or None
    register, figures = _built(s, tz, day, plan)
    groups = [g for g in register.groups
              if not f.department or g.department_id == f.department]
    rows = [_row(i) for g in groups for i in g.items
            if f.matches(i.task_key, i.task_id, i.title, i.result, i.plan_title, i.department)]
    if not f.overdue_only:
        upcoming = [i for i in query.items(s, tz, plan=plan)
                    if i.status == "open" and not overdue(i, day)
                    and (not f.department or i.lead_id == f.department)
                    and f.matches(i.task_key, i.number, i.title, i.result, i.plan_title,
                                  i.lead_name)]
        upcoming.sort(key=lambda i: (i.due, i.plan_id, natural(i.number)))
        rows += [_open_row(i, day) for i in upcoming]
    buckets = {key: 0 for key in register.buckets}
    for r in rows:
        if r.bucket is not None:
            buckets[r.bucket] += 1
    names: dict[str | None, str] = {}
    late: dict[str | None, int] = {}
    for r in rows:
        if r.late is not None:
            names[r.department_id] = r.department
            late[r.department_id] = late.get(r.department_id, 0) + 1
    per_department = sorted(((k, names[k], n) for k, n in late.items()),
                            key=lambda t: (-t[2], t[1]))
    if f.department:
        figures = Departments(figures.day, figures.period, figures.previous,
                              tuple(r for r in figures.rows
                                    if r.department_id == f.department), figures.total)
    requests = [r for r in (*register.more_time_pending, *register.awaiting_acceptance)
                if (not plan or r.plan_id == plan) and f.matches(
                    r.task_key, r.title, r.department, r.executor)]
    start = f.page * PAGE
    return Dashboard(day, f, register, figures, rows[start:start + PAGE], len(rows), buckets,
                     per_department, sorted(requests, key=lambda r: (r.asked_on, r.id)))


def card(s: Session, tz: ZoneInfo, key: str, day: date, section: str | None) -> Card | None:
    """The control card, as `reminder report --card` builds it."""
    return compose.card(s, tz, key, day, section)
