"""The configuration after loading: plans with parsed deadlines, matched executors, effective
policy per task, and paths resolved relative to the files that named them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from reminder.config.deployment import Channels, DeploymentFile, Digest, Ledger
from reminder.config.directory import Directory, ExecutorEntry
from reminder.config.plan import PlanFile, TaskEntry
from reminder.config.problems import Problem, Severity, format_path
from reminder.config.yamlsource import LineMap
from reminder.deadlines.model import Deadline, Period
from reminder.schedule.kinds import PlanRole
from reminder.schedule.policy import Policy


@dataclass(frozen=True)
class Assignment:
    """One executor of a task: the name as the plan wrote it, its role, its directory entry."""

    name: str
    role: PlanRole
    executor: ExecutorEntry | None  # None only while the configuration has errors

    @property
    def executor_id(self) -> str | None:
        return self.executor.id if self.executor else None


@dataclass(frozen=True)
class Task:
    """A plan row ready for scheduling."""

    plan_id: str
    entry: TaskEntry
    deadline: Deadline
    policy: Policy
    assignments: tuple[Assignment, ...]
    country: str
    language: str

    @property
    def id(self) -> str:
        return self.entry.id

    @property
    def key(self) -> str:
        """The stable reference ``<plan>/<task>`` used in the ledger and on the command line."""
        return f"{self.plan_id}/{self.entry.id}"

    @property
    def title(self) -> str:
        return self.entry.title

    @property
    def status(self) -> str:
        return self.entry.status

    @property
    def lead(self) -> Assignment | None:
        return next((a for a in self.assignments if a.role == "lead"), None)


@dataclass(frozen=True)
class Plan:
    """A loaded plan file."""

    entry: PlanFile
    file: Path
    period: Period
    country: str
    policy: Policy  # the deployment policy with this plan's overrides
    tasks: tuple[Task, ...]

    @property
    def id(self) -> str:
        return self.entry.id

    @property
    def language(self) -> str:
        return self.entry.language

    @property
    def status(self) -> str:
        """open | closed | archived (the plan file's ``status``)."""
        return self.entry.status

    @property
    def timezone(self) -> str | None:
        """The plan's own IANA zone; None: the deployment's."""
        return self.entry.timezone


@dataclass(frozen=True)
class Config:
    """Everything `reminder.yaml` names, validated and resolved.

    ``settings`` is the validated file (channel secrets filled in as ``SecretStr``); the other
    fields are what the daemon needs, with paths absolute. ``problems`` holds the warnings
    (a loaded Config has no errors).
    """

    path: Path
    settings: DeploymentFile
    timezone: ZoneInfo
    state_dir: Path
    database_url: str
    outbox_dir: Path
    templates_dir: Path | None
    directory_path: Path
    directory: Directory
    plans: tuple[Plan, ...]
    problems: tuple[Problem, ...] = ()
    directory_file: str = ""  # the directory's name as findings show it
    directory_lines: LineMap = field(default_factory=LineMap, repr=False)
    calendar_dir: Path | None = None  # calendar.folder, absolute; None: no feeds kept

    @property
    def country(self) -> str:
        return self.settings.country

    @property
    def policy(self) -> Policy:
        return self.settings.policy

    @property
    def digest(self) -> Digest:
        return self.settings.digest

    @property
    def channels(self) -> Channels:
        return self.settings.channels

    @property
    def ledger(self) -> Ledger:
        return self.settings.ledger

    @property
    def secretariat(self) -> ExecutorEntry | None:
        sid = self.settings.secretariat
        return self.directory.get(sid) if sid else None

    def executor_problem(
        self, executor_id: str, message: str, severity: Severity = "warning"
    ) -> Problem:
        """A finding about a directory entry, placed on its line in the directory file."""
        index = next((i for i, e in enumerate(self.directory) if e.id == executor_id), None)
        path = () if index is None else ("executors", index)
        return Problem(self.directory_file or str(self.directory_path),
                       self.directory_lines.line(path) if path else None,
                       format_path(path), message, severity)

    def tasks(self) -> Iterator[Task]:
        """Every task of every plan, in file order."""
        for plan in self.plans:
            yield from plan.tasks

    def zone_of(self, plan_id: str) -> ZoneInfo:
        """The zone a plan's reminders are sent in: its own ``timezone``, else the
        deployment's."""
        plan = next((p for p in self.plans if p.id == plan_id), None)
        return ZoneInfo(plan.timezone) if plan is not None and plan.timezone else self.timezone

    def task(self, key: str) -> Task | None:
        """The task ``<plan>/<task>``, or None."""
        return next((t for t in self.tasks() if t.key == key), None)

    def policy_for(self, plan_id: str, task_id: str) -> Policy:
        """The effective policy of a task (deployment < plan < task); KeyError if unknown."""
        task = self.task(f"{plan_id}/{task_id}")
        if task is None:
            raise KeyError(f"{plan_id}/{task_id}")
        return task.policy
