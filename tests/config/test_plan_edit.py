"""Setting a plan file's status changes that one line and keeps every other byte."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from reminder.config.plan_edit import PlanEditError, current_status, with_status, write_in_place

CASES = [
    # the value replaced, its comment and the file's CRLF line endings kept
    ("id: p\r\ntitle: T\r\nlanguage: uk\r\nstatus: open  # до кінця року\r\ntasks: []\r\n",
     "closed",
     "id: p\r\ntitle: T\r\nlanguage: uk\r\nstatus: closed  # до кінця року\r\ntasks: []\r\n"),
    # quoted: the quotes are part of the value
    ('# план\nid: p\ntitle: T\nstatus: "closed"\nlanguage: uk\n', "open",
     "# план\nid: p\ntitle: T\nstatus: open\nlanguage: uk\n"),
    # no status: a line after language's (after its comment), before tasks
    ("id: p\ntitle: T\nlanguage: uk   # мова\ntasks:\n  - id: '1'\n    status: done\n",
     "archived",
     "id: p\ntitle: T\nlanguage: uk   # мова\nstatus: archived\ntasks:\n  - id: '1'\n"
     "    status: done\n"),
    # a task's status is not the plan's
    ("id: p\ntitle: T\ntasks:\n  - {id: '1', status: done}\nlanguage: uk\n", "closed",
     "id: p\ntitle: T\ntasks:\n  - {id: '1', status: done}\nlanguage: uk\nstatus: closed\n"),
    # language on the last line, with no line ending: the new line is last, likewise
    ("id: p\ntitle: T\nlanguage: uk", "closed", "id: p\ntitle: T\nlanguage: uk\nstatus: closed"),
    # a byte-order mark stays
    ("\ufeffid: p\ntitle: T\nlanguage: uk\nstatus: closed\n", "open",
     "\ufeffid: p\ntitle: T\nlanguage: uk\nstatus: open\n"),
    # `status:` with no value
    ("id: p\ntitle: T\nstatus:\nlanguage: uk\n", "closed",
     "id: p\ntitle: T\nstatus: closed\nlanguage: uk\n"),
]


@pytest.mark.parametrize(("text", "status", "expected"), CASES)
def test_only_the_status_changes(text: str, status: str, expected: str) -> None:
    assert with_status(text, status, "p.yaml") == expected


@pytest.mark.parametrize(("text", "message"), [
    ("{id: p, title: T, language: uk}\n",
     "p.yaml: the plan is written as one {...} mapping; set `status: closed` in it by hand"),
    ("- a\n- b\n", "p.yaml: not a plan"),
    ("id: p\ntitle: T\n", "p.yaml: neither `language:` nor `tasks:` to put `status: closed` by"),
    ("id: [p\n", "p.yaml: invalid YAML"),
])
def test_a_file_that_cannot_be_edited_safely_is_refused(text: str, message: str) -> None:
    with pytest.raises(PlanEditError) as err:
        with_status(text, "closed", "p.yaml")
    assert str(err.value).startswith(message)


@pytest.mark.parametrize(("data", "expected"), [
    ({"id": "p"}, "open"), ({"status": "closed"}, "closed"), (None, "open")])
def test_current_status(data: object, expected: str) -> None:
    assert current_status(data) == expected


def test_the_file_is_replaced_whole_keeping_its_mode_and_its_symlink(tmp_path: Path) -> None:
    real = tmp_path / "plans-real" / "p.yaml"
    real.parent.mkdir()
    real.write_bytes(b"old\n")
    os.chmod(real, 0o640)
    link = tmp_path / "p.yaml"
    link.symlink_to(real)
    write_in_place(link, b"new\n")
    assert link.is_symlink() and real.read_bytes() == b"new\n"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(p.name for p in real.parent.iterdir()) == ["p.yaml"]  # no temporary left
