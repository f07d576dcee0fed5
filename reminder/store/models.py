"""The database tables. The YAML is the truth for plans, executors and policy; these rows are
the truth for state: occurrences and what was done with them, and the ledger of reminders.

Times are aware and stored as UTC (SQLModel's UTCDateTime); dates are calendar dates of the plan.
Changing a table means a new migration in ``migrations/versions``.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


class PlanRow(SQLModel, table=True):
    """A plan file, by its stable id."""

    __tablename__ = "plan"
    id: str = Field(primary_key=True)
    title: str
    language: str = "en"
    country: str | None = None
    archived: bool = False  # vanished from the configuration; kept with its history
    status: str = "open"  # open | closed | archived (the plan file's `status`)
    # The IANA zone its reminders are sent in (its own, else the deployment's, as of the last
    # sync); NULL only before the first sync after migration 0006: read as the deployment's.
    timezone: str | None = None


class ExecutorRow(SQLModel, table=True):
    """An entry of the executors directory. Lists are stored as newline-joined text."""

    __tablename__ = "executor"
    id: str = Field(primary_key=True)
    name: str
    language: str = "en"
    emails: str = ""
    telegram: str = ""
    supervisor: str | None = None
    partner: bool = False


class TaskRow(SQLModel, table=True):
    """A task of a plan. ``key`` is "<plan>/<task id>", stable across reloads."""

    __tablename__ = "task"
    key: str = Field(primary_key=True)
    plan_id: str = Field(foreign_key="plan.id", index=True)
    number: str
    title: str = Field(sa_column=Column(Text, nullable=False))
    result: str | None = Field(default=None, sa_column=Column(Text))
    deadline_text: str | None = None
    kind: str = "unknown"  # the parsed deadline's kind
    status: str = "open"  # open | done | cancelled (from the YAML)
    archived: bool = False  # vanished from its plan file; kept with its history
    policy: str = "{}"  # the effective policy as JSON, snapshotted at sync
    fingerprint: str = ""  # hash of the dates that made its occurrences


class AssignmentRow(SQLModel, table=True):
    """An executor of a task, with its role and its place in the cell."""

    __tablename__ = "assignment"
    task_key: str = Field(foreign_key="task.key", primary_key=True)
    executor_id: str = Field(foreign_key="executor.id", primary_key=True)
    role: str
    position: int = 0


class OccurrenceRow(SQLModel, table=True):
    """One due instance of a task. ``next_at`` is when the ladder next needs a look (NULL:
    nothing more to send); the tick reads only rows whose ``next_at`` has come, by index."""

    __tablename__ = "occurrence"
    __table_args__ = (
        UniqueConstraint("task_key", "seq", name="uq_occurrence_task_seq"),
        Index("ix_occurrence_next_at", "next_at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    task_key: str = Field(foreign_key="task.key")
    seq: int
    window_start: date | None = None
    due: date
    nominal_due: date
    status: str = "open"  # open | reported (awaiting acceptance) | done | cancelled
    snoozed_until: date | None = None
    next_at: datetime | None = None
    # When its plan was first loaded (the rungs before are the plan's past, not an outage);
    # NULL for occurrences made later (a changed deadline) or before migration 0005.
    loaded_at: datetime | None = None


class LedgerRow(SQLModel, table=True):
    """One reminder on one channel. Written ``pending`` before sending, claimed to
    ``sending`` by a guarded conditional UPDATE, then ``sent`` or ``failed``."""

    __tablename__ = "ledger"
    __table_args__ = (Index("ix_ledger_status_send_at", "status", "send_at"),)
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True)  # occurrence@due|recipient|step|channel
    occurrence_id: int | None = Field(default=None, foreign_key="occurrence.id", index=True)
    # NULL for a digest: it is about many occurrences, and ``item`` holds all its items
    recipient_id: str
    step: str
    stage: str
    channel: str
    send_at: datetime
    status: str = "pending"  # pending | sending | sent | failed | superseded
    catch_up: bool = False
    item: str = Field(sa_column=Column(Text, nullable=False))  # the Item as JSON
    attempts: int = 0
    claimed_by: str | None = None
    claimed_at: datetime | None = None
    sent_at: datetime | None = None
    error: str | None = None


class HistoryRow(SQLModel, table=True):
    """What people did: done, reopened, extended (with reason), snoozed; and what sync changed."""

    __tablename__ = "history"
    id: int | None = Field(default=None, primary_key=True)
    task_key: str = Field(index=True)
    occurrence_id: int | None = None
    action: str
    at: datetime
    actor: str = "cli"
    note: str | None = None
    old_due: date | None = None
    new_due: date | None = None


class MetaRow(SQLModel, table=True):
    """Small key/value state (last digest time)."""

    __tablename__ = "meta"
    key: str = Field(primary_key=True)
    value: str


class LinkCodeRow(SQLModel, table=True):
    """A one-time code given by `reminder link EXECUTOR` (reminder.store.chats): kept as an
    HMAC-SHA-256 under the key in ``meta``, used once, expires."""

    __tablename__ = "telegram_link_code"
    code_hash: str = Field(primary_key=True)
    executor_id: str = Field(index=True)
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None = None
    used_by_chat: str | None = None


class ChatLinkRow(SQLModel, table=True):
    """A Telegram chat tied to an executor by a code; ``dead_at`` once the bot cannot reach
    it (blocked, deleted, or migrated: see MIGRATED). Not a foreign key to ``executor``: a
    link outlives the executor's removal from the YAML, and comes back with it."""

    __tablename__ = "telegram_chat"
    chat_id: str = Field(primary_key=True)
    executor_id: str = Field(index=True)
    linked_at: datetime
    dead_at: datetime | None = None
    dead_reason: str | None = None


