"""Find a plan table's header row and what each column means, by the words in its cells."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from reminder.importers.model import Table
from reminder.importers.words import DEADLINE_PARTS, HEADER_WORDS

# A header is found in the first rows; a title block above it is common, a long one is not.
_SCAN_ROWS = 12
_NUMBER_CELL_MAX = 14  # "№ з/п", "Nr. p. k.": a number column's header is short
# A header over two or three rows: a group cell merged over sub-headers ("Срок" over
# "начало | окончание", "Объем финансирования" over "всего | по годам" over "2024 | 2025").
_MAX_HEADER_ROWS = 3
_SUBHEADER_MAX = 80  # a sub-header cell is a few words


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
                else:  # not after a hyphen: "co-executor" is not an executor
                    alts.append(rf"(?<![\w-]){esc}")
        out.append((meaning, re.compile("|".join(sorted(set(alts), key=len, reverse=True)))))
    return out


# A word broken at a line's end: "Викона-\nвець", "Срок испол- нения", "institū-cija". A
# hyphen between two lower-case letters inside a header word is a hyphenation, never a
# compound (compounds in header words, "co-executor", are tried as written as well).
_HYPHENATED = re.compile(r"(?<=[^\W\d_])[-\u00ad\u2010\u2011]\s*(?=[^\W\d_])")
_SOFT_HYPHEN = "\u00ad"


def _variants(cell: str) -> list[str]:
    """The header text to match: hyphenation undone first, then as written."""
    text = " ".join(cell.replace(_SOFT_HYPHEN, "").lower().split())
    joined = _HYPHENATED.sub("", cell.replace(_SOFT_HYPHEN, "").lower())
    joined = " ".join(joined.split())
    return [joined, text] if joined != text else [text]


def column_meaning(cell: str) -> str | None:
    """What a header cell names: number, deadline, responsible, result, details, title.

    A word hyphenated over two lines ("Викона-вець", "Atbildīgā institū-cija") is read
    whole; the cell as written is tried too ("co-executor" is a compound, not a break)."""
    for text in _variants(cell):
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
    """The index of the (first) header row among the first rows and its column map, if any."""
    found = find_header_rows(table)
    return (found.start, found.columns) if found else None


@dataclass(slots=True)
class HeaderRows:
    """A table's header: rows ``start`` to ``end`` (exclusive), each column's text with its
    group's ("Срок начало"), and the column map (``deadline_start`` for a start sub-column)."""

    start: int
    end: int
    cells: list[str]
    columns: dict[str, int]


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def _new_cells(above: list[str], row: list[str]) -> list[int]:
    """Columns where ``row`` says something the row above does not (a vertically merged
    header cell repeats the text above, or is empty)."""
    return [i for i, c in enumerate(row)
            if c.strip() and (i >= len(above) or not _same(c, above[i]))]


def _is_subheader(above: list[str], row: list[str]) -> bool:
    """Whether ``row`` holds sub-headers of ``above``: each new cell stands under a group,
    i.e. under an empty cell of the row above (a horizontal merge) or under the first
    cell of such a merge. A task row has new text under single columns (number, title)."""
    new = _new_cells(above, row)
    if not new or is_column_numbers(row):
        return False
    for i in new:
        spanned = i < len(above) and not above[i].strip()
        first_of_group = (i + 1 < len(above) and above[i].strip() and not above[i + 1].strip()
                          and i + 1 < len(row) and bool(row[i + 1].strip()))
        if not (spanned or first_of_group) or len(row[i]) > _SUBHEADER_MAX:
            return False
    return True


@lru_cache(maxsize=1)
def _part_patterns() -> dict[str, re.Pattern[str]]:
    return {
        part: re.compile(r"(?<!\w)(?:" + "|".join(
            re.escape(w) for words in by_lang.values() for w in words) + r")(?!\w)",
            re.IGNORECASE)
        for part, by_lang in DEADLINE_PARTS.items()
    }


def deadline_part(cell: str) -> str | None:
    """``start`` or ``end`` when a sub-header names one end of a deadline ("начало")."""
    text = " ".join(cell.split())
    for part, pattern in _part_patterns().items():
        if pattern.search(text):
            return part
    return None


def _groups(cells: list[str]) -> list[int]:
    """For each column, the column of the cell it stands under (a merged cell keeps its
    text in its first column; the columns it spans are empty)."""
    out: list[int] = []
    last = 0
    for i, cell in enumerate(cells):
        if cell.strip():
            last = i
        out.append(last)
    return out


def _merge_subheader(texts: list[str], meanings: list[str | None], above: list[str],
                     row: list[str]) -> None:
    """Fold a sub-header row into the header's texts and meanings, in place."""
    width = max(len(texts), len(row))
    texts.extend([""] * (width - len(texts)))
    meanings.extend([None] * (width - len(meanings)))
    groups = _groups(above + [""] * (width - len(above)))
    group_meaning = list(meanings)
    for i in _new_cells(above, row):
        g = groups[i]
        sub = " ".join(row[i].split())
        texts[i] = f"{' '.join(above[g].split())} {sub}".strip()
        part, own = deadline_part(sub), column_meaning(sub)
        if group_meaning[g] == "deadline" and part:
            meanings[i] = "deadline_start" if part == "start" else "deadline"
        elif own:
            meanings[i] = own
        else:  # "всего" under "Срок": the group's meaning stays with its first column
            meanings[i] = group_meaning[g] if i == g else None


def find_header_rows(table: Table) -> HeaderRows | None:
    """The header among the first rows, with the sub-header rows below it, if any."""
    for index, row in enumerate(table.rows[:_SCAN_ROWS]):
        if not is_header(row.cells):
            continue
        texts = list(row.cells)
        meanings = [column_meaning(c) for c in texts]
        end, above = index + 1, row.cells
        while (end < len(table.rows) and end - index < _MAX_HEADER_ROWS
               and _is_subheader(above, table.rows[end].cells)):
            _merge_subheader(texts, meanings, above, table.rows[end].cells)
            above = table.rows[end].cells
            end += 1
        columns: dict[str, int] = {}
        for i, meaning in enumerate(meanings):
            if meaning and meaning not in columns:
                columns[meaning] = i
        return HeaderRows(index, end, texts, columns)
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
