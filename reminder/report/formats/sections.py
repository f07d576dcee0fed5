"""A report as titled tables of typed cells: what the table, md, html, csv and xlsx renderers
lay out, each in its own way. Cells are str, int, float, date, datetime or None; a column's
``kind`` says how people formats show them (json has its own schema: ``jsondoc``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from reminder.report.model import (
    BUCKETS,
    Card,
    CardOccurrence,
    Departments,
    DepartmentStats,
    Register,
    Report,
    Request,
)

Cell = str | int | float | date | datetime | None


@dataclass(frozen=True)
class Column:
    """A column: its heading, its kind (text, int, date, when, share, change), and whether
    the terminal table leaves it out (long plan text that spreadsheets keep)."""

    name: str
    kind: str = "text"
    wide_only: bool = False


@dataclass
class Section:
    """A titled table. ``group``: the index of the column whose value heads each run of
    rows in people formats (the department), with ``headings`` the line shown for each
    value; spreadsheets keep that column as it is. ``lines``: sentences before the table."""

    key: str
    title: str
    columns: list[Column]
    rows: list[list[Cell]] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    group: int | None = None
    headings: dict[str, str] = field(default_factory=dict)


BUCKET_NAMES = {"1-5": "1–5", "6-20": "6–20", "over-20": "over 20"}


def buckets_line(counts: dict[str, int]) -> str:
    """"1–5: 3, 6–20: 1, over 20: 7" (working days late)."""
    return ", ".join(f"{BUCKET_NAMES[k]}: {counts.get(k, 0)}" for k, _, _ in BUCKETS)


def sections(report: Report) -> list[Section]:
    """The report's tables, in reading order."""
    out: list[Section] = []
    if report.register is not None:
        out += register_sections(report.register)
    if report.departments is not None:
        out.append(departments_section(report.departments))
    if report.card is not None:
        out += card_sections(report.card)
    return out


def main_section(report: Report) -> Section:
    """The one table a CSV file holds: the overdue items, else the departments, else the
    card's events."""
    found = sections(report)
    for key in ("overdue", "departments", "events"):
        for s in found:
            if s.key == key:
                return s
    raise ValueError("the report has no table")


# --- the register --------------------------------------------------------------------------

OVERDUE_COLUMNS = [
    Column("Department"), Column("Plan"), Column("No."), Column("Measure"),
    Column("Result", wide_only=True), Column("Deadline (plan)"), Column("Due", "date"),
    Column("Working days late", "int"), Column("Calendar days late", "int"),
    Column("Ageing"), Column("Snoozed until", "date"), Column("More time asked"),
    Column("Plan title", wide_only=True), Column("Task", wide_only=True),
]


def register_sections(reg: Register) -> list[Section]:
    """The overdue items by department, then the pending requests."""
    overdue = Section("overdue", f"Overdue on {reg.day.isoformat()}", OVERDUE_COLUMNS,
                      group=0)
    overdue.lines.append(f"{reg.total} overdue (working days late: {buckets_line(reg.buckets)})"
                         f"; {len(reg.more_time_pending)} asking for more time, "
                         f"{len(reg.awaiting_acceptance)} awaiting acceptance")
    for g in reg.groups:
        overdue.headings[g.department] = (f"{g.department}: {len(g.items)} overdue "
                                          f"({buckets_line(g.buckets)})")
        for i in g.items:
            asked = (f"#{i.more_time.id} {i.more_time.asked_on.isoformat()}"
                     if i.more_time else None)
            overdue.rows.append([
                i.department, i.plan_id, i.task_id, i.title, i.result, i.deadline_text, i.due,
                # the bucket's key, as json has it: a sheet's filter and a script agree
                i.working_days_late, i.calendar_days_late, i.bucket,
                i.snoozed_until, asked, i.plan_title, i.task_key])
    return [overdue,
            _requests("more_time", "More time asked, not yet answered", reg.more_time_pending),
            _requests("acceptance", "Reported done, awaiting acceptance",
                      reg.awaiting_acceptance)]


REQUEST_COLUMNS = [
    Column("Request", "int"), Column("Plan"), Column("No."), Column("Measure"),
    Column("Department"), Column("Asked by"), Column("Asked on", "date"),
    Column("Coordinator"), Column("Due", "date"), Column("Working days late", "int"),
    Column("Note"),
]


def _requests(key: str, title: str, found: tuple[Request, ...]) -> Section:
    return Section(key, title, REQUEST_COLUMNS, [
        [r.id, r.plan_id, r.task_id, r.title, r.department, r.executor, r.asked_on,
         r.coordinator, r.due, r.working_days_late, r.note] for r in found],
        lines=[] if found else ["none"])


