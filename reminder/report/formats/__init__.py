"""One renderer per output format, and the atomic file write.

``render(report, fmt)`` gives the bytes of the report in ``fmt`` (text formats in UTF-8; csv
with its byte-order mark); ``write(path, data)`` puts them in a file so that a reader never
sees half of it: a temporary file in the same folder, flushed, then renamed over the target.
"""

from __future__ import annotations

from pathlib import Path

from reminder.files import write_atomic
from reminder.report.model import Report

FORMATS = ("table", "json", "md", "html", "csv", "xlsx")
BINARY = ("xlsx",)  # never written to a terminal


def render(report: Report, fmt: str) -> bytes:
    """The report in ``fmt`` (one of FORMATS)."""
    if fmt == "xlsx":
        from reminder.report.formats import xlsx_book

        return xlsx_book.render(report)
    if fmt == "json":
        from reminder.report.formats import jsondoc

        text = jsondoc.render(report)
    elif fmt == "md":
        from reminder.report.formats import markdown

        text = markdown.render(report)
    elif fmt == "html":
        from reminder.report.formats import html_page

        text = html_page.render(report)
    elif fmt == "csv":
        from reminder.report.formats import csv_file

        text = csv_file.render(report)
    elif fmt == "table":
        from reminder.report.formats import table

        text = table.render(report)
    else:
        raise ValueError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    return text.encode("utf-8")


def write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (reminder.files.write_atomic): a report replacing
    one keeps its mode; a new one is readable."""
    write_atomic(path, data)
