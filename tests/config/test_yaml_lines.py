"""The YAML reader: line numbers for every key, syntax errors located, scalars kept as written."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from reminder.config.yamlsource import parse_yaml_text, read_yaml

DOC = """\
id: p
tasks:
  - id: 2.1
    title: a
  - id: 1.10
    title: b
    executors:
      - {name: X, role: lead}
"""


@pytest.mark.parametrize(
    ("path", "line"),
    [
        (("id",), 1),
        (("tasks",), 2),
        (("tasks", 0), 3),
        (("tasks", 1, "title"), 6),
        (("tasks", 1, "executors", 0, "role"), 8),
        # a key that is not there is placed on its nearest enclosing key
        (("tasks", 1, "deadline"), 5),
        (("tasks", 1, "executors", 0, "missing"), 8),
    ],
)
def test_every_key_has_its_line(path: tuple, line: int) -> None:
    assert parse_yaml_text(DOC, "f.yaml").lines.line(path) == line


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("v: 2.1", "2.1"),  # task numbers stay text: YAML 1.1 would make them floats
        ("v: 1.10", "1.10"),  # ... and 1.10 would become 1.1
        ("v: NO", "NO"),  # a country code, not False
        ("v: 09:00", "09:00"),  # a time, not the sexagesimal number 540
        ("v: 2020-12-31", "2020-12-31"),  # dates stay text; pydantic converts date fields
        ("v: 2020", 2020),
        ("v: 010", "010"),  # leading zero: not an octal number
        ("v: true", True),
        ("v: yes", "yes"),
        ("v: ~", None),
        ("v:", None),
    ],
)
def test_scalars_are_read_as_written(text: str, value: object) -> None:
    assert parse_yaml_text(text, "f.yaml").data == {"v": value}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: [1, 2\nb: 3\n", "f.yaml:2: error: invalid YAML"),
        ("a: 1\n  b: 2\n", "f.yaml:2: error: invalid YAML: mapping values are not allowed"),
        ("a: 'x\n", "f.yaml:2: error: invalid YAML"),
        ("", "f.yaml:1: error: the file is empty"),
        ("# only a comment\n", "f.yaml:1: error: the file is empty"),
        ("null\n...\n", "f.yaml:1: error: the file is empty"),
        ("a: 1\nb: 2\na: 3\n", "f.yaml:3: a: error: duplicate key (first written on line 1)"),
        ("a: !python/object:os.system x\n", "f.yaml:1: error: invalid YAML: could not"),
        ("a: 1\nb: &a [x, *a]\n", "f.yaml:2: error: invalid YAML: an alias refers to the node "
         "that contains it"),
        ("a: &a [x,x,x,x,x,x,x,x,x,x]\n" + "".join(
            f"{k}: &{k} [{', '.join(['*' + p] * 10)}]\n" for p, k in zip("abcdef", "bcdefg", strict=True)
        ), "f.yaml:1: error: invalid YAML: aliases expand to too many values"),
        ("a: " + "[" * 1100 + "]" * 1100, "f.yaml: error: invalid YAML: nested too deeply"),
    ],
)
def test_bad_yaml_is_a_located_problem(text: str, expected: str) -> None:
    problems = parse_yaml_text(text, "f.yaml").problems
    assert problems, text
    assert str(problems[0]).startswith(expected)


def test_merge_keys_work_and_keep_lines() -> None:
    doc = parse_yaml_text("base: &b {x: 1}\nitem:\n  <<: *b\n  y: 2\n", "f.yaml")
    assert doc.data["item"] == {"x": 1, "y": 2}
    assert doc.lines.line(("item", "y")) == 4


def test_unreadable_files(tmp_path: Path) -> None:
    cp1251 = tmp_path / "plan.yaml"
    cp1251.write_bytes("id: p\ntitle: План заходів\n".encode("cp1251"))
    assert [str(p) for p in read_yaml(cp1251, "plan.yaml").problems] == [
        "plan.yaml:2: error: the file is not UTF-8 text (save it as UTF-8; "
        "Windows-1251 files are common)"
    ]
    assert str(read_yaml(tmp_path / "nope.yaml", "nope.yaml").problems[0]) == (
        "nope.yaml: error: file not found"
    )
    assert read_yaml(tmp_path, "dir").problems[0].message == "is a folder, not a file"


def test_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"\xef\xbb\xbfid: p\n")
    assert read_yaml(path).data == {"id": "p"}

KEYS = st.from_regex(r"[a-z][a-z_]{0,8}", fullmatch=True)
LEAVES = st.one_of(st.integers(0, 999), KEYS, st.none())
TREES = st.recursive(
    LEAVES,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(KEYS, inner, max_size=4)),
    max_leaves=20,
)


def _key_paths(data, path=()):
    if isinstance(data, dict):
        for key, value in data.items():
            yield (*path, key)
            yield from _key_paths(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _key_paths(value, (*path, i))


@given(st.dictionaries(KEYS, TREES, min_size=1, max_size=5))
def test_each_key_is_on_the_line_it_is_written(data: dict) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False)
    doc = parse_yaml_text(text, "f.yaml")
    assert doc.data == data
    lines = text.splitlines()
    for path in _key_paths(data):
        line = lines[doc.lines.line(path) - 1]
        # PyYAML quotes keys YAML 1.1 would read as booleans ('no', 'on')
        assert f"{path[-1]}:" in line or f"'{path[-1]}':" in line, (path, line)
