"""Requests to the coordinator and their answers.

* More time: an executor asks (the bot's "need more time"); the request goes to the
  coordinator (the task's policy ``coordinator``, else the secretariat) as a notice, shows in
  `reminder status` and the digest until answered, and the answer reaches the executor:
  approved with a new date (the deadline moves, with the reason in the history) or denied
  with a note. Escalations about an item with a pending request say so.
* Acceptance (policy ``close: accept``): the lead's "done" makes the item *reported*; its
  reminders stop, the coordinator accepts it (closed) or returns it with a note (open again,
  reminders resume) and the lead is told.

Each function is one transaction that changes the request, the occurrence and the history
and writes the notices owed (reminder.store.notices), so nothing is told that did not happen.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from reminder.messages.notice import Notice
from reminder.store import notices
from reminder.store.actions import (
    ActionError,
    cancel_pending,
    ladder_for,
    log_action,
    move_due,
)
from reminder.store.db import transaction
from reminder.store.ladders import policy_of
from reminder.store.models import (
    AssignmentRow,
    ExecutorRow,
    HistoryRow,
    OccurrenceRow,
    PlanRow,
    RequestRow,
    TaskRow,
)

MORE_TIME = "more_time"
ACCEPTANCE = "acceptance"
MORE_TIME_ASKED = "more-time-requested"  # history actions
REPORTED = "reported"  # also the occurrence status of a reported item awaiting acceptance


_UTC = ZoneInfo("UTC")


class RequestError(ActionError):
    """The request does not exist, is answered already, or the answer is not allowed."""


def coordinator_of(task: TaskRow, secretariat: str | None) -> str | None:
    """Who answers requests about ``task``: its policy's coordinator, else the secretariat."""
    return policy_of(task.policy).coordinator or secretariat


def closes_by_acceptance(task: TaskRow) -> bool:
    """Whether the task's policy has ``close: accept``."""
    return policy_of(task.policy).close == "accept"


def _name(s: Session, executor_id: str | None, default: str = "—") -> str:
    row = s.get(ExecutorRow, executor_id) if executor_id else None
    return row.name if row is not None else (executor_id or default)


def _notice(s: Session, event: str, task: TaskRow, occ: OccurrenceRow, who: str,
            req: RequestRow | None, note: str | None = None,
            new_due: date | None = None, due: date | None = None) -> Notice:
    plan = s.get(PlanRow, task.plan_id)
    return Notice(event=event, plan_id=task.plan_id, task_id=task.number,
                  task_title=task.title, due=due or occ.due, who=who,
                  request_id=req.id if req else None, new_due=new_due, note=note,
                  plan_language=plan.language if plan else "en")


def _lead(s: Session, task_key: str) -> str | None:
    return s.exec(select(AssignmentRow.executor_id).where(
        col(AssignmentRow.task_key) == task_key, col(AssignmentRow.role) == "lead")).first()


def _open_occurrence(s: Session, occurrence_id: int) -> tuple[OccurrenceRow, TaskRow]:
    occ = s.get(OccurrenceRow, occurrence_id)
    task = s.get(TaskRow, occ.task_key) if occ else None
    if occ is None or task is None or task.archived or occ.status != "open":
        raise RequestError("this item is no longer open")
    plan = s.get(PlanRow, task.plan_id)
    if plan is not None and plan.status != "open":
        raise RequestError(f"plan {plan.id} is {plan.status}")
    return occ, task


def asked_day(req: RequestRow, tz: ZoneInfo) -> date:
    """The day a request was made, in ``tz``."""
    return req.asked_at.astimezone(tz).date()


