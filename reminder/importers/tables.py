"""Turn plan tables into records: header found, pages stitched, sections told from tasks.

Tables split over pages come back as several tables (or one table with blank lines) whose
header may be repeated; a row cut by a page break continues in a row with an empty number
cell. Both are stitched here before any row is read as a task.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from reminder.importers.cleanup import one_line
from reminder.importers.header import find_header_rows, is_column_numbers, same_header
from reminder.importers.model import Document, Table

NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)[.)]?$")
ROMAN = re.compile(r"^([IVXLC]{1,6})[.)]?$")  # "I." numbers sections in many plans
NUMBERED_TEXT = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)\.?\s+(\S.*)$", re.DOTALL)
_TASK_FIELDS = ("deadline", "responsible", "co_responsible", "result", "details")


@dataclass(slots=True)
class Record:
    """A stitched row: its cells by meaning."""

    fields: dict[str, str]
    index: int  # position among the table's data rows, for messages


@dataclass(slots=True)
class PlanTable:
    """The plan's table(s) as one: the column map, the header cells and the stitched rows."""

    columns: dict[str, int]
    header: list[str]
    records: list[Record] = field(default_factory=list)
    rows_read: int = 0
    # The header as its rows stand (two or three when a group header is merged over
    # sub-headers): a page repeating any of them is skipped.
    header_rows: list[list[str]] = field(default_factory=list)


def _fields(cells: list[str], columns: dict[str, int]) -> dict[str, str]:
    return {m: (cells[i].strip() if i < len(cells) else "") for m, i in columns.items()}


def _extra_cells(cells: list[str], columns: dict[str, int]) -> str:
    """Text in cells beyond the mapped columns (a row with more cells than the header)."""
    used = set(columns.values())
    return " ".join(c for i, c in enumerate(cells) if i not in used and c.strip())


def _width(table: Table) -> int:
    return max(len(r.cells) for r in table.rows)


def _is_plan_part(columns: dict[str, int]) -> bool:
    """Whether a later table with its own header continues the plan (it has a deadline or
    responsibility column) rather than being an annex (a budget, a list of indicators)."""
    return "deadline" in columns or "responsible" in columns


def _own_task(fields: dict[str, str], columns: dict[str, int]) -> bool:
    """Whether an unnumbered row is a task of its own: it carries its own title, deadline
    and executor (a row cut by a page break continues one or two cells, never all three)."""
    return bool(fields.get("title") and fields.get("deadline")
                and (fields.get("responsible") or "responsible" not in columns))


def collect(doc: Document, progress: Callable[[int, int], None] | None = None) -> PlanTable | None:
    """Stitch every plan table of the document into one PlanTable, or None if there is none.

    Tables with their own header join the plan when they are part of it (the second part of
    a plan may have other columns); tables without one continue the table before them.
    """
    plan: PlanTable | None = None
    columns: dict[str, int] = {}
    header: list[str] = []
    total = doc.row_count
    seen = 0
    for block in doc.blocks:
        if not isinstance(block, Table):
            continue
        found = find_header_rows(block)
        if found and (plan is None or _is_plan_part(found.columns)):
            columns, header = found.columns, found.cells
            if plan is None:
                plan = PlanTable(dict(columns), header)
            for meaning, index in columns.items():
                plan.columns.setdefault(meaning, index)
            plan.header_rows.extend(r.cells for r in block.rows[found.start:found.end])
            rows = block.rows[found.end:]
        elif not found and plan is not None and _width(block) <= len(header) + 1:
            rows = block.rows  # the plan table goes on over a page without its header
        else:
            seen += len(block.rows)
            continue
        for row in rows:
            seen += 1
            plan.rows_read += 1
            if progress and seen % 50 == 0:
                progress(seen, total)
            cells = row.cells
            if is_column_numbers(cells) or any(same_header(cells, h) for h in plan.header_rows):
                continue
            fields = _fields(cells, columns)
            extra = _extra_cells(cells, columns)
            number = fields.get("number", "")
            continues = plan.records and not _own_task(fields, columns) and (
                ("number" in columns and not number)
                or ("number" not in columns and row.after_break and not fields.get("title"))
            )
            if continues:
                last = plan.records[-1].fields
                for key, value in fields.items():
                    if value:
                        last[key] = f"{last[key]} {value}".strip() if last.get(key) else value
                continue
            if extra and "responsible" in columns and not fields.get("responsible"):
                fields["responsible"] = extra
            plan.records.append(Record(fields, len(plan.records)))
    if progress and plan is not None:
        progress(total, total)
    return plan


def has_subnumbers(records: list[Record]) -> bool:
    """Whether tasks are numbered under sections ("1.1"), so "1" alone can be a heading."""
    for record in records:
        m = NUMBER.match(record.fields.get("number", ""))
        if m and "." in m.group(1):
            return True
    return False


def section_text(record: Record, nested: bool = True) -> str | None:
    """The section heading a record is, or None when it is a task.

    A section is a row with a top-level number and nothing but a title
    ("1.\tВзаимодействие ...\t\t") when tasks are ``nested`` under such numbers, a row whose
    first cell holds number and text together ("2. Забезпечення ...\t\t"), or an unnumbered
    row with a single non-empty cell. In a flat list ("1", "2", ...) a numbered row is a task
    even when its other cells are empty.
    """
    f = record.fields
    number = f.get("number", "")
    title = one_line(f.get("title", ""))
    rest = any(f.get(k) for k in _TASK_FIELDS)
    m = NUMBERED_TEXT.match(number)
    if m and not title and not rest:
        return f"{m.group(1)}. {one_line(m.group(2))}"
    n = NUMBER.match(number) or ROMAN.match(number)
    if n and title and not rest and "." not in n.group(1) and (nested or ROMAN.match(number)):
        return f"{n.group(1)}. {title}"
    non_empty = [v for v in f.values() if v]
    if not n and len(non_empty) == 1 and not rest:
        return one_line(non_empty[0])
    return None


def split_section_from_title(
    task_id: str, title: str, section: str | None
) -> tuple[str, str] | None:
    """A title cell that starts with its section heading: "1. Heading Title of the task".

    Seen when a converter folds a section row into the first task's cell (seed 004, 1.1). The
    heading ends where a capitalised word follows a lower-case one without punctuation.
    """
    m = NUMBERED_TEXT.match(title)
    if not m or "." not in task_id or m.group(1) != task_id.split(".")[0]:
        return None
    if section and section.split(".")[0].strip() == m.group(1):
        return None
    words = m.group(2).split()
    for k in range(2, len(words)):
        prev, word = words[k - 1], words[k]
        ends_lower = prev[-1:].isalpha() and prev[-1:].islower()
        if ends_lower and word[:1].isupper() and word[1:2].islower():
            return f"{m.group(1)}. {' '.join(words[:k])}", " ".join(words[k:])
    return None
