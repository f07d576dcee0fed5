"""What the reports read from the store, as plain records (reminder.report.model): the only
module of the reports that knows the tables. Reads only.

Occurrences are read as columns, not ORM objects: the register of a large deployment reads
tens of thousands of rows, and building an object per row would cost more than the query."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func
from sqlmodel import Session, col, select

from reminder.report.model import (
    Action,
    CardExecutor,
    CardRecords,
    CardRequest,
    ItemRecord,
    RequestRecord,
    SentReminder,
    TaskRecord,
)
from reminder.store.models import (
    AssignmentRow,
    ExecutorRow,
    HistoryRow,
    LedgerRow,
    NoticeRow,
    OccurrenceRow,
    PlanRow,
    RequestRow,
    TaskRow,
)

CLOSINGS = ("done", "accepted")  # history actions that close an occurrence
PLAN_FILE_DONE = "yaml_done"  # the plan file's `status: done`: a row about the whole task
_CHUNK = 500  # ids per IN (...) list: SQLite allows a few thousand bound values


def _chunks(ids: Iterable[int]) -> Iterable[list[int]]:
    found = sorted(set(ids))
    for i in range(0, len(found), _CHUNK):
        yield found[i:i + _CHUNK]


_COLUMNS = (OccurrenceRow.id, OccurrenceRow.task_key, TaskRow.plan_id, PlanRow.title,
            PlanRow.country, PlanRow.timezone, TaskRow.number, TaskRow.title, TaskRow.result,
            TaskRow.deadline_text, OccurrenceRow.window_start, OccurrenceRow.due,
            OccurrenceRow.nominal_due, OccurrenceRow.status, OccurrenceRow.snoozed_until)


def items(s: Session, tz: ZoneInfo, *, plan: str | None = None, executor: str | None = None,
          open_before: date | None = None, due_from: date | None = None,
          due_until: date | None = None, ids: Iterable[int] | None = None,
          closings: bool = False) -> list[ItemRecord]:
    """The occurrences of tasks still in their plans, with their plan, task and lead.

    Narrowed by: ``plan`` (its id; without it, archived plans are left out, as the digest
    leaves them out), ``executor`` (the tasks it has any role in), ``open_before`` (only
    those open and due before that day), ``due_from``/``due_until`` (due in that span),
    ``ids`` (only these occurrences). ``closings``: read each done occurrence's closing from
    the history (``closed_at``). ``tz``: the zone of a plan without one."""
    q = (select(*_COLUMNS)  # type: ignore[call-overload]
         .join(TaskRow, col(TaskRow.key) == col(OccurrenceRow.task_key))
         .join(PlanRow, col(PlanRow.id) == col(TaskRow.plan_id))
         .where(col(TaskRow.archived).is_(False)))
    if plan is not None:
        q = q.where(col(TaskRow.plan_id) == plan)
    else:
        q = q.where(col(PlanRow.status) != "archived")
    if executor is not None:
        q = q.where(col(TaskRow.key).in_(select(AssignmentRow.task_key).where(
            col(AssignmentRow.executor_id) == executor)))
    if open_before is not None:
        q = q.where(col(OccurrenceRow.status) == "open", col(OccurrenceRow.due) < open_before)
    if due_from is not None:
        q = q.where(col(OccurrenceRow.due) >= due_from)
    if due_until is not None:
        q = q.where(col(OccurrenceRow.due) <= due_until)
    if ids is not None:
        rows: list[Any] = []
        for chunk in _chunks(ids):
            rows += s.exec(q.where(col(OccurrenceRow.id).in_(chunk))).all()
    else:
        rows = list(s.exec(q).all())
    leads = _leads(s, {r[1] for r in rows})
    closed = _closings(s, [r for r in rows if r[13] == "done"]) if closings else {}
    out = []
    for (occ_id, key, plan_id, plan_title, country, zone, number, title, result, deadline,
         start, due, nominal, status, snoozed) in rows:
        lead_id, lead_name = leads.get(key, (None, None))
        out.append(ItemRecord(
            occurrence_id=occ_id, task_key=key, plan_id=plan_id, plan_title=plan_title,
            country=country, zone=zone or tz.key, number=number, title=title, result=result,
            deadline_text=deadline, window_start=start, due=due, nominal_due=nominal,
            status=status, snoozed_until=snoozed, lead_id=lead_id, lead_name=lead_name,
            closed_at=closed.get(occ_id)))
    return out


def _leads(s: Session, keys: set[str]) -> dict[str, tuple[str, str | None]]:
    """Per task, its lead executor's id and name (the first by position, when a plan names
    two); a lead missing from the directory keeps its id, without a name."""
    if not keys:
        return {}
    out: dict[str, tuple[str, str | None]] = {}
    q = (select(AssignmentRow.task_key, AssignmentRow.executor_id, ExecutorRow.name)
         .join(ExecutorRow, col(ExecutorRow.id) == col(AssignmentRow.executor_id), isouter=True)
         .where(col(AssignmentRow.role) == "lead")
         .order_by(col(AssignmentRow.position).desc()))
    # every lead of the deployment is one short query; a list of thousands of keys is not
    for key, executor_id, name in s.exec(q):
        if key in keys:
            out[key] = (executor_id, name)  # the lowest position is read last and kept
    return out


def _closings(s: Session, done: list[Any]) -> dict[int, datetime]:
    """Per done occurrence, when it was closed: its latest ``done`` or ``accepted`` history
    row, else the latest ``yaml_done`` row of its task (the plan file closed it)."""
    out: dict[int, datetime] = {}
    for chunk in _chunks(r[0] for r in done):
        out.update({i: at for i, at in s.exec(
            select(HistoryRow.occurrence_id, func.max(HistoryRow.at))
            .where(col(HistoryRow.occurrence_id).in_(chunk),
                   col(HistoryRow.action).in_(CLOSINGS))
            .group_by(col(HistoryRow.occurrence_id))).all() if i is not None})
    rest = {r[1] for r in done if r[0] not in out}
    if rest:
        by_task = dict(s.exec(select(HistoryRow.task_key, func.max(HistoryRow.at)).where(
            col(HistoryRow.action) == PLAN_FILE_DONE, col(HistoryRow.occurrence_id).is_(None))
            .group_by(col(HistoryRow.task_key))).all())
        for r in done:
            if r[0] not in out and r[1] in by_task:
                out[r[0]] = by_task[r[1]]
    return out


def pending_requests(s: Session) -> list[RequestRecord]:
    """Every request awaiting the coordinator's answer, oldest first, with names."""
    rows = list(s.exec(select(RequestRow).where(col(RequestRow.status) == "pending")
                       .order_by(col(RequestRow.asked_at), col(RequestRow.id))))
    names = _names(s, {r.executor_id for r in rows}
                   | {r.coordinator_id for r in rows if r.coordinator_id})
    return [RequestRecord(id=r.id or 0, occurrence_id=r.occurrence_id, kind=r.kind,
                          executor=names.get(r.executor_id, r.executor_id),
                          coordinator=names.get(r.coordinator_id or "", r.coordinator_id or "—"),
                          asked_at=r.asked_at, note=r.note, due=r.due) for r in rows]


