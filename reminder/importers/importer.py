"""From a document file to an imported plan: read, find tasks, name the plan."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

from reminder.deadlines.model import Period
from reminder.importers.encoding import decode
from reminder.importers.html_reader import looks_like_html, read_html
from reminder.importers.meta import (
    detect_country,
    detect_language,
    find_title,
    period_from_title,
    period_from_years,
    says_set_later,
)
from reminder.importers.model import (
    Document,
    ImportFailed,
    ImportResult,
    Paragraph,
    Plan,
    Table,
    Task,
)
from reminder.importers.prose import document_date, prose_tasks, sentences
from reminder.importers.reading import READ_AS, annotate
from reminder.importers.sheet_reader import looks_like_csv, read_csv, read_xlsx
from reminder.importers.summary import find_summary, task_from_summary
from reminder.importers.table_plan import tasks_from_table
from reminder.importers.tables import PlanTable, collect
from reminder.importers.text_reader import read_text
from reminder.importers.valid import settle

Progress = Callable[[int, int], None]
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0"  # legacy .doc/.xls
# A 1,000-row plan is a few hundred kilobytes as DOCX; a workbook with pictures a few
# megabytes. Far beyond that it is not a plan, and reading it all would only cost memory.
MAX_BYTES = 100 * 1024 * 1024
_OFFICE = {".docx": "docx", ".xlsx": "xlsx", ".xlsm": "xlsx"}
_KINDS = {"docx": "Word document (DOCX)", "xlsx": "Excel workbook (XLSX)"}
_NAMES = {"docx": f"a {_KINDS['docx']}", "xlsx": f"an {_KINDS['xlsx']}"}


def _zip_kind(data: bytes, suffix: str) -> str:
    """``docx`` or ``xlsx`` by the parts inside the ZIP archive (the name may be wrong);
    ImportFailed naming what it is otherwise."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = (archive.read("mimetype").decode("ascii", "replace").strip()
                        if "mimetype" in names else "")
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError) as exc:
        named = _OFFICE.get(suffix)
        what = f"not a readable {_KINDS[named]}" if named else "not a readable document"
        raise ImportFailed(f"{what}: a damaged ZIP archive ({exc}); open it in Word or Excel "
                           "and save it again") from None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if mimetype.startswith("application/vnd.oasis.opendocument"):
        raise ImportFailed("an OpenDocument file (LibreOffice .odt/.ods): save it as DOCX or "
                           "XLSX")
    raise ImportFailed("a ZIP archive holding neither a Word document (DOCX) nor an Excel "
                       "workbook (XLSX)")


def read_document(path: Path) -> Document:
    """Read any supported file into blocks, choosing the reader by content, then by name.

    A file whose name says one format and whose content is another (a workbook saved as
    ``.docx``, a Word document as ``.xlsx``, a workbook or document renamed ``.csv``) is read
    as what it is, and a note says so."""
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise ImportFailed("no such file") from None
    except IsADirectoryError:
        raise ImportFailed("is a directory, not a document") from None
    except OSError as exc:
        raise ImportFailed(f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_BYTES:
        raise ImportFailed(f"larger than {MAX_BYTES // (1024 * 1024)} MB: not a plan document")
    if not data.strip():
        raise ImportFailed("the file is empty")
    suffix = path.suffix.lower()
    if data.startswith(b"%PDF"):
        raise ImportFailed("a PDF: its tables cannot be read reliably; export the plan as DOCX")
    if data.startswith(_OLE):
        raise ImportFailed("a legacy binary Office file (.doc/.xls): save it as DOCX or XLSX")
    if data.startswith(_ZIP):
        from reminder.importers.docx_reader import read_docx

        kind = _zip_kind(data, suffix)
        doc = read_xlsx(data) if kind == "xlsx" else read_docx(data)
        if _OFFICE.get(suffix) != kind:
            doc.misnamed = (f"{path.name} is {_NAMES[kind]}, whatever its name says: "
                            f"read as {kind.upper()}")
            doc.notes.append(doc.misnamed)
        return doc
    try:
        text, note = decode(data)
    except ImportFailed as exc:
        if suffix in _OFFICE:  # the name promised an Office file
            raise ImportFailed(f"neither {_NAMES[_OFFICE[suffix]]} nor text: {exc}") from None
        raise
    if suffix in (".csv", ".tsv") or _OFFICE.get(suffix) == "xlsx":
        doc = read_csv(text)  # a CSV saved under a workbook's name, most likely
    elif suffix in (".html", ".htm") or looks_like_html(text):
        doc = read_html(text)
    elif looks_like_csv(text):
        doc = read_csv(text)  # a CSV saved as .txt (or any other name)
        doc.notes.append(f"{path.name} is a delimited table (CSV): read as CSV")
    else:
        doc = read_text(text)
    if note:
        doc.notes.append(f"encoding: {note}")
    if suffix in _OFFICE:
        doc.misnamed = (f"{path.name} is not {_NAMES[_OFFICE[suffix]]} but a text file: "
                        "read as text")
        doc.notes.append(doc.misnamed)
    return doc


def _plan_id(path: Path) -> str:
    """A plan id from the file name (the CLI prefers the output file's name)."""
    slug = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")
    return slug or "plan"


def _paragraph_blocks(doc: Document) -> list[Paragraph]:
    return [b for b in doc.blocks if isinstance(b, Paragraph)]


def _head_paragraphs(doc: Document) -> list[str]:
    """Paragraphs before the first table (the document's head: title, approval, date)."""
    head: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Table):
            break
        head.append(block.text)
    return head


