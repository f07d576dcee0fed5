"""The YAML writer: any text survives, comments sit where a reviewer looks, writes are atomic."""

from __future__ import annotations

import os

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from reminder.importers.model import Executor, Plan, Task
from reminder.importers.yaml_out import as_dict, render, write_atomic


def _plan(title: str, name: str, section: str | None = None) -> Plan:
    task = Task(id="1.1", title=title, section=section, deadline="IV квартал",
                executors=[Executor(name, "lead")])
    return Plan(id="p", title=title, period="2020", language="uk", country="UA",
                source=None, tasks=[task])


@settings(max_examples=300, deadline=None)
@given(
    title=st.text(min_size=1).filter(lambda s: s.strip()),
    name=st.text(min_size=1),
    section=st.none() | st.text(),
)
def test_any_text_round_trips(title, name, section):
    plan = _plan(title, name, section)
    assert yaml.safe_load(render(plan)) == as_dict(plan)


def test_comments_are_placed_above_their_field():
    plan = _plan("Назва", "Департамент")
    plan.tasks[0].note("deadline", "deadline not understood: 'x'")
    plan.note("period", "period read from the title")
    lines = render(plan, header=["Imported from x.txt"]).splitlines()
    assert lines[0] == "# Imported from x.txt"
    i = lines.index("    # deadline not understood: 'x'")
    assert lines[i + 1] == "    deadline: IV квартал"
    assert lines[lines.index("# period read from the title") + 1] == "period: '2020'"


def test_multiline_title_is_a_literal_block():
    text = render(_plan("Захід\n- перше\n- друге", "Д"))
    assert "    title: |-\n      Захід\n      - перше\n      - друге\n" in text


def test_write_atomic_replaces_whole_file_and_leaves_no_temp(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text("old\n", encoding="utf-8")
    write_atomic(path, "new: плaн\n")
    assert path.read_text(encoding="utf-8") == "new: плaн\n"
    assert os.listdir(tmp_path) == ["plan.yaml"]


def test_write_atomic_failure_keeps_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "plan.yaml"
    path.write_text("old\n", encoding="utf-8")

    def boom(*_args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        write_atomic(path, "new\n")
    assert path.read_text(encoding="utf-8") == "old\n"
    assert os.listdir(tmp_path) == ["plan.yaml"]
