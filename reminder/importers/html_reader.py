"""Read HTML documents (a plan saved as a web page or pasted from one).

Tables become tables with ``rowspan`` repeated down and ``colspan`` kept in the first column,
as the DOCX reader does with merged cells; text outside tables becomes paragraphs, headings
marked. Inline fragments inside tab-separated text are the text reader's business.
"""

from __future__ import annotations

from html.parser import HTMLParser

from reminder.importers.cleanup import clean_paragraph, clean_text
from reminder.importers.model import Block, Document, Paragraph, Row, Table

_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "ul", "ol",
           "br", "section", "article", "title", "caption"}
_HEADINGS = {"h1", "h2", "h3", "title"}
_SKIP = {"script", "style", "head"}


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.text: list[str] = []  # running text outside tables
        self.heading = False
        self.skip = 0
        self.tables: list[tuple[Table, dict[int, tuple[str, int]]]] = []  # table, rowspans
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.span = 1
        self.down = 1

    # running text ---------------------------------------------------------------------
    def _flush_text(self) -> None:
        para = clean_paragraph("".join(self.text))
        for line in para.split("\n"):
            if line:
                self.blocks.append(Paragraph(line, heading=self.heading))
        self.text = []
        self.heading = False

    # table cells ----------------------------------------------------------------------
    def _fill_spans(self) -> None:
        """Put the values of cells spanning down from rows above at their columns."""
        assert self.row is not None
        _, spans = self.tables[-1]
        while len(self.row) in spans:
            col = len(self.row)
            value, left = spans[col]
            self.row.append(value)
            if left > 1:
                spans[col] = (value, left - 1)
            else:
                del spans[col]

    def _end_cell(self) -> None:
        if self.cell is None or self.row is None:
            return
        self._fill_spans()
        value = clean_text("".join(self.cell))
        col = len(self.row)
        self.row.append(value)
        self.row.extend([""] * (self.span - 1))
        if self.down > 1:
            self.tables[-1][1][col] = (value, self.down - 1)
        self.cell = None

    def _end_row(self) -> None:
        self._end_cell()
        if self.row is not None and self.tables:
            self._fill_spans()
            if any(self.row):
                self.tables[-1][0].rows.append(Row(self.row))
        self.row = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
            return
        if tag == "table":
            self._flush_text()
            table = Table()
            self.blocks.append(table)
            self.tables.append((table, {}))
        elif tag == "tr" and self.tables:
            self._end_row()
            self.row = []
        elif tag in ("td", "th") and self.tables:
            if self.row is None:
                self.row = []
            self._end_cell()
            a = dict(attrs)
            self.span = _int(a.get("colspan"))
            self.down = _int(a.get("rowspan"))
            self.cell = []
        elif tag in _BLOCKS:
            if self.cell is not None:
                self.cell.append("\n")
            elif not self.tables:
                self._flush_text()
                self.heading = tag in _HEADINGS

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag == "table" and self.tables:
            self._end_row()
            self.tables.pop()
        elif tag == "tr":
            self._end_row()
        elif tag in ("td", "th"):
            self._end_cell()
        elif tag in _BLOCKS:
            if self.cell is not None:
                self.cell.append("\n")
            elif not self.tables:
                self._flush_text()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.cell is not None:
            self.cell.append(data)
        elif not self.tables:
            self.text.append(data)


def _int(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1


def looks_like_html(text: str) -> bool:
    """Whether a text is an HTML document with tables (not tab rows with inline tags)."""
    head = text[:200000].lower()
    return "<table" in head and ("<td" in head or "<th" in head)


def read_html(text: str) -> Document:
    """Blocks of an HTML document in reading order."""
    reader = _Reader()
    reader.feed(text)
    reader.close()
    reader._end_row()
    reader._flush_text()
    return Document([b for b in reader.blocks if not isinstance(b, Table) or b.rows])
