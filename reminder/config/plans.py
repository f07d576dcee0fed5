"""Load one plan file: validate it, parse its deadlines, match its executors, merge policies."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from reminder.config.crosscheck import check_coordinator, check_escalation
from reminder.config.directory import Directory, normalise_name
from reminder.config.loaded import Assignment, Plan, Task
from reminder.config.plan import ExecutorRef, PlanFile, TaskEntry
from reminder.config.problems import Problem, Severity
from reminder.config.validate import validate
from reminder.config.yamlsource import YamlDocument, read_yaml
from reminder.deadlines.model import Deadline, Occurrence, Period
from reminder.schedule.policy import Policy

_REFS = TypeAdapter(list[ExecutorRef])


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


def _doubt(parsed: Deadline) -> str | None:
    """How a reading is uncertain ("approximately", "ignoring 'ориентировочно'"), or None.

    The parser flags readings of vague phrases ("начало 2024 года") as ``approximate`` and
    notes the words it read past ("ignored: ..."): either needs a person's confirmation."""
    if parsed.kind == "unknown":
        return None  # reported as not understood
    why = ["approximately"] if parsed.approximate else []
    skipped = [n.split(":", 1)[1].strip() for n in parsed.notes if n.startswith("ignored:")]
    if skipped:
        why.append("ignoring " + ", ".join(repr(w) for w in skipped))
    return " and ".join(why) or None


