"""Find a plan table's header row and what each column means, by the words in its cells."""

from __future__ import annotations

import re
from functools import lru_cache

from reminder.importers.model import Table
from reminder.importers.words import HEADER_WORDS

# A header is found in the first rows; a title block above it is common, a long one is not.
_SCAN_ROWS = 12
_NUMBER_CELL_MAX = 14  # "№ з/п", "Nr. p. k.": a number column's header is short


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    """One regex per meaning, in the priority order of HEADER_WORDS."""
    out = []
    for meaning, by_lang in HEADER_WORDS.items():
        alts = []
        for stems in by_lang.values():
            for stem in stems:
                esc = re.escape(stem)
                # Word stems match at the start of a word; symbols ("№", "#") anywhere; number
                # words only whole ("No." is a number column, "Notes" is not).
                if not stem[0].isalnum():
                    alts.append(esc)
                elif meaning == "number":
                    alts.append(rf"(?<!\w){esc}(?!\w)")
                else:
                    alts.append(rf"(?<!\w){esc}")
        out.append((meaning, re.compile("|".join(sorted(set(alts), key=len, reverse=True)))))
    return out


def column_meaning(cell: str) -> str | None:
    """What a header cell names: number, deadline, responsible, result, details, title."""
    text = " ".join(cell.lower().split())
    if not text:
        return None
    for meaning, pattern in _patterns():
        if meaning == "number" and len(text) > _NUMBER_CELL_MAX:
            continue
        if pattern.search(text):
            return meaning
    return None


def header_columns(cells: list[str]) -> dict[str, int]:
    """Meaning -> column index for a header row (the first column of each meaning)."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        meaning = column_meaning(cell)
        if meaning and meaning not in columns:
            columns[meaning] = index
    return columns


def is_header(cells: list[str]) -> bool:
    """A row is a header when it names a task column and at least one other column."""
    columns = header_columns(cells)
    return len(columns) >= 2 and ("title" in columns or "details" in columns)


def find_header(table: Table) -> tuple[int, dict[str, int]] | None:
    """The index of the header row among the first rows and its column map, if any."""
    for index, row in enumerate(table.rows[:_SCAN_ROWS]):
        if is_header(row.cells):
            return index, header_columns(row.cells)
    return None


def same_header(a: list[str], b: list[str]) -> bool:
    """Whether two rows are the same header (a header repeated on a new page)."""
    def norm(cells: list[str]) -> list[str]:
        return [" ".join(c.lower().split()) for c in cells if c.strip()]

    return norm(a) == norm(b)


def is_column_numbers(cells: list[str]) -> bool:
    """The row "1 | 2 | 3 | 4" that numbers the columns under many Russian/Ukrainian headers."""
    values = [c.strip().rstrip(".") for c in cells if c.strip()]
    return len(values) >= 3 and values == [str(i) for i in range(1, len(values) + 1)]
