"""The reports as data: plain frozen dataclasses, built by the pure core (register,
departments, card) from records the store query reads, and rendered by ``formats``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

NO_LEAD = "—"  # the department of a task without a lead executor (as the digest writes it)


# --- what the store query reads ------------------------------------------------------------

@dataclass(frozen=True)
class ItemRecord:
    """One occurrence of a task with its plan and lead, as the store holds it now."""

    occurrence_id: int
    task_key: str  # "<plan>/<task>"
    plan_id: str
    plan_title: str
    country: str | None  # the plan's (the deployment's when the plan names none)
    zone: str  # the IANA zone the plan's days are counted in
    number: str  # the task's number as the plan writes it ("2.1")
    title: str
    result: str | None
    deadline_text: str | None  # the plan's own deadline phrase
    window_start: date | None
    due: date
    nominal_due: date
    status: str  # open | reported | done | cancelled
    snoozed_until: date | None
    lead_id: str | None
    lead_name: str | None
    closed_at: datetime | None = None  # the last closing in the history (done items only)


@dataclass(frozen=True)
class RequestRecord:
    """A request to the coordinator awaiting an answer."""

    id: int
    occurrence_id: int
    kind: str  # more_time | acceptance
    executor: str  # the name of who asked (or reported)
    coordinator: str  # the name of who answers ("—": nobody named)
    asked_at: datetime
    note: str | None
    due: date  # the due date it was asked about


@dataclass(frozen=True)
class TaskRecord:
    """A task with its plan's wording, as the store holds it."""

    key: str
    plan_id: str
    plan_title: str
    country: str | None
    zone: str
    number: str
    title: str
    result: str | None
    deadline_text: str | None
    kind: str  # the parsed deadline's kind: by, window, recurring, event, unknown, ...


# --- the overdue register ------------------------------------------------------------------

# Ageing buckets by working days late: (key, first, last); None: no upper end. An item late
# only by non-working days (0 working days: due on a Friday, looked at on Sunday) is in the
# first bucket: it is past its due date all the same.
BUCKETS: tuple[tuple[str, int, int | None], ...] = (
    ("1-5", 0, 5), ("6-20", 6, 20), ("over-20", 21, None))


def bucket_of(working_days_late: int) -> str:
    """The ageing bucket's key for an item this many working days late."""
    for key, _first, last in BUCKETS:
        if last is None or working_days_late <= last:
            return key
    raise AssertionError("the last bucket has no upper end")


@dataclass(frozen=True)
class Request:
    """A pending request as the register lists it."""

    id: int
    kind: str  # more_time | acceptance
    task_key: str
    plan_id: str
    task_id: str
    title: str
    department: str
    executor: str
    coordinator: str
    asked_on: date  # the day asked, on the plan's clock
    note: str | None
    due: date
    working_days_late: int | None  # None: not past due on the register's day


@dataclass(frozen=True)
class OverdueItem:
    """One open occurrence past its due date."""

    department_id: str | None
    department: str
    plan_id: str
    plan_title: str
    task_key: str
    task_id: str
    title: str
    result: str | None
    deadline_text: str | None
    window_start: date | None
    due: date
    nominal_due: date
    working_days_late: int
    calendar_days_late: int
    bucket: str
    snoozed_until: date | None
    more_time: Request | None  # a pending request for more time about it


@dataclass(frozen=True)
class DepartmentGroup:
    """The overdue items of one lead department, most late first."""

    department_id: str | None
    department: str
    items: tuple[OverdueItem, ...]
    buckets: dict[str, int]


@dataclass(frozen=True)
class Register:
    """The overdue register as of the start of ``day``."""

    day: date
    groups: tuple[DepartmentGroup, ...]
    buckets: dict[str, int]
    more_time_pending: tuple[Request, ...]
    awaiting_acceptance: tuple[Request, ...]

    @property
    def total(self) -> int:
        """How many items are overdue."""
        return sum(len(g.items) for g in self.groups)

    @property
    def items(self) -> tuple[OverdueItem, ...]:
        """Every overdue item, in the register's order."""
        return tuple(i for g in self.groups for i in g.items)


# --- per department over a period ----------------------------------------------------------

