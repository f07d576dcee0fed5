"""The reminder policy: which rungs a ladder has (docs/configuration.md, ``policy:``).

One model for the whole program. The configuration validates the YAML's ``policy:`` straight into
`Policy`; a plan's or task's ``policy:`` is a `PolicyOverride`, made from Policy's own fields
(each optional, None = inherit); the store keeps ``Policy.to_json()`` with each task; the planner
(reminder.schedule.planner) turns a Policy into send instants. A new policy key is one field here
(and its line in docs/configuration.md): the override, the checks, the JSON follow from it.

Checks that belong to a key's value sit in its annotation, so the override inherits them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import time
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    create_model,
    field_serializer,
    field_validator,
)
from pydantic_core import PydanticCustomError

from reminder.schedule.workdays import Shift

# No count of days in a policy goes past ten years: a reminder 10^8 working days before a due
# date is no reminder, and day arithmetic that far leaves the calendar (dates end in 9999).
MAX_DAYS = 3660

# Unknown keys are errors (a misspelt `befor` must not silently mean "the default"); policies are
# values, hashed and compared (the tick caches ladders per policy).
_MODEL_CONFIG = ConfigDict(extra="forbid", frozen=True)


def _short_hour(value: Any) -> Any:
    # "9:00" is how people write nine o'clock; ISO wants "09:00".
    if isinstance(value, str) and re.fullmatch(r"\d:\d\d", value.strip()):
        return "0" + value.strip()
    return value


def _a_list(value: Any) -> Any:
    # The fields are tuples (hashable), but the YAML writes lists: a wrong value is reported as
    # "not a valid list", as a list field would, not as "not a valid tuple".
    if isinstance(value, list | tuple):
        return value
    raise PydanticCustomError("list_type", "Input should be a valid list")


def _days_before(value: tuple[int, ...]) -> tuple[int, ...]:
    if any(n < 1 for n in value):
        raise ValueError("days before the due date must be 1 or more (use on_due for 0)")
    if any(n > MAX_DAYS for n in value):
        raise ValueError(f"days before the due date must be at most {MAX_DAYS} (ten years)")
    # Order does not matter to the ladder; a sorted, de-duplicated list is what it means.
    return tuple(sorted(set(value), reverse=True))


def _increasing(value: tuple[Escalation, ...]) -> tuple[Escalation, ...]:
    afters = [step.after for step in value]
    if afters != sorted(set(afters)):
        raise ValueError("escalation steps must have strictly increasing `after` days")
    return value


class Escalation(BaseModel):
    """After ``after`` working days late, tell ``to``: "supervisor" (the lead's), "secretariat",
    or a named executor id."""

    # An executor id written as a number in the YAML (`to: 12`) is the text "12".
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)

    after: int = Field(ge=1, le=MAX_DAYS)
    # An id as the configuration's ids are: no spaces or slashes (ids appear in references).
    to: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                         pattern=r"^[^\s/]+$")]

    def __init__(self, after: int | None = None, to: str | None = None, /, **data: Any) -> None:
        # Positional as well as by keyword: Escalation(5, "supervisor") reads like the YAML row.
        # pydantic validates nested YAML rows through this __init__ too, by keyword (in data).
        if after is not None:
            data["after"] = after
        if to is not None:
            data["to"] = to
        super().__init__(**data)


SendTime = Annotated[time, BeforeValidator(_short_hour)]
DaysBefore = Annotated[tuple[int, ...], BeforeValidator(_a_list), AfterValidator(_days_before)]
Steps = Annotated[tuple[Escalation, ...], BeforeValidator(_a_list), AfterValidator(_increasing)]


class Policy(BaseModel):
    """The reminder ladder of docs/configuration.md, ``policy:``; every key has a default.

    ``before`` is sorted descending without repeats; ``overdue_every`` None (0 in the YAML) means
    no repeated overdue reminders; ``overdue_later_every`` None keeps ``overdue_every`` for good;
    ``overdue_stop_after`` None never stops them.
    """

    model_config = _MODEL_CONFIG

    send_time: SendTime = time(9, 0)
    working_days_only: bool = True
    due_shift: Shift = "next"
    notice_on_open: bool = True
    before: DaysBefore = (14, 3, 1)
    before_unit: Literal["working", "calendar"] = "working"
    on_due: bool = True
    overdue_every: Annotated[int | None, Field(ge=0, le=MAX_DAYS)] = 7
    # Overdue reminders thin out, then stop: weekly for four weeks, then monthly, none after a
    # year late; from then on the item lives on in the secretariat's digest only.
    overdue_later_after: Annotated[int, Field(ge=0, le=MAX_DAYS)] = 28
    overdue_later_every: Annotated[int | None, Field(ge=0, le=MAX_DAYS)] = 30
    overdue_stop_after: Annotated[int | None, Field(ge=0, le=MAX_DAYS)] = 365
    escalate: Steps = (Escalation(5, "supervisor"), Escalation(15, "secretariat"))
    # A plan loaded after some of its dates passed: one overdue notice per lead ("summary") or
    # nothing about the past ("silent"); never replayed as if the system had been down.
    first_load: Literal["summary", "silent"] = "summary"
    # Who answers requests for more time and accepts reported items: an executor id; None
    # falls back to the deployment's secretariat.
    coordinator: Annotated[str | None, StringConstraints(strip_whitespace=True, min_length=1,
                                                         pattern=r"^[^\s/]+$")] = None
    # "direct": the lead's "done" closes the item; "accept": it makes the item *reported*, and
    # the coordinator accepts (closed) or returns it (open again, with a note).
    close: Literal["direct", "accept"] = "direct"

    @field_validator("overdue_every", "overdue_later_every", "overdue_stop_after")
    @classmethod
    def _zero_is_none(cls, value: int | None) -> int | None:
        # One spelling of "none", so equal policies compare and hash equal, and the stored JSON
        # keeps the null it always had. Not in the annotation: an override's 0 must stay 0 (a
        # set key), as its None means "inherit".
        return value or None

    @field_serializer("send_time", when_used="json")
    def _hour_minute(self, value: time) -> str:
        return value.strftime("%H:%M")

    def merged(self, *overrides: BaseModel | Mapping[str, Any] | None) -> Policy:
        """This policy with the keys each override sets (later ones win; lists are replaced).

        An override is a `PolicyOverride` or a mapping of YAML values (validated as one, so an
        unknown key is a ValueError); its None values inherit.
        """
        values = dict(self)
        changed = False
        for override in overrides:
            if override is None:
                continue
            if not isinstance(override, BaseModel):
                override = override_model(type(self)).model_validate(override)
            for key, value in override:
                if value is not None:
                    values[key], changed = value, True
        return type(self).model_validate(values) if changed else self

    def to_json(self) -> dict[str, Any]:
        """A JSON-able dict with the YAML's keys (stored with each task); send_time as HH:MM."""
        return self.model_dump(mode="json")

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> Policy:
        """The inverse of to_json; missing keys take the defaults (a null overdue_every is none).

        Every version of the store wrote this same shape, so old rows load as they are.
        """
        return cls.model_validate(dict(data or {}))


@cache
def override_model(policy: type[Policy]) -> type[BaseModel]:
    """The override model of a policy class: its keys, each optional (None = inherit), with the
    same checks, since they are part of each key's annotation."""
    fields: dict[str, Any] = {}
    for name, info in policy.model_fields.items():
        annotation: Any = info.annotation
        if info.metadata:
            annotation = Annotated[(annotation, *info.metadata)]
        fields[name] = (annotation | None, None)
    return create_model(
        f"{policy.__name__}Override",
        __config__=_MODEL_CONFIG,
        __doc__="Per-plan or per-task policy keys: the policy's keys, each optional; a key left "
                "out (or null) inherits.",
        __module__=__name__,
        **fields,
    )


if TYPE_CHECKING:
    class PolicyOverride(BaseModel):
        """Per-plan or per-task policy keys (see override_model)."""

        # mypy cannot see fields made at run time; to it each key is an optional Any.
        def __getattr__(self, name: str) -> Any: ...
else:
    PolicyOverride = override_model(Policy)
