"""Read a DOCX: paragraphs and tables in body order, merged cells resolved.

The XML is walked directly (python-docx opens the package and gives the body element):
python-docx's ``row.cells`` resolves vertical merges by scanning the whole table for each row,
which is quadratic in the number of rows, and a 1,000-row plan must import in well under two
seconds. Horizontally merged cells (``w:gridSpan``) keep their text in their first grid column;
vertically merged ones (``w:vMerge``) repeat the text of the cell that starts the merge, so
every task row carries its own deadline and executors.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any  # lxml elements of the document body

from reminder.importers.cleanup import clean_paragraph, clean_text
from reminder.importers.docx_numbering import Numbering
from reminder.importers.model import Block, Document, ImportFailed, Paragraph, Row, Table

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _T = f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc", f"{_W}t"
_TAB, _BR, _CR = f"{_W}tab", f"{_W}br", f"{_W}cr"


def _paragraph_text(p: Any, numbering: Numbering | None = None) -> str:
    label = numbering.label(p) if numbering else None
    parts: list[str] = [label + " "] if label else []
    for el in p.iter(_T, _TAB, _BR, _CR):
        if el.tag == _T:
            parts.append(el.text or "")
        elif el.tag == _TAB:
            parts.append(" ")
        else:
            parts.append("\n")
    return "".join(parts)


def _cell_text(tc: Any, numbering: Numbering) -> str:
    # Each paragraph of a cell is a line: multi-line cells list executors one per line.
    return "\n".join(_paragraph_text(p, numbering) for p in tc.iter(_P))


def _cell_props(tc: Any) -> tuple[int, str | None]:
    """(grid span, vMerge value: None, "restart" or "continue") of a table cell."""
    span, merge = 1, None
    pr = tc.find(f"{_W}tcPr")
    if pr is not None:
        gs = pr.find(f"{_W}gridSpan")
        if gs is not None:
            span = int(gs.get(f"{_W}val", "1") or 1)
        vm = pr.find(f"{_W}vMerge")
        if vm is not None:
            merge = vm.get(f"{_W}val") or "continue"
    return span, merge


def _is_heading(p: Any) -> bool:
    """A paragraph in Word's Title or Heading 1-2 style (the document's title candidates)."""
    style = p.find(f"{_W}pPr/{_W}pStyle")
    name = (style.get(f"{_W}val") or "") if style is not None else ""
    return name.lower() in ("title", "heading1", "heading2")


def _table(tbl: Any, numbering: Numbering) -> Table:
    table = Table()
    above: dict[int, str] = {}  # grid column -> text of the cell a vertical merge started
    for tr in tbl.iterchildren(_TR):
        cells: list[str] = []
        for tc in tr.iterchildren(_TC):
            span, merge = _cell_props(tc)
            col = len(cells)
            if merge == "continue":
                text = above.get(col, "")
            else:
                text = clean_text(_cell_text(tc, numbering))
                if merge == "restart":
                    above[col] = text
                else:
                    above.pop(col, None)
            cells.append(text)
            cells.extend([""] * (span - 1))
        if any(cells):
            table.rows.append(Row(cells))
    return table


def read_docx(source: Path | bytes) -> Document:
    """Blocks of a DOCX file (or its bytes); ImportFailed when it is not a readable DOCX."""
    try:
        import docx  # python-docx
        from docx.opc.exceptions import PackageNotFoundError

        document = docx.Document(io.BytesIO(source) if isinstance(source, bytes)
                                 else str(source))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise ImportFailed(f"not a readable DOCX file (broken zip or not Word: {exc})") from None
    except Exception as exc:  # lxml errors inside a damaged package
        raise ImportFailed(f"not a readable DOCX file ({type(exc).__name__}: {exc})") from None
    blocks: list[Block] = []
    numbering = Numbering.of(document)
    for el in document.element.body.iterchildren():
        if el.tag == _P:
            text = clean_paragraph(_paragraph_text(el, numbering))
            if text:
                blocks.append(Paragraph(text, heading=_is_heading(el)))
        elif el.tag == _TBL:
            table = _table(el, numbering)
            if table.rows:
                blocks.append(table)
    return Document(blocks)