def _span(deadline: Deadline) -> str:
    """ "2024-01-01..2024-03-31", or the first of several occurrences and their count."""
    occs = deadline.occurrences
    if not occs:
        return "an event (no date)" if deadline.kind == "event" else deadline.kind
    first = f"{occs[0].start}..{occs[0].end}"
    return first if len(occs) == 1 else f"{first} and {len(occs) - 1} more occurrences"


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
    doubt = _doubt(parsed) if parsed is not None and deadline is parsed else None
    if doubt and not entry.confirmed:
        findings.append((
            (*at, "deadline"),
            f"deadline {entry.deadline!r} was read {doubt} as {_span(deadline)}: check it, "
            "then set `confirmed: true` on the task (or give `due` and `start`)",
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


@dataclass(frozen=True)
class NameUse:
    """A plan's executor name that the directory does not know, where it is written."""

    name: str
    task: str  # <plan id>/<task id>
    problem: Problem  # its place (file, line, key path); the message is made per name


def unknown_name_problems(uses: Sequence[NameUse], directory: Directory) -> list[Problem]:
    """One error per unknown name (names equal after `normalise_name` are one name), on the
    line of its first use, listing every task that uses it: a name missing from the directory
    is one thing to fix, however many tasks name it."""
    groups: dict[str, list[NameUse]] = {}
    for use in uses:
        groups.setdefault(normalise_name(use.name), []).append(use)
    out: list[Problem] = []
    for group in groups.values():
        first = group[0]
        tasks = ", ".join(dict.fromkeys(u.task for u in group))
        close = directory.suggest(first.name)
        hint = ("; closest: " + ", ".join(f"{e.id} ({e.name})" for e in close)) if close else ""
        out.append(replace(first.problem, message=(
            f"{first.name!r} is not in the executors directory (add it, or an alias); used by "
            f"{tasks}{hint}")))
    return out


def _assignments(refs: Sequence[ExecutorRef], directory: Directory | None, doc: YamlDocument,
                 at: tuple, task_key: str, unknown: list[NameUse],
                 ) -> tuple[tuple[Assignment, ...], list[Problem]]:
    problems: list[Problem] = []
    explicit_lead = any(ref.role == "lead" for ref in refs)
    leads = [i for i, ref in enumerate(refs) if ref.role == "lead"]
    for i in leads[1:]:
        problems.append(doc.problem((*at, "executors", i, "role"),
                                    "more than one lead; make the others `co`"))
    result = []
    for i, ref in enumerate(refs):
        role = ref.role or ("lead" if i == 0 and not explicit_lead else "co")
        executor = directory.match(ref.name) if directory is not None else None
        if executor is None and directory is not None:
            unknown.append(NameUse(ref.name, task_key,
                                   doc.problem((*at, "executors", i, "name"), "")))
        result.append(Assignment(ref.name, role, executor))
    return tuple(result), problems


def load_plan(
    path: Path, shown: str, ctx: PlanContext, unknown: list[NameUse] | None = None,
) -> tuple[Plan | None, list[Problem], YamlDocument]:
    """Read, validate and resolve one plan file; all findings are returned, never raised.
    ``unknown``: see `resolve_plan`."""
    doc = read_yaml(path, shown)
    plan, problems = resolve_plan(doc, ctx, path, unknown)
    return plan, problems, doc


Row = tuple[int, TaskEntry | None, Sequence[ExecutorRef] | None]


def _salvage(doc: YamlDocument) -> tuple[PlanFile | None, list[Row]]:
    """What of a plan that failed validation can still be checked: its header when that alone
    is valid, and each task that is valid on its own (or, when it is not, its executors).
    Their own errors are already reported by the whole file's validation."""
    data = doc.data if isinstance(doc.data, dict) else {}
    try:
        header: PlanFile | None = PlanFile.model_validate({**data, "tasks": []})
    except (ValidationError, TypeError):
        header = None
    raw = data.get("tasks")
    rows: list[Row] = []
    for i, item in enumerate(raw if isinstance(raw, list) else []):
        try:
            rows.append((i, TaskEntry.model_validate(item), None))
            continue
        except ValidationError:
            pass
        refs = item.get("executors") if isinstance(item, dict) else None
        try:
            rows.append((i, None, _REFS.validate_python(refs or [])))
        except ValidationError:
            rows.append((i, None, None))
    return header, rows


def _coordinators(doc: YamlDocument, ctx: PlanContext, tasks: int) -> list[Problem]:
    """Each ``policy.coordinator`` of the plan and its tasks names an executor of the
    directory; taken from the YAML as written, so that an invalid key beside it (``close:
    acept``) does not hide it."""
    out = check_coordinator(_raw_id(doc, "policy", "coordinator"), ctx.directory, doc,
                            ("policy",))
    for i in range(tasks):
        out += check_coordinator(_raw_id(doc, "tasks", i, "policy", "coordinator"),
                                 ctx.directory, doc, ("tasks", i, "policy"))
    return out


def _raw_id(doc: YamlDocument, *path: str | int) -> str | None:
    """A plain id written at ``path`` of an invalid file (for naming tasks), or None."""
    value: object = doc.data
    for part in path:
        if isinstance(value, dict) and isinstance(part, str):
            value = value.get(part)
        elif isinstance(value, list) and isinstance(part, int) and part < len(value):
            value = value[part]
        else:
            return None
    return str(value) if isinstance(value, str | int) and not isinstance(value, bool) else None


def resolve_plan(doc: YamlDocument, ctx: PlanContext, path: Path | None = None,
                 unknown: list[NameUse] | None = None) -> tuple[Plan | None, list[Problem]]:
    """Validate and resolve a plan already read (``path``: its file, default ``doc.file``).

    Every finding `reminder check` makes about one plan file; `reminder import` runs it on
    the text it is about to write, so it never writes what check rejects. A file that fails
    validation is still checked as far as it can be read: the tasks that are valid on their
    own (and the executors of those that are not) get every other finding.

    Executor names the directory does not know: with ``unknown``, their uses are appended to
    it (the loader makes one error per name across all plans, `unknown_name_problems`);
    without it, they are reported here, one error per name.
    """
    path = Path(doc.file) if path is None else path
    if doc.data is None:
        return None, doc.problems
    entry, problems = validate(PlanFile, doc)
    problems = doc.problems + problems
    if not isinstance(doc.data, dict):
        return None, problems
    uses: list[NameUse] = [] if unknown is None else unknown
    rows: list[Row]
    header: PlanFile | None
    if entry is not None:
        header, rows = entry, [(i, t, t.executors) for i, t in enumerate(entry.tasks)]
    else:
        header, rows = _salvage(doc)
    plan_id = header.id if header is not None else _raw_id(doc, "id") or path.stem
    plan, found = _resolve(doc, ctx, path, header, rows, plan_id, uses)
    problems += found
    if unknown is None:
        problems += unknown_name_problems(uses, ctx.directory)
    return (plan if entry is not None else None), problems


def _resolve(doc: YamlDocument, ctx: PlanContext, path: Path, header: PlanFile | None,
             rows: list[Row], plan_id: str, uses: list[NameUse],
             ) -> tuple[Plan | None, list[Problem]]:
    problems: list[Problem] = []
    if ctx.directory_usable:  # read as written: another error in the same policy hides none
        problems += _coordinators(doc, ctx, len(rows))
    period: Period | None = None
    if header is not None:
        if ctx.directory_usable:
            problems += check_escalation(header.policy.escalate, ctx.directory,
                                         ctx.has_secretariat, doc, ("policy",))
        if header.period is not None:
            period = Period.parse(header.period)
        elif ctx.today is not None:
            period = Period.year(ctx.today.year)
            problems.append(doc.problem(("id",), f"no period: read as the current year {period}",
                                        "warning"))
        else:
            problems.append(doc.problem(("id",), "period is required"))
        if not rows:
            problems.append(doc.problem(("tasks",), "the plan has no tasks", "warning"))
    country = (header.country if header is not None else None) or ctx.country
    plan_policy = ctx.policy.merged(header.policy) if header is not None else ctx.policy
    language = header.language if header is not None else "en"
    directory = ctx.directory if ctx.directory_usable else None
    first_line: dict[str, int | None] = {}
    tasks = []
    for i, task, refs in rows:
        at = ("tasks", i)
        task_id = task.id if task is not None else _raw_id(doc, "tasks", i, "id")
        if task_id is not None and task_id in first_line:
            problems.append(doc.problem((*at, "id"),
                                        f"duplicate task id {task_id!r} (first on line "
                                        f"{first_line[task_id]})"))
        elif task_id is not None:
            first_line[task_id] = doc.lines.line((*at, "id"))
        key = f"{plan_id}/{task_id if task_id is not None else f'tasks[{i}]'}"
        if task is None:  # invalid: its errors are reported; its executors are still checked
            if refs is not None:
                problems += _assignments(refs, directory, doc, at, key, uses)[1]
            continue
        if ctx.directory_usable:
            problems += check_escalation(task.policy.escalate, ctx.directory,
                                         ctx.has_secretariat, doc, (*at, "policy"))
        if period is not None:
            deadline, findings = _deadline(task, period, language, at)
        else:  # no period to read the deadline against: only the executors are checked
            deadline, findings = Deadline(text=task.deadline or "", kind="unknown"), []
        if not task.executors:
            # One line for a row still to be filled in (seed 000: "to be set later"), not two.
            undated = [f for f in findings if f[1].startswith("no deadline")]
            findings = [f for f in findings if f not in undated]
            message = (
                "no deadline and no executors yet: nobody is reminded until they are set"
                if undated else "no executors: nobody is reminded about this task"
            )
            findings.append((at, message, "warning"))
        elif all(ref.role in ("partner", "involved") for ref in task.executors):
            # Partners are asked, not answerable: with no lead nobody owns the deadline.
            findings.append(((*at, "executors"), "no lead: every executor is a partner or "
                             "involved; make one `lead` (the body answerable for the task)",
                             "warning"))
        # Warnings about a closed task would only be noise; errors still count.
        problems += [doc.problem(p, m, s) for p, m, s in findings
                     if s == "error" or task.status == "open"]
        assignments, found = _assignments(task.executors, directory, doc, at, key, uses)
        problems += found
        tasks.append(Task(
            plan_id=plan_id, entry=task, deadline=deadline,
            policy=plan_policy.merged(task.policy), assignments=assignments,
            country=country, language=language,
        ))
    problems += _unanswered(doc, ctx, tasks)
    if header is None or period is None:
        return None, problems
    return Plan(header, path, period, country, plan_policy, tuple(tasks)), problems


def _unanswered(doc: YamlDocument, ctx: PlanContext, tasks: list[Task]) -> list[Problem]:
    """``close: accept`` with nobody to accept: no ``coordinator`` and no secretariat. Every
    item its lead reports done would wait for good; said once per plan, at the first such
    task."""
    for i, task in enumerate(tasks):
        if (task.policy.close == "accept" and task.policy.coordinator is None
                and not ctx.has_secretariat):
            return [doc.problem(("tasks", i, "id"), (
                "close: accept, but no coordinator (policy `coordinator`) and no secretariat "
                "to accept reported items: they would wait for nobody"), "warning")]
    return []
