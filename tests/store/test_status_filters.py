"""`reminder status --at DATE --overdue --executor ID`: the status as of a day, only what is
overdue then, only one executor's tasks; the options combine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reminder.cli import main
from tests.deployment_yaml import REMINDER as BASE_REMINDER

REMINDER = BASE_REMINDER

EXECUTORS = """\
executors:
  - {id: sec, name: Plan office, language: en, email: [sec@example.org]}
  - {id: dmk, name: Mass communications department, language: en,
     email: [dmk@example.org], supervisor: sec}
  - {id: social, name: Social protection department, aliases: [DSZN], language: en,
     email: [social@example.org], supervisor: sec}
  - {id: council, name: Public council, language: en, email: [council@example.org],
     partner: true}
"""

PLAN = """\
id: roadmap
title: Roadmap 2023
period: "2023"
language: en
tasks:
  - id: "1.1"
    title: Public consultations
    due: 2023-10-02
    executors: [dmk, {name: Public council, role: partner}]
  - id: "1.2"
    title: Annual report
    due: 2023-10-20
    executors: [social, dmk]
  - id: "1.3"
    title: Website update
    due: 2023-09-29
    executors: [social]
    status: done
"""

CLOCK = "2023-09-12T09:00"


@pytest.fixture
def conf(tmp_path: Path) -> Path:
    (tmp_path / "plans").mkdir()
    (tmp_path / "reminder.yaml").write_text(REMINDER, encoding="utf-8")
    (tmp_path / "executors.yaml").write_text(EXECUTORS, encoding="utf-8")
    (tmp_path / "plans" / "roadmap.yaml").write_text(PLAN, encoding="utf-8")
    assert main(["tick", "--config", str(tmp_path / "reminder.yaml"), "--now", CLOCK]) == 0
    return tmp_path / "reminder.yaml"


def status(capsys: pytest.CaptureFixture[str], conf: Path, *extra: str) -> tuple[int, str, str]:
    code = main(["status", "--config", str(conf), "--now", CLOCK, *extra])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def tasks_of(out: str) -> list[str]:
    return [line.split()[0] for line in out.splitlines() if line.startswith("roadmap/")]


@pytest.mark.parametrize(("extra", "expected"), [
    # nothing is overdue on the clock's day (12 September)
    (("--overdue",), []),
    # 1.1 (due 2 October) on 9 October; 1.3 was due before too, but it is done
    (("--at", "2023-10-09", "--overdue"), ["roadmap/1.1"]),
    # on 2 October itself 1.1 is due, not late
    (("--at", "2023-10-02", "--overdue"), []),
    (("--at", "2023-10-03", "--overdue"), ["roadmap/1.1"]),
    (("--at", "2023-11-01", "--overdue"), ["roadmap/1.1", "roadmap/1.2"]),
    # the lead, a co-executor, a partner
    (("--executor", "social"), ["roadmap/1.2", "roadmap/1.3"]),
    (("--executor", "dmk"), ["roadmap/1.1", "roadmap/1.2"]),
    (("--executor", "council"), ["roadmap/1.1"]),
    # a name or alias as plans write them
    (("--executor", "DSZN"), ["roadmap/1.2", "roadmap/1.3"]),
    # combined
    (("--executor", "social", "--at", "2023-11-01", "--overdue"), ["roadmap/1.2"]),
    (("--executor", "council", "--at", "2023-11-01", "--overdue"), ["roadmap/1.1"]),
    (("--executor", "council", "--task", "roadmap/1.2"), []),
    (("--task", "roadmap/1.2", "--at", "2023-10-09", "--overdue"), []),
])
def test_the_filters_and_their_combinations(conf: Path, capsys, extra, expected) -> None:
    code, out, err = status(capsys, conf, *extra)
    assert (code, err) == (0, "")
    assert tasks_of(out) == expected


def test_overdue_lists_only_the_late_occurrences_in_the_usual_lines(conf: Path, capsys):
    _, out, _ = status(capsys, conf, "--at", "2023-10-09", "--overdue")
    # as of the morning of 9 October: 1.1's overdue reminder of that day is still to come;
    # "sent" is the ledger as it is (the first tick, on 12 September, sent dmk its reminder 14
    # working days before, and the partner its notice)
    assert out.splitlines() == [
        "roadmap/1.1  [by] Public consultations",
        "    due 2023-10-02  open  sent 1  next 2023-10-09 09:00",
    ]


def test_json_has_the_same_shape_filtered(conf: Path, capsys) -> None:
    _, out, _ = status(capsys, conf, "--json", "--executor", "council", "--at", "2023-10-09",
                       "--overdue")
    data = json.loads(out)
    assert [t["task"] for t in data["tasks"]] == ["roadmap/1.1"]
    assert data["tasks"][0]["occurrences"] == [{
        "due": "2023-10-02", "status": "open", "snoozed_until": None,
        "next": "2023-10-09 09:00", "sent": 1}]
    assert data["retrying"] == [] and data["needs_a_person"] == []


@pytest.mark.parametrize(("given", "message"), [
    ("dkm", "reminder: --executor: unknown executor 'dkm'; did you mean dmk?\n"),
    ("nobody-at-all", "reminder: --executor: unknown executor 'nobody-at-all'; known: council, "
                      "dmk, sec, social\n"),
])
def test_an_unknown_executor_is_refused_naming_the_near_ids(conf: Path, capsys, given,
                                                            message) -> None:
    code, out, err = status(capsys, conf, "--executor", given)
    assert (code, out, err) == (2, "", message)
