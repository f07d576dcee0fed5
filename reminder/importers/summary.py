"""Key-value summaries (seed 002): a two-column table describing one delegated task.

"Valsts pārvaldes uzdevums | ...", "... uzdevuma veicējs | Biedrība "..."", "... deleģēšanas
periods | 12.08.2019. – 31.10.2020.": the keys say what each value is, by the words in KV_KEYS.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reminder.importers.cleanup import one_line
from reminder.importers.executors import split_executors
from reminder.importers.meta import period_from_dates
from reminder.importers.model import Document, Table, Task
from reminder.importers.words import KV_KEYS


@lru_cache(maxsize=1)
def _key_patterns() -> dict[str, re.Pattern[str]]:
    return {
        meaning: re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")", re.I)
        for meaning, words in KV_KEYS.items()
    }


def key_meaning(key: str) -> str | None:
    """What a key names; the last matching word wins ("uzdevuma veicējs" is the performer)."""
    best: tuple[int, str] | None = None
    for meaning, pattern in _key_patterns().items():
        for m in pattern.finditer(key):
            if best is None or m.start() > best[0]:
                best = (m.start(), meaning)
    return best[1] if best else None


def find_summary(doc: Document) -> dict[str, str] | None:
    """Meaning -> value of the first key-value table naming a performer and a task or period."""
    for block in doc.blocks:
        if not isinstance(block, Table):
            continue
        values: dict[str, str] = {}
        for row in block.rows:
            cells = row.cells
            if len(cells) < 2 or not cells[0].strip() or len(cells[0]) > 200:
                continue
            meaning = key_meaning(cells[0])
            value = " ".join(c for c in cells[1:] if c.strip())
            if meaning and meaning not in values and value:
                values[meaning] = value
        if "responsible" in values and ("task" in values or "period" in values):
            return values
    return None


def task_from_summary(values: dict[str, str]) -> tuple[Task, str | None]:
    """The one task a summary describes, and the plan period its dates give."""
    title = one_line(values.get("task", "")) or "(no task title in the summary)"
    task = Task(id="1", title=title)
    result = values.get("result")
    task.result = one_line(result) if result and len(result) < 500 else None
    period_text = values.get("period")
    period = period_from_dates(period_text) if period_text else None
    task.deadline = one_line(period_text) if period_text else None
    if period:
        task.start, task.due = period.split("..")
    elif period_text:
        task.note("deadline", "the period's dates were not read: set start/due")
    else:
        task.note("deadline", "not yet set (the summary gives no period)")
    task.executors = split_executors(values["responsible"])
    return task, period
