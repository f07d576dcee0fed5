"""Plans the importer writes pass `reminder check` (docs/configuration.md, "A plan file").

Documents number their items the way people write them: "1 а", "2/1", "п. 3", two numbers in
one cell, the same number twice. A task id is the plan's own numbering, but it may hold no
spaces or slashes (tasks are referred to as ``<plan>/<task>``) and is unique in its plan.
`settle` makes every value of an imported plan one that `check` accepts and says what it
changed in a comment next to it; `check_output` then runs the text about to be written
through the loader `check` uses (reminder.config.plans.resolve_plan), so nothing it rejects is
ever written.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from functools import lru_cache

from pydantic import TypeAdapter, ValidationError

from reminder import languages
from reminder.config.base import Ident
from reminder.config.directory import Directory
from reminder.config.problems import Problem
from reminder.importers.model import Plan, Task
from reminder.importers.words import ITEM_MARKERS

NO_TITLE = "(no title in the document)"
_ROLES = ("lead", "co", "partner", "involved")
# Runs of what an id may not hold (reminder.config.base.Ident): spaces, line breaks, slashes.
_NOT_IN_ID = re.compile(r"[\s/]+")
# The only finding about a plan that depends on the directory: a name it does not know.
_EXECUTOR_NAME = re.compile(r"^tasks\[\d+\]\.executors\[\d+\]\.name$")


@lru_cache(maxsize=1)
def _marker() -> re.Pattern[str]:
    words = sorted(ITEM_MARKERS, key=len, reverse=True)  # "пп." before "п."
    return re.compile(r"^(?:" + "|".join(re.escape(w) for w in words) + r")(?=[\s\d]|$)\s*",
                      re.IGNORECASE)


@lru_cache(maxsize=1)
def _ident() -> TypeAdapter[str]:
    return TypeAdapter(Ident)


def is_id(text: str) -> bool:
    """Whether `check` accepts ``text`` as a plan or task id (the model's own rule)."""
    try:
        _ident().validate_python(text)
    except ValidationError:
        return False
    return True


def as_id(text: str) -> str:
    """``text`` as an id `check` accepts: an item marker ("п.", "№") left out, each run of
    spaces, line breaks and slashes one "-"; "" when nothing is left."""
    flat = "".join(ch if ch.isprintable() else " " for ch in text).strip()
    flat = _marker().sub("", flat)
    flat = _NOT_IN_ID.sub("-", flat).strip("-").rstrip(".")
    return flat if is_id(flat) else ""


def settle(plan: Plan) -> None:
    """Make every value of ``plan`` one that `reminder check` accepts, in place.

    Each change is noted next to the value for the reviewer: made ids, a repeated number
    numbered, a placeholder title, a period or country that was not one, dates in the wrong
    order, a second lead.
    """
    _settle_plan(plan)
    seen: set[str] = set()
    for position, task in enumerate(plan.tasks, start=1):
        _settle_id(task, position, seen)
        _settle_text(task)
        _settle_dates(task)
        _settle_executors(task)


def _settle_plan(plan: Plan) -> None:
    from reminder.config.deployment import country_code
    from reminder.deadlines.model import Period

    new_id = as_id(plan.id) or "plan"
    if new_id != plan.id:
        plan.note("id", f"{plan.id!r} is no plan id (no spaces or slashes): {new_id!r} here")
        plan.id = new_id
    if not plan.title.strip():
        plan.title = NO_TITLE
        plan.note("title", "no title found in the document: write one")
    if plan.period is not None:
        try:
            Period.parse(plan.period)
        except ValueError as exc:
            plan.note("period", f"{plan.period!r} read from the document is no period ({exc}): "
                                "set it")
            plan.period = None
    if plan.language not in languages.LANGUAGES:
        plan.note("language", f"{plan.language!r} is not a language of plans: check it")
        plan.language = "en"
    if plan.country is not None:
        try:
            plan.country = country_code(plan.country)
        except ValueError:
            plan.note("country", f"{plan.country!r} is no country the holidays calendar "
                                  "knows: the deployment's country is used")
            plan.country = None


def _settle_id(task: Task, position: int, seen: set[str]) -> None:
    """A valid id unique in the plan: the number made an id, else the task's position; a
    number seen before gets "-2", "-3", ..."""
    written = task.id
    new = as_id(written) or str(position)
    if new in seen:
        n = 2
        while f"{new}-{n}" in seen:
            n += 1
        numbered = f"{new}-{n}"
        task.note("task", f"the document numbers this task {new!r} again: id {numbered!r} "
                          "here")
        new = numbered
    elif new != written:
        why = "gives no number" if not written.strip() else f"numbers this task {written!r}"
        task.note("task", f"the document {why}: id {new!r} here (ids have no spaces or "
                          "slashes)")
    seen.add(new)
    task.id = new


def _settle_text(task: Task) -> None:
    if not task.title.strip():
        task.title = NO_TITLE
        task.note("title", "no title in the document: write one")
    # An empty optional text is no text: `check` wants it left out, not "".
    task.section = task.section if task.section and task.section.strip() else None
    task.result = task.result if task.result and task.result.strip() else None
    task.deadline = task.deadline if task.deadline and task.deadline.strip() else None


def _settle_dates(task: Task) -> None:
    dates: dict[str, date | None] = {}
    for key in ("start", "due"):
        value = getattr(task, key)
        try:
            dates[key] = date.fromisoformat(value) if value else None
        except ValueError:
            task.note(key, f"{value!r} is no date: left out")
            dates[key] = None
            setattr(task, key, None)
    start, due = dates["start"], dates["due"]
    if start and due and start > due:
        task.note("start", f"start {start} is after the due date {due}: left out, check it")
        task.start = None


def _settle_executors(task: Task) -> None:
    task.executors = [e for e in task.executors if e.name.strip()]
    lead_seen = False
    for index, executor in enumerate(task.executors):
        if executor.role not in _ROLES:
            executor.role = "co"
        if executor.role == "lead":
            if lead_seen:  # `check`: one lead per task
                executor.role = "co"
                task.note(f"executors[{index}]", "a second lead in the document: made `co`, "
                                                 "check it")
            lead_seen = True


def check_output(text: str, shown: str, *, today: date, directory: Directory | None = None,
                 ) -> tuple[list[Problem], list[Problem]]:
    """What `reminder check` says about ``text`` as the plan file ``shown``.

    Returns the errors (a file with any must not be written) and, with ``directory``, the
    executor names it does not know, as warnings: the import is a draft to review, and its
    reviewer adds those names to the directory or corrects them.
    """
    from reminder.config import Policy
    from reminder.config.plans import PlanContext, resolve_plan
    from reminder.config.yamlsource import parse_yaml_text

    doc = parse_yaml_text(text, shown)
    ctx = PlanContext(directory if directory is not None else Directory(), Policy(), "", today,
                      has_secretariat=True, directory_usable=directory is not None)
    _, problems = resolve_plan(doc, ctx)
    errors = [p for p in problems if p.is_error]
    names = [p for p in errors if directory is not None and _EXECUTOR_NAME.match(p.path)]
    return ([p for p in errors if p not in names],
            [replace(p, severity="warning") for p in names])
