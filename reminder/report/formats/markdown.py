"""The report as Markdown: a heading per section, a table per department (or occurrence).
Plan text is escaped for Markdown and for the HTML a Markdown viewer would let through: a
title holding ``<script>`` or ``|`` shows as written and breaks nothing."""

from __future__ import annotations

import html
import re

from reminder.report.formats.cells import show
from reminder.report.formats.sections import Cell, Section, sections
from reminder.report.model import Report

_SPECIAL = re.compile(r"([\\`*_\[\]|~#])")  # what Markdown reads as marks inside a line


def escape(text: str) -> str:
    """Text safe in a Markdown table cell or heading: HTML's characters as entities,
    Markdown's marks backslash-escaped."""
    return _SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def render(report: Report) -> str:
    """The whole report as one Markdown document."""
    title = ("Control card" if report.card is not None and report.register is None
             else "Overdue register and departments")
    out = [f"# {title}", "", f"Generated {report.generated:%Y-%m-%d %H:%M %Z}, as of "
           f"{report.day.isoformat()}.", ""]
    for s in sections(report):
        out += _section(s)
    return "\n".join(out).rstrip("\n") + "\n"


def _table(s: Section, rows: list[list[Cell]], keep: list[int]) -> list[str]:
    right = {"int", "share", "change"}
    out = ["| " + " | ".join(escape(s.columns[i].name) for i in keep) + " |",
           "|" + "|".join("---:" if s.columns[i].kind in right else "---" for i in keep) + "|"]
    out += ["| " + " | ".join(escape(show(r[i], s.columns[i].kind)) for i in keep) + " |"
            for r in rows]
    return [*out, ""]


def _section(s: Section) -> list[str]:
    out = [f"## {escape(s.title)}", ""]
    out += [escape(line) + "  " for line in s.lines]
    if s.lines:
        out.append("")
    if not s.rows:
        return out
    keep = [i for i in range(len(s.columns)) if i != s.group]
    if s.group is None:
        return out + _table(s, s.rows, keep)
    runs: list[tuple[str, list[list[Cell]]]] = []
    for row in s.rows:
        key = str(row[s.group]) if row[s.group] is not None else ""
        if not runs or runs[-1][0] != key:
            runs.append((key, []))
        runs[-1][1].append(row)
    for key, rows in runs:
        out += [f"### {escape(show(s.headings.get(key, key), 'text'))}", ""]
        out += _table(s, rows, keep)
    return out
