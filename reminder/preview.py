"""What would be sent, and where everything stands: the data behind `reminder plan` and
`reminder status`. Reads the store; sends and records nothing."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, func, select

from reminder.schedule.policy import Assignee, Ladder, Policy, recipients
from reminder.schedule.workdays import calendar_for
from reminder.store.models import (
    AssignmentRow,
    ExecutorRow,
    HistoryRow,
    LedgerRow,
    OccurrenceRow,
    PlanRow,
    TaskRow,
)


def preview(s: Session, tz: ZoneInfo, secretariat: str | None, lo: date, hi: date
            ) -> list[dict[str, Any]]:
    """Every reminder the ladder would send with send day in [lo, hi], with the rule that
    produced it, for open occurrences (snoozed rungs left out; ones already sent marked)."""
    people = {e.id: e for e in s.exec(select(ExecutorRow))}
    team: dict[str, list[Assignee]] = defaultdict(list)
    for a in s.exec(select(AssignmentRow).order_by(col(AssignmentRow.position))):
        e = people.get(a.executor_id)
        team[a.task_key].append(Assignee(a.executor_id, a.role,  # type: ignore[arg-type]
                                         e.supervisor if e else None, bool(e and e.partner)))
    sent = set(s.exec(select(LedgerRow.key).where(col(LedgerRow.status) == "sent")))
    out = []
    q = (select(OccurrenceRow, TaskRow, PlanRow)
         .join(TaskRow, col(TaskRow.key) == col(OccurrenceRow.task_key))
         .join(PlanRow, col(PlanRow.id) == col(TaskRow.plan_id))
         .where(col(OccurrenceRow.status) == "open", col(TaskRow.archived).is_(False)))
    for occ, task, plan in s.exec(q):
        policy = Policy.from_json(json.loads(task.policy))
        lad = Ladder(occ.window_start, occ.due, policy, calendar_for(plan.country), tz)
        for step in lad.steps_between(lo, hi):
            if occ.snoozed_until and step.day < occ.snoozed_until:
                continue
            for rid, role in recipients(step, team[task.key], secretariat):
                prefix = f"{occ.id}@{occ.due.isoformat()}|{rid}|{step.name}|"
                out.append({
                    "at": step.at.isoformat(), "recipient": rid, "role": role,
                    "stage": step.stage, "step": step.name, "rule": step.rule,
                    "task": task.key, "title": task.title, "due": occ.due.isoformat(),
                    "sent": any(k.startswith(prefix) for k in sent),
                })
    out.sort(key=lambda r: (r["at"], r["recipient"], r["task"]))
    return out


def status(s: Session, tz: ZoneInfo, task_key: str | None = None) -> dict[str, Any]:
    """Per task and occurrence: status, due, next reminder, reminders sent; and what needs a
    person (deadlines not understood, deliveries failed)."""
    q = select(TaskRow).where(col(TaskRow.archived).is_(False)).order_by(col(TaskRow.key))
    if task_key:
        q = q.where(col(TaskRow.key) == task_key)
    tasks = list(s.exec(q))
    keys = [t.key for t in tasks]
    occs: dict[str, list[OccurrenceRow]] = defaultdict(list)
    for o in s.exec(select(OccurrenceRow).where(col(OccurrenceRow.task_key).in_(keys))
                    .order_by(col(OccurrenceRow.due))):
        occs[o.task_key].append(o)
    counts = dict(s.exec(select(LedgerRow.occurrence_id, func.count()).where(
        col(LedgerRow.status) == "sent").group_by(col(LedgerRow.occurrence_id))).all())

    def when(t: datetime | None) -> str | None:
        return t.astimezone(tz).strftime("%Y-%m-%d %H:%M") if t else None

    rows = [{
        "task": t.key, "title": t.title, "kind": t.kind, "deadline": t.deadline_text,
        "occurrences": [{"due": o.due.isoformat(), "status": o.status,
                         "snoozed_until": o.snoozed_until.isoformat() if o.snoozed_until
                         else None, "next": when(o.next_at), "sent": counts.get(o.id, 0)}
                        for o in occs[t.key]],
    } for t in tasks]
    from reminder.store.digests import needs_a_person

    if task_key:  # one task: what people (and reloads) did to it, oldest first
        for row in rows:
            row["history"] = [
                {"at": when(h.at), "action": h.action, "actor": h.actor, "note": h.note,
                 "old_due": h.old_due.isoformat() if h.old_due else None,
                 "new_due": h.new_due.isoformat() if h.new_due else None}
                for h in s.exec(select(HistoryRow).where(col(HistoryRow.task_key) == task_key)
                                .order_by(col(HistoryRow.at), col(HistoryRow.id)))]
    return {"tasks": rows,
            "needs_a_person": needs_a_person(s, datetime(1970, 1, 1, tzinfo=UTC), tz)}
