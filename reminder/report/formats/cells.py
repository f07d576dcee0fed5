"""How people formats (table, md, html) and spreadsheets write one cell's text. Plan text is
data: its runs of whitespace (plan cells carry line breaks) become one space, and every
character a terminal or a viewer could act on is shown as its escape (`printable`)."""

from __future__ import annotations

from datetime import date, datetime

from reminder.cli.terminal import printable
from reminder.report.formats.sections import Cell


def clean(text: str) -> str:
    """Plan text on one line with control characters shown escaped."""
    return printable(" ".join(text.split()))


def show(cell: Cell, kind: str, empty: str = "") -> str:
    """The cell as people read it: dates ISO, instants to the minute, shares as percent,
    changes in percentage points, text cleaned."""
    if cell is None:
        return empty
    if kind == "share" and isinstance(cell, float | int):
        return f"{cell * 100:.1f} %"
    if kind == "change" and isinstance(cell, float | int):
        return f"{cell * 100:+.1f} pp"
    if isinstance(cell, datetime):
        return cell.strftime("%Y-%m-%d %H:%M")
    if isinstance(cell, date):
        return cell.isoformat()
    return clean(str(cell))
