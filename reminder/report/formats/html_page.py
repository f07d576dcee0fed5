"""The report as one self-contained HTML page (its style inline, nothing fetched), every
value escaped: plan text is data, and a title holding ``<script>`` shows as text."""

from __future__ import annotations

import html

from reminder.report.formats.cells import show
from reminder.report.formats.sections import Section, sections
from reminder.report.model import Report

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 2em; }
table { border-collapse: collapse; margin: .5em 0 1.5em; font-size: .9em; }
th, td { border: 1px solid #ccc; padding: .25em .5em; vertical-align: top; text-align: left; }
td.num { text-align: right; white-space: nowrap; }
tr.group th { background: #eef; text-align: left; }
thead th { background: #f4f4f4; position: sticky; top: 0; }
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def render(report: Report) -> str:
    """The whole report as an HTML document."""
    title = (f"Control card {report.card.task_key}" if report.card is not None
             and report.register is None else f"Overdue register {report.day.isoformat()}")
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           f"<title>{_e(show(title, 'text'))}</title>", f"<style>{STYLE}</style>", "</head>",
           "<body>", f"<h1>{_e(show(title, 'text'))}</h1>",
           f"<p>Generated {_e(f'{report.generated:%Y-%m-%d %H:%M %Z}')}, as of "
           f"{report.day.isoformat()}.</p>"]
    for s in sections(report):
        out += _section(s)
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def _section(s: Section) -> list[str]:
    out = [f'<h2 id="{_e(s.key)}">{_e(show(s.title, "text"))}</h2>']
    out += [f"<p>{_e(show(line, 'text'))}</p>" for line in s.lines]
    if not s.rows:
        return out
    keep = [i for i in range(len(s.columns)) if i != s.group]
    out += ["<table>", "<thead><tr>" + "".join(f"<th>{_e(s.columns[i].name)}</th>"
                                               for i in keep) + "</tr></thead>", "<tbody>"]
    group: str | None = None
    for row in s.rows:
        if s.group is not None:
            key = str(row[s.group]) if row[s.group] is not None else ""
            if key != group:
                group = key
                heading = show(s.headings.get(key, key), "text")
                out.append(f'<tr class="group"><th colspan="{len(keep)}">{_e(heading)}</th></tr>')
        cells = []
        for i in keep:
            kind = s.columns[i].kind
            css = ' class="num"' if kind in ("int", "share", "change") else ""
            cells.append(f"<td{css}>{_e(show(row[i], kind))}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out += ["</tbody>", "</table>"]
    return out
