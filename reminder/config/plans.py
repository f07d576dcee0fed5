"""Load one plan file: validate it, parse its deadlines, match its executors, merge policies."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reminder.config.crosscheck import check_coordinator, check_escalation
from reminder.config.directory import Directory
from reminder.config.loaded import Assignment, Plan, Task
from reminder.config.plan import PlanFile, TaskEntry
from reminder.config.problems import Problem, Severity
from reminder.config.validate import validate
from reminder.config.yamlsource import YamlDocument, read_yaml
from reminder.deadlines.model import Deadline, Occurrence, Period
from reminder.schedule.policy import Policy


@dataclass(frozen=True)
class PlanContext:
    """What a plan is read against: the deployment's defaults and directory."""

    directory: Directory
    policy: Policy
    country: str
    today: date | None  # only for plans without a period: their year is the current one
    has_secretariat: bool = True
    # False when the directory could not be read: then every name would "not match", which
    # only buries the directory's own error.
    directory_usable: bool = True


def _parse(text: str, period: Period, lang: str) -> Deadline:
    from reminder.deadlines import parse

    return parse(text, period, lang)


def explicit_deadline(entry: TaskEntry, parsed: Deadline | None, period: Period) -> Deadline:
    """The deadline when the plan sets ``start``/``due``: the dates win over the text."""
    start, end = entry.start, entry.due
    if end is None and parsed is not None and parsed.kind in ("window", "by"):
        end = parsed.end
    if end is None:
        return Deadline(text=entry.deadline or "", kind="unknown",
                        notes=("start is set but no due date",))
    # A `by` deadline opens at the period start (deadlines/SPEC.md).
    opens = start or (period.start if period.start <= end else end)
    return Deadline(
        text=entry.deadline or "", kind="window" if start else "by", start=opens, end=end,
        occurrences=(Occurrence(opens, end),), lang=parsed.lang if parsed else None,
        notes=("dates set in the plan",),
    )


Finding = tuple[tuple[str | int, ...], str, Severity]


def _deadline(
    entry: TaskEntry, period: Period, lang: str, at: tuple[str | int, ...]
) -> tuple[Deadline, list[Finding]]:
    """Parse the task's deadline; findings are (path, message, severity) for the caller."""
    findings: list[Finding] = []
    parsed: Deadline | None = None
    if entry.deadline:
        try:
            parsed = _parse(entry.deadline, period, lang)
        except Exception as exc:  # a parser bug must not hide every other finding
            findings.append(((*at, "deadline"), f"the deadline parser failed: {exc!r}", "error"))
    if entry.start or entry.due:
        deadline = explicit_deadline(entry, parsed, period)
    elif parsed is not None:
        deadline = parsed
    else:
        deadline = Deadline(text="", kind="unknown", notes=("no deadline given",))
    if not entry.deadline and not (entry.start or entry.due):
        findings.append(((*at,), "no deadline: nobody is reminded until one is set", "warning"))
    elif entry.start and deadline.kind == "unknown":
        findings.append(((*at, "start"), "start is set, but neither `due` nor the deadline text "
                                         "gives a due date", "warning"))
    elif deadline.kind == "unknown" and entry.deadline and parsed is not None:
        why = "; ".join(deadline.notes)
        findings.append((
            (*at, "deadline"),
            f"deadline {entry.deadline!r} was not understood{': ' + why if why else ''}; "
            "set `due` (and `start`) or reword it",
            "warning",
        ))
    if deadline.kind in ("window", "by") and deadline.end is not None and not (
        period.start <= deadline.end <= period.end
    ):
        key = "due" if entry.due else "deadline"
        findings.append((
            (*at, key),
            f"due {deadline.end.isoformat()} is outside the plan period {period}",
            "warning",
        ))
    return deadline, findings


