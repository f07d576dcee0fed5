"""One renderer per output format, and the atomic file write.

``render(report, fmt)`` gives the bytes of the report in ``fmt`` (text formats in UTF-8; csv
with its byte-order mark); ``write(path, data)`` puts them in a file so that a reader never
sees half of it: a temporary file in the same folder, flushed, then renamed over the target.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

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
    """Write ``data`` to ``path`` atomically: all of it or, on any failure, nothing (the
    file as it was). A symbolic link is written through (its target replaced, the link
    kept); a device or pipe (``-o /dev/stdout``) is written to as it is, never replaced."""
    path = Path(os.path.realpath(path))
    if path.exists() and not path.is_file():
        with open(path, "wb") as f:
            f.write(data)
        return
    folder = path.parent
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        # a report replacing one keeps its mode; a new one is readable (mkstemp's is 0600)
        os.chmod(tmp, path.stat().st_mode & 0o7777 if path.exists() else 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
