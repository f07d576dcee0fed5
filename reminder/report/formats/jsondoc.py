"""The report as JSON: the schema of docs/reports.md, version ``VERSION``. Keys are always
present (null when empty) and in a fixed order; dates are ISO dates, instants ISO with their
offset (the plan's zone), shares fractions rounded to four places. A change to the meaning
or the shape of any key is a new version."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from reminder.cli.terminal import json_text
from reminder.report.model import (
    Action,
    Card,
    CardOccurrence,
    Departments,
    DepartmentStats,
    OverdueItem,
    Register,
    Report,
    Request,
    Tally,
)

SCHEMA = "reminder-report"
VERSION = 1


def _d(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _share(value: float | None) -> float | None:
    return round(value, 4) if value is not None else None


def document(report: Report) -> dict[str, Any]:
    """The report as JSON-able data."""
    return {
        "schema": SCHEMA, "version": VERSION, "generated": report.generated.isoformat(),
        "day": report.day.isoformat(),
        "scope": {"plan": report.scope.plan, "executor": report.scope.executor},
        "register": register(report.register) if report.register else None,
        "departments": departments(report.departments) if report.departments else None,
        "card": card(report.card) if report.card else None,
    }


def render(report: Report) -> str:
    """The document as text: indented, non-ASCII letters as themselves, controls escaped."""
    return json_text(document(report), indent=1) + "\n"


def request(r: Request) -> dict[str, Any]:
    """A pending request."""
    return {"id": r.id, "kind": r.kind, "task": r.task_key, "plan": r.plan_id,
            "number": r.task_id, "title": r.title, "department": r.department,
            "executor": r.executor, "coordinator": r.coordinator,
            "asked_on": r.asked_on.isoformat(), "note": r.note, "due": r.due.isoformat(),
            "working_days_late": r.working_days_late}


def item(i: OverdueItem) -> dict[str, Any]:
    """An overdue item."""
    return {"task": i.task_key, "plan": i.plan_id, "plan_title": i.plan_title,
            "number": i.task_id, "title": i.title, "result": i.result,
            "deadline": i.deadline_text, "window_start": _d(i.window_start),
            "due": i.due.isoformat(), "first_due": i.nominal_due.isoformat(),
            "working_days_late": i.working_days_late,
            "calendar_days_late": i.calendar_days_late, "bucket": i.bucket,
            "snoozed_until": _d(i.snoozed_until),
            "more_time_request": request(i.more_time) if i.more_time else None}


def register(reg: Register) -> dict[str, Any]:
    """The overdue register."""
    return {
        "day": reg.day.isoformat(), "total": reg.total, "buckets": dict(reg.buckets),
        "departments": [{"id": g.department_id, "name": g.department, "count": len(g.items),
                         "buckets": dict(g.buckets), "items": [item(i) for i in g.items]}
                        for g in reg.groups],
        "more_time_pending": [request(r) for r in reg.more_time_pending],
        "awaiting_acceptance": [request(r) for r in reg.awaiting_acceptance],
    }


def tally(t: Tally) -> dict[str, Any]:
    """What became of a period's occurrences."""
    return {"due": t.due, "not_yet_due": t.not_yet_due, "overdue": t.overdue,
            "awaiting_acceptance": t.awaiting_acceptance, "done_on_time": t.done_on_time,
            "done_late": t.done_late, "done_undated": t.done_undated,
            "on_time_share": _share(t.on_time_share)}


def department(r: DepartmentStats) -> dict[str, Any]:
    """A department's figures."""
    return {"id": r.department_id, "name": r.department, "current": tally(r.current),
            "previous": tally(r.previous), "change": _share(r.change)}


def departments(d: Departments) -> dict[str, Any]:
    """Every department's figures and the total."""
    return {"day": d.day.isoformat(),
            "period": {"from": d.period.start.isoformat(), "until": d.period.end.isoformat()},
            "previous": {"from": d.previous.start.isoformat(),
                         "until": d.previous.end.isoformat()},
            "rows": [department(r) for r in d.rows], "total": department(d.total)}


def action(a: Action) -> dict[str, Any]:
    """A history row."""
    return {"at": a.at.isoformat(), "action": a.action, "actor": a.actor, "note": a.note,
            "old_due": _d(a.old_due), "new_due": _d(a.new_due)}


def occurrence(o: CardOccurrence) -> dict[str, Any]:
    """One occurrence of a card."""
    return {
        "due": o.due.isoformat(), "first_due": o.nominal_due.isoformat(),
        "window_start": _d(o.window_start), "status": o.status,
        "snoozed_until": _d(o.snoozed_until), "working_days_late": o.working_days_late,
        "reminders": [{"sent_at": r.sent_at.isoformat(), "recipient": r.recipient_id,
                       "recipient_name": r.recipient, "channel": r.channel, "step": r.step,
                       "catch_up": r.catch_up} for r in o.reminders],
        "extensions": [action(a) for a in o.extensions],
        "snoozes": [action(a) for a in o.snoozes],
        "requests": [{"id": q.id, "kind": q.kind, "executor": q.executor,
                      "asked_at": q.asked_at.isoformat(), "note": q.note,
                      "due": q.due.isoformat(), "status": q.status,
                      "answered_at": _d(q.answered_at), "answered_by": q.answered_by,
                      "answer_note": q.answer_note, "new_due": _d(q.new_due)}
                     for q in o.requests],
        "closed": action(o.closed) if o.closed else None,
        "history": [action(a) for a in o.history],
    }


def card(c: Card) -> dict[str, Any]:
    """A control card."""
    return {"day": c.day.isoformat(), "task": c.task_key, "plan": c.plan_id,
            "plan_title": c.plan_title, "section": c.section, "number": c.task_id,
            "title": c.title, "result": c.result, "deadline": c.deadline_text, "kind": c.kind,
            "executors": [{"id": e.id, "name": e.name, "role": e.role} for e in c.executors],
            "occurrences": [occurrence(o) for o in c.occurrences]}
