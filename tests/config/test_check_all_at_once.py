"""`reminder check` reports every problem in one run: a mistake in the directory does not hide
the plans' unknown names, a mistake in one task does not hide the findings about the others
(in that file or another), and each unknown name is one line listing the tasks that use it.
The expected lines are written out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from reminder.cli import main
from tests.config.conftest import REMINDER, Write

EXECUTORS = """\
executors:
  - {id: sec, name: Секретаріат, language: uk, email: [sec@example.org]}
  - id: dmk
    name: Департамент масових комунікацій
    aliases: [ДМК]
    language: uk
    emial: [dmk@example.org]
    supervisor: sec
  - id: social
    name: Департамент соціального захисту
    language: de
    supervisor: boss
"""

ROADMAP = """\
id: roadmap
title: План
period: "2023"
language: uk
tasks:
  - id: "1.1"
    title: Перше
    due: 02.10.2023
    executors: [Міністерство фінансів, ДМК]
  - id: "1.2"
    title: Друге
    due: 2023-10-02
    executors: [Міністерство фінансів]
  - id: "1.3"
    title: Третє
    deadline: IV квартал
    executors: [Департамент соціального захисту, Мінкульт]
  - id: "1.3"
    title: Четверте
    due: 2023-13-01
    executors: [Міністерство  ФІНАНСІВ]
"""

OTHER = """\
id: other
title: Інший план
period: "2023"
language: uk
tasks:
  - {id: "7", title: Сьоме, due: 2023-10-02, executors: [Міністерство фінансів]}
  - {id: "8", title: Восьме, due: 2023-10-02, executors: [Мінкульт], status: finished}
"""


def check(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, list[str]]:
    code = main(["check", "--config", str(path)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, [line.replace(str(path.parent) + "/", "") for line in out.splitlines()]


def test_every_problem_of_every_file_in_one_run(write: Write, capsys) -> None:
    path = write(reminder=REMINDER, executors=EXECUTORS,
                 plans={"roadmap.yaml": ROADMAP, "zz-other.yaml": OTHER})
    code, lines = check(capsys, path)
    assert code == 1
    assert lines == [
        # the directory's own mistakes, each entry still cross-checked
        "executors.yaml:7: executors[1].emial: error: unknown key; did you mean 'email'?",
        "executors.yaml:11: executors[2].language: error: must be 'ru', 'uk', 'lv' or 'en' "
        "(got 'de')",
        "executors.yaml:12: executors[2].supervisor: error: 'boss' is not an executor id",
        # names matched against the directory as far as it could be read (ДМК is dmk's
        # alias, the social department is there): the unknown ones once each, with every
        # task in every plan that names them (spelling and case folded)
        "plans/roadmap.yaml:8: tasks[0].due: error: must be a date written YYYY-MM-DD, e.g. "
        "2020-12-31 (got '02.10.2023')",
        "plans/roadmap.yaml:9: tasks[0].executors[0].name: error: 'Міністерство фінансів' is "
        "not in the executors directory (add it, or an alias); used by roadmap/1.1, "
        "roadmap/1.2, roadmap/1.3, other/7",
        "plans/roadmap.yaml:17: tasks[2].executors[1].name: error: 'Мінкульт' is not in the "
        "executors directory (add it, or an alias); used by roadmap/1.3, other/8",
        # later errors of the same file
        "plans/roadmap.yaml:18: tasks[3].id: error: duplicate task id '1.3' (first on line 14)",
        "plans/roadmap.yaml:20: tasks[3].due: error: must be a date written YYYY-MM-DD, e.g. "
        "2020-12-31: month value is outside expected range of 1-12 (got '2023-13-01')",
        # the second file (read after the first): its invalid status does not hide its
        # names, listed with the first file's uses above
        "plans/zz-other.yaml:7: tasks[1].status: error: must be 'open', 'done' or "
        "'cancelled' (got 'finished')",
        "FAILED: 9 errors, 0 warnings",
    ]


def test_an_unknown_name_used_once_names_its_task(write: Write, capsys) -> None:
    plan = ("id: p\ntitle: T\nperiod: '2023'\nlanguage: uk\ntasks:\n"
            "  - {id: '1', title: A, due: 2023-10-02, executors: [Мінфін]}\n")
    code, lines = check(capsys, write(plans={"p.yaml": plan}))
    assert (code, lines) == (1, [
        "plans/p.yaml:6: tasks[0].executors[0].name: error: 'Мінфін' is not in the executors "
        "directory (add it, or an alias); used by p/1",
        "FAILED: 1 error, 0 warnings"])


def test_a_plan_whose_header_is_invalid_still_has_its_tasks_checked(write: Write, capsys):
    plan = ("id: p\ntitle: T\nperiod: '2023'\nlanguage: de\ntasks:\n"
            "  - {id: '1', title: A, due: 2023-10-02, executors: [Мінфін]}\n"
            "  - {id: '1', title: B, due: 2023-10-02, executors: [dmk]}\n")
    code, lines = check(capsys, write(plans={"p.yaml": plan}))
    assert (code, lines) == (1, [
        "plans/p.yaml:4: language: error: must be 'ru', 'uk', 'lv' or 'en' (got 'de')",
        "plans/p.yaml:6: tasks[0].executors[0].name: error: 'Мінфін' is not in the executors "
        "directory (add it, or an alias); used by p/1",
        "plans/p.yaml:7: tasks[1].id: error: duplicate task id '1' (first on line 6)",
        "FAILED: 3 errors, 0 warnings"])


def test_a_directory_that_cannot_be_read_as_entries_does_not_flood_the_plans(write: Write,
                                                                              capsys) -> None:
    # no list of entries to match against: the names are not reported as unknown
    code, lines = check(capsys, write(executors="executors: {id: dmk}\n"))
    assert code == 1
    assert lines == ["executors.yaml:1: executors: error: must be a valid list (got {'id': "
                     "'dmk'})", "FAILED: 1 error, 0 warnings"]
