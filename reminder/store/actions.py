"""What people do to an item: done, reopen, extend (with a reason), snooze. Each action is one
transaction that changes the occurrence, cancels what it planned but did not send yet, and
writes the history."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from reminder.config.limits import MAX_SNOOZE_DAYS, out_of_range
from reminder.schedule.planner import Ladder
from reminder.store.db import transaction
from reminder.store.ladders import ladder_of, zone_of
from reminder.store.models import (
    HistoryRow,
    LedgerRow,
    OccurrenceRow,
    PlanRow,
    SnoozeRow,
    TaskRow,
)


class ActionError(ValueError):
    """The task or occurrence named does not exist or is in the wrong state."""


# The occurrences each action applies to (the earliest one is taken when none is named).
STATUSES: dict[str, tuple[str, ...]] = {
    "done": ("open", "reported"), "reopen": ("done", "cancelled"), "extend": ("open",), "snooze": ("open",),
}


def check_days(days: int) -> None:
    """A snooze of 1 to MAX_SNOOZE_DAYS days: longer is a new deadline, not a pause (and a
    billion days is past the last date there is)."""
    if not 1 <= days <= MAX_SNOOZE_DAYS:
        raise ActionError(f"--days must be 1 or more and at most {MAX_SNOOZE_DAYS}, not "
                          f"{days} (for longer, move the deadline with `reminder extend`)")


def check_to(to: date, occ: OccurrenceRow | None = None) -> None:
    """A new due date the engine can plan for, and not before the occurrence's window."""
    if why := out_of_range(to):
        raise ActionError(f"--to: {to} {why}")
    if occ is not None and occ.window_start and to < occ.window_start:
        raise ActionError(f"--to: {to} is before the window opens ({occ.window_start})")


def check(s: Session, action: str, key: str, on: date | None, to: date | None = None) -> None:
    """Raise ActionError when ``action`` would be refused, changing nothing: a caller runs
    it inside its own transaction (the command line's sync), so a refused action leaves the
    database exactly as it was."""
    task_row(s, key)
    occ = _occurrence(s, key, on, STATUSES[action])
    if action == "extend" and to is not None:
        check_to(to, occ)


def task_row(s: Session, key: str) -> TaskRow:
    """The task ``key`` (plan/task), or ActionError naming near keys; archived ones refused."""
    row = s.get(TaskRow, key)
    if row is None:
        near = s.exec(select(TaskRow.key).where(col(TaskRow.key).like(f"%{key.split('/')[-1]}%"))
                      .limit(5)).all()
        hint = f"; did you mean {', '.join(near)}?" if near else ""
        raise ActionError(f"unknown task {key!r} (write it as <plan id>/<task id>){hint}")
    if row.archived:
        raise ActionError(f"task {key!r} is archived: it is no longer in its plan file")
    return row


def _occurrence(s: Session, key: str, on: date | None, statuses: tuple[str, ...]
                ) -> OccurrenceRow:
    """The occurrence due ``on`` (its current or original due date), else the only one in one
    of ``statuses`` (several: an error listing them)."""
    occs = list(s.exec(select(OccurrenceRow).where(col(OccurrenceRow.task_key) == key)
                       .order_by(col(OccurrenceRow.due))))
    if not occs:
        raise ActionError(f"task {key!r} has no dated occurrence (its deadline needs a person)")
    if on is not None:
        for o in occs:
            if on in (o.due, o.nominal_due):
                if o.status not in statuses:
                    raise ActionError(f"{key} due {o.due}: it is {o.status}")
                return o
        dues = ", ".join(o.due.isoformat() for o in occs[:12])
        raise ActionError(f"task {key!r} has no occurrence due {on}; its due dates: {dues}")
    candidates = [o for o in occs if o.status in statuses]
    if len(candidates) > 1:  # a recurring task: say which, never guess
        dues = ", ".join(o.due.isoformat() for o in candidates[:12])
        more = f" and {len(candidates) - 12} more" if len(candidates) > 12 else ""
        raise ActionError(f"task {key!r} has {len(candidates)} {statuses[0]} occurrences (due "
                          f"{dues}{more}): say which with --occurrence DATE")
    if candidates:
        return candidates[0]
    raise ActionError(f"task {key!r} has no {' or '.join(statuses)} occurrence")


def _zone(s: Session, task: TaskRow, tz: ZoneInfo) -> ZoneInfo:
    """The task's plan's zone (``tz``, the deployment's, for a plan without one)."""
    return zone_of(s.get(PlanRow, task.plan_id), tz)


def ladder_for(s: Session, task: TaskRow, occ: OccurrenceRow, tz: ZoneInfo) -> Ladder:
    """The occurrence's ladder under its task's stored policy, in its plan's country and zone."""
    plan = s.get(PlanRow, task.plan_id)
    return ladder_of(occ, task.policy, plan.country if plan else None, zone_of(plan, tz))


def cancel_pending(s: Session, occ_id: int | None) -> None:
    """Retire what the ledger planned for the occurrence and has not sent yet."""
    s.exec(update(LedgerRow).where(col(LedgerRow.occurrence_id) == occ_id,  # type: ignore[call-overload]
                                   col(LedgerRow.status) == "pending").values(status="superseded"))


