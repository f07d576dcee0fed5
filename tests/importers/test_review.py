"""The review loop: import says what each deadline is read as; check keeps asking about doubtful
readings until a person confirms them in the YAML (docs/configuration.md, `confirmed`)."""

from __future__ import annotations

from datetime import date

import pytest

from reminder.config import Policy
from reminder.config.directory import Directory
from reminder.config.plans import PlanContext, resolve_plan
from reminder.config.yamlsource import parse_yaml_text
from reminder.importers.importer import import_document
from reminder.importers.yaml_out import render

TODAY = date(2026, 1, 15)
CONFIRM = "check it, then set `confirmed: true` on the task (or give `due` and `start`)"


def _plan(deadline: str, extra: str = "") -> str:
    return (
        "id: p\ntitle: План\nperiod: '2024'\nlanguage: ru\ncountry: RU\ntasks:\n"
        f"  - id: '1'\n    title: Задача\n    deadline: {deadline}\n{extra}"
        "    executors: [Комитет]\n"
    )


def _warnings(text: str) -> list[str]:
    doc = parse_yaml_text(text, "plans/p.yaml")
    ctx = PlanContext(Directory(), Policy(), "RU", TODAY, directory_usable=False)
    _, problems = resolve_plan(doc, ctx)
    return [p.message for p in problems if p.severity == "warning"]


@pytest.mark.parametrize(("deadline", "extra", "expected"), [
    ("начало 2024 года", "",
     [f"deadline 'начало 2024 года' was read approximately as 2024-01-01..2024-03-31: {CONFIRM}"]),
    ("начало 2024 года", "    confirmed: false\n",
     [f"deadline 'начало 2024 года' was read approximately as 2024-01-01..2024-03-31: {CONFIRM}"]),
    ("март 2024 (по возможности)", "",
     ["deadline 'март 2024 (по возможности)' was read ignoring 'возможности' as "
      f"2024-03-01..2024-03-31: {CONFIRM}"]),
    ("начало 2024 года", "    confirmed: true\n", []),  # a person confirmed it
    ("начало 2024 года", "    due: 2024-03-15\n", []),  # explicit dates win over the text
    ("до 1 марта 2024 г.", "", []),  # an exact reading needs no confirmation
])
def test_check_asks_until_confirmed(deadline: str, extra: str, expected: list[str]) -> None:
    assert _warnings(_plan(deadline, extra)) == expected


def test_import_comment_and_confirmed_key_then_check(tmp_path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(
        "План мероприятий на 2023 год\n"
        "№\tМероприятие\tСрок исполнения\tИсполнитель\n"
        "1\tПодготовка доклада\tIII квартал 2023 г.\tКомитет экономики\n"
        "2\tСбор предложений\tначало 2023 года\tКомитет экономики\n",
        encoding="utf-8",
    )
    text = render(import_document(path, today=TODAY).plan)
    lines = text.splitlines()
    first = lines.index("    deadline: III квартал 2023 г.")
    assert lines[first - 1] == (
        "    # read as: 2023-07-01..2023-09-30, due Mon 2 Oct 2023 (30 Sep is a Saturday)")
    second = lines.index("    deadline: начало 2023 года")
    assert lines[second - 2:second + 2] == [
        "    # read as: 2023-01-01..2023-03-31, due Fri 31 Mar 2023",
        "    # an approximate reading: check it, then set `confirmed: true` on the task (or "
        "give start/due)",
        "    deadline: начало 2023 года",
        "    confirmed: false",
    ]
    # the reviewer deletes every comment: check still asks about task 2, and only about it
    bare = "\n".join(line for line in lines if not line.lstrip().startswith("#")) + "\n"
    assert [w for w in _warnings(bare) if "confirmed" in w] == [
        f"deadline 'начало 2023 года' was read approximately as 2023-01-01..2023-03-31: {CONFIRM}"]
    # and is silent once the reviewer flips the key
    assert not [w for w in _warnings(bare.replace("confirmed: false", "confirmed: true"))
                if "confirmed" in w]


def test_read_as_names_the_holiday_and_lists_recurring_dates(tmp_path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(
        "План мероприятий на 2024 год\n"
        "№\tМероприятие\tСрок исполнения\tИсполнитель\n"
        "1\tОтчет\tдо 1 января 2024 г.\tКомитет\n"
        "2\tСправка\tежеквартально\tКомитет\n",
        encoding="utf-8",
    )
    tasks = import_document(path, today=TODAY).plan.tasks
    assert tasks[0].comments["deadline"] == [
        "read as: 2024-01-01, due Tue 9 Jan 2024 (1 Jan is a public holiday: New Year Holidays)"]
    assert tasks[1].comments["deadline"] == [
        "read as: recurring, 4 due dates:",
        "- 2024-01-01..2024-03-31, due Mon 1 Apr 2024 (31 Mar is a Sunday)",
        "- 2024-04-01..2024-06-30, due Mon 1 Jul 2024 (30 Jun is a Sunday)",
        "- 2024-07-01..2024-09-30, due Mon 30 Sep 2024",
        "- 2024-10-01..2024-12-31, due Thu 9 Jan 2025 (31 Dec is a public holiday: Day off "
        "(substituted from 01/07/2024))",
    ]
