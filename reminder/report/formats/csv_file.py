"""The report's main table as CSV: UTF-8 with a byte-order mark (so spreadsheet programs
read Cyrillic and Latvian letters right), comma-separated, CRLF line ends, one header row.
Dates are ISO (YYYY-MM-DD), instants YYYY-MM-DD HH:MM in the plan's zone, shares and
changes decimal fractions (0.6667). Text is cleaned as in every people format (one line,
controls escaped), and a cell that a spreadsheet would run as a formula (starting with = + -
@) is written with a leading apostrophe, as spreadsheets themselves mark text."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

from reminder.report.formats.cells import clean
from reminder.report.formats.sections import Cell, main_section
from reminder.report.model import Report

BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@")


def cell(value: Cell) -> str:
    """One value as its CSV text."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.4f}"
    if isinstance(value, int):
        return str(value)
    text = clean(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def render(report: Report) -> str:
    """The main table (the overdue items, else the departments, else the card's events)."""
    s = main_section(report)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.name for c in s.columns])
    writer.writerows([cell(v) for v in row] for row in s.rows)
    return BOM + buffer.getvalue()