def _names(s: Session, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    return dict(s.exec(select(ExecutorRow.id, ExecutorRow.name)
                       .where(col(ExecutorRow.id).in_(ids))).all())


def card_records(s: Session, tz: ZoneInfo, key: str) -> CardRecords | None:
    """Everything the store holds about task ``key`` (archived ones too: kept with their
    history); None when there is no such task."""
    task = s.get(TaskRow, key)
    if task is None:
        return None
    plan = s.get(PlanRow, task.plan_id)
    zone = ZoneInfo(plan.timezone) if plan is not None and plan.timezone else tz
    record = TaskRecord(key=task.key, plan_id=task.plan_id,
                        plan_title=plan.title if plan else task.plan_id,
                        country=plan.country if plan else None, zone=zone.key,
                        number=task.number, title=task.title, result=task.result,
                        deadline_text=task.deadline_text, kind=task.kind)
    team = list(s.exec(select(AssignmentRow).where(col(AssignmentRow.task_key) == key)
                       .order_by(col(AssignmentRow.position))))
    occs = list(s.exec(select(OccurrenceRow).where(col(OccurrenceRow.task_key) == key)
                       .order_by(col(OccurrenceRow.due), col(OccurrenceRow.seq))))
    ids = [o.id for o in occs if o.id is not None]
    history: dict[int | None, list[Action]] = defaultdict(list)
    for h in s.exec(select(HistoryRow).where(col(HistoryRow.task_key) == key)
                    .order_by(col(HistoryRow.at), col(HistoryRow.id))):
        history[h.occurrence_id].append(Action(h.at.astimezone(zone), h.action, h.actor, h.note,
                                               h.old_due, h.new_due))
    requests: dict[int, list[CardRequest]] = defaultdict(list)
    req_rows = list(s.exec(select(RequestRow).where(col(RequestRow.task_key) == key)
                           .order_by(col(RequestRow.asked_at), col(RequestRow.id))))
    sent = _sent(s, ids)
    names = _names(s, {a.executor_id for a in team} | {r.executor_id for r in req_rows}
                   | {r.recipient_id for r in sent})
    for r in req_rows:
        requests[r.occurrence_id].append(CardRequest(
            id=r.id or 0, kind=r.kind, executor=names.get(r.executor_id, r.executor_id),
            asked_at=r.asked_at.astimezone(zone), note=r.note, due=r.due, status=r.status,
            answered_at=r.answered_at.astimezone(zone) if r.answered_at else None,
            answered_by=r.answered_by, answer_note=r.answer_note, new_due=r.new_due))
    reminders: dict[int, list[SentReminder]] = defaultdict(list)
    for m in sent:
        reminders[m.occurrence_id].append(SentReminder(
            (m.sent_at or m.send_at).astimezone(zone), m.recipient_id,
            names.get(m.recipient_id, m.recipient_id), m.channel, m.step, m.catch_up))
    lead = next((a for a in team if a.role == "lead"), None)
    occ_records = tuple(ItemRecord(
        occurrence_id=o.id or 0, task_key=key, plan_id=task.plan_id,
        plan_title=record.plan_title, country=record.country, zone=zone.key,
        number=task.number, title=task.title, result=task.result,
        deadline_text=task.deadline_text, window_start=o.window_start, due=o.due,
        nominal_due=o.nominal_due, status=o.status, snoozed_until=o.snoozed_until,
        lead_id=lead.executor_id if lead else None,
        lead_name=names.get(lead.executor_id, lead.executor_id) if lead else None) for o in occs)
    return CardRecords(
        task=record,
        executors=tuple(CardExecutor(a.executor_id, names.get(a.executor_id, a.executor_id),
                                     a.role) for a in team),
        occurrences=occ_records,
        reminders={k: tuple(sorted(v, key=lambda r: r.sent_at)) for k, v in reminders.items()},
        history={k: tuple(v) for k, v in history.items()},
        requests={k: tuple(v) for k, v in requests.items()})


class _Sent:
    """A sent ledger row with the occurrence it is about (a notice's comes from its
    notice row: the ledger row of a notice names no occurrence)."""

    def __init__(self, row: LedgerRow, occurrence_id: int) -> None:
        self.occurrence_id = occurrence_id
        self.recipient_id, self.channel, self.step = row.recipient_id, row.channel, row.step
        self.sent_at, self.send_at, self.catch_up = row.sent_at, row.send_at, row.catch_up


def _sent(s: Session, ids: list[int]) -> list[_Sent]:
    """The sent ledger rows about these occurrences: reminders, and notices about them."""
    if not ids:
        return []
    out = [_Sent(r, r.occurrence_id or 0) for r in s.exec(select(LedgerRow).where(
        col(LedgerRow.occurrence_id).in_(ids), col(LedgerRow.status) == "sent"))]
    notices = dict(s.exec(select(NoticeRow.id, NoticeRow.occurrence_id).where(
        col(NoticeRow.occurrence_id).in_(ids))).all())
    if notices:
        from reminder.store.keys import LedgerKey

        subjects = {f"notice@{n}": occ for n, occ in notices.items()}
        for r in s.exec(select(LedgerRow).where(col(LedgerRow.step) == "notice",
                                                col(LedgerRow.status) == "sent")):
            occ = subjects.get(LedgerKey.parse(r.key).subject)
            if occ is not None:
                out.append(_Sent(r, occ))
    return out
