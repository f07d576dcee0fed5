"""The report on a terminal: each section a heading, its sentences, and an aligned table;
grouped sections (the register's departments) with a heading line per group. Long text is
cut to fit; every cell is escaped (`cells.clean`)."""

from __future__ import annotations

from reminder.report.formats.cells import show
from reminder.report.formats.sections import Section, sections
from reminder.report.model import Report

TEXT_WIDTH = 60  # a measure's wording is cut to this on a terminal (the other formats keep it)


def render(report: Report) -> str:
    """The whole report as terminal text."""
    out: list[str] = []
    for s in sections(report):
        out += _section(s)
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def _section(s: Section) -> list[str]:
    out = [s.title, "=" * len(s.title), *s.lines]
    keep = [i for i, c in enumerate(s.columns) if not c.wide_only and i != s.group]
    if not s.rows:
        return out
    cells = [[_cut(show(row[i], s.columns[i].kind, "-"), TEXT_WIDTH) for i in keep]
             for row in s.rows]
    heads = [s.columns[i].name for i in keep]
    widths = [max(len(h), *(len(r[n]) for r in cells)) for n, h in enumerate(heads)]
    numeric = [s.columns[i].kind in ("int", "share", "change") for i in keep]

    def line(values: list[str]) -> str:
        return "  ".join(v.rjust(w) if num else v.ljust(w)
                         for v, w, num in zip(values, widths, numeric, strict=True)).rstrip()

    out += [line(heads), line(["-" * w for w in widths])]
    group = None
    for row, shown in zip(s.rows, cells, strict=True):
        if s.group is not None:
            value = show(row[s.group], s.columns[s.group].kind)
            if value != group:
                group = value
                heading = s.headings.get(str(row[s.group]) if row[s.group] is not None
                                         else "", value)
                out.append(f"[{show(heading, 'text')}]")
        out.append(line(shown))
    return out
