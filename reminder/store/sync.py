"""Loading the YAML into the database: upsert by stable ids, keep every bit of state.

A task that disappears from its plan is archived, not deleted (its history and ledger stay).
A changed deadline recomputes the task's open occurrences and is written to the history. A due
date a person extended stays extended until the plan's own date for it changes.

A plan the file closes or archives gets no reminders: its occurrences lose their schedule and
what was planned but not sent is superseded; opened again, each open item's ladder goes on
from the next rung after now (the rungs of the closed spell are not caught up). A plan's zone
is stored on its row; a changed zone moves the open items' next look to the new clock.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import update
from sqlmodel import Session, col, delete, select
from sqlmodel.sql.expression import Select

from reminder.schedule.occurrences import OccurrenceSpec, build_occurrences
from reminder.schedule.policy import Policy
from reminder.schedule.workdays import calendar_for
from reminder.store.db import LOCK_SYNC, xact_lock
from reminder.store.ladders import ladder_of
from reminder.store.models import (
    AssignmentRow,
    ExecutorRow,
    HistoryRow,
    LedgerRow,
    OccurrenceRow,
    PlanRow,
    TaskRow,
)
from reminder.store.specs import Deployment, PlanSpec, TaskSpec


@dataclass
class SyncReport:
    """What a sync changed, for the log and the CLI."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    archived: list[str] = field(default_factory=list)


def first_look(occ: OccurrenceRow, policy: Policy | str, tz: ZoneInfo, country: str | None,
               after: datetime | None) -> datetime | None:
    """When an open occurrence first needs the tick: its first ladder step (``after`` None:
    from the start, so a plan loaded late still says where the task stands) or the first step
    after ``after`` (a changed date starts afresh from now, without catching up), on the
    clock of its plan's zone ``tz``."""
    ladder = ladder_of(occ, policy, country, tz)
    step = ladder.first() if after is None else ladder.next_after(after)
    return step.at if step else None


