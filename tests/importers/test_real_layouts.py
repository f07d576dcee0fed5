"""Documents laid out as real plans and orders import with the tasks a coordinator expects
(tests/importers/real_docs.py: the documents and their expected tasks, written by hand)."""

from __future__ import annotations

import pytest

from reminder.importers.importer import import_document
from reminder.importers.model import ImportResult, Task
from tests.importers.conftest import TODAY, by_id, names
from tests.importers.real_docs import ALL, RealDoc


def _import(doc: RealDoc, tmp_path) -> ImportResult:  # type: ignore[no-untyped-def]
    return import_document(doc.build(tmp_path / doc.name), today=TODAY)


def _partners(task: Task) -> list[str]:
    return names(task, "partner")


@pytest.mark.parametrize("doc", ALL, ids=lambda d: d.name)
def test_tasks_ids_deadlines_and_executors(doc: RealDoc, tmp_path) -> None:
    tasks = _import(doc, tmp_path).plan.tasks
    assert [t.id for t in tasks] == [e.id for e in doc.tasks]
    got = by_id(tasks)
    for want in doc.tasks:
        task = got[want.id]
        assert task.deadline == want.deadline, want.id
        assert names(task, "lead") == ([want.lead] if want.lead else []), want.id
        assert names(task, "co") == list(want.co), want.id
        assert _partners(task) == list(want.partners), want.id
    for task_id, note in doc.notes.items():
        assert any(note in n for n in got[task_id].comments.get("deadline", [])), task_id


def test_unnumbered_row_with_its_own_deadline_says_why_it_is_a_task(tmp_path) -> None:
    doc = next(d for d in ALL if d.name == "ru-two-row.docx")
    task = by_id(_import(doc, tmp_path).plan.tasks)["1.2a"]
    assert task.title.startswith("Подготовка обзора изменений")
    assert task.section == "1. Организационные мероприятия"
    assert any("no number: id '1.2a'" in n for n in task.comments["task"])


def test_restarted_numbering_is_qualified_and_said(tmp_path) -> None:
    doc = next(d for d in ALL if d.name == "lv-sections.xlsx")
    tasks = by_id(_import(doc, tmp_path).plan.tasks)
    assert tasks["II.1"].section == "II. Pārskatatbildība"
    assert "numbering restarts in each section: id 'II.1' here (item 1 of section II)" in (
        tasks["II.1"].comments["task"])
    # the approximate deadline waits for a person's confirmation
    assert tasks["II.2"].confirmed is False and tasks["II.1"].confirmed is None


def test_no_executor_column_is_not_set_later(tmp_path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text("№;Мероприятие;Срок исполнения\n1;Провести семинар;до 1 марта 2024 г.\n",
                    encoding="utf-8")
    task = import_document(path, today=TODAY).plan.tasks[0]
    assert task.comments["executors"] == ["not yet set (no executor column found in the table)"]


@pytest.mark.parametrize(("cell", "meaning"), [
    ("Викона-вець", "responsible"),
    ("Викона-\nвець", "responsible"),
    ("Срок испол-нения", "deadline"),
    ("Atbildīgā institū-cija", "responsible"),
    ("Līdzatbildīgā institū-\ncija", "co_responsible"),
    ("Співвико-навці", "co_responsible"),
    ("Найменування за-\nходу", "title"),
    ("Co-executor", "co_responsible"),
    ("Ter\u00admiņš", "deadline"),  # a soft hyphen left by the word processor
])
def test_hyphenated_header_words(cell: str, meaning: str) -> None:
    from reminder.importers.header import column_meaning

    assert column_meaning(cell) == meaning


@pytest.mark.parametrize(("cell", "expected"), [
    ("лицеи 1, 2, 3, Управление образования",
     [("лицеи 1, 2, 3", "lead"), ("Управление образования", "co")]),
    ("ГУ «Школа № 1, 2, 3»", [("ГУ «Школа № 1, 2, 3»", "lead")]),
    ("школы № 5, 7 и 9; Отдел образования",
     [("школы № 5, 7 и 9", "lead"), ("Отдел образования", "co")]),
    ("Иванов И.И., Петров П.П.", [("Иванов И.И.", "lead"), ("Петров П.П.", "co")]),
    ("Т.В. Шумак, Управління культури", [("Т.В. Шумак", "lead"), ("Управління культури", "co")]),
    ("Finanšu ministrija, Valsts kanceleja.",
     [("Finanšu ministrija", "lead"), ("Valsts kanceleja", "co")]),
])
def test_numbers_and_initials_stay_in_names(cell: str, expected: list[tuple[str, str]]) -> None:
    from reminder.importers.executors import split_executors

    assert [(e.name, e.role) for e in split_executors(cell)] == expected
