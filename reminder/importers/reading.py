"""What each deadline of an imported plan is read as, written next to it for the reviewer.

`reminder import` runs the deadline parser on every deadline it writes, as `reminder check`
and the daemon will; the reviewer should not have to run `reminder parse` to see what that
means. Each deadline gets a comment with the window and the due date moved to a working day
("# read as: 2023-07-01..2023-09-30, due Mon 2 Oct 2023 (30 Sep is a Saturday)"). A reading
that is approximate or skipped words is flagged: `reminder check` warns about it until the
task says ``confirmed: true`` (or gives ``start``/``due``), docs/configuration.md.
"""

from __future__ import annotations

from datetime import date

from reminder.deadlines.model import Deadline, Occurrence, Period
from reminder.importers.deadline_find import ignored_words, understand
from reminder.importers.model import Plan, Task
from reminder.schedule.workdays import WorkCalendar, calendar_for

# How many occurrences of a recurring deadline are listed before "... and N more".
_SHOWN = 3
READ_AS = "read as: "


def _day(d: date) -> str:
    """ "Mon 2 Oct 2023": a date a person reads without a calendar (English, as every
    comment the importer writes)."""
    return f"{d.strftime('%a')} {d.day} {d.strftime('%b %Y')}"


def _due(occ: Occurrence, cal: WorkCalendar) -> str:
    """ "2023-07-01..2023-09-30, due Mon 2 Oct 2023 (30 Sep is a Saturday)"."""
    due = cal.shift(occ.end, "next")
    span = occ.end.isoformat() if occ.start == occ.end else f"{occ.start}..{occ.end}"
    text = f"{span}, due {_day(due)}"
    if due != occ.end:
        text += f" ({occ.end.day} {occ.end.strftime('%b')} is {cal.why_not_working(occ.end)})"
    return text


def describe(deadline: Deadline, cal: WorkCalendar) -> list[str]:
    """Comment lines saying what a parsed deadline means (empty for "unknown")."""
    occs = deadline.occurrences
    if deadline.kind in ("window", "by") and len(occs) == 1:
        return [READ_AS + _due(occs[0], cal)]
    if deadline.kind == "recurring" and occs:
        lines = [f"{READ_AS}recurring, {len(occs)} due dates:"]
        shown = list(occs[:_SHOWN])
        lines += [f"- {_due(o, cal)}" for o in shown]
        if len(occs) > _SHOWN + 1:
            lines.append(f"- ... {len(occs) - _SHOWN - 1} more ...")
        if len(occs) > _SHOWN:
            lines.append(f"- {_due(occs[-1], cal)}")
        return lines
    if deadline.kind == "ongoing":
        return [f"{READ_AS}ongoing through the period: no due date, so no reminders"]
    if deadline.kind == "event":
        return [f"{READ_AS}when something happens: no date, so no reminders until `due` is set"]
    return []


def vagueness(deadline: Deadline) -> str | None:
    """Why a reading needs a person's confirmation ("an approximate reading", "partly
    understood (words ignored: ...)"),
    or None when it is exact. `reminder check` asks the same (reminder.config.plans)."""
    why = []
    if deadline.approximate:
        why.append("an approximate reading")
    skipped = ignored_words(deadline)
    if skipped:
        why.append("partly understood (words ignored: " + ", ".join(skipped) + ")")
    return "; ".join(why) or None


def _explicit(task: Task, period: Period) -> Deadline | None:
    """The deadline the task's own start/due make (they win over the text, as in check)."""
    if not task.due:
        return None
    end = date.fromisoformat(task.due)
    start = date.fromisoformat(task.start) if task.start else min(period.start, end)
    return Deadline(task.deadline or "", "window", start, end, (Occurrence(start, end),))


def annotate(plan: Plan, today: date) -> None:
    """Put next to each deadline what it is read as, against the plan's period, language and
    country; mark readings that need a person's confirmation (``task.confirmed = False``)."""
    try:
        period = Period.parse(plan.period) if plan.period else Period.year(today.year)
    except ValueError:
        period = Period.year(today.year)
    try:
        cal = calendar_for(plan.country)
    except ValueError:
        cal = calendar_for(None)
    for task in plan.tasks:
        explicit = _explicit(task, period)
        if explicit is not None:
            lines = describe(explicit, cal)
            lines[0] += " (from start/due, which win over the text)"
            for line in lines:
                task.note("deadline", line)
            continue
        if not task.deadline:
            continue
        read = understand(task.deadline, period, plan.language, strict=False)
        if read is None:
            task.note("deadline", f"deadline not understood: {task.deadline!r}: reword it or "
                                  "set start/due")
            continue
        for line in describe(read, cal):
            task.note("deadline", line)
        why = vagueness(read)
        if why:
            task.confirmed = False
            task.note("deadline", f"{why}: check it, then set `confirmed: true` on the task "
                                  "(or give start/due)")
