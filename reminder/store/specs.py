"""What the engine needs from the configuration, as plain values.

The YAML models (reminder.config) are adapted to these in ``reminder.store.deploy``; keeping
the engine on its own small dataclasses means sync and the ledger can be tested without files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from reminder.deadlines.model import Deadline
from reminder.schedule.kinds import Role
from reminder.schedule.policy import Policy


@dataclass(frozen=True)
class ExecutorSpec:
    """An entry of the executors directory."""

    id: str
    name: str
    language: str = "en"
    emails: tuple[str, ...] = ()
    telegram: tuple[str, ...] = ()
    supervisor: str | None = None
    partner: bool = False


@dataclass(frozen=True)
class TaskSpec:
    """A task with its deadline parsed, executors resolved to ids and policy made effective."""

    id: str
    title: str
    deadline: Deadline | None
    executors: tuple[tuple[str, Role], ...] = ()
    policy: Policy = field(default_factory=Policy)
    result: str | None = None
    start: date | None = None
    due: date | None = None
    status: str = "open"  # open | done | cancelled


@dataclass(frozen=True)
class PlanSpec:
    """A plan file."""

    id: str
    title: str
    language: str
    country: str | None
    tasks: tuple[TaskSpec, ...]
    status: str = "open"  # open | closed | archived
    timezone: str | None = None  # IANA name; None: the deployment's


@dataclass(frozen=True)
class Deployment:
    """The whole configuration as the engine sees it."""

    plans: tuple[PlanSpec, ...]
    executors: tuple[ExecutorSpec, ...]
    timezone: str = "UTC"
    country: str | None = None
    secretariat: str | None = None
    state_dir: Path = Path("state")
    database_url: str | None = None
    outbox: Path | None = None
    digest_cron: str | None = "0 8 * * mon"
    due_soon_days: int = 14
    digest_when_empty: str = "line"  # a digest with nothing to say: "line" or "skip"
    policy: Policy = field(default_factory=Policy)
    ledger_retention_days: int = 400  # finished ledger rows older than this go; 0: never

    @property
    def db_url(self) -> str:
        """The database URL; SQLite in the state directory by default."""
        return self.database_url or f"sqlite:///{Path(self.state_dir) / 'reminder.sqlite'}"

    @property
    def outbox_dir(self) -> Path:
        """Where the outbox channel writes messages."""
        return self.outbox or Path(self.state_dir) / "outbox"
