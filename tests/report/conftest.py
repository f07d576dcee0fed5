"""A small deployment with a scripted history: tasks of two departments due on known days,
closed (on time, late, reopened and closed again), extended and snoozed at known instants
through the real commands, and one task whose title holds HTML, a formula and a pipe."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from reminder.cli import main
from tests.deployment_yaml import REMINDER as BASE_REMINDER

REMINDER = BASE_REMINDER

EXECUTORS = """\
executors:
  - {id: sec, name: Секретаріат, language: uk, email: [sec@example.org]}
  - {id: dmk, name: Департамент масових комунікацій, language: uk, email: [dmk@example.org],
     supervisor: sec}
  - {id: osv, name: Департамент освіти, language: uk, email: [osv@example.org],
     supervisor: sec}
"""

HOSTILE = "<script>alert(1)</script> =1+1 | труба"


def task(number: str, due: str, lead: str, title: str | None = None) -> str:
    return textwrap.indent(textwrap.dedent(f"""\
        - id: "{number}"
          title: "{title or f'Захід {number}'}"
          result: "Звіт {number}"
          deadline: "до {due}"
          due: {due}
          executors: [{lead}]
        """), "  ")


PLAN = "id: roadmap\ntitle: План заходів на 2023 рік\nperiod: \"2023\"\nlanguage: uk\ntasks:\n" + "".join([
    # the period 1 October - 31 December 2023 (dmk)
    task("1.1", "2023-10-02", "dmk"),  # done on its due day: on time
    task("1.2", "2023-10-16", "dmk"),  # done the next morning: late
    task("1.3", "2023-11-01", "dmk"),  # done early: on time
    task("1.4", "2023-12-01", "dmk"),  # extended to 8 December, snoozed, still open: overdue
    task("1.8", "2023-10-20", "dmk"),  # done early, reopened, done after its due: late
    # the period before, 1 July - 30 September 2023 (dmk)
    task("1.6", "2023-09-15", "dmk"),  # on time
    task("1.7", "2023-08-01", "dmk"),  # late
    # osv
    task("2.1", "2023-10-10", "osv"),  # closed 00:30 Kyiv on the 11th (21:30 UTC the 10th): late
    task("2.2", "2023-11-15", "osv"),  # on time
    task("2.3", "2023-12-20", "osv"),  # closed 10 January: late
    task("2.4", "2023-07-14", "osv"),  # previous period: on time
    # after the period: overdue on 15 January, in the register only
    task("1.9", "2024-01-10", "dmk", HOSTILE.replace('"', '\\"')),
])

# (command, task, --now, extra arguments), in the order they happen
SCRIPT = [
    ("tick", None, "2023-06-01T09:00", ()),
    ("done", "roadmap/2.4", "2023-07-10T11:00", ()),
    ("done", "roadmap/1.7", "2023-08-10T12:00", ()),
    ("done", "roadmap/1.6", "2023-09-14T15:00", ()),
    ("done", "roadmap/1.1", "2023-10-02T17:00", ("--note", "звіт надіслано")),
    ("done", "roadmap/2.1", "2023-10-11T00:30", ()),
    ("done", "roadmap/1.2", "2023-10-17T09:00", ()),
    ("done", "roadmap/1.8", "2023-10-19T10:00", ()),
    ("done", "roadmap/1.3", "2023-10-20T10:00", ()),
    ("reopen", "roadmap/1.8", "2023-10-25T10:00", ("--note", "не той звіт")),
    ("done", "roadmap/1.8", "2023-11-02T10:00", ()),
    ("done", "roadmap/2.2", "2023-11-15T10:00", ()),
    ("extend", "roadmap/1.4", "2023-11-28T10:00", ("--to", "2023-12-08", "--reason",
                                                    "бюджет затримано")),
    ("tick", None, "2023-12-11T09:30", ()),
    ("snooze", "roadmap/1.4", "2023-12-12T10:00", ("--days", "7")),
    ("done", "roadmap/2.3", "2024-01-10T10:00", ()),
]


@pytest.fixture(scope="package")
def scripted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The deployment after the script; returns its reminder.yaml."""
    d = tmp_path_factory.mktemp("scripted")
    (d / "plans").mkdir()
    (d / "reminder.yaml").write_text(REMINDER, encoding="utf-8")
    (d / "executors.yaml").write_text(EXECUTORS, encoding="utf-8")
    (d / "plans" / "roadmap.yaml").write_text(PLAN, encoding="utf-8")
    config = str(d / "reminder.yaml")
    for command, key, now, extra in SCRIPT:
        argv = [command, *([key] if key else []), "--config", config, "--now", now, *extra]
        assert main(argv) == 0, argv
    return d / "reminder.yaml"
