"""What a configuration check reports: one `Problem` per finding, all of them at once."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


def format_path(path: Sequence[str | int]) -> str:
    """``("tasks", 3, "deadline")`` -> ``tasks[3].deadline``; the root is ``""``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding: where (file, 1-based line, key path) and what.

    ``line`` is None when the finding has no place in a file (a file that cannot be read).
    """

    file: str
    line: int | None
    path: str
    message: str
    severity: Severity = "error"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        key = f" {self.path}:" if self.path else ""
        return f"{where}:{key} {self.severity}: {self.message}"


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Order findings as a reader walks the files: by file, then line; duplicates dropped."""
    unique = dict.fromkeys(problems)
    return sorted(unique, key=lambda p: (p.file, p.line or 0, p.path, p.message))


class ConfigError(Exception):
    """The configuration has errors; ``problems`` lists every error and warning found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = sort_problems(problems)
        self.errors: list[Problem] = [p for p in self.problems if p.is_error]
        first = str(self.errors[0]) if self.errors else "no errors"
        more = f" (and {len(self.errors) - 1} more)" if len(self.errors) > 1 else ""
        super().__init__(first + more)
