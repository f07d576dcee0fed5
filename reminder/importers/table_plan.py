"""Tasks from the stitched rows of a plan table."""

from __future__ import annotations

import re

from reminder.deadlines.model import Period
from reminder.importers.cleanup import one_line
from reminder.importers.deadline_find import split_leading, understand
from reminder.importers.executors import lead_notes, split_executors
from reminder.importers.model import Task
from reminder.importers.tables import (
    NUMBER,
    PlanTable,
    has_subnumbers,
    section_text,
    split_section_from_title,
)


def _title(fields: dict[str, str]) -> str:
    """The measure, with the task list of a "details" column (seed 000) on the lines below."""
    # Lines of a title cell are kept: they are list items (a page break was joined already).
    title = "\n".join(one_line(line) for line in fields.get("title", "").split("\n"))
    details = fields.get("details", "").strip()
    return "\n".join(p for p in (title, details) if p)


def tasks_from_table(
    table: PlanTable, period: Period | str, lang: str | None, set_later: str | None
) -> list[Task]:
    """The tasks of a plan table; what a reviewer should check is noted on each task.

    ``set_later`` is the document's sentence saying deadlines will be set later (seed 000);
    with it, a missing deadline or executor is "not yet set" rather than an omission.
    """
    tasks: list[Task] = []
    section: str | None = None
    has_deadline = "deadline" in table.columns
    nested = has_subnumbers(table.records)
    numbered = "number" in table.columns
    bases: dict[str, str] = {}  # lettered id of an unnumbered row -> the number it follows
    for record in table.records:
        heading = section_text(record, nested)
        if heading is not None:
            section = heading
            continue
        f = record.fields
        number = f.get("number", "").strip()
        m = NUMBER.match(number)
        task_id = m.group(1) if m else (number or ("" if numbered else str(len(tasks) + 1)))
        title = _title(f)
        task = Task(id=task_id, title=title, section=section)
        if not task_id:
            _unnumbered_id(task, tasks, bases)
        split = split_section_from_title(task_id, title, section)
        if split:
            section, task.title = split
            task.section = section
            task.note("section", "section heading was run into the title cell: split here, check")
        task.result = one_line(f["result"]) if f.get("result") else None
        deadline = _deadline_text(f, task)
        responsible = f.get("responsible", "")
        if deadline and not responsible.strip() and not understand(deadline, period, lang):
            parts = split_leading(deadline, period, lang)
            if parts and parts[1]:
                deadline, responsible = parts
                task.note("deadline", "deadline and executors shared one cell: separated here")
        task.deadline = deadline or None
        _deadline_notes(task, has_deadline, set_later)
        task.executors = split_executors(responsible)
        for extra in split_executors(f.get("co_responsible", "")):
            # names of a co-executors column never lead, whatever their position
            if extra.role == "lead":
                extra.role = "co" if task.executors else "lead"
            task.executors.append(extra)
        _executor_notes(task, "responsible" in table.columns, set_later)
        # Ids check rejects (spaces, slashes, a number used twice) and empty titles are
        # settled for every kind of document at the end (importers.valid.settle).
        tasks.append(task)
    qualify_restarted_numbers(tasks)
    return tasks


def _unnumbered_id(task: Task, tasks: list[Task], bases: dict[str, str]) -> None:
    """An id for a task row without a number: the numbered task above it in the same section
    with a letter ("1.1a", "1.1b"), or, first in its section, its position (settled later).
    ``bases``: the numbered id each lettered id was made from."""
    before = next((t for t in reversed(tasks) if t.section == task.section), None)
    if before is None:
        return  # importers.valid.settle numbers it by position and says so
    base = bases.get(before.id, before.id)
    n = sum(1 for b in bases.values() if b == base) + 1
    task.id = f"{base}{chr(96 + n)}" if n <= 26 else f"{base}-{n}"
    bases[task.id] = base
    task.note("task", f"the document gives this row no number: id {task.id!r} here (it has "
                      f"its own deadline and executors, so it is a task of its own, not more "
                      f"text of {base})")


def _deadline_text(fields: dict[str, str], task: Task) -> str:
    """The deadline cell, or "start – end" when the header splits the deadline in two
    columns ("Срок: начало | окончание")."""
    end = one_line(fields.get("deadline", ""))
    start = one_line(fields.get("deadline_start", ""))
    if not start or start == end:
        return end
    if not end:
        task.note("deadline", "the plan gives only a start date: set `due`")
        return start
    return f"{start} – {end}"


_SECTION_NUMBER = re.compile(r"^\W*(?:[^\W\d]+\s+)?([IVXLC]+|\d{1,3})(?=[.)\s]|$)")


def section_number(section: str) -> str | None:
    """The number a section heading gives itself: "II. ..." -> "II", "Раздел 3. ..." -> "3"."""
    m = _SECTION_NUMBER.match(section)
    return m.group(1) if m else None


def qualify_restarted_numbers(tasks: list[Task]) -> None:
    """Numbering that restarts in each section ("1, 2" under I, "1, 2" under II) becomes
    "I.1", "I.2", "II.1", "II.2": the section's own number (its position among the sections
    when it has none), a dot, the item's number. A task whose number already begins with its
    section's ("2.1" under "2.") keeps it. Numbering that does not repeat is left alone."""
    first_section: dict[str, str | None] = {}
    restarts = False
    for t in tasks:
        if t.id in first_section and first_section[t.id] != t.section:
            restarts = True
            break
        first_section.setdefault(t.id, t.section)
    if not restarts:
        return
    numbers: dict[str, str] = {}
    for t in tasks:
        if t.section is None or not t.id:
            continue
        if t.section not in numbers:
            numbers[t.section] = section_number(t.section) or str(len(numbers) + 1)
        prefix = numbers[t.section]
        if t.id.startswith(f"{prefix}."):
            continue
        written, t.id = t.id, f"{prefix}.{t.id}"
        t.note("task", f"numbering restarts in each section: id {t.id!r} here (item "
                       f"{written} of section {prefix})")


def _deadline_notes(task: Task, has_column: bool, set_later: str | None) -> None:
    if task.deadline is None:
        why = "the plan says they will be set later" if set_later else "the plan gives no deadline"
        if not has_column and not set_later:
            why = "the table has no deadline column"
        task.note("deadline", f"not yet set ({why})")
    # what a deadline written is read as is noted for every kind of document at the end
    # (importers.reading.annotate)


def _executor_notes(task: Task, has_column: bool, set_later: str | None) -> None:
    if not task.executors:
        if set_later:
            why = " (the plan says they will be set later)"
        elif not has_column:
            why = " (no executor column found in the table)"
        else:
            why = " (the plan names none for this task)"
        task.note("executors", "not yet set" + why)
    else:
        lead_notes(task)