@dataclass(frozen=True)
class Period:
    """Due dates from ``start`` to ``end``, both included."""

    start: date
    end: date

    @property
    def days(self) -> int:
        """Its length in calendar days."""
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period of the same length just before it."""
        from datetime import timedelta

        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1))

    def holds(self, day: date) -> bool:
        """Whether ``day`` lies in it."""
        return self.start <= day <= self.end


@dataclass(frozen=True)
class Tally:
    """What became of the occurrences due in a period (docs/reports.md defines each)."""

    due: int = 0
    not_yet_due: int = 0
    overdue: int = 0
    awaiting_acceptance: int = 0
    done_on_time: int = 0
    done_late: int = 0
    done_undated: int = 0

    @property
    def on_time_share(self) -> float | None:
        """Done on time out of those whose outcome is known: done (on time or late) or
        overdue. None when there are none."""
        judged = self.done_on_time + self.done_late + self.overdue
        return self.done_on_time / judged if judged else None


@dataclass(frozen=True)
class DepartmentStats:
    """One lead department's figures for the period and the one before it."""

    department_id: str | None
    department: str
    current: Tally
    previous: Tally

    @property
    def change(self) -> float | None:
        """The on-time share's change since the previous period (a fraction: 0.25 is 25
        percentage points); None when either period has no share."""
        now, before = self.current.on_time_share, self.previous.on_time_share
        return None if now is None or before is None else now - before


@dataclass(frozen=True)
class Departments:
    """Per lead department, as of the start of ``day``, over ``period`` and the one before."""

    day: date
    period: Period
    previous: Period
    rows: tuple[DepartmentStats, ...]
    total: DepartmentStats


# --- one item's control card ---------------------------------------------------------------

@dataclass(frozen=True)
class CardExecutor:
    """An executor of the task, with its role as the plan gives it."""

    id: str
    name: str
    role: str  # lead | co | partner | involved | ...


@dataclass(frozen=True)
class SentReminder:
    """A reminder or notice the ledger holds as sent about the occurrence."""

    sent_at: datetime  # in the plan's zone
    recipient_id: str
    recipient: str
    channel: str
    step: str  # before-3, due, overdue-1, escalation-1, loaded, notice, ...
    catch_up: bool


@dataclass(frozen=True)
class Action:
    """A row of the history: what a person (or the sync) did, when, and why."""

    at: datetime  # in the plan's zone
    action: str
    actor: str
    note: str | None
    old_due: date | None
    new_due: date | None


@dataclass(frozen=True)
class CardRequest:
    """A request about the occurrence and its answer, if any."""

    id: int
    kind: str
    executor: str
    asked_at: datetime  # in the plan's zone
    note: str | None
    due: date
    status: str  # pending | approved | denied | accepted | returned | withdrawn
    answered_at: datetime | None
    answered_by: str | None
    answer_note: str | None
    new_due: date | None


@dataclass(frozen=True)
class CardOccurrence:
    """One occurrence on the card: its dates and state and everything that happened to it."""

    due: date
    nominal_due: date
    window_start: date | None
    status: str
    snoozed_until: date | None
    working_days_late: int | None  # open and past due on the card's day; else None
    reminders: tuple[SentReminder, ...]
    extensions: tuple[Action, ...]
    snoozes: tuple[Action, ...]
    requests: tuple[CardRequest, ...]
    closed: Action | None  # the closing in force (done or accepted), for a done item
    history: tuple[Action, ...]


@dataclass(frozen=True)
class Card:
    """The control card of one task."""

    day: date
    plan_id: str
    plan_title: str
    section: str | None
    task_key: str
    task_id: str
    title: str
    result: str | None
    deadline_text: str | None
    kind: str
    executors: tuple[CardExecutor, ...]
    occurrences: tuple[CardOccurrence, ...]


@dataclass(frozen=True)
class CardRecords:
    """What the store holds about one task, for `card.build`."""

    task: TaskRecord
    executors: tuple[CardExecutor, ...]
    occurrences: tuple[ItemRecord, ...]
    reminders: dict[int, tuple[SentReminder, ...]]  # per occurrence id
    history: dict[int | None, tuple[Action, ...]]  # per occurrence id (None: the task's)
    requests: dict[int, tuple[CardRequest, ...]]


# --- the whole report ----------------------------------------------------------------------

@dataclass(frozen=True)
class Scope:
    """What the report was narrowed to (None: everything)."""

    plan: str | None = None
    executor: str | None = None


@dataclass(frozen=True)
class Report:
    """What `reminder report` renders: a register and department figures, or a card."""

    generated: datetime
    day: date
    scope: Scope = field(default_factory=Scope)
    register: Register | None = None
    departments: Departments | None = None
    card: Card | None = None
