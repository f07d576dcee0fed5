"""Models of a plan file (`plans/<id>.yaml`): the plan, its tasks and their executors."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from reminder.config.base import Ident, Lang, StrictModel, Text
from reminder.config.limits import out_of_range
from reminder.deadlines.model import Period
from reminder.schedule.kinds import PlanRole
from reminder.schedule.policy import PolicyOverride

Status = Literal["open", "done", "cancelled"]
# A plan's lifecycle: closed stops its reminders (the digest still lists what was left open);
# archived also leaves the digest. Either keeps the plan's history.
PlanStatus = Literal["open", "closed", "archived"]


class ExecutorRef(StrictModel):
    """A responsible party as the plan names it; matched to the directory when loaded."""

    name: Text
    role: PlanRole | None = None  # None: the first executor leads, the others are co-executors

    @model_validator(mode="before")
    @classmethod
    def _bare_name(cls, value: Any) -> Any:
        # `- Департамент ...` is as clear as `- {name: Департамент ...}` when the role is implied.
        return {"name": value} if isinstance(value, str) else value


class TaskEntry(StrictModel):
    """One row of the plan."""

    id: Ident
    section: Text | None = None
    title: Text
    result: Text | None = None
    deadline: Text | None = None
    start: date | None = None
    due: date | None = None
    # A person checked how the deadline text is read: `reminder check` stops warning about a
    # reading that is approximate or skipped words (reminder/config/plans.py).
    confirmed: bool = False
    executors: list[ExecutorRef] = Field(default_factory=list)
    policy: PolicyOverride = Field(default_factory=PolicyOverride)
    status: Status = "open"

    @field_validator("start", "due")
    @classmethod
    def _supported(cls, value: date | None) -> date | None:
        # Far from today the ladder's day arithmetic leaves Python's dates (config/limits.py).
        if value is not None and (why := out_of_range(value)):
            raise ValueError(f"{value} {why}")
        return value

    @model_validator(mode="after")
    def _dates_ordered(self) -> TaskEntry:
        if self.start and self.due and self.start > self.due:
            raise ValueError(f"start {self.start} is after due {self.due}")
        return self


class PlanFile(StrictModel):
    """A plan: its identity, period, language and tasks."""

    id: Ident
    title: Text
    period: Text | None = None
    language: Lang
    country: Text | None = None
    timezone: Text | None = None  # None: the deployment's
    status: PlanStatus = "open"
    source: Text | None = None
    policy: PolicyOverride = Field(default_factory=PolicyOverride)
    tasks: list[TaskEntry] = Field(default_factory=list)

    @field_validator("period")
    @classmethod
    def _period(cls, value: str | None) -> str | None:
        if value is not None:
            period = Period.parse(value)  # ValueError says what forms are accepted
            why = out_of_range(period.start) or out_of_range(period.end)
            if why:
                raise ValueError(f"period {value!r} {why}")
        return value

    @field_validator("country")
    @classmethod
    def _country(cls, value: str | None) -> str | None:
        from reminder.config.deployment import country_code

        return None if value is None else country_code(value)

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str | None) -> str | None:
        from reminder.config.deployment import zone_name

        return None if value is None else zone_name(value)
