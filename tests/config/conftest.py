"""Helpers that write a small deployment (reminder.yaml, executors.yaml, plans) into tmp_path."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from reminder.config import Problem, collect

REMINDER = """\
timezone: Europe/Kyiv
country: UA
directory: executors.yaml
plans: [plans/*.yaml]
secretariat: sec
"""

EXECUTORS = """\
executors:
  - id: sec
    name: Секретаріат
    language: uk
    email: [sec@example.org]
  - id: dmk
    name: Департамент масових комунікацій облдержадміністрації
    aliases: [ДМК]
    language: uk
    email: [dmk@example.org]
    supervisor: sec
  - id: social
    name: Департамент соціального захисту населення облдержадміністрації
    language: uk
    email: dszn@example.org
    supervisor: sec
  - id: igs
    name: Інститути громадянського суспільства
    aliases: [ІГС]
    language: uk
    partner: true
"""

PLAN = """\
id: lugansk-2020
title: План заходів на 2020 рік
period: "2020"
language: uk
tasks:
  - id: "1.1"
    title: Проведення конкурсу
    due: 2020-12-31
    executors:
      - Департамент масових комунікацій облдержадміністрації
"""

Write = Callable[..., Path]


@pytest.fixture
def write(tmp_path: Path) -> Write:
    """``write(reminder=..., executors=..., plans={"a.yaml": text})`` -> path of reminder.yaml.

    Texts are dedented; a value left out gets the small valid default above; None omits the
    file.
    """

    def _write(
        reminder: str | None = REMINDER,
        executors: str | None = EXECUTORS,
        plans: dict[str, str] | None = None,
    ) -> Path:
        plans = {"lugansk-2020.yaml": PLAN} if plans is None else plans
        (tmp_path / "plans").mkdir(exist_ok=True)
        for name, text in (("reminder.yaml", reminder), ("executors.yaml", executors)):
            if text is not None:
                (tmp_path / name).write_text(textwrap.dedent(text), encoding="utf-8")
        for name, text in plans.items():
            (tmp_path / "plans" / name).write_text(textwrap.dedent(text), encoding="utf-8")
        return tmp_path / "reminder.yaml"

    return _write


def relative(problems: list[Problem], root: Path) -> list[str]:
    """Problems as printed, with the tmp folder cut off the file names."""
    return [str(p).replace(str(root) + "/", "") for p in problems]


def findings(path: Path, **kwargs: object) -> list[str]:
    """Every finding of the deployment at ``path`` as ``file:line: key: severity: message``."""
    kwargs.setdefault("env", {})
    _, problems = collect(path, **kwargs)  # type: ignore[arg-type]
    return relative(problems, path.parent)
