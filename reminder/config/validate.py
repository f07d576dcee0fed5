"""Validate YAML data with a pydantic model and turn every error into a located `Problem`."""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from reminder.config.problems import Problem
from reminder.config.yamlsource import YamlDocument

M = TypeVar("M", bound=BaseModel)

_TYPE_NAMES = {dict: "a mapping", list: "a list", str: "text", int: "a number", bool: "true/false"}


def _data_path(data: Any, loc: Sequence[str | int]) -> tuple[str | int, ...]:
    """The part of pydantic's ``loc`` that names keys and indices in the data.

    pydantic puts validator and union tags ("function-after[...]", "int") into ``loc``; walking
    the data tells real keys from those tags. A missing key is kept: it is the key to add.
    """
    path: list[str | int] = []
    cur = data
    for i, part in enumerate(loc):
        in_dict = isinstance(cur, dict) and part in cur
        in_list = isinstance(cur, list) and isinstance(part, int) and 0 <= part < len(cur)
        if in_dict or in_list:
            cur = cur[part]  # type: ignore[index]
        elif isinstance(cur, dict) and isinstance(part, str) and i == len(loc) - 1:
            cur = None
        else:
            continue
        path.append(part)
    return tuple(path)


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, tuple, typing.Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None


def allowed_keys(model: type[BaseModel], path: Sequence[str | int]) -> list[str]:
    """The keys the model accepts in the mapping at ``path`` (empty when unknown)."""
    current: type[BaseModel] | None = model
    for part in path:
        if current is None:
            return []
        if isinstance(part, int):
            continue
        fields = {(f.alias or name): f for name, f in current.model_fields.items()}
        if part not in fields:
            return []
        current = _inner_model(fields[part].annotation)
    if current is None:
        return []
    return [
        (f.alias or name)
        for name, f in current.model_fields.items()
        if not f.exclude  # resolved secrets are not keys anyone writes
    ]


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _message(model: type[BaseModel], error: Any, path: tuple[str | int, ...]) -> str:
    kind, msg, value = error["type"], error["msg"], error.get("input")
    if kind == "missing":
        return "required key is missing"
    if kind == "extra_forbidden":
        allowed = allowed_keys(model, path[:-1])
        close = difflib.get_close_matches(str(path[-1]), allowed, n=1, cutoff=0.6)
        if close:
            return f"unknown key; did you mean {close[0]!r}?"
        return "unknown key; allowed here: " + ", ".join(allowed) if allowed else "unknown key"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        got = _TYPE_NAMES.get(type(value), type(value).__name__)
        keys = ", ".join(allowed_keys(model, path))
        return f"expected a mapping of keys ({keys}), got {got}"
    if value is None and kind.endswith("_type"):
        return "has no value"
    if kind in ("value_error", "assertion_error"):
        return msg.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if kind.startswith("date") and value is not None:
        detail = msg.split(", ", 1)[1] if ", " in msg else ""
        why = f": {detail}" if "range" in detail else ""
        return f"must be a date written YYYY-MM-DD, e.g. 2020-12-31{why} (got {_shown(value)})"
    if kind.startswith("time") and value is not None:
        detail = msg.split(", ", 1)[1] if ", " in msg else ""
        why = f": {detail}" if "range" in detail else ""
        return f"must be a time written HH:MM, e.g. 09:00{why} (got {_shown(value)})"
    if msg.startswith("Input should be "):
        msg = "must be " + msg.removeprefix("Input should be ")
    return f"{msg[:1].lower()}{msg[1:]} (got {_shown(value)})"


def validate(
    model: type[M], doc: YamlDocument, path: tuple[str | int, ...] = ()
) -> tuple[M | None, list[Problem]]:
    """Validate ``doc.data`` (or the part at ``path``) with ``model``; never raises.

    Returns the instance (None on any error) and one Problem per pydantic error, each on the
    line of the key it concerns.
    """
    data = doc.data
    for part in path:
        data = data[part]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            rel = _data_path(data, error["loc"])
            problems.append(doc.problem((*path, *rel), _message(model, error, rel)))
        return None, problems
