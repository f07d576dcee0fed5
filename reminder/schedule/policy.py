"""The reminder ladder: which reminders an occurrence earns, for whom, and when.

Pure: every function here is a function of the occurrence's dates, its executors, the policy,
the calendar, the time zone and ``now`` (passed in). The store keeps, per occurrence, the send
instant of the first ladder step it has not processed yet (``next_at``); a tick asks this
module for the steps in ``[next_at, now]`` and for the step after ``now``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any, Literal

from reminder.messages.model import Role, Stage
from reminder.schedule.workdays import Shift, WorkCalendar

Audience = str  # "executors", "supervisor", "secretariat" or an executor id
# Roles that hear the whole ladder; the rest ("za zgodoyu" partners, "s privlecheniem"
# involved) get notices only: when the window opens and on the due day.
LADDER_ROLES = frozenset({"lead", "co"})
NOTICE_STAGES = frozenset({"opens", "due"})
# Past-due steps: their send day moves forward off non-working days; steps before the due date
# move back, so a reminder is never later than it promised.
_FORWARD = frozenset({"opens", "overdue", "escalation"})


@dataclass(frozen=True)
class Escalation:
    """After ``after`` working days late, tell ``to``: "supervisor" (the lead's), "secretariat",
    or a named executor id."""

    after: int
    to: str


@dataclass(frozen=True)
class Policy:
    """The reminder ladder of docs/configuration.md, ``policy:``."""

    send_time: time = time(9, 0)
    working_days_only: bool = True
    due_shift: Shift = "next"
    notice_on_open: bool = True
    before: tuple[int, ...] = (14, 3, 1)
    before_unit: Literal["working", "calendar"] = "working"
    on_due: bool = True
    overdue_every: int | None = 7
    escalate: tuple[Escalation, ...] = field(
        default=(Escalation(5, "supervisor"), Escalation(15, "secretariat"))
    )

    def merged(self, overrides: Mapping[str, Any] | None) -> Policy:
        """This policy with the keys a plan or task overrides (YAML values) replaced."""
        if not overrides:
            return self
        return replace(self, **_coerce(overrides))

    def to_json(self) -> dict[str, Any]:
        """A JSON-able dict with the YAML's keys (stored with each task)."""
        return {
            "send_time": self.send_time.strftime("%H:%M"),
            "working_days_only": self.working_days_only,
            "due_shift": self.due_shift,
            "notice_on_open": self.notice_on_open,
            "before": list(self.before),
            "before_unit": self.before_unit,
            "on_due": self.on_due,
            "overdue_every": self.overdue_every,
            "escalate": [{"after": e.after, "to": e.to} for e in self.escalate],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> Policy:
        """The inverse of to_json; missing keys take the defaults."""
        return cls().merged(data)


def _coerce(data: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key not in Policy.__dataclass_fields__:
            raise ValueError(f"policy: unknown key {key!r}")
        if key == "send_time" and not isinstance(value, time):
            value = time.fromisoformat(str(value))
        elif key == "before":
            value = tuple(sorted((int(v) for v in value), reverse=True))
        elif key == "escalate":
            value = tuple(
                e if isinstance(e, Escalation) else Escalation(int(e["after"]), e["to"])
                for e in value
            )
        elif key == "overdue_every" and value is not None:
            value = int(value) or None
        out[key] = value
    return out


@dataclass(frozen=True, order=True)
class Step:
    """One rung of the ladder. ``name`` identifies it within the occurrence and due date
    ("before-3", "overdue-2", "escalation-1") and is part of the ledger key."""

    at: datetime  # aware send instant
    rank: int  # position along the ladder: later rungs rank higher
    name: str
    stage: Stage
    day: date
    to: Audience
    rule: str  # the policy rule that produced it, for `reminder plan`


@dataclass(frozen=True)
class Assignee:
    """An executor of a task, as the ladder needs it."""

    executor_id: str
    role: Role
    supervisor: str | None = None
    partner: bool = False  # the directory marks it "asked, not ordered"

    @property
    def effective_role(self) -> Role:
        if self.partner and self.role in LADDER_ROLES:
            return "partner"
        return self.role


@dataclass(frozen=True)
class DueReminder:
    """A reminder to record in the ledger and send."""

    recipient_id: str
    role: Role
    step: Step
    catch_up: bool


class Ladder:
    """The ladder of one occurrence: its window and due date under one policy."""

    def __init__(
        self,
        window_start: date | None,
        due: date,
        policy: Policy,
        calendar: WorkCalendar,
        tz: tzinfo,
    ) -> None:
        self.window_start = window_start
        self.due = due
        self.policy = policy
        self.cal = calendar
        self.tz = tz
        self._fixed = self._fixed_steps()

    def _at(self, day: date) -> datetime:
        return datetime.combine(day, self.policy.send_time, tzinfo=self.tz)

    def _send_day(self, day: date, stage: str) -> date:
        if not self.policy.working_days_only:
            return day
        return self.cal.shift(day, "next" if stage in _FORWARD else "previous")

    def _step(self, rank: int, name: str, stage: Stage, day: date, to: Audience, rule: str) -> Step:
        send_day = self._send_day(day, stage)
        return Step(self._at(send_day), rank, name, stage, send_day, to, rule)

    def _fixed_steps(self) -> list[Step]:
        p, due, steps = self.policy, self.due, []
        if p.notice_on_open and self.window_start is not None and self.window_start < due:
            steps.append(self._step(0, "opens", "opens", self.window_start, "executors",
                                    "notice_on_open"))
        for i, n in enumerate(sorted(set(p.before), reverse=True)):
            working = p.before_unit == "working"
            day = self.cal.add_working(due, -n) if working else due - timedelta(days=n)
            if self.window_start is not None and day < self.window_start:
                continue  # a reminder before the work may even start would only confuse
            steps.append(self._step(10 + i, f"before-{n}", "upcoming", day, "executors",
                                    f"before: {n} {p.before_unit} days"))
        if p.on_due:
            steps.append(self._step(100, "due", "due", due, "executors", "on_due"))
        for i, esc in enumerate(p.escalate):
            day = self.cal.add_working(due, esc.after)
            steps.append(self._step(10_000 + i, f"escalation-{i + 1}", "escalation", day,
                                    esc.to, f"escalate: after {esc.after} working days"))
        return steps

    def steps_between(self, lo: date, hi: date) -> list[Step]:
        """Every step whose send day is in [lo, hi], in send order."""
        out = [s for s in self._fixed if lo <= s.day <= hi]
        every = self.policy.overdue_every
        if every:
            # Overdue reminders repeat forever, so only the ones near [lo, hi] are generated:
            # a send day is at most a couple of weeks after the nominal day (holidays).
            k = max(1, ((lo - self.due).days - 30) // every)
            while True:
                nominal = self.due + timedelta(days=k * every)
                if nominal > hi:
                    break
                step = self._step(200 + k, f"overdue-{k}", "overdue", nominal, "executors",
                                  f"overdue_every: {every} days")
                if lo <= step.day <= hi:
                    out.append(step)
                k += 1
        # Two rungs landing on one day (a holiday shift): the later rung speaks for both.
        by_day: dict[tuple[date, str], Step] = {}
        for s in sorted(out, key=lambda s: (s.at, s.rank)):
            by_day[(s.day, s.to)] = s
        return sorted(by_day.values(), key=lambda s: (s.at, s.rank))

    def steps_in(self, lo: datetime, hi: datetime) -> list[Step]:
        """Steps with send instant in [lo, hi]."""
        days = self.steps_between(lo.astimezone(self.tz).date(), hi.astimezone(self.tz).date())
        return [s for s in days if lo <= s.at <= hi]

    def first_step(self) -> Step | None:
        """The first step of the ladder, however long ago."""
        if self._fixed:
            return min(self._fixed)
        return self.next_after(self._at(self.due))

    def next_after(self, t: datetime) -> Step | None:
        """The first step sent strictly after ``t``; None when the ladder has ended."""
        if not self.policy.overdue_every:
            later = [s for s in self.steps_between(date.min, date.max) if s.at > t]
            return later[0] if later else None
        start = t.astimezone(self.tz).date()
        # Overdue rungs repeat every N days, so a step exists within N days after the due date
        # (plus holiday shifts); scan in chunks rather than generating the infinite ladder.
        span = timedelta(days=self.policy.overdue_every + 60)
        lo = start
        for _ in range(4):
            for s in self.steps_between(lo, lo + span):
                if s.at > t:
                    return s
            lo += span
        return None


def recipients(step: Step, assignees: Iterable[Assignee], secretariat: str | None
               ) -> list[tuple[str, Role]]:
    """Who hears about ``step``, with the role they hear it in.

    Partners and involved executors get notices only and are never escalated about: an
    escalation concerns the lead, and a lead the directory marks as a partner has none.
    """
    assignees = list(assignees)
    if step.to == "executors":
        return [
            (a.executor_id, a.effective_role)
            for a in assignees
            if a.effective_role in LADDER_ROLES or step.stage in NOTICE_STAGES
        ]
    leads = [a for a in assignees if a.effective_role == "lead"]
    if not leads:
        return []
    if step.to == "supervisor":
        sups = {a.supervisor for a in leads if a.supervisor}
        return [(s, "supervisor") for s in sorted(sups)]
    if step.to == "secretariat":
        return [(secretariat, "secretariat")] if secretariat else []
    return [(step.to, "supervisor")]  # a named executor oversees this escalation step


# How late a step may be sent and still count as on time (a tick a few minutes late is not
# "catching up"; a daemon that was down since yesterday is).
CATCH_UP_GRACE = timedelta(hours=1)


def due_reminders(
    ladder: Ladder,
    assignees: Iterable[Assignee],
    secretariat: str | None,
    since: datetime,
    now: datetime,
) -> tuple[list[DueReminder], datetime | None]:
    """The reminders due in ``[since, now]`` and the next instant this occurrence needs a look.

    After downtime several rungs may be due at once: each recipient gets only the latest one,
    marked ``catch_up``, never a burst of stale reminders.
    """
    assignees = list(assignees)
    latest: dict[str, tuple[Step, Role, int]] = {}
    for step in ladder.steps_in(since, now):
        for rid, role in recipients(step, assignees, secretariat):
            prev = latest.get(rid)
            latest[rid] = (step, role, (prev[2] + 1) if prev else 1)
    out = [
        DueReminder(rid, role, step, catch_up=step.at < now - CATCH_UP_GRACE)
        for rid, (step, role, _count) in latest.items()
    ]
    nxt = ladder.next_after(now)
    return out, (nxt.at if nxt else None)
