"""Shared pieces of the YAML models: the strict base class and common field types."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, StringConstraints, model_validator

Lang = Literal["ru", "uk", "lv", "en"]

# Ids appear in references (`<plan>/<task>`, `supervisor: <id>`), so no slashes or spaces.
Ident = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, pattern=r"^[^\s/]+$")
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def _one_or_many(value: Any) -> Any:
    """Let a single value stand for a one-item list (``email: a@example.org``)."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def as_list(item_type: Any) -> Any:
    """A list field that also accepts one bare item."""
    return Annotated[list[item_type], BeforeValidator(_one_or_many)]


class StrictModel(BaseModel):
    """Unknown keys are errors; numbers written where text is expected are read as text."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, coerce_numbers_to_str=True, populate_by_name=True
    )

    @model_validator(mode="before")
    @classmethod
    def _empty_means_default(cls, data: Any) -> Any:
        # `executors:` or `policy:` left empty in hand-edited YAML reads as null; it means "the
        # default" (an empty list, no overrides), not a type error.
        if not isinstance(data, dict):
            return data
        fields = {(f.alias or name): f for name, f in cls.model_fields.items()}
        return {
            key: value for key, value in data.items()
            if value is not None or key not in fields or fields[key].is_required()
            or fields[key].get_default(call_default_factory=False) is None
        }


_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")


def check_email(value: str) -> str:
    """A plain address check: enough to catch typos, not an RFC 5322 validator."""
    if not _EMAIL.match(value):
        raise ValueError(f"{value!r} is not an email address")
    return value