def ask_more_time(engine: Engine, occurrence_id: int, executor_id: str, actor: str,
                  now: datetime, secretariat: str | None, note: str | None = None,
                  tz: ZoneInfo = _UTC) -> tuple[RequestRow, bool]:
    """Record ``executor_id``'s request for more time on an open occurrence and tell the
    coordinator. Asking again while one is pending changes nothing: returns (the pending
    request, False)."""
    with transaction(engine) as s:
        occ, task = _open_occurrence(s, occurrence_id)
        same = s.exec(select(RequestRow).where(
            col(RequestRow.occurrence_id) == occurrence_id, col(RequestRow.kind) == MORE_TIME,
            col(RequestRow.executor_id) == executor_id,
            col(RequestRow.status) == "pending")).first()
        if same is not None:
            return same, False
        coordinator = coordinator_of(task, secretariat)
        req = RequestRow(occurrence_id=occurrence_id, task_key=task.key, kind=MORE_TIME,
                         executor_id=executor_id, coordinator_id=coordinator, asked_at=now,
                         actor=actor, note=note, due=occ.due)
        s.add(req)
        s.flush()
        log_action(s, task, occ, MORE_TIME_ASKED, now, actor,
                   f"{executor_id} asked for more time (request {req.id})"
                   + (f": {note}" if note else ""), occ.due)
        if coordinator is not None:
            notice = replace(_notice(s, "more_time_asked", task, occ, _name(s, executor_id),
                                     req, note), asked_on=asked_day(req, tz))
            notices.owe(s, notice, coordinator, now, occ.id)
        return req, True


def report_done(engine: Engine, occurrence_id: int, executor_id: str, actor: str,
                now: datetime, secretariat: str | None, note: str | None = None
                ) -> RequestRow:
    """The lead reports an item done under ``close: accept``: it becomes *reported* (no more
    reminders), and the coordinator is asked to accept or return it."""
    with transaction(engine) as s:
        occ, task = _open_occurrence(s, occurrence_id)
        coordinator = coordinator_of(task, secretariat)
        occ.status, occ.next_at, occ.snoozed_until = REPORTED, None, None
        s.add(occ)
        cancel_pending(s, occ.id)
        req = RequestRow(occurrence_id=occurrence_id, task_key=task.key, kind=ACCEPTANCE,
                         executor_id=executor_id, coordinator_id=coordinator, asked_at=now,
                         actor=actor, note=note, due=occ.due)
        s.add(req)
        s.flush()
        log_action(s, task, occ, REPORTED, now, actor,
                   f"reported done, awaiting acceptance (request {req.id})"
                   + (f": {note}" if note else ""))
        if coordinator is not None:
            notices.owe(s, _notice(s, "reported", task, occ, _name(s, executor_id), req, note),
                        coordinator, now, occ.id)
        return req


def _pending(s: Session, request_id: int, kind: str) -> tuple[RequestRow, OccurrenceRow,
                                                               TaskRow]:
    req = s.get(RequestRow, request_id)
    if req is None:
        raise RequestError(f"no request {request_id} (`reminder requests` lists those open)")
    if req.kind != kind:
        what = ("asks for more time: approve or deny it" if req.kind == MORE_TIME
                else "asks for acceptance of an item reported done: accept or return it")
        raise RequestError(f"request {request_id} {what}")
    if req.status != "pending":
        raise RequestError(f"request {request_id} is {req.status} already")
    occ = s.get(OccurrenceRow, req.occurrence_id)
    task = s.get(TaskRow, req.task_key)
    if occ is None or task is None:
        raise RequestError(f"request {request_id}: its item is gone")
    return req, occ, task


def _answer(s: Session, req: RequestRow, status: str, now: datetime, by: str,
            note: str | None) -> None:
    req.status, req.answered_at, req.answered_by, req.answer_note = status, now, by, note
    if req.id is not None:  # the question is no longer open: it is not asked any more
        notices.retract_questions(s, req.id, now)


def _tell(s: Session, event: str, req: RequestRow, task: TaskRow, occ: OccurrenceRow,
          who: str, now: datetime, note: str | None, new_due: date | None = None,
          due: date | None = None) -> None:
    """The answer goes to whoever asked, and to the lead too when someone else asked."""
    notice = _notice(s, event, task, occ, who, req, note, new_due, due)
    for person in dict.fromkeys((req.executor_id, _lead(s, task.key))):
        if person:
            notices.owe(s, notice, person, now, occ.id)


