"""The importer never writes a value `reminder check` rejects: item numbers that are no valid
ids ("1 а", "2/1", "п. 3", two lines in one cell) become ids, repeated numbers are numbered,
and the text about to be written is checked with the models `check` uses before it is."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from reminder.cli import main
from reminder.importers import valid
from reminder.importers.importer import import_document
from reminder.importers.yaml_out import render
from tests.importers.builders import build_docx, build_numbered_docx, build_numbered_xlsx
from tests.importers.conftest import TODAY

DOCX_NUMBERS = ["1 а", "2/1", "п. 3", "1.1", "1.1", "№ 7", "8", "4.1\n4.2"]
XLSX_NUMBERS: list[object] = ["1 а", 1.1, 1.1, "2 / 3", "1.10", 1.1]

EXECUTORS = """\
executors:
  - id: osvita
    name: Департамент освіти облдержадміністрації
    language: uk
    email: osvita@example.org
  - id: pechat
    name: Комитет по печати
    language: ru
    email: pechat@example.org
"""


def _check(tmp_path: Path, plan_text: str) -> list[str]:
    """What `reminder check` says about a deployment holding only this plan."""
    from reminder.cli.cmd_check import run_checks

    (tmp_path / "plans").mkdir(exist_ok=True)
    (tmp_path / "plans" / "imported.yaml").write_text(plan_text, encoding="utf-8")
    (tmp_path / "executors.yaml").write_text(EXECUTORS, encoding="utf-8")
    (tmp_path / "reminder.yaml").write_text(
        "timezone: Europe/Kyiv\ncountry: UA\nplans: [plans/*.yaml]\n", encoding="utf-8")
    _, problems = run_checks(str(tmp_path / "reminder.yaml"), today=TODAY)
    return [str(p) for p in problems if p.is_error]


@pytest.mark.parametrize(
    ("build", "numbers", "ids"),
    [
        (build_numbered_docx, DOCX_NUMBERS,
         ["1-а", "2-1", "3", "1.1", "1.1-2", "7", "8", "4.1-4.2"]),
        (build_numbered_xlsx, XLSX_NUMBERS, ["1-а", "1.1", "1.1-2", "2-3", "1.10", "1.1-3"]),
    ],
)
def test_item_numbers_become_ids_check_accepts(tmp_path: Path, build, numbers, ids) -> None:
    path = build(tmp_path / f"plan.{'docx' if build is build_numbered_docx else 'xlsx'}",
                 numbers)
    result = import_document(path, today=TODAY)
    assert [t.id for t in result.plan.tasks] == ids
    text = render(result.plan)
    assert _check(tmp_path, text) == []
    assert valid.check_output(text, "imported.yaml", today=TODAY) == ([], [])
    # the reviewer is told which ids were made, next to the task
    assert "# the document numbers this task '1 а': id '1-а' here" in text
    assert "# the document numbers this task '1.1' again: id '1.1-2' here" in text


def test_a_task_without_a_title_gets_one_to_replace(tmp_path: Path) -> None:
    path = build_numbered_docx(tmp_path / "plan.docx", ["1", "2"], ["Захід", ""])
    plan = import_document(path, today=TODAY).plan
    assert [t.title for t in plan.tasks] == ["Захід", "(no title in the document)"]
    assert plan.tasks[1].comments["title"] == ["no title in the document: write one"]
    assert _check(tmp_path, render(plan)) == []


def test_settle_repairs_every_value_check_would_reject() -> None:
    from reminder.importers.model import Executor, Plan, Task

    plan = Plan(id="my plan", title=" ", period="2020-2019", language="uk", country="XX",
                source=None, tasks=[
                    Task(id="a/b", title="", section=" ", result="", deadline=" ",
                         start="2020-05-01", due="2020-04-01",
                         executors=[Executor("ДМК", "lead"), Executor(" ", "co"),
                                    Executor("РДА", "lead")]),
                    Task(id="", title="Друге"),
                ])
    valid.settle(plan)
    text = render(plan)
    assert valid.check_output(text, "p.yaml", today=TODAY) == ([], [])
    data = yaml.safe_load(text)
    assert (data["id"], data["title"], data["period"], data["country"]) == (
        "my-plan", "(no title in the document)", None, None)
    first, second = data["tasks"]
    assert (first["id"], first["section"], first["result"], first["deadline"]) == (
        "a-b", None, None, None)
    assert (first["start"], str(first["due"])) == (None, "2020-04-01")
    assert first["executors"] == [{"name": "ДМК", "role": "lead"},
                                  {"name": "РДА", "role": "co"}]
    assert second["id"] == "2"


def test_check_output_finds_what_check_finds() -> None:
    text = ("id: p\ntitle: T\nperiod: '2020'\nlanguage: uk\ntasks:\n"
            "  - id: 1 a\n    title: A\n  - id: '2'\n    title: B\n"
            "  - id: '2'\n    title: C\n    executors:\n      - {name: X, role: lead}\n"
            "      - {name: Y, role: lead}\n")
    errors, unmatched = valid.check_output(text, "out.yaml", today=TODAY)
    # the invalid id does not hide the findings about the other tasks
    assert [str(p) for p in errors] == [
        "out.yaml:6: tasks[0].id: error: string should match pattern '^[^\\s/]+$' (got '1 a')",
        "out.yaml:10: tasks[2].id: error: duplicate task id '2' (first on line 8)",
        "out.yaml:14: tasks[2].executors[1].role: error: more than one lead; make the others "
        "`co`",
    ]
    text = text.replace("id: 1 a", "id: '1'")
    errors, unmatched = valid.check_output(text, "out.yaml", today=TODAY)
    assert [str(p) for p in errors] == [
        "out.yaml:10: tasks[2].id: error: duplicate task id '2' (first on line 8)",
        "out.yaml:14: tasks[2].executors[1].role: error: more than one lead; make the others "
        "`co`",
    ]
    assert unmatched == []


def test_the_cli_writes_nothing_that_check_rejects(tmp_path: Path, capsys, monkeypatch) -> None:
    # Were a value to slip through (here: settling switched off), the file is not written and
    # each problem is reported as `reminder check` reports it.
    monkeypatch.setattr("reminder.importers.importer.settle", lambda plan: None)
    path = build_numbered_docx(tmp_path / "plan.docx", ["1 а", "2"])
    out = tmp_path / "out.yaml"
    assert main(["import", str(path), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert re.search(rf"^{re.escape(str(out))}:\d+: tasks\[0\]\.id: error: string should "
                     "match pattern", err, re.M)
    assert "nothing was written" in err and "Traceback" not in err
    assert not out.exists()


def test_plan_ids_from_the_command_line(tmp_path: Path, capsys) -> None:
    path = build_docx(tmp_path / "plan.docx")
    assert main(["import", str(path), "--id", "my plan"]) == 2
    assert "--id: 'my plan' is not a plan id (no spaces or slashes)" in capsys.readouterr().err
    out = tmp_path / "roadmap 2024.yaml"
    assert main(["import", str(path), "-o", str(out)]) == 0
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["id"] == "roadmap-2024"
    capsys.readouterr()
