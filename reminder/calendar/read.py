"""The entries of a calendar feed, read from the store: every occurrence of the tasks asked
for, with its plan, team and revision. Reads only; the same state gives the same entries.

An occurrence's revision is how many history rows changed what its event shows: those about
the occurrence (done, reopened, extended, reported, returned, the plan's deadline moved or
dropped, the plan reopened) and those about its whole task (the plan file marked it done or
cancelled, its plan closed, the task removed). Snoozes, requests for more time and their
refusal, and a co-executor's part done change no date and no status: they are not counted.
History is never deleted (only the ledger is pruned), so a revision only grows.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime

from sqlmodel import Session, col, func, select

from reminder.calendar.build import Entry, Member
from reminder.store.models import (
    AssignmentRow,
    ExecutorRow,
    HistoryRow,
    OccurrenceRow,
    PlanRow,
    TaskRow,
)
from reminder.store.requests import MORE_TIME_ASKED

# History actions that leave the event as it was (the bot's "part_done" included).
UNCHANGED_BY = ("snoozed", MORE_TIME_ASKED, "more-time-denied", "part_done")


def entries(s: Session, executor: str | None = None, plan: str | None = None) -> list[Entry]:
    """Every occurrence of the tasks ``executor`` has a role in (any role; None: all tasks),
    of ``plan`` only when given, as calendar entries."""
    q = select(TaskRow)
    if plan is not None:
        q = q.where(col(TaskRow.plan_id) == plan)
    if executor is not None:
        q = q.where(col(TaskRow.key).in_(select(AssignmentRow.task_key).where(
            col(AssignmentRow.executor_id) == executor)))
    tasks = {t.key: t for t in s.exec(q)}
    if not tasks:
        return []
    plans = {p.id: p for p in s.exec(select(PlanRow))}
    names = dict(s.exec(select(ExecutorRow.id, ExecutorRow.name)).all())
    team: dict[str, list[Member]] = defaultdict(list)
    for a in s.exec(select(AssignmentRow).where(col(AssignmentRow.task_key).in_(tasks))
                    .order_by(col(AssignmentRow.task_key), col(AssignmentRow.position))):
        team[a.task_key].append(Member(a.executor_id, names.get(a.executor_id, a.executor_id),
                                       a.role))
    counted = col(HistoryRow.action).not_in(UNCHANGED_BY)
    by_occ = {i: (n, _utc(at)) for i, n, at in s.exec(
        select(HistoryRow.occurrence_id, func.count(), func.max(HistoryRow.at))
        .where(col(HistoryRow.task_key).in_(tasks), col(HistoryRow.occurrence_id).is_not(None),
               counted).group_by(col(HistoryRow.occurrence_id))).all()}
    by_task = {k: (n, _utc(at)) for k, n, at in s.exec(
        select(HistoryRow.task_key, func.count(), func.max(HistoryRow.at))
        .where(col(HistoryRow.task_key).in_(tasks), col(HistoryRow.occurrence_id).is_(None),
               counted).group_by(col(HistoryRow.task_key))).all()}
    out = []
    for occ in s.exec(select(OccurrenceRow).where(col(OccurrenceRow.task_key).in_(tasks))):
        task = tasks[occ.task_key]
        p = plans.get(task.plan_id)
        own_n, own_at = by_occ.get(occ.id, (0, None))
        task_n, task_at = by_task.get(task.key, (0, None))
        changes = [t for t in (own_at, task_at, _utc(occ.loaded_at)) if t is not None]
        out.append(Entry(
            plan_id=task.plan_id, plan_title=p.title if p else task.plan_id,
            plan_status="archived" if p is None or p.archived else p.status,
            language=p.language if p else "en",
            task_id=task.number, title=task.title, deadline_text=task.deadline_text,
            task_removed=task.archived, seq=occ.seq, window_start=occ.window_start,
            due=occ.due, status=occ.status, team=tuple(team[task.key]),
            revision=own_n + task_n, changed_at=max(changes) if changes else None))
    return out


def _utc(value: datetime | None) -> datetime | None:
    # an aggregate's value is not passed through the column's type: SQLite gives it naive
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
