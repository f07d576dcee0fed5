"""Shared helpers: the seed plans (copied here so a fresh clone is self-contained)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from reminder.importers.importer import import_document
from reminder.importers.model import ImportResult, Task

SEEDS = Path(__file__).parent / "seeds"
TODAY = date(2026, 1, 15)  # imports never depend on the wall clock when a period is known


def seed(prefix: str) -> Path:
    """The seed document whose name starts with the prefix ("003")."""
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


def by_id(tasks: list[Task]) -> dict[str, Task]:
    return {t.id: t for t in tasks}


def names(task: Task, role: str | None = None) -> list[str]:
    return [e.name for e in task.executors if role is None or e.role == role]


@pytest.fixture(scope="session")
def imported() -> dict[str, ImportResult]:
    """Every seed imported once per test session (they are small, but the parser is not free)."""
    return {p: import_document(seed(p), today=TODAY) for p in ("000", "001", "002", "003", "004")}
