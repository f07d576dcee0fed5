"""The dashboard's chart as inline SVG: overdue items per department, as horizontal bars in
the ageing buckets' colours. Every label is escaped (department names are data)."""

from __future__ import annotations

from html import escape
from urllib.parse import quote

BAR = 18  # px per department
LABEL = 260  # px for the names
WIDTH = 640
MAX_BARS = 15


def bars(per_department: list[tuple[str | None, str, int]], prefix: str = "") -> str:
    """The SVG of the ``MAX_BARS`` departments with the most overdue items, each bar a link
    to the department's page; "" when nothing is overdue."""
    shown = [d for d in per_department if d[2] > 0][:MAX_BARS]
    if not shown:
        return ""
    most = max(n for _, _, n in shown)
    room = WIDTH - LABEL - 50
    height = BAR * len(shown) + 4
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{WIDTH}" '
           f'height="{height}" viewBox="0 0 {WIDTH} {height}" class="chart">',
           "<title>Overdue items per department</title>"]
    for n, (dep_id, name, count) in enumerate(shown):
        y = n * BAR + 2
        width = max(2, round(room * count / most))
        label = name if len(name) <= 40 else name[:39] + "…"
        bar = (f'<rect x="{LABEL}" y="{y}" width="{width}" height="{BAR - 4}" fill="#c0392b">'
               f"<title>{escape(name)}: {count}</title></rect>")
        text = (f'<text x="{LABEL - 6}" y="{y + BAR - 7}" text-anchor="end" '
                f'font-size="12">{escape(label)}</text>')
        if dep_id is not None:
            href = escape(f"{prefix}/department/{quote(dep_id, safe='')}", quote=True)
            bar, text = f'<a href="{href}">{bar}</a>', f'<a href="{href}">{text}</a>'
        out += [text, bar, f'<text x="{LABEL + width + 4}" y="{y + BAR - 7}" '
                           f'font-size="12">{count}</text>']
    out.append("</svg>")
    return "".join(out)