def approve(engine: Engine, request_id: int, to: date, note: str | None, now: datetime,
            tz: ZoneInfo, actor: str, by: str | None = None) -> RequestRow:
    """Grant more time: the occurrence's due date moves to ``to`` (its ladder restarts,
    the history keeps the reason) and the executor is told. ``by``: the name the notice
    gives for the decision (default: the request's coordinator)."""
    with transaction(engine) as s:
        req, occ, task = _pending(s, request_id, MORE_TIME)
        if occ.status != "open":
            raise RequestError(f"request {request_id}: the item is {occ.status}")
        if to <= occ.due:
            raise RequestError(f"--to {to} is not later than the current due date {occ.due}")
        today = now.astimezone(tz).date()
        if to < today:
            raise RequestError(f"--to {to} has passed already (today is {today}): the item "
                               "would be overdue again at once")
        old = occ.due
        reason = f"more time approved (request {request_id})" + (f": {note}" if note else "")
        move_due(s, task, occ, to, reason, now, tz, actor)
        _answer(s, req, "approved", now, actor, note)
        req.new_due = to
        s.add(req)
        who = by or _name(s, req.coordinator_id, "coordinator")
        _tell(s, "more_time_approved", req, task, occ, who, now, note, to, old)
        _settle_others(s, req, occ, task, "approved", now, actor, to)
        return req


def deny(engine: Engine, request_id: int, note: str | None, now: datetime, actor: str,
         by: str | None = None) -> RequestRow:
    """Refuse more time: the deadline stays; the executor is told, with the note."""
    with transaction(engine) as s:
        req, occ, task = _pending(s, request_id, MORE_TIME)
        _answer(s, req, "denied", now, actor, note)
        s.add(req)
        log_action(s, task, occ, "more-time-denied", now, actor,
                   f"request {request_id} denied" + (f": {note}" if note else ""))
        _tell(s, "more_time_denied", req, task, occ,
              by or _name(s, req.coordinator_id, "coordinator"), now, note)
        return req


def accept(engine: Engine, request_id: int, note: str | None, now: datetime, actor: str,
           by: str | None = None) -> RequestRow:
    """Accept a reported item: it is closed (done); the lead is told."""
    with transaction(engine) as s:
        req, occ, task = _pending(s, request_id, ACCEPTANCE)
        if occ.status != REPORTED:
            raise RequestError(f"request {request_id}: the item is {occ.status}, not reported")
        occ.status, occ.next_at = "done", None
        s.add(occ)
        _answer(s, req, "accepted", now, actor, note)
        s.add(req)
        log_action(s, task, occ, "done", now, actor,
                   f"accepted (request {request_id})" + (f": {note}" if note else ""))
        _tell(s, "accepted", req, task, occ, by or _name(s, req.coordinator_id, "coordinator"),
              now, note)
        return req


def return_item(engine: Engine, request_id: int, note: str, now: datetime, tz: ZoneInfo,
                actor: str, by: str | None = None) -> RequestRow:
    """Return a reported item for more work, with a note: it is open again, its ladder
    resumes from now, and the lead is told why."""
    if not note.strip():
        raise RequestError("returning an item needs a --note saying what is missing")
    with transaction(engine) as s:
        req, occ, task = _pending(s, request_id, ACCEPTANCE)
        if occ.status != REPORTED:
            raise RequestError(f"request {request_id}: the item is {occ.status}, not reported")
        occ.status = "open"
        step = ladder_for(s, task, occ, tz).next_after(now)
        occ.next_at = step.at if step else None
        s.add(occ)
        _answer(s, req, "returned", now, actor, note)
        s.add(req)
        log_action(s, task, occ, "returned", now, actor,
                   f"returned (request {request_id}): {note}")
        _tell(s, "returned", req, task, occ, by or _name(s, req.coordinator_id, "coordinator"),
              now, note)
        return req


