"""Read plain text, Markdown and text with HTML fragments (the form the seed plans come in).

A line with a tab is a table row; Markdown pipe rows (``| a | b |``) are rows too. Blank lines
between rows are page breaks, not the end of the table: the table goes on while the next
non-blank line is still a row. Separator lines (``--\t---``, ``|---|``) are dropped.
"""

from __future__ import annotations

import re

from reminder.importers.cleanup import clean_paragraph, clean_text
from reminder.importers.model import Block, Document, Paragraph, Row, Table

_SEPARATOR = re.compile(r"^[\s|:+\-=\t]*$")


def _row_cells(line: str) -> list[str] | None:
    """The cells of a table line, or None when the line is running text."""
    stripped = line.strip()
    if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3:
        return [clean_text(c) for c in stripped[1:-1].split("|")]
    if "\t" in line.strip(" "):
        return [clean_text(c) for c in line.rstrip("\r\n").split("\t")]
    return None


def read_text(text: str) -> Document:
    """Split decoded text into paragraphs and tables in reading order."""
    blocks: list[Block] = []
    table: Table | None = None
    pending_break = False
    for raw in text.splitlines():
        if not raw.strip():
            # A blank line inside a table is a page break; outside one it separates paragraphs.
            pending_break = table is not None
            continue
        cells = _row_cells(raw)
        if cells is not None:
            if (_SEPARATOR.match(raw) and "-" in raw) or not any(cells):
                continue
            if table is None:
                table = Table()
                blocks.append(table)
            table.rows.append(Row(cells, after_break=pending_break))
        else:
            table = None
            para = clean_paragraph(raw)
            if para:
                blocks.append(Paragraph(para, heading=raw.lstrip().startswith("#")))
        pending_break = False
    return Document(blocks)
