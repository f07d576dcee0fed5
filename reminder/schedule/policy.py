"""The reminder policy: which rungs a ladder has (docs/configuration.md, ``policy:``).

A value: the planner (reminder.schedule.planner) turns it into send instants.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import time
from typing import Any, Literal

from reminder.schedule.workdays import Shift


@dataclass(frozen=True)
class Escalation:
    """After ``after`` working days late, tell ``to``: "supervisor" (the lead's), "secretariat",
    or a named executor id."""

    after: int
    to: str


@dataclass(frozen=True)
class Policy:
    """The reminder ladder of docs/configuration.md, ``policy:``."""

    send_time: time = time(9, 0)
    working_days_only: bool = True
    due_shift: Shift = "next"
    notice_on_open: bool = True
    before: tuple[int, ...] = (14, 3, 1)
    before_unit: Literal["working", "calendar"] = "working"
    on_due: bool = True
    overdue_every: int | None = 7
    escalate: tuple[Escalation, ...] = field(
        default=(Escalation(5, "supervisor"), Escalation(15, "secretariat"))
    )

    def merged(self, overrides: Mapping[str, Any] | None) -> Policy:
        """This policy with the keys a plan or task overrides (YAML values) replaced."""
        if not overrides:
            return self
        return replace(self, **_coerce(overrides))

    def to_json(self) -> dict[str, Any]:
        """A JSON-able dict with the YAML's keys (stored with each task)."""
        return {
            "send_time": self.send_time.strftime("%H:%M"),
            "working_days_only": self.working_days_only,
            "due_shift": self.due_shift,
            "notice_on_open": self.notice_on_open,
            "before": list(self.before),
            "before_unit": self.before_unit,
            "on_due": self.on_due,
            "overdue_every": self.overdue_every,
            "escalate": [{"after": e.after, "to": e.to} for e in self.escalate],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> Policy:
        """The inverse of to_json; missing keys take the defaults."""
        return cls().merged(data)


def _coerce(data: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key not in Policy.__dataclass_fields__:
            raise ValueError(f"policy: unknown key {key!r}")
        if key == "send_time" and not isinstance(value, time):
            value = time.fromisoformat(str(value))
        elif key == "before":
            value = tuple(sorted((int(v) for v in value), reverse=True))
        elif key == "escalate":
            value = tuple(
                e if isinstance(e, Escalation) else Escalation(int(e["after"]), e["to"])
                for e in value
            )
        elif key == "overdue_every" and value is not None:
            value = int(value) or None
        out[key] = value
    return out
