"""Set a plan file's ``status`` in place (`reminder close-plan`): only the status line changes;
comments, order, quoting, line endings and every other byte of the file stay as they were.

The edit is made on the text, at the span YAML gives for the top-level ``status`` value (or as
a new line after ``language:``), then checked by reading the result back: it must load to the
same data but for ``status``. The file is replaced atomically, so the daemon reloading it sees
the old plan or the new one, never a part.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from reminder.config.yamlsource import parse_yaml_text
from reminder.files import write_atomic

PLAN_STATUSES = ("open", "closed", "archived")


class PlanEditError(ValueError):
    """The file cannot be edited safely; the message names the file and says what to do."""


def current_status(data: Any) -> str:
    """The plan's status as its file states it (``open`` when the key is absent)."""
    value = data.get("status") if isinstance(data, dict) else None
    return value if isinstance(value, str) else "open"


def with_status(text: str, status: str, file: str) -> str:
    """``text`` (a plan file) with its top-level ``status`` set to ``status``."""
    if status not in PLAN_STATUSES:
        raise PlanEditError(f"{status!r} is not a plan status ({', '.join(PLAN_STATUSES)})")
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise PlanEditError(f"{file}: invalid YAML: {exc}") from None
    if not isinstance(root, yaml.MappingNode):
        raise PlanEditError(f"{file}: not a plan (a mapping of id, title, language, tasks)")
    if root.flow_style:
        raise PlanEditError(f"{file}: the plan is written as one {{...}} mapping; "
                            f"set `status: {status}` in it by hand")
    keys: dict[str, tuple[yaml.Node, yaml.Node]] = {
        k.value: (k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode)}
    if "status" in keys:
        value = keys["status"][1]
        lo, hi = value.start_mark.index, value.end_mark.index
        # `status:` with no value: the value goes after the colon, a space between
        word = f" {status}" if lo == hi and text[lo - 1:lo] == ":" else status
        # the value's own span: a comment after it, and its line ending, stay
        new = text[:lo] + word + text[hi:]
    else:
        new = _insert_line(text, keys, f"status: {status}", file)
    _check(text, new, status, file)
    return new


def _insert_line(text: str, keys: dict[str, tuple[yaml.Node, yaml.Node]], line: str,
                 file: str) -> str:
    """``line`` as a top-level key after the ``language:`` line (else before ``tasks:``), at
    the keys' indentation, ending as the file's lines end."""
    if "language" in keys:
        key, value = keys["language"]
        # after the whole line the value ends on (a comment may follow it)
        end = text.find("\n", value.end_mark.index)
        if end < 0:  # the last line, with no line ending: the new line is last, likewise
            return text + _ending(text) + " " * key.start_mark.column + line
        at = end + 1
    elif "tasks" in keys:
        key, _ = keys["tasks"]
        at = key.start_mark.index - key.start_mark.column  # the start of its line
    else:
        raise PlanEditError(f"{file}: neither `language:` nor `tasks:` to put `{line}` by")
    indent = " " * key.start_mark.column
    return text[:at] + indent + line + _ending(text) + text[at:]


def _ending(text: str) -> str:
    """The file's line ending: CRLF when its first line ends so, else LF."""
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


def _check(old: str, new: str, status: str, file: str) -> None:
    """The edited text loads to the old data with only ``status`` changed (or added)."""
    before, after = parse_yaml_text(old, file).data, parse_yaml_text(new, file).data
    if not isinstance(before, dict) or not isinstance(after, dict):
        raise PlanEditError(f"{file}: the plan could not be read back after the edit")
    expected = {**before, "status": status}
    if after != expected:
        raise PlanEditError(f"{file}: setting the status would change more than that line; "
                            f"set `status: {status}` by hand")


def write_in_place(path: Path, data: bytes) -> None:
    """Replace the file at ``path`` (a symlink: the file it points to) with ``data``
    atomically, keeping its permissions (reminder.files.write_atomic)."""
    write_atomic(path, data)
