"""Tasks from the stitched rows of a plan table."""

from __future__ import annotations

from reminder.deadlines.model import Period
from reminder.importers.cleanup import one_line
from reminder.importers.deadline_find import ignored_words, split_leading, understand
from reminder.importers.executors import split_executors
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
    for record in table.records:
        heading = section_text(record, nested)
        if heading is not None:
            section = heading
            continue
        f = record.fields
        number = f.get("number", "").strip()
        m = NUMBER.match(number)
        task_id = m.group(1) if m else (number or str(len(tasks) + 1))
        title = _title(f)
        task = Task(id=task_id, title=title, section=section)
        split = split_section_from_title(task_id, title, section)
        if split:
            section, task.title = split
            task.section = section
            task.note("section", "section heading was run into the title cell: split here, check")
        task.result = one_line(f["result"]) if f.get("result") else None
        deadline = one_line(f.get("deadline", ""))
        responsible = f.get("responsible", "")
        if deadline and not responsible.strip() and not understand(deadline, period, lang):
            parts = split_leading(deadline, period, lang)
            if parts and parts[1]:
                deadline, responsible = parts
                task.note("deadline", "deadline and executors shared one cell: separated here")
        task.deadline = deadline or None
        _deadline_notes(task, has_deadline, period, lang, set_later)
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
    return tasks


def _deadline_notes(
    task: Task, has_column: bool, period: Period | str, lang: str | None, set_later: str | None
) -> None:
    if task.deadline is None:
        why = "the plan says they will be set later" if set_later else "the plan gives no deadline"
        if not has_column and not set_later:
            why = "the table has no deadline column"
        task.note("deadline", f"not yet set ({why})")
    else:
        read = understand(task.deadline, period, lang, strict=False)
        if read is None:
            task.note(
                "deadline",
                f"deadline not understood: {task.deadline!r}: reword it or set start/due",
            )
        elif ignored_words(read):
            skipped = ", ".join(ignored_words(read))
            task.note("deadline", f"deadline partly understood (words ignored: {skipped}): check")


def _executor_notes(task: Task, has_column: bool, set_later: str | None) -> None:
    if not task.executors:
        task.note("executors", "not yet set" + (" (the plan says they will be set later)"
                                               if set_later or not has_column else ""))
    elif not any(e.role == "lead" for e in task.executors):
        task.note("executors", "no lead executor (all are partners or involved): choose one")
