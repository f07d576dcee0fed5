"""Read spreadsheets: XLSX (openpyxl, merged ranges resolved) and CSV (delimiter sniffed)."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime
from pathlib import Path

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


def _blocks_from_rows(rows: list[list[str]]) -> list[Block]:
    """Rows with one filled cell above the table are the title lines; the rest is the table."""
    blocks: list[Block] = []
    table = Table()
    for cells in rows:
        filled = [c for c in cells if c]
        if not filled:
            continue
        if not table.rows and len(filled) == 1 and len(cells) > 1 and cells[0] == filled[0]:
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


def read_csv(text: str) -> Document:
    """Blocks of a CSV text; the delimiter is sniffed among , ; tab and |."""
    sample = text[:20000]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    rows = [[clean_text(c) for c in row] for row in csv.reader(io.StringIO(text), dialect)]
    return Document(_blocks_from_rows(rows))
