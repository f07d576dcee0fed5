"""The reports built from an open session: what `reminder report` and the web view both call,
so the page and the command show the same items, counted the same way."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from sqlmodel import Session

from reminder.report.model import Card, Departments, Period, Register


def register(s: Session, tz: ZoneInfo, day: date, plan: str | None = None,
             executor: str | None = None) -> Register:
    """The overdue register as of the start of ``day``, with the pending requests (and the
    items they are about, overdue or not)."""
    from reminder.report import query
    from reminder.report import register as build

    items = query.items(s, tz, plan=plan, executor=executor, open_before=day)
    requests = query.pending_requests(s)
    asked = {r.occurrence_id for r in requests} - {i.occurrence_id for i in items}
    if asked:
        items += query.items(s, tz, plan=plan, executor=executor, ids=asked)
    return build.build(items, requests, day)


def departments(s: Session, tz: ZoneInfo, day: date, plan: str | None = None,
                executor: str | None = None, period: Period | None = None) -> Departments:
    """Per lead department, the items due over ``period`` (default the 90 days before
    ``day``) and the period before it."""
    from reminder.report import departments as build
    from reminder.report import query

    period = period or build.default_period(day)
    items = query.items(s, tz, plan=plan, executor=executor,
                        due_from=period.previous().start, due_until=period.end, closings=True)
    return build.build(items, day, period)


class NoSuchOccurrence(LookupError):
    """The task has no occurrence due (or first due) on the day asked for."""


def card(s: Session, tz: ZoneInfo, key: str, day: date, section: str | None = None,
         only: date | None = None) -> Card | None:
    """The control card of task ``key``, None when the store has no such task;
    NoSuchOccurrence when ``only`` names a day none of its occurrences is due on."""
    from reminder.report import card as build
    from reminder.report import query

    records = query.card_records(s, tz, key)
    if records is None:
        return None
    if only is not None and not any(only in (o.due, o.nominal_due)
                                    for o in records.occurrences):
        dues = ", ".join(o.due.isoformat() for o in records.occurrences[:12]) or "none"
        raise NoSuchOccurrence(f"task {key!r} has no occurrence due {only}; its due dates: "
                               f"{dues}")
    return build.build(records, day, section, only)
