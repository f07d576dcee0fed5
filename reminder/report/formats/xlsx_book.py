"""The report as an XLSX workbook (openpyxl): a first sheet saying what the report is, then a
sheet per table with its header row frozen and an autofilter over it, the plan's own columns
(No., Measure, Result, Deadline as the plan writes it), dates as real dates, shares as
percentages. Text is cleaned as in every people format, and text that starts with ``=`` is
stored as text, never as a formula."""

from __future__ import annotations

import io
from datetime import date, datetime

from reminder.report.formats.cells import clean
from reminder.report.formats.sections import Cell, Section, sections
from reminder.report.model import Report

SHEETS = {"overdue": "Overdue", "more_time": "More time asked",
          "acceptance": "Awaiting acceptance", "departments": "Departments", "card": "Card",
          "events": "Events"}
FORMATS = {"date": "yyyy-mm-dd", "when": "yyyy-mm-dd hh:mm", "share": "0.0%",
           "change": '+0.0" pp";-0.0" pp";0.0" pp"'}
MAX_WIDTH = 60


def _value(value: Cell, kind: str) -> Cell:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)  # a spreadsheet has no zones: the plan's wall clock
    if kind == "change" and isinstance(value, float | int):
        return value * 100  # percentage points
    if isinstance(value, str):
        return clean(value)
    return value


def render(report: Report) -> bytes:
    """The workbook's bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    about = book.active
    assert about is not None  # a new workbook has its first sheet
    about.title = "Report"
    about.append(["Generated", report.generated.replace(tzinfo=None)])
    about["B1"].number_format = FORMATS["when"]
    about.append(["As of", report.day])
    about["B2"].number_format = FORMATS["date"]
    about.append(["Plan", report.scope.plan or "all"])
    about.append(["Executor", report.scope.executor or "all"])
    found = sections(report)
    for s in found:
        about.append([])
        about.append([clean(s.title)])
        about.cell(about.max_row, 1).font = Font(bold=True)
        for line in s.lines:
            about.append([clean(line)])
    about.column_dimensions["A"].width = 24
    for s in found:
        _sheet(book, s)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet(book, s: Section) -> None:  # type: ignore[no-untyped-def]
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    ws = book.create_sheet(SHEETS.get(s.key, s.key)[:31])
    ws.append([c.name for c in s.columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    widths = [len(c.name) for c in s.columns]
    # (rows are counted here: ws.max_row looks at every cell, once per row would be quadratic)
    for r, row in enumerate(s.rows, start=2):
        ws.append([_value(v, c.kind) for v, c in zip(row, s.columns, strict=True)])
        for n, (v, c) in enumerate(zip(row, s.columns, strict=True), start=1):
            cell = ws.cell(r, n)
            if c.kind in FORMATS and v is not None:
                cell.number_format = FORMATS[c.kind]
            if isinstance(cell.value, str):
                if cell.value.startswith("="):
                    cell.data_type = "s"  # plan text, not a formula
                widths[n - 1] = max(widths[n - 1], len(cell.value))
            elif isinstance(v, date):
                widths[n - 1] = max(widths[n - 1], 16 if c.kind == "when" else 10)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(s.columns))}{len(s.rows) + 1}"
    for n, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(n)].width = min(MAX_WIDTH, w + 2)