# --- departments ---------------------------------------------------------------------------

DEPARTMENT_COLUMNS = [
    Column("Department"), Column("Due in period", "int"), Column("Not yet due", "int"),
    Column("Overdue", "int"), Column("Awaiting acceptance", "int"),
    Column("Done on time", "int"), Column("Done late", "int"),
    Column("Done, date unknown", "int"), Column("On time", "share"),
    Column("Previous period", "share"), Column("Change", "change"),
]


def departments_section(d: Departments) -> Section:
    """One row per lead department, and the total."""
    out = Section("departments",
                  f"By department, due {d.period.start.isoformat()} to {d.period.end.isoformat()}",
                  DEPARTMENT_COLUMNS)
    out.lines.append(f"as of {d.day.isoformat()}; previous period "
                     f"{d.previous.start.isoformat()} to {d.previous.end.isoformat()}")
    for r in (*d.rows, d.total):
        out.rows.append(_department_row(r))
    return out


def _department_row(r: DepartmentStats) -> list[Cell]:
    t = r.current
    return [r.department, t.due, t.not_yet_due, t.overdue, t.awaiting_acceptance,
            t.done_on_time, t.done_late, t.done_undated, t.on_time_share,
            r.previous.on_time_share, r.change]


# --- the control card ----------------------------------------------------------------------

EVENT_COLUMNS = [
    Column("Due", "date"), Column("When", "when"), Column("What"), Column("Who"),
    Column("Channel"), Column("Step"), Column("Note"), Column("Old due", "date"),
    Column("New due", "date"),
]


def card_sections(card: Card) -> list[Section]:
    """The card's fields, then every event of every occurrence, oldest first."""
    facts = Section("card", f"Control card {card.task_key}", [Column("Field"), Column("Value")])
    facts.rows = [["Plan", f"{card.plan_id}: {card.plan_title}"], ["Section", card.section],
                  ["No.", card.task_id], ["Measure", card.title], ["Result", card.result],
                  ["Deadline (plan)", card.deadline_text], ["Deadline kind", card.kind]]
    facts.rows += [["Executor", f"{e.name} ({e.role})"] for e in card.executors]
    facts.lines.append(f"as of {card.day.isoformat()}")
    events = Section("events", "What happened", EVENT_COLUMNS, group=0)
    for o in card.occurrences:
        events.headings[o.due.isoformat()] = occurrence_heading(o)
        events.rows += [[o.due, *e] for e in _events(o)]
        if not o.history and not o.reminders and not o.requests:
            events.rows.append([o.due, None, "nothing yet", None, None, None, None, None,
                                None])
    if not card.occurrences:
        events.lines.append("no dated occurrence (the deadline needs a person)")
    return [facts, events]


def occurrence_heading(o: CardOccurrence) -> str:
    """"due 2026-10-01 (first due 2026-09-30): open, 47 working days late; 3 reminders"."""
    first = f" (first due {o.nominal_due.isoformat()})" if o.nominal_due != o.due else ""
    state = o.status
    if o.working_days_late is not None:
        state += f", {o.working_days_late} working days late"
    if o.snoozed_until is not None:
        state += f", snoozed until {o.snoozed_until.isoformat()}"
    if o.closed is not None:
        state += f", closed {o.closed.at:%Y-%m-%d %H:%M} by {o.closed.actor}"
    counts = (f"{len(o.reminders)} sent, {len(o.extensions)} extensions, {len(o.snoozes)} "
              f"snoozes, {len(o.requests)} requests")
    return f"due {o.due.isoformat()}{first}: {state}; {counts}"


def _events(o: CardOccurrence) -> list[list[Cell]]:
    rows: list[tuple[datetime, list[Cell]]] = []
    for r in o.reminders:
        rows.append((r.sent_at, [r.sent_at, "sent" + (" (catching up)" if r.catch_up else ""),
                                 r.recipient, r.channel, r.step, None, None, None]))
    for h in o.history:
        rows.append((h.at, [h.at, h.action, h.actor, None, None, h.note, h.old_due,
                            h.new_due]))
    for q in o.requests:
        what = "more time asked" if q.kind == "more_time" else "reported, acceptance asked"
        rows.append((q.asked_at, [q.asked_at, f"request #{q.id}: {what}", q.executor, None,
                                  None, q.note, q.due, None]))
        if q.answered_at is not None:
            rows.append((q.answered_at, [q.answered_at, f"request #{q.id}: {q.status}",
                                         q.answered_by, None, None, q.answer_note, q.due,
                                         q.new_due]))
    rows.sort(key=lambda r: r[0])
    return [r for _, r in rows]