def _provisional_period(period: str | None, texts: list[str], today: date) -> Period:
    """A period to read deadlines against while the plan's own is not known yet."""
    for candidate in (period, period_from_years(texts)):
        if candidate:
            try:
                p = Period.parse(candidate)
            except ValueError:
                continue
            if p.last_year - p.first_year <= 30:
                return p
    return Period.year(today.year)


def import_document(
    path: Path,
    period: str | None = None,
    lang: str | None = None,
    plan_id: str | None = None,
    today: date | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Import a plan document; ImportFailed when it holds no plan (the message says why)."""
    today = today or date.today()
    if period is not None:
        try:
            Period.parse(period)
        except ValueError as exc:
            raise ImportFailed(f"--period: {exc}") from None
    doc = read_document(Path(path))
    try:
        return _import(doc, path, period, lang, plan_id, today, progress)
    except ImportFailed as exc:
        if doc.misnamed:  # the likely reason nothing was found: say it in the same line
            raise ImportFailed(f"{exc} ({doc.misnamed})") from None
        raise


def _import(doc: Document, path: Path, period: str | None, lang: str | None,
            plan_id: str | None, today: date, progress: Progress | None) -> ImportResult:
    """The plan in a read document (import_document's second half)."""
    paragraphs = doc.paragraphs()
    cells = [c for b in doc.blocks if isinstance(b, Table) for r in b.rows for c in r.cells]
    all_text = "\n".join(paragraphs + cells)
    if not all_text.strip():
        raise ImportFailed("no text in the document")
    language = lang or detect_language(all_text)
    head = _head_paragraphs(doc)
    title_from = head or paragraphs
    headings = [i for i, b in enumerate(_paragraph_blocks(doc)[: len(title_from)]) if b.heading]
    title = find_title(title_from, headings[0] if headings else None)
    stated = period or period_from_title(title)
    plan = Plan(
        id=plan_id or _plan_id(Path(path)),
        title=title or Path(path).stem,
        period=stated,
        language=language,
        country=detect_country(language, " ".join(head[:30])[:4000]),
        source=None,
        tasks=[],
    )
    table = collect(doc, progress)
    if table is not None:
        mode, rows_read = "table", table.rows_read
        set_later = _check_deadline_column(table, paragraphs)
        if set_later:
            plan.note("tasks", f"deadlines not yet set; the plan says: {set_later}")
        texts = [r.fields.get("deadline", "") for r in table.records]
        guess = _provisional_period(stated, texts or [all_text], today)
        plan.tasks = tasks_from_table(table, guess, language, set_later)
    else:
        guess = _provisional_period(stated, [all_text], today)
        summary = find_summary(doc)
        if summary:
            mode, rows_read = "summary", doc.row_count
            task, dates = task_from_summary(summary)
            plan.tasks = [task]
            plan.period = period or dates or stated
        else:
            mode, rows_read = "prose", len(sentences(paragraphs))
            written = document_date(paragraphs, guess, language)
            plan.tasks = prose_tasks(paragraphs, guess, language, written)
    if not plan.tasks:
        raise ImportFailed(
            "not a plan: no table with a task and a deadline column, no summary of a task, "
            "and no dated instruction naming a body was found"
        )
    _finish_period(plan, stated, period)
    settle(plan)  # every value one that `reminder check` accepts, each change noted
    annotate(plan, today)  # what each deadline is read as, for the reviewer
    return ImportResult(plan, rows_read, _task_warnings(plan.tasks), doc.notes, mode)


def _check_deadline_column(table: PlanTable, paragraphs: list[str]) -> str | None:
    """None when the table has a deadline column; else the document's "set later" sentence.

    A table without deadlines is a mistake unless the document says they come later (seed
    000): then its tasks are imported with deadlines "not yet set".
    """
    if "deadline" in table.columns:
        return None
    set_later = says_set_later(paragraphs)
    if not set_later:
        raise ImportFailed(
            "the plan table has no deadline column (header: "
            + " | ".join(c for c in table.header if c)
            + "); name it e.g. 'Срок исполнения', 'Строк виконання', 'Termiņš', 'Deadline'"
        )
    return set_later


def _finish_period(plan: Plan, stated: str | None, given: str | None) -> None:
    """The plan period: as given, as the title states it, or the span of the deadlines."""
    if plan.period:
        if not given and stated:
            plan.note("period", "period read from the title")
        return
    inferred = period_from_years([t.deadline or "" for t in plan.tasks])
    plan.period = inferred
    if inferred:
        plan.note("period", "period not stated in the title: inferred from the deadlines, check it")
    else:
        plan.note("period", "not yet set: the document states no period (use --period)")


def _task_warnings(tasks: list[Task]) -> list[str]:
    out = []
    for t in tasks:
        for key, notes in t.comments.items():
            if key == "task" and all(n.startswith("candidate") for n in notes):
                continue
            for note in notes:
                # what a deadline is read as is for the file, not a warning; doubts are
                if not note.startswith((READ_AS, "- ")):
                    out.append(f"task {t.id}: {key}: {note}")
    return out
