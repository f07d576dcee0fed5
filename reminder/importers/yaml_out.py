"""Write an imported plan as the YAML a coordinator reviews (docs/configuration.md).

PyYAML cannot write comments, and the comments are the point ("# deadline not understood"),
so the layout is written here line by line and PyYAML only quotes scalars. The text is then
loaded back and compared with the plan, so a quoting mistake can never produce a file that
means something else. Files are written to a temporary file and renamed into place.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import unicodedata
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from reminder.importers.model import Plan, Task

# libyaml when present: the round-trip check of a 1,000-task plan takes 2.5 s in pure Python.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _scalar(value: Any, indent: int) -> str:
    """A YAML scalar; multi-line text becomes a literal block indented under its key."""
    if value is None:
        return "null"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and "\n" in value:
        if _literal_safe(value):
            pad = " " * (indent + 2)
            return "|-\n" + "\n".join(pad + line for line in value.split("\n"))
        return _inline(value, '"')  # escapes keep odd text on one line
    return _inline(value)


def _literal_safe(value: str) -> bool:
    """Whether a literal block (``|-``) gives back exactly this text."""
    return (
        value == value.strip()
        and all(ch == "\n" or (ch.isprintable() and ch != "\t") for ch in value)
        and "\ufeff" not in value
    )


@lru_cache(maxsize=4096)
def _inline(value: str | int | bool, style: str | None = None) -> str:
    """A one-line scalar quoted only as much as YAML needs (names repeat: cached)."""
    if style is None and isinstance(value, str) and not _literal_safe(value.replace("\n", " ")):
        style = '"'  # control characters, tabs, edge spaces: escaped, never raw
    text = yaml.dump(
        value, Dumper=_Dumper, allow_unicode=True, width=10**6, default_flow_style=False,
        default_style=style,
    )
    if text.endswith("\n...\n"):
        text = text[: -len("\n...\n")]
    return text.strip()


# What may not stand in a comment as itself: YAML forbids control characters anywhere in the
# stream (a raw ESC made the written file unreadable), and a bidi override or zero-width
# character in a note would show the reviewer something else than what is there.
_UNSAFE_IN_COMMENT = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})


def _comment_text(text: str) -> str:
    """A note as comment text: each unsafe character shown as its escape (\\x1b, \\u202e),
    as `reminder.cli.terminal.printable` shows it on a terminal."""
    if text.isascii() and text.isprintable():
        return text
    return "".join(
        ch if unicodedata.category(ch) not in _UNSAFE_IN_COMMENT
        else f"\\x{ord(ch):02x}" if ord(ch) < 0x100
        else f"\\u{ord(ch):04x}" if ord(ch) < 0x10000 else f"\\U{ord(ch):08x}"
        for ch in text)


def _comments(lines: list[str], notes: list[str] | None, indent: int) -> None:
    for note in notes or ():
        for part in " ".join(note.split()).split(" // "):
            lines.append(" " * indent + "# " + _comment_text(part))


def _task_lines(task: Task, lines: list[str]) -> None:
    c = task.comments
    _comments(lines, c.get("task"), 2)
    lines.append(f"  - id: {_scalar(task.id, 4)}")
    fields: list[tuple[str, Any]] = [
        ("section", task.section),
        ("title", task.title),
        ("result", task.result),
        ("deadline", task.deadline),
    ]
    if task.start or task.due:
        fields += [("start", _as_date(task.start)), ("due", _as_date(task.due))]
    if task.confirmed is not None:
        fields.append(("confirmed", task.confirmed))
    for key, value in fields:
        _comments(lines, c.get(key), 4)
        lines.append(f"    {key}: {_scalar(value, 4)}")
    _comments(lines, c.get("executors"), 4)
    if not task.executors:
        lines.append("    executors: []")
    else:
        lines.append("    executors:")
        for index, ex in enumerate(task.executors):
            _comments(lines, c.get(f"executors[{index}]"), 6)
            lines.append(f"      - name: {_scalar(ex.name, 8)}")
            lines.append(f"        role: {ex.role}")
    lines.append("    status: open")


def _as_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def render(plan: Plan, header: list[str] | None = None) -> str:
    """The plan as YAML text with reviewer comments."""
    lines: list[str] = []
    _comments(lines, header, 0)
    c = plan.comments
    for key, value in (
        ("id", plan.id),
        ("title", plan.title),
        ("period", plan.period),
        ("language", plan.language),
        ("country", plan.country),
        ("source", plan.source),
    ):
        _comments(lines, c.get(key), 0)
        lines.append(f"{key}: {_scalar(value, 0)}")
    _comments(lines, c.get("tasks"), 0)
    lines.append("tasks:" if plan.tasks else "tasks: []")
    for task in plan.tasks:
        _task_lines(task, lines)
    text = "\n".join(lines) + "\n"
    _check_round_trip(plan, text)
    return text


def as_dict(plan: Plan) -> dict[str, Any]:
    """What the YAML of a plan loads to (used to check the written text)."""
    tasks = []
    for t in plan.tasks:
        item: dict[str, Any] = {
            "id": t.id, "section": t.section, "title": t.title, "result": t.result,
            "deadline": t.deadline,
        }
        if t.start or t.due:
            item["start"], item["due"] = _as_date(t.start), _as_date(t.due)
        if t.confirmed is not None:
            item["confirmed"] = t.confirmed
        item["executors"] = [{"name": e.name, "role": e.role} for e in t.executors]
        item["status"] = "open"
        tasks.append(item)
    return {
        "id": plan.id, "title": plan.title, "period": plan.period, "language": plan.language,
        "country": plan.country, "source": plan.source, "tasks": tasks,
    }


def _check_round_trip(plan: Plan, text: str) -> None:
    loaded = yaml.load(text, Loader=_Loader)
    if loaded != as_dict(plan):
        raise AssertionError("the YAML written does not load back to the imported plan")


def write_atomic(path: Path, text: str) -> None:
    """Write text to path so a reader sees the old file or the whole new one, never a part."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def inline_scalar(value: str | int | bool) -> str:
    """A one-line YAML scalar, quoted only as much as YAML needs (for other files the
    importer writes, such as the directory stub)."""
    return _inline(value)


def comment_safe(text: str) -> str:
    """``text`` as it may stand in a YAML comment: unsafe characters shown escaped."""
    return _comment_text(text)
