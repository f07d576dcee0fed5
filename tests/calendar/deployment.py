"""A small deployment for the calendar tests: a Ukrainian plan whose text holds what
iCalendar must escape (commas, semicolons, a line break, quotes, non-Latin letters)."""

from __future__ import annotations

from pathlib import Path

from tests.deployment_yaml import REMINDER as BASE_REMINDER

REMINDER_YAML = BASE_REMINDER + """\
calendar: {folder: feeds}
"""

EXECUTORS_YAML = """\
executors:
  - {id: sec, name: Секретаріат, language: uk, email: [sec@example.org]}
  - {id: dmk, name: Департамент масових комунікацій, language: uk, email: [dmk@example.org]}
  - {id: fin, name: "Finance, Budget; Audit", language: en, email: [fin@example.org]}
"""

PLAN_YAML = """\
id: roadmap
title: "План заходів; 2027, перший етап"
period: "2027"
language: uk
tasks:
  - id: "1.1"
    title: "Консультації, звіт; підсумки\\nдругий рядок — «лапки» ✓"
    start: 2027-02-01
    due: 2027-03-02
    executors:
      - {name: dmk, role: lead}
      - {name: fin, role: co}
  - id: "1.2"
    title: Звіт про виконання
    deadline: IV квартал
    executors: [fin]
  - id: "1.3"
    title: План комунікацій
    due: 2027-02-15
    status: done
    executors: [dmk]
"""


def make_deployment(tmp: Path) -> Path:
    """Write the deployment; returns the path of reminder.yaml."""
    (tmp / "plans").mkdir(parents=True, exist_ok=True)
    (tmp / "reminder.yaml").write_text(REMINDER_YAML, encoding="utf-8")
    (tmp / "executors.yaml").write_text(EXECUTORS_YAML, encoding="utf-8")
    (tmp / "plans" / "roadmap.yaml").write_text(PLAN_YAML, encoding="utf-8")
    return tmp / "reminder.yaml"