def _fingerprint(task: TaskSpec, occs: list[OccurrenceSpec]) -> str:
    data = [[o.seq, str(o.window_start), str(o.due), str(o.nominal_due)] for o in occs]
    raw = json.dumps([data, task.policy.to_json()], sort_keys=True)
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def sync(session: Session, dep: Deployment, now: datetime) -> SyncReport:
    """Upsert the deployment's executors, plans and tasks; keep state; archive what vanished.

    On PostgreSQL the whole sync waits for an advisory lock held to the end of the caller's
    transaction, so daemons (and commands) sharing the database sync one after the other: the
    second reads what the first committed and writes nothing new. Not ``ON CONFLICT DO
    NOTHING`` on each insert: a sync reads, decides and writes across tables (a task it finds
    new gets occurrences, a schedule and history rows), and two syncs deciding from the same
    empty tables would both do that work, not only collide on the keys."""
    xact_lock(session, LOCK_SYNC)
    report = SyncReport()
    known = {e.id: e for e in session.exec(select(ExecutorRow))}
    for ex in dep.executors:
        row = known.get(ex.id) or ExecutorRow(id=ex.id, name=ex.name)
        values = {"name": ex.name, "language": ex.language, "supervisor": ex.supervisor,
                  "partner": ex.partner, "emails": "\n".join(ex.emails),
                  "telegram": "\n".join(ex.telegram)}
        if ex.id not in known or any(getattr(row, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(row, k, v)
            session.add(row)
    session.flush()
    seen_plans = set()
    for plan in dep.plans:
        seen_plans.add(plan.id)
        _sync_plan(session, dep, plan, now, report)
    for gone in session.exec(select(PlanRow).where(col(PlanRow.archived).is_(False))):
        if gone.id not in seen_plans:
            gone.archived = True
            session.add(gone)
            _archive_tasks(session, gone.id, set(), now, report)
    return report


def _sync_plan(session: Session, dep: Deployment, plan: PlanSpec, now: datetime,
               report: SyncReport) -> None:
    country = plan.country or dep.country
    zone = plan.timezone or dep.timezone
    tz = ZoneInfo(zone)
    row = session.get(PlanRow, plan.id)
    was = (row.status, row.timezone) if row is not None else None
    row = row or PlanRow(id=plan.id, title=plan.title)
    row.title, row.language, row.country, row.archived = plan.title, plan.language, country, False
    row.status, row.timezone = plan.status, zone
    session.add(row)
    if was is not None and was[1] != zone:
        _rezone(session, plan.id, country, tz, now)
    cal = calendar_for(country)
    # One read per table for the whole plan: a reload of an unchanged plan writes nothing.
    rows = {t.key: t for t in session.exec(select(TaskRow).where(col(TaskRow.plan_id) == plan.id))}
    teams: dict[str, list[tuple[str, str]]] = {}
    for a in session.exec(select(AssignmentRow).join(
            TaskRow, col(TaskRow.key) == col(AssignmentRow.task_key)).where(
            col(TaskRow.plan_id) == plan.id).order_by(col(AssignmentRow.position))):
        teams.setdefault(a.task_key, []).append((a.executor_id, a.role))
    # New tasks are inserted first, in one flush, so their occurrences and assignments can
    # follow (the tables have foreign keys but the models no relationships to order them by).
    new = {}
    for task in plan.tasks:
        key = f"{plan.id}/{task.id}"
        if key not in rows and key not in new:
            new[key] = TaskRow(key=key, plan_id=plan.id, number=task.id, title=task.title)
            session.add(new[key])
            report.added.append(key)
    session.flush()
    keys = set()
    for task in plan.tasks:
        key = f"{plan.id}/{task.id}"
        keys.add(key)
        occs = build_occurrences(task.deadline, cal, task.policy.due_shift,
                                 start=task.start, due=task.due)
        existing = rows.get(key)
        if existing is not None and _unchanged(existing, task, occs, teams.get(key, [])):
            continue
        _sync_task(session, key, existing or new[key], existing is None, task, occs,
                   country, tz, now, report)
    _archive_tasks(session, plan.id, keys, now, report)
    if was is not None and was[0] != plan.status:
        _lifecycle(session, plan.id, plan.status, country, tz, now)
    if plan.status != "open":
        _quiet(session, plan.id)


def _plan_occurrences(plan_id: str) -> Select[OccurrenceRow, TaskRow]:
    """The select of a plan's open occurrences of tasks still in its file, with their task."""
    return (select(OccurrenceRow, TaskRow)
            .join(TaskRow, col(TaskRow.key) == col(OccurrenceRow.task_key))
            .where(col(TaskRow.plan_id) == plan_id, col(TaskRow.archived).is_(False),
                   col(OccurrenceRow.status) == "open"))


def _rezone(session: Session, plan_id: str, country: str | None, tz: ZoneInfo,
            now: datetime) -> None:
    """The plan's zone changed (its own, or the deployment's it follows): each scheduled
    occurrence's next look is its ladder's next rung on the new clock, from where it was (a
    rung already due is not lost) or from now, whichever is earlier."""
    for occ, task in session.exec(_plan_occurrences(plan_id)):
        if occ.next_at is not None:
            after = min(occ.next_at, now) - timedelta(microseconds=1)
            occ.next_at = first_look(occ, task.policy, tz, country, after)
            session.add(occ)


def _lifecycle(session: Session, plan_id: str, status: str, country: str | None,
               tz: ZoneInfo, now: datetime) -> None:
    """The plan file changed the plan's status: written to each task's history; opened again,
    each open occurrence resumes at the next rung after now."""
    session.flush()
    if status != "open":
        for key in session.exec(select(TaskRow.key).where(col(TaskRow.plan_id) == plan_id,
                                                          col(TaskRow.archived).is_(False))):
            session.add(HistoryRow(task_key=key, action=f"plan_{status}", at=now, actor="sync"))
        return
    for occ, task in session.exec(_plan_occurrences(plan_id)):
        if occ.next_at is not None:
            continue  # a task new in this sync: scheduled as any new task is
        occ.next_at = first_look(occ, task.policy, tz, country, now)
        session.add(occ)
        # per occurrence: `reminder plan` owes nothing of its ladder before this instant
        session.add(HistoryRow(task_key=task.key, occurrence_id=occ.id, action="plan_reopened",
                               at=now, actor="sync"))


def _quiet(session: Session, plan_id: str) -> None:
    """A closed or archived plan: no occurrence of it is scheduled, nothing of it is pending.
    Read first, so reloading a plan already quiet writes nothing (an UPDATE, even of no row,
    would take SQLite's write lock)."""
    keys = select(TaskRow.key).where(col(TaskRow.plan_id) == plan_id)
    scheduled = list(session.exec(select(OccurrenceRow).where(
        col(OccurrenceRow.task_key).in_(keys), col(OccurrenceRow.next_at).is_not(None))))
    for occ in scheduled:
        occ.next_at = None
        session.add(occ)
    occs = select(OccurrenceRow.id).where(col(OccurrenceRow.task_key).in_(keys))
    pending = list(session.exec(select(LedgerRow.id).where(
        col(LedgerRow.occurrence_id).in_(occs), col(LedgerRow.status) == "pending")))
    if pending:
        session.exec(update(LedgerRow)  # type: ignore[call-overload]
                     .where(col(LedgerRow.id).in_(pending), col(LedgerRow.status) == "pending")
                     .values(status="superseded").execution_options(synchronize_session=False))


def _fields(task: TaskSpec, occs: list[OccurrenceSpec]) -> dict[str, object]:
    """The task row's columns that come from the YAML."""
    return {
        "title": task.title, "result": task.result, "number": task.id,
        "deadline_text": task.deadline.text if task.deadline else None,
        "kind": "explicit" if task.due else (task.deadline.kind if task.deadline else "unknown"),
        "policy": json.dumps(task.policy.to_json(), sort_keys=True),
        "status": task.status, "archived": False, "fingerprint": _fingerprint(task, occs),
    }


def _unchanged(row: TaskRow, task: TaskSpec, occs: list[OccurrenceSpec],
               team: list[tuple[str, str]]) -> bool:
    return (all(getattr(row, k) == v for k, v in _fields(task, occs).items())
            and team == list(dict(task.executors).items()))


def _sync_task(session: Session, key: str, row: TaskRow, is_new: bool,
               task: TaskSpec, occs: list[OccurrenceSpec], country: str | None, tz: ZoneInfo,
               now: datetime, report: SyncReport) -> None:
    fp = _fingerprint(task, occs)
    yaml_status_changed = not is_new and row.status != task.status
    dates_changed = not is_new and row.fingerprint != fp
    for k, v in _fields(task, occs).items():
        setattr(row, k, v)
    session.add(row)
    existing: dict[int, OccurrenceRow] = {}
    if not is_new:
        # Assignments are configuration, not state: replace them wholesale.
        session.exec(delete(AssignmentRow).where(col(AssignmentRow.task_key) == key))
        existing = {o.seq: o for o in session.exec(
            select(OccurrenceRow).where(col(OccurrenceRow.task_key) == key))}
    for pos, (ex_id, role) in enumerate(dict(task.executors).items()):
        session.add(AssignmentRow(task_key=key, executor_id=ex_id, role=role, position=pos))
    if is_new or dates_changed:
        if dates_changed:
            report.changed.append(key)
        for spec in occs:
            occ = existing.pop(spec.seq, None)
            if occ is None:
                occ = OccurrenceRow(task_key=key, seq=spec.seq, window_start=spec.window_start,
                                    due=spec.due, nominal_due=spec.nominal_due,
                                    loaded_at=now if is_new else None)
                fresh: datetime | None = None if is_new else now
            elif occ.nominal_due != spec.nominal_due or occ.window_start != spec.window_start:
                fresh = now
                if occ.due != spec.due:
                    session.add(HistoryRow(task_key=key, occurrence_id=occ.id,
                                           action="deadline_changed", at=now, actor="sync",
                                           old_due=occ.due, new_due=spec.due))
                occ.window_start, occ.due, occ.nominal_due = (
                    spec.window_start, spec.due, spec.nominal_due)
            else:
                # Same dates, another policy (or a sibling occurrence moved): go on from where
                # the ladder was, so a rung that fell due just before this reload is not lost.
                fresh = occ.next_at - timedelta(microseconds=1) if occ.next_at else now
            if occ.status == "open":
                occ.next_at = first_look(occ, task.policy, tz, country, fresh)
            session.add(occ)
        for occ in existing.values():  # the new deadline has fewer occurrences
            if occ.status == "open":
                occ.status, occ.next_at = "cancelled", None
                session.add(occ)
                session.add(HistoryRow(task_key=key, occurrence_id=occ.id, action="dropped",
                                       at=now, actor="sync", old_due=occ.due))
    else:
        # Unarchived or unchanged: open occurrences without a schedule get one again.
        for occ in existing.values():
            if occ.status == "open" and occ.next_at is None:
                occ.next_at = first_look(occ, task.policy, tz, country, now)
                session.add(occ)
    if yaml_status_changed or (is_new and task.status != "open"):
        _apply_yaml_status(session, key, task.status, now,
                           lambda occ: first_look(occ, task.policy, tz, country, now))


def _apply_yaml_status(session: Session, key: str, status: str, now: datetime,
                       schedule: Callable[[OccurrenceRow], datetime | None]) -> None:
    """The plan file marks the task done or cancelled (or open again): apply it to every
    occurrence. Only a change in the file does this, so a reload never undoes `reminder done`."""
    session.flush()
    for occ in session.exec(select(OccurrenceRow).where(col(OccurrenceRow.task_key) == key)):
        if status == "open" or occ.status in ("open", "reported"):
            occ.status = status
            occ.next_at = schedule(occ) if status == "open" else None
            session.add(occ)
    session.add(HistoryRow(task_key=key, action=f"yaml_{status}", at=now, actor="sync"))


def _archive_tasks(session: Session, plan_id: str, keep: set[str], now: datetime,
                   report: SyncReport) -> None:
    rows = session.exec(select(TaskRow).where(col(TaskRow.plan_id) == plan_id,
                                              col(TaskRow.archived).is_(False)))
    for row in rows:
        if row.key in keep:
            continue
        row.archived = True
        session.add(row)
        report.archived.append(row.key)
        session.add(HistoryRow(task_key=row.key, action="archived", at=now, actor="sync"))
        for occ in session.exec(select(OccurrenceRow).where(
                col(OccurrenceRow.task_key) == row.key)):
            if occ.next_at is not None:
                occ.next_at = None
                session.add(occ)
