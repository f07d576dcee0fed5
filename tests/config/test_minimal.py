"""A deployment written with only the keys docs/configuration.md calls required passes
`reminder check`: built-in defaults are never validated as if the user had written them."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

import pytest

from reminder.cli import cmd_check
from tests.config.conftest import Write, findings

TODAY = date(2024, 3, 1)  # plans without a period read as this year

# docs/configuration.md, "Required keys": timezone, country, plans; the directory is
# executors.yaml by default; an executor needs id, name, language; a plan id, title, language;
# a task id and title.
MINIMAL_REMINDER = """\
timezone: Europe/Kyiv
country: UA
plans: [plans/*.yaml]
"""
MINIMAL_EXECUTORS = """\
executors:
  - id: dmk
    name: Департамент масових комунікацій
    language: uk
"""
MINIMAL_PLAN = """\
id: roadmap
title: План заходів
language: uk
tasks:
  - id: "1.1"
    title: Проведення конкурсу
    executors: [Департамент масових комунікацій]
"""


def _check(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    """``reminder check --config path``: the exit code and the lines printed."""
    code = cmd_check._run(argparse.Namespace(config=str(path), strict=False))
    out = capsys.readouterr().out
    return code, [line.replace(str(path.parent) + "/", "") for line in out.splitlines()]


def test_only_the_required_keys_pass_check(write: Write, capsys) -> None:
    path = write(reminder=MINIMAL_REMINDER, executors=MINIMAL_EXECUTORS,
                 plans={"roadmap.yaml": MINIMAL_PLAN})
    code, lines = _check(path, capsys)
    assert [line for line in lines if " error: " in line] == []
    assert code == 0
    assert lines[-1].startswith("OK: 1 plan, 1 task; 0 errors, ")


def test_without_a_secretariat_the_built_in_escalation_to_it_is_skipped(write: Write) -> None:
    # The engine leaves out a rung addressed to a secretariat that does not exist
    # (schedule/audience.py), so the default ladder is no error: a warning says what happens.
    path = write(reminder=MINIMAL_REMINDER, executors=MINIMAL_EXECUTORS,
                 plans={"roadmap.yaml": MINIMAL_PLAN})
    assert "reminder.yaml:1: warning: no `secretariat`: digests go to nobody, and the built-in " \
           "escalation to the secretariat (15 working days late) is skipped" in findings(path, today=TODAY)


@pytest.mark.parametrize("policy", [
    "policy:\n  escalate: [{after: 15, to: secretariat}]\n",
    "policy:\n  before: [7]\n  escalate:\n    - {after: 5, to: supervisor}\n"
    "    - {after: 15, to: secretariat}\n",
])
def test_an_escalation_the_user_writes_to_a_missing_secretariat_is_still_an_error(
        write: Write, policy: str) -> None:
    path = write(reminder=MINIMAL_REMINDER + policy, executors=MINIMAL_EXECUTORS,
                 plans={"roadmap.yaml": MINIMAL_PLAN})
    assert any(": error: escalates to the secretariat, but reminder.yaml names no "
               "`secretariat`" in f for f in findings(path, today=TODAY))


def test_a_policy_that_leaves_escalate_out_keeps_the_default_without_an_error(
        write: Write) -> None:
    path = write(reminder=MINIMAL_REMINDER + "policy:\n  before: [7, 1]\n",
                 executors=MINIMAL_EXECUTORS, plans={"roadmap.yaml": MINIMAL_PLAN})
    assert [f for f in findings(path, today=TODAY) if " error: " in f] == []