def _settle_others(s: Session, req: RequestRow, occ: OccurrenceRow, task: TaskRow,
                   status: str, now: datetime, actor: str, to: date) -> None:
    """Other pending more-time requests on the same occurrence are answered by the same
    new date (two co-executors asking is one question)."""
    for other in s.exec(select(RequestRow).where(
            col(RequestRow.occurrence_id) == occ.id, col(RequestRow.kind) == MORE_TIME,
            col(RequestRow.status) == "pending", col(RequestRow.id) != req.id)):
        _answer(s, other, status, now, actor, req.answer_note)
        other.new_due = to
        s.add(other)
        notices.owe(s, _notice(s, "more_time_approved", task, occ,
                               _name(s, req.coordinator_id, "coordinator"), other,
                               req.answer_note, to, req.due), other.executor_id, now, occ.id)


def settle_on_extend(s: Session, task: TaskRow, occ: OccurrenceRow, reason: str,
                     now: datetime, actor: str) -> None:
    """`reminder extend` answers the item's pending requests for more time: approved with
    the new date, and each asker is told."""
    for req in s.exec(select(RequestRow).where(
            col(RequestRow.occurrence_id) == occ.id, col(RequestRow.kind) == MORE_TIME,
            col(RequestRow.status) == "pending")):
        _answer(s, req, "approved", now, actor, reason)
        req.new_due = occ.due
        s.add(req)
        notices.owe(s, _notice(s, "more_time_approved", task, occ,
                               _name(s, req.coordinator_id, "coordinator"), req, reason,
                               occ.due, req.due), req.executor_id, now, occ.id)


def withdraw_open(s: Session, occ: OccurrenceRow, now: datetime, actor: str,
                  why: str) -> None:
    """An item closed by the coordinator (`reminder done`): its requests for more time are
    withdrawn (nothing left to answer) and a report awaiting acceptance is accepted."""
    for req in s.exec(select(RequestRow).where(
            col(RequestRow.occurrence_id) == occ.id, col(RequestRow.status) == "pending")):
        _answer(s, req, "withdrawn" if req.kind == MORE_TIME else "accepted", now, actor, why)
        s.add(req)
        task = s.get(TaskRow, req.task_key)
        if req.kind == ACCEPTANCE and task is not None:  # the lead hears it was accepted
            _tell(s, "accepted", req, task, occ, _name(s, req.coordinator_id, "coordinator"),
                  now, None)


def pending(s: Session, occurrence_ids: Iterable[int] | None = None) -> list[RequestRow]:
    """The requests awaiting an answer (of the given occurrences), oldest first."""
    q = select(RequestRow).where(col(RequestRow.status) == "pending")
    if occurrence_ids is not None:
        ids = list(occurrence_ids)
        if not ids:
            return []
        q = q.where(col(RequestRow.occurrence_id).in_(ids))
    return list(s.exec(q.order_by(col(RequestRow.asked_at), col(RequestRow.id))))


PART_DONE = "part_done"  # history action: a co-executor reported its part; the lead closes


def part_done(engine: Engine, task_key: str, occurrence_id: int, executor_id: str,
              actor: str, now: datetime, via: str) -> str | None:
    """A co-executor's part done (from the bot or an email link): a history row, and a notice
    owed to the lead, who alone closes the item. Returns the lead's id (None: no lead)."""
    with transaction(engine) as s:
        occ = s.get(OccurrenceRow, occurrence_id)
        task = s.get(TaskRow, task_key)
        if occ is None or task is None:
            raise RequestError("this item is no longer open")
        name = _name(s, executor_id)
        s.add(HistoryRow(task_key=task_key, occurrence_id=occurrence_id, action=PART_DONE,
                         at=now, actor=actor, note=f"{name}: part done {via}"))
        lead = _lead(s, task_key)
        if lead is not None:
            notices.owe(s, _notice(s, "part_done", task, occ, name, None), lead, now,
                        occurrence_id)
        return lead
