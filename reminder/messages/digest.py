"""The secretariat's digest as data: per department how many items are open and overdue and
how old the overdue ones are (the report's ageing buckets), the most late items of each
department, what is due soon, what changed since the last digest (newly overdue, closed,
extended, requests answered), and what needs a person (`Need`: a kind and its values, worded
in the digest's language when rendered). Built by the store (reminder.store.digests),
rendered by the templates. Pure."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any

from reminder.messages.model import Item

LIST_PER_DEPARTMENT = 3  # overdue items listed per department, the most late first
LIST_DEPARTMENTS = 20  # departments whose items are listed; the others are only counted
LIST_CHANGES = 20  # entries listed per change section (newly overdue, closed, ...)
LIST_DUE_SOON = 30  # items listed as due soon, the soonest first

# What a "needs a person" line can say; each kind is one sentence in templates/words/<lang>.txt
# (``needs``), with these values:
NEED_KINDS: dict[str, tuple[str, ...]] = {
    "deadline_unknown": ("task", "deadline"),  # the deadline text gives no date
    "deadline_event": ("task", "deadline"),  # it depends on an event ("по мере необходимости")
    "no_deadline": ("task",),
    "no_lead": ("task",),  # open, but nobody leads it: nobody is reminded
    "no_contact": ("executor", "name"),  # no email and no live Telegram chat
    # a Telegram chat found dead (since: its date), and what reaches the executor now
    "dead_chat": ("executor", "name", "chat", "since", "reason"),  # its other chat
    "dead_chat_email": ("executor", "name", "chat", "since", "reason"),  # its email
    "dead_chat_alone": ("executor", "name", "chat", "since", "reason"),  # nothing
    "delivery_failed": ("recipient", "channel", "error"),  # failed for good on that channel
    "undeliverable": ("recipient", "error"),  # no configured channel has an address for it
    # a transient failure still being retried after about half an hour of tries
    "still_failing": ("recipient", "channel", "tries", "error"),
    # requests awaiting the coordinator (reminder.store.requests): more time asked, an item
    # reported done under ``close: accept``
    "more_time_pending": ("task", "executor", "since", "coordinator", "request"),
    "awaiting_acceptance": ("task", "executor", "since", "coordinator", "request"),
}


@dataclass(frozen=True)
class Need:
    """One line of "needs a person" as data: its kind (a key of `NEED_KINDS`) and the values
    the kind's sentence is made of. The sentence comes from the word table of the language it
    is shown in; the values (task keys, names, a deadline as the plan writes it, a channel's
    error) are data and shown as they are. Kind ``text``: a line from before lines had kinds
    (a digest queued by an older version), shown as written."""

    kind: str
    values: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, kind: str, **values: str) -> Need:
        """``Need.of("no_deadline", task="p/1.2")``."""
        return cls(kind, tuple(values.items()))

    @property
    def fields(self) -> dict[str, str]:
        """The values by name."""
        return dict(self.values)

    def to_json(self) -> dict[str, Any]:
        """A JSON-able dict (part of the digest's ledger row)."""
        return {"kind": self.kind, "values": self.fields}

    @classmethod
    def from_json(cls, data: dict[str, Any] | str) -> Need:
        """The inverse of to_json; a plain string is a line of an older digest."""
        if isinstance(data, str):
            return cls.of("text", text=data)
        return cls(data["kind"], tuple((str(k), str(v)) for k, v in data["values"].items()))


@dataclass(frozen=True)
class DigestEntry:
    """One task occurrence as the digest lists it."""

    plan_id: str
    plan_title: str
    task_id: str
    task_title: str
    department: str  # the lead's name ("—" when the task has no lead)
    window_start: date | None
    due: date
    days_left: int  # negative when late
    working_days_late: int | None
    plan_language: str = "en"
    note: str | None = None  # the reason of an extension, a note on closing


# The sections of "what changed since the last digest" that list at most LIST_CHANGES entries
# each, the rest counted (``Digest.more``).
CHANGE_SECTIONS = ("newly_overdue", "closed", "extended", "answered")


@dataclass(frozen=True)
class DepartmentCount:
    """One lead department's figures in the digest: its open items (status open, their
    implementation period begun; overdue ones included), how many of those are overdue, and
    the overdue ones by ageing bucket (reminder.report.model.BUCKETS: 1-5, 6-20, over 20
    working days late)."""

    id: str | None  # the lead executor's id (None: tasks without a lead)
    name: str
    open: int
    overdue: int
    buckets: tuple[int, int, int]

    def to_json(self) -> dict[str, Any]:
        """A JSON-able dict (part of the digest's ledger row)."""
        return {"id": self.id, "name": self.name, "open": self.open, "overdue": self.overdue,
                "buckets": list(self.buckets)}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> DepartmentCount:
        """The inverse of to_json."""
        b = d["buckets"]
        return cls(d["id"], d["name"], d["open"], d["overdue"], (b[0], b[1], b[2]))


@dataclass(frozen=True)
class Answered:
    """A request the coordinator answered since the last digest (table ``request``)."""

    plan_id: str
    task_id: str
    task_title: str
    kind: str  # more_time | acceptance
    status: str  # approved | denied | accepted | returned | withdrawn
    executor: str  # who asked (a name)
    answered_by: str
    note: str | None  # the answer's note
    new_due: date | None  # approved: the new deadline

    def to_json(self) -> dict[str, Any]:
        """A JSON-able dict (part of the digest's ledger row)."""
        return {**{f.name: getattr(self, f.name) for f in fields(self)},
                "new_due": self.new_due.isoformat() if self.new_due else None}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Answered:
        """The inverse of to_json."""
        return cls(**{**d, "new_due": date.fromisoformat(d["new_due"]) if d["new_due"]
                      else None})


@dataclass(frozen=True)
class Digest:
    """Everything the secretariat hears in one digest.

    ``overdue`` lists the most late items of each department only (at most
    LIST_PER_DEPARTMENT), ``departments`` counts all of them; the change sections list at most
    LIST_CHANGES entries each and ``more`` counts the rest, so a deployment with ten thousand
    overdue items still gets a digest one can read (the whole list: `reminder report`)."""

    at: datetime
    since: datetime | None
    overdue: tuple[tuple[str, tuple[DigestEntry, ...]], ...]  # by department
    due_soon: tuple[DigestEntry, ...]
    closed: tuple[DigestEntry, ...]
    extended: tuple[DigestEntry, ...]
    needs_a_person: tuple[Need, ...]
    # Fields a digest queued by an older version lacks (its row reads with these defaults).
    departments: tuple[DepartmentCount, ...] = ()  # most overdue first, then by name
    newly_overdue: tuple[DigestEntry, ...] = ()  # overdue now, not yet at the last digest
    answered: tuple[Answered, ...] = ()
    more: tuple[tuple[str, int], ...] = ()  # per change section: entries not listed
    due_soon_more: int = 0

    @property
    def buckets(self) -> tuple[int, int, int]:
        """The overdue items of all departments by ageing bucket."""
        return (sum(d.buckets[0] for d in self.departments),
                sum(d.buckets[1] for d in self.departments),
                sum(d.buckets[2] for d in self.departments))

    @property
    def overdue_total(self) -> int:
        """Every overdue item, listed or not."""
        if self.departments:
            return sum(d.overdue for d in self.departments)
        return sum(len(g) for _, g in self.overdue)  # a digest of an older version

    def items(self, recipient_id: str) -> tuple[Item, ...]:
        """The overdue and due-soon entries as message items (the digest templates group the
        overdue ones by department)."""
        out: list[Item] = []
        late = [e for _, group in self.overdue for e in group]
        for stage, entries in (("overdue", late), ("upcoming", list(self.due_soon))):
            for e in entries:
                out.append(Item(
                    ledger_key=f"digest|{recipient_id}|{e.plan_id}/{e.task_id}@{e.due}",
                    stage="due" if stage == "upcoming" and e.days_left == 0 else stage,  # type: ignore[arg-type]
                    plan_id=e.plan_id, plan_title=e.plan_title, task_id=e.task_id,
                    task_title=e.task_title, result=None, window_start=e.window_start,
                    due=e.due, days_left=e.days_left, working_days_late=e.working_days_late,
                    role="secretariat", lead_name=e.department, others=(),
                    plan_language=e.plan_language))
        return tuple(out)

    def to_json(self) -> dict[str, Any]:
        """A JSON-able dict (stored with the digest's ledger row)."""
        return {
            "at": self.at.isoformat(), "since": self.since.isoformat() if self.since else None,
            "overdue": [[dep, [_entry_json(e) for e in group]] for dep, group in self.overdue],
            "due_soon": [_entry_json(e) for e in self.due_soon],
            "closed": [_entry_json(e) for e in self.closed],
            "extended": [_entry_json(e) for e in self.extended],
            "needs_a_person": [n.to_json() for n in self.needs_a_person],
            "departments": [d.to_json() for d in self.departments],
            "newly_overdue": [_entry_json(e) for e in self.newly_overdue],
            "answered": [a.to_json() for a in self.answered],
            "more": dict(self.more), "due_soon_more": self.due_soon_more,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Digest:
        """The inverse of to_json."""
        return cls(
            at=datetime.fromisoformat(data["at"]),
            since=datetime.fromisoformat(data["since"]) if data["since"] else None,
            overdue=tuple((dep, tuple(_entry(e) for e in group))
                          for dep, group in data["overdue"]),
            due_soon=tuple(_entry(e) for e in data["due_soon"]),
            closed=tuple(_entry(e) for e in data["closed"]),
            extended=tuple(_entry(e) for e in data["extended"]),
            needs_a_person=tuple(Need.from_json(n) for n in data["needs_a_person"]),
            departments=tuple(DepartmentCount.from_json(d) for d in data.get("departments", ())),
            newly_overdue=tuple(_entry(e) for e in data.get("newly_overdue", ())),
            answered=tuple(Answered.from_json(a) for a in data.get("answered", ())),
            more=tuple((str(k), int(v)) for k, v in data.get("more", {}).items()),
            due_soon_more=int(data.get("due_soon_more", 0)),
        )

    @property
    def empty(self) -> bool:
        """Nothing to say: nothing overdue or due soon, nothing changed since the last digest,
        nothing needs a person (open items not yet due are no news). ``digest.when_empty``
        says whether such a digest is one line or not sent."""
        return not (self.overdue or self.due_soon or self.closed or self.extended
                    or self.needs_a_person or self.newly_overdue or self.answered
                    or self.overdue_total or self.due_soon_more or any(n for _, n in self.more))



def _entry_json(e: DigestEntry) -> dict[str, Any]:
    d = {f.name: getattr(e, f.name) for f in fields(e)}
    d["due"] = e.due.isoformat()
    d["window_start"] = e.window_start.isoformat() if e.window_start else None
    return d


def _entry(d: dict[str, Any]) -> DigestEntry:
    return DigestEntry(**{**d, "due": date.fromisoformat(d["due"]),
                          "window_start": date.fromisoformat(d["window_start"])
                          if d["window_start"] else None})