def log_action(s: Session, task: TaskRow, occ: OccurrenceRow, action: str, now: datetime,
               actor: str, note: str | None = None, old: date | None = None,
               new: date | None = None) -> None:
    """One history row about the occurrence."""
    s.add(HistoryRow(task_key=task.key, occurrence_id=occ.id, action=action, at=now,
                     actor=actor, note=note, old_due=old, new_due=new))


def done(engine: Engine, key: str, on: date | None, note: str | None, now: datetime,
         actor: str = "cli") -> OccurrenceRow:
    """Mark an occurrence done: nothing more is sent about it."""
    with transaction(engine) as s:
        task = task_row(s, key)
        occ = _occurrence(s, key, on, STATUSES["done"])
        occ.status, occ.next_at, occ.snoozed_until = "done", None, None
        s.add(occ)
        cancel_pending(s, occ.id)
        log_action(s, task, occ, "done", now, actor, note)
        from reminder.store import requests

        requests.withdraw_open(s, occ, now, actor, "the item was closed")
        return occ


def reopen(engine: Engine, key: str, on: date | None, note: str | None, now: datetime,
           tz: ZoneInfo, actor: str = "cli") -> OccurrenceRow:
    """Open a done or cancelled occurrence again; its ladder resumes from now."""
    with transaction(engine) as s:
        task = task_row(s, key)
        occ = _occurrence(s, key, on, STATUSES["reopen"])
        occ.status, occ.snoozed_until = "open", None
        step = ladder_for(s, task, occ, tz).next_after(now)
        occ.next_at = step.at if step else None
        s.add(occ)
        log_action(s, task, occ, "reopened", now, actor, note)
        return occ


def extend(engine: Engine, key: str, to: date, reason: str, on: date | None, now: datetime,
           tz: ZoneInfo, actor: str = "cli") -> OccurrenceRow:
    """Move an open occurrence's due date; its ladder restarts for the new date."""
    if not reason.strip():
        raise ActionError("extend needs a --reason (it is kept in the history)")
    with transaction(engine) as s:
        task = task_row(s, key)
        occ = _occurrence(s, key, on, STATUSES["extend"])
        move_due(s, task, occ, to, reason, now, tz, actor)
        from reminder.store import requests  # requests builds on this module

        requests.settle_on_extend(s, task, occ, reason, now, actor)
        return occ


def move_due(s: Session, task: TaskRow, occ: OccurrenceRow, to: date, reason: str,
             now: datetime, tz: ZoneInfo, actor: str) -> None:
    """Move an open occurrence's due date in the caller's transaction: its ladder restarts
    for the new date, what it had planned and not sent is cancelled, the history says why."""
    check_to(to, occ)
    old = occ.due
    occ.due, occ.snoozed_until = to, None
    step = ladder_for(s, task, occ, tz).next_after(now)
    occ.next_at = step.at if step else None
    s.add(occ)
    cancel_pending(s, occ.id)
    log_action(s, task, occ, "extended", now, actor, reason, old, to)


def snooze(engine: Engine, key: str, days: int, on: date | None, now: datetime, tz: ZoneInfo,
           actor: str = "cli") -> OccurrenceRow:
    """No reminders about an open occurrence for ``days`` days; then its ladder resumes (the
    rungs that fell in the snooze are skipped)."""
    check_days(days)
    with transaction(engine) as s:
        task = task_row(s, key)
        occ = _occurrence(s, key, on, STATUSES["snooze"])
        until = now.astimezone(_zone(s, task, tz)).date() + timedelta(days=days)
        occ.snoozed_until = until
        step = ladder_for(s, task, occ, tz).next_after(now)  # the planner skips the snooze
        occ.next_at = step.at if step else None
        s.add(occ)
        cancel_pending(s, occ.id)
        log_action(s, task, occ, "snoozed", now, actor, f"until {until}")
        return occ


def snooze_for(engine: Engine, key: str, executor_id: str, days: int, on: date | None,
               now: datetime, tz: ZoneInfo, actor: str) -> date:
    """No reminders about an open occurrence to ``executor_id`` alone for ``days`` days (the
    bot's snooze): the others on the item keep hearing theirs. Returns the day the pause
    ends; their rungs before it are skipped."""
    check_days(days)
    with transaction(engine) as s:
        task = task_row(s, key)
        occ = _occurrence(s, key, on, STATUSES["snooze"])
        until = now.astimezone(_zone(s, task, tz)).date() + timedelta(days=days)
        row = s.get(SnoozeRow, (occ.id, executor_id))
        if row is None:
            row = SnoozeRow(occurrence_id=occ.id or 0, executor_id=executor_id, until=until,
                            at=now)
        row.until, row.at = until, now
        s.add(row)
        s.exec(update(LedgerRow).where(  # type: ignore[call-overload]
            col(LedgerRow.occurrence_id) == occ.id, col(LedgerRow.recipient_id) == executor_id,
            col(LedgerRow.status) == "pending").values(status="superseded"))
        log_action(s, task, occ, "snoozed", now, actor, f"{executor_id} until {until}")
        return until


def snoozes(s: Session, occ_ids: Iterable[int]) -> dict[int, dict[str, date]]:
    """Per occurrence, the recipients who snoozed it and until when."""
    ids = list(occ_ids)
    out: dict[int, dict[str, date]] = {}
    if not ids:
        return out
    for row in s.exec(select(SnoozeRow).where(col(SnoozeRow.occurrence_id).in_(ids))):
        out.setdefault(row.occurrence_id, {})[row.executor_id] = row.until
    return out
