"""Read spreadsheets: XLSX (openpyxl, merged ranges resolved) and CSV (delimiter sniffed)."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import NamedTuple

from reminder.importers.cleanup import clean_paragraph, clean_text
from reminder.importers.model import Block, Document, ImportFailed, Paragraph, Row, Table


def _cell_str(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean_text(str(value))


def _blocks_from_rows(rows: list[list[str]], single_cell_titles: bool = False) -> list[Block]:
    """Rows with one filled cell above the table are the title lines; the rest is the table.

    A CSV writes its title line without delimiters, a row of one cell
    (``single_cell_titles``); a worksheet row of one column stays a row."""
    blocks: list[Block] = []
    table = Table()
    for cells in rows:
        filled = [c for c in cells if c]
        if not filled:
            continue
        wide = len(cells) > 1 or single_cell_titles
        if not table.rows and len(filled) == 1 and wide and cells[0] == filled[0]:
            blocks.append(Paragraph(clean_paragraph(filled[0])))
            continue
        table.rows.append(Row(cells))
    if table.rows:
        blocks.append(table)
    return blocks


def read_xlsx(source: Path | bytes) -> Document:
    """Blocks of every worksheet; a merged range's value fills the rows it spans.

    A range spanning columns keeps its value in the first column only (a section row spanning
    the table stays one heading); a range spanning rows repeats it down (a deadline shared by
    several tasks belongs to each). ``source`` is the file or its bytes.
    """
    try:
        import openpyxl
        from openpyxl.utils.exceptions import InvalidFileException

        # A stream, not a name: openpyxl refuses a name that does not end in .xlsx, and the
        # importer reads a workbook by its content whatever it is called.
        data = source if isinstance(source, bytes) else source.read_bytes()
        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as exc:
        raise ImportFailed(f"not a readable XLSX file ({exc})") from None
    except Exception as exc:  # lxml errors inside a damaged package
        raise ImportFailed(f"not a readable XLSX file ({type(exc).__name__}: {exc})") from None
    blocks: list[Block] = []
    for ws in wb.worksheets:
        grid = [[_cell_str(v) for v in row] for row in ws.iter_rows(values_only=True)]
        for rng in ws.merged_cells.ranges:
            top = grid[rng.min_row - 1][rng.min_col - 1] if rng.min_row - 1 < len(grid) else ""
            for r in range(rng.min_row, rng.max_row + 1):
                if r - 1 < len(grid):
                    row = grid[r - 1]
                    if rng.min_col - 1 < len(row):
                        row[rng.min_col - 1] = top
        blocks.extend(_blocks_from_rows(grid))
    return Document(blocks)


# Delimiters a CSV may use; on a tie the earlier wins (a ";" file often has commas in its text).
_DELIMITERS = ";\t|,"
_SNIFF_LINES = 60


def _title_lines(lines: list[str], delimiter: str) -> int:
    """How many lines at the top hold no delimiter (the plan's title above the table)."""
    n = 0
    while n < len(lines) and delimiter not in lines[n]:
        n += 1
    return n


class Sniffed(NamedTuple):
    """What the delimiter sniffing found: the delimiter, the usual row width, how many rows
    have it and how many rows there are below the title lines."""

    delimiter: str
    width: int
    score: int
    rows: int


def sniff_delimiter(text: str) -> Sniffed | None:
    """The delimiter of a delimited table, or None when no delimiter gives two rows of two
    cells or more.

    Title lines above the table (no delimiter in them) are left out: ``csv.Sniffer`` gives up
    on a file whose first line is a title, which a plan exported from a spreadsheet often has.
    The delimiter is the one whose rows most often have the same number of cells."""
    lines = [ln for ln in text.splitlines() if ln.strip()][:_SNIFF_LINES]
    best: Sniffed | None = None
    for delimiter in _DELIMITERS:
        body = lines[_title_lines(lines, delimiter):]
        widths = [len(r) for r in csv.reader(body, delimiter=delimiter)]
        usual = max(set(widths), key=widths.count, default=0)
        score = widths.count(usual) if usual >= 2 else 0
        if score >= 2 and (best is None or score > best.score):
            best = Sniffed(delimiter, usual, score, len(widths))
    return best


def looks_like_csv(text: str) -> bool:
    """Whether decoded text is a delimited table (a CSV saved as .txt): below the title, at
    least three rows and nearly every row (or all of two) have the same number (three or more) of ";"- or
    ","-separated cells. Running text with commas does not keep such a count line after line."""
    found = sniff_delimiter(text)
    return (found is not None and found.delimiter in ",;" and found.width >= 3
            and (found.score >= 3 or found.score == found.rows)
            and found.score >= 0.8 * found.rows)


def read_csv(text: str) -> Document:
    """Blocks of a CSV text; the delimiter is sniffed among ; tab | and ,. Lines above the
    table without a delimiter (or a row of one cell) are its title lines."""
    found = sniff_delimiter(text)
    delimiter = found.delimiter if found else ","
    rows = [[clean_text(c) for c in row]
            for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    return Document(_blocks_from_rows(rows, single_cell_titles=True))