def _assignments(entry: TaskEntry, directory: Directory | None, doc: YamlDocument, at: tuple,
                 ) -> tuple[tuple[Assignment, ...], list[Problem]]:
    problems: list[Problem] = []
    explicit_lead = any(ref.role == "lead" for ref in entry.executors)
    leads = [i for i, ref in enumerate(entry.executors) if ref.role == "lead"]
    for i in leads[1:]:
        problems.append(doc.problem((*at, "executors", i, "role"),
                                    "more than one lead; make the others `co`"))
    result = []
    for i, ref in enumerate(entry.executors):
        role = ref.role or ("lead" if i == 0 and not explicit_lead else "co")
        executor = directory.match(ref.name) if directory is not None else None
        if executor is None and directory is not None:
            close = directory.suggest(ref.name)
            hint = ("; closest: " + ", ".join(f"{e.id} ({e.name})" for e in close)) if close else ""
            problems.append(doc.problem(
                (*at, "executors", i, "name"),
                f"{ref.name!r} is not in the executors directory (add it, or an alias){hint}",
            ))
        result.append(Assignment(ref.name, role, executor))
    return tuple(result), problems


def load_plan(
    path: Path, shown: str, ctx: PlanContext
) -> tuple[Plan | None, list[Problem], YamlDocument]:
    """Read, validate and resolve one plan file; all findings are returned, never raised."""
    doc = read_yaml(path, shown)
    plan, problems = resolve_plan(doc, ctx, path)
    return plan, problems, doc


def resolve_plan(doc: YamlDocument, ctx: PlanContext, path: Path | None = None,
                 ) -> tuple[Plan | None, list[Problem]]:
    """Validate and resolve a plan already read (``path``: its file, default ``doc.file``).

    Every finding `reminder check` makes about one plan file; `reminder import` runs it on
    the text it is about to write, so it never writes what check rejects.
    """
    path = Path(doc.file) if path is None else path
    if doc.data is None:
        return None, doc.problems
    entry, problems = validate(PlanFile, doc)
    problems = doc.problems + problems
    if entry is None:
        return None, problems
    if ctx.directory_usable:
        problems += check_escalation(entry.policy.escalate, ctx.directory, ctx.has_secretariat,
                                     doc, ("policy",))
        problems += check_coordinator(entry.policy.coordinator, ctx.directory, doc, ("policy",))
    if entry.period is not None:
        period = Period.parse(entry.period)
    elif ctx.today is not None:
        period = Period.year(ctx.today.year)
        problems.append(doc.problem(("id",), f"no period: read as the current year {period}",
                                    "warning"))
    else:
        return None, [*problems, doc.problem(("id",), "period is required")]
    country = entry.country or ctx.country
    plan_policy = ctx.policy.merged(entry.policy)
    if not entry.tasks:
        problems.append(doc.problem(("tasks",), "the plan has no tasks", "warning"))
    first_line: dict[str, int | None] = {}
    tasks = []
    for i, task in enumerate(entry.tasks):
        at = ("tasks", i)
        if task.id in first_line:
            problems.append(doc.problem((*at, "id"),
                                        f"duplicate task id {task.id!r} (first on line "
                                        f"{first_line[task.id]})"))
        else:
            first_line[task.id] = doc.lines.line((*at, "id"))
        if ctx.directory_usable:
            problems += check_escalation(task.policy.escalate, ctx.directory,
                                         ctx.has_secretariat, doc, (*at, "policy"))
            problems += check_coordinator(task.policy.coordinator, ctx.directory, doc,
                                          (*at, "policy"))
        deadline, findings = _deadline(task, period, entry.language, at)
        if not task.executors:
            # One line for a row still to be filled in (seed 000: "to be set later"), not two.
            undated = [f for f in findings if f[1].startswith("no deadline")]
            findings = [f for f in findings if f not in undated]
            message = (
                "no deadline and no executors yet: nobody is reminded until they are set"
                if undated else "no executors: nobody is reminded about this task"
            )
            findings.append((at, message, "warning"))
        # Warnings about a closed task would only be noise; errors still count.
        problems += [doc.problem(p, m, s) for p, m, s in findings
                     if s == "error" or task.status == "open"]
        assignments, found = _assignments(
            task, ctx.directory if ctx.directory_usable else None, doc, at
        )
        problems += found
        tasks.append(Task(
            plan_id=entry.id, entry=task, deadline=deadline,
            policy=plan_policy.merged(task.policy), assignments=assignments,
            country=country, language=entry.language,
        ))
    return Plan(entry, path, period, country, plan_policy, tuple(tasks)), problems