class LinkAttemptRow(SQLModel, table=True):
    """Wrong ``/start CODE`` attempts of one chat, for the bot's rate limit
    (reminder.store.chats): ``failures`` counted since ``window_start``; ``locked_until`` set
    once there were too many. In the database, so every daemon sharing it counts them."""

    __tablename__ = "telegram_link_attempt"
    chat_id: str = Field(primary_key=True)
    failures: int = 0
    window_start: datetime
    locked_until: datetime | None = None


MIGRATED = "migrated to "  # dead_reason prefix of a group chat that became a supergroup


class RequestRow(SQLModel, table=True):
    """A question for the coordinator about one occurrence: more time (``more_time``, from
    an executor) or acceptance of a reported item (``acceptance``, from its lead, under
    ``close: accept``). ``pending`` until answered; the answer (approved with ``new_due``,
    denied, accepted, returned) reaches the executor as a notice."""

    __tablename__ = "request"
    id: int | None = Field(default=None, primary_key=True)
    occurrence_id: int = Field(foreign_key="occurrence.id", index=True)
    task_key: str
    kind: str  # more_time | acceptance
    executor_id: str  # who asked (or reported)
    coordinator_id: str | None = None  # who answers; NULL: nobody named (status shows it)
    asked_at: datetime
    actor: str
    note: str | None = Field(default=None, sa_column=Column(Text))
    due: date  # the due date it was asked about
    status: str = "pending"  # pending | approved | denied | accepted | returned | withdrawn
    answered_at: datetime | None = None
    answered_by: str | None = None
    answer_note: str | None = Field(default=None, sa_column=Column(Text))
    new_due: date | None = None


class NoticeRow(SQLModel, table=True):
    """A message owed to one person about an event on an item (a request asked or answered,
    a co-executor's part done). The store writes it with the event, in one transaction; the
    tick turns it into a ledger row on the recipient's channel (``queued_at``), so it is sent
    and retried like any reminder."""

    __tablename__ = "notice"
    id: int | None = Field(default=None, primary_key=True)
    occurrence_id: int | None = Field(default=None, foreign_key="occurrence.id", index=True)
    request_id: int | None = None
    event: str
    recipient_id: str
    created_at: datetime
    payload: str = Field(sa_column=Column(Text, nullable=False))  # the Notice as JSON
    queued_at: datetime | None = Field(default=None, index=True)


class SnoozeRow(SQLModel, table=True):
    """One recipient's snooze of one occurrence: their rungs before ``until`` are skipped;
    the others on the item keep hearing theirs."""

    __tablename__ = "snooze"
    occurrence_id: int = Field(foreign_key="occurrence.id", primary_key=True)
    executor_id: str = Field(primary_key=True)
    until: date
    at: datetime
