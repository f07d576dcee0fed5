"""Read a YAML file into plain Python data plus the line of every key.

PyYAML's composer gives nodes with marks; we build the data from the nodes ourselves so each key
path (``("tasks", 3, "deadline")``) maps to the line it is written on, and every later error can
say ``file:line: key: message``. The scalar rules are YAML 1.2's core schema, narrowed: only
``true``/``false``, ``null``/``~`` and plain decimal integers are typed; everything else stays a
string. That keeps task ids ``2.1`` and ``1.10`` apart (YAML 1.1 reads both as floats), the
country ``NO`` a country (not ``False``), and ``09:00`` a time (not the sexagesimal 540);
pydantic converts strings to numbers or dates where a field asks for one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from reminder.config.problems import Problem, Severity, format_path

KeyPath = tuple[str | int, ...]


class _Loader(yaml.SafeLoader):
    """SafeLoader with the narrowed implicit typing described in the module docstring."""

    yaml_implicit_resolvers: dict = {}  # noqa: RUF012 (PyYAML's class-level registry)


for _tag, _pattern, _first in (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:int", r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789"),
    ("tag:yaml.org,2002:merge", r"^(?:<<)$", "<"),
):
    _Loader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


@dataclass
class LineMap:
    """Key path -> 1-based line; lookups fall back to the nearest enclosing key."""

    lines: dict[KeyPath, int] = field(default_factory=dict)

    def line(self, path: Sequence[str | int]) -> int | None:
        key = tuple(path)
        while True:
            if key in self.lines:
                return self.lines[key]
            if not key:
                return None
            key = key[:-1]


@dataclass
class YamlDocument:
    """What `read_yaml` returns: the data (None when unreadable), its lines, and the findings."""

    file: str
    data: Any
    lines: LineMap
    problems: list[Problem]

    def problem(
        self, path: Sequence[str | int], message: str, severity: Severity = "error"
    ) -> Problem:
        """A finding at ``path`` of this document, placed on the key's line."""
        return Problem(self.file, self.lines.line(path), format_path(path), message, severity)


def _line_of(node: yaml.Node) -> int:
    return node.start_mark.line + 1


class _Builder:
    """Turns composed nodes into data, recording lines and duplicate keys."""

    # Aliases may repeat a subtree many times ("billion laughs"); a plan has a few thousand
    # values, so a budget far above that stops a hostile or broken file early.
    MAX_VALUES = 200_000

    def __init__(self, loader: _Loader, file: str) -> None:
        self.loader = loader
        self.file = file
        self.lines = LineMap()
        self.problems: list[Problem] = []
        self._open: set[int] = set()  # nodes being built: an alias to one of them is a cycle
        self._seen: set[int] = set()  # nodes built once: meeting one again is an alias
        self._aliased = False
        self._built = 0

    def build(self, node: yaml.Node, path: KeyPath) -> Any:
        if id(node) in self._open:
            raise yaml.MarkedYAMLError(problem="an alias refers to the node that contains it",
                                       problem_mark=node.start_mark)
        self._built += 1
        if id(node) in self._seen:
            self._aliased = True
        self._seen.add(id(node))
        if self._built > self.MAX_VALUES:
            # Say which it is: a hostile file of aliases, or simply far more than a plan holds.
            what = ("aliases expand to too many values" if self._aliased else
                    f"more than {self.MAX_VALUES:,} values, far more than a plan holds; "
                    "split it into several files")
            raise yaml.MarkedYAMLError(problem=what, problem_mark=node.start_mark)
        self._open.add(id(node))
        try:
            return self._build(node, path)
        finally:
            self._open.discard(id(node))

    def _build(self, node: yaml.Node, path: KeyPath) -> Any:
        self.lines.lines.setdefault(path, _line_of(node))
        if isinstance(node, yaml.ScalarNode):
            return self.loader.construct_object(node, deep=True)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            self.loader.flatten_mapping(node)  # applies `<<: *anchor` merge keys
            result: dict[str, Any] = {}
            first_line: dict[str, int] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    self.problems.append(
                        Problem(self.file, _line_of(key_node), format_path(path),
                                "a key must be a plain word, not a list or mapping")
                    )
                    continue
                key = self.loader.construct_object(key_node)
                key = "" if key is None else str(key).lower() if isinstance(key, bool) else str(key)
                if key in result:
                    self.problems.append(
                        Problem(self.file, _line_of(key_node), format_path((*path, key)),
                                f"duplicate key (first written on line {first_line[key]})")
                    )
                    continue
                first_line[key] = _line_of(key_node)
                self.lines.lines[(*path, key)] = _line_of(key_node)
                result[key] = self.build(value_node, (*path, key))
            return result
        raise yaml.constructor.ConstructorError(None, None, "unexpected node", node.start_mark)


def _failed(file: str, line: int | None, message: str) -> YamlDocument:
    return YamlDocument(file, None, LineMap(), [Problem(file, line, "", message)])


def _decode(raw: bytes, file: str) -> tuple[str | None, Problem | None]:
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, Problem(
            file, line, "", "the file is not UTF-8 text (save it as UTF-8; "
            "Windows-1251 files are common)"
        )


def parse_yaml_text(text: str, file: str) -> YamlDocument:
    """Parse YAML text; syntax errors become findings with the line, never exceptions."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return _failed(file, 1, "the file is empty")
        builder = _Builder(loader, file)
        data = builder.build(node, ())
        if data is None:  # `~` or `null` alone: nothing to read, like an empty file
            return _failed(file, _line_of(node), "the file is empty")
        return YamlDocument(file, data, builder.lines, builder.problems)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = " ".join(x for x in (exc.context, exc.problem) if x) or "cannot be read"
        if "'\\t'" in what:  # PyYAML's words for it do not say what to do
            what += " (indent with spaces: YAML does not allow tabs there)"
        return _failed(file, line, f"invalid YAML: {what}")
    except yaml.YAMLError as exc:
        return _failed(file, None, f"invalid YAML: {exc}")
    except RecursionError:
        return _failed(file, None, "invalid YAML: nested too deeply")
    finally:
        loader.dispose()


# The largest real plans are a few hundred kilobytes; parsing is pure Python (about 3 s per
# megabyte), so a file far beyond that is refused before it is read, not after a minute.
MAX_BYTES = 4 * 1024 * 1024


def read_yaml(path: Path, file: str | None = None) -> YamlDocument:
    """Read and parse ``path``; ``file`` is the name findings show (default: the path)."""
    shown = file if file is not None else str(path)
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return _failed(shown, None, "file not found")
    except IsADirectoryError:
        return _failed(shown, None, "is a folder, not a file")
    except OSError as exc:
        return _failed(shown, None, f"cannot read: {exc.strerror or exc}")
    if len(raw) > MAX_BYTES:
        return _failed(shown, None, f"larger than {MAX_BYTES // (1024 * 1024)} MB, far more "
                                    "than a plan or directory holds; split it into several files")
    if b"\x00" in raw[:8192]:  # UTF-8 text never holds a NUL byte; UTF-16 is not read
        return _failed(shown, None, "binary data, not YAML text")
    text, problem = _decode(raw, shown)
    if problem is not None:
        return YamlDocument(shown, None, LineMap(), [problem])
    return parse_yaml_text(text or "", shown)
