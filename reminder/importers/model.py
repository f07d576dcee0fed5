"""What the readers produce and what the importer hands to the YAML writer.

A document is a sequence of blocks in reading order: paragraphs and tables. A table is rows of
cells (plain strings); merged cells are already resolved by the reader (a vertically merged
value is repeated in every row it covers, a horizontally merged one sits in its first column).
"""

from __future__ import annotations

from dataclasses import dataclass, field


class ImportFailed(Exception):
    """The document cannot become a plan; the message says why (the CLI adds the file name)."""


@dataclass(slots=True)
class Paragraph:
    """A line or paragraph of running text outside any table."""

    text: str
    heading: bool = False  # a Markdown "#" heading or a Word heading style


@dataclass(slots=True)
class Row:
    """One table row. ``after_break`` is true when a page break came just before it."""

    cells: list[str]
    after_break: bool = False


@dataclass(slots=True)
class Table:
    """A table as rows of cell strings."""

    rows: list[Row] = field(default_factory=list)


Block = Paragraph | Table


@dataclass(slots=True)
class Document:
    """A read document: its blocks and what the reader noticed (e.g. the encoding)."""

    blocks: list[Block]
    notes: list[str] = field(default_factory=list)
    # Set when the file's name says one format and its content is another: kept apart from
    # the notes so a failed import can say it too (the likely cause of "not a plan").
    misnamed: str | None = None

    @property
    def row_count(self) -> int:
        return sum(len(b.rows) for b in self.blocks if isinstance(b, Table))

    def paragraphs(self) -> list[str]:
        return [b.text for b in self.blocks if isinstance(b, Paragraph)]


@dataclass(slots=True)
class Executor:
    """A name from a responsibility cell and its role (lead, co, partner, involved)."""

    name: str
    role: str


@dataclass(slots=True)
class Task:
    """A task of the plan, with the comments a reviewer should see next to its fields."""

    id: str
    title: str
    section: str | None = None
    result: str | None = None
    deadline: str | None = None
    start: str | None = None
    due: str | None = None
    executors: list[Executor] = field(default_factory=list)
    # False: the deadline was read with doubt and a person must confirm it (written as
    # `confirmed: false`); None: nothing to confirm (the key is not written).
    confirmed: bool | None = None
    # field name -> comment shown above that field in the YAML ("task" for the whole task)
    comments: dict[str, list[str]] = field(default_factory=dict)

    def note(self, key: str, text: str) -> None:
        """Attach a reviewer comment to one field of the task."""
        self.comments.setdefault(key, []).append(text)


@dataclass(slots=True)
class Plan:
    """An imported plan, ready to be written as YAML."""

    id: str
    title: str
    period: str | None
    language: str
    country: str | None
    source: str | None
    tasks: list[Task]
    comments: dict[str, list[str]] = field(default_factory=dict)

    def note(self, key: str, text: str) -> None:
        """Attach a reviewer comment to a plan-level field."""
        self.comments.setdefault(key, []).append(text)


@dataclass(slots=True)
class ImportResult:
    """The plan plus the figures and warnings for the terminal summary."""

    plan: Plan
    rows_read: int
    warnings: list[str]
    notes: list[str]
    mode: str  # "table", "summary" or "prose": how the tasks were found
