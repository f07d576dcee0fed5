"""The exact planner: every reminder an occurrence earns, for windows of any length and for
ladders that never end.

One occurrence (its window and due date), its policy, its country's calendar and what people
did to it (snoozed until a day, closed) make a ``Ladder``. It answers two questions exactly:

* ``between(lo, hi)`` / ``on_days(lo, hi)``: every rung sent in a span of time;
* ``next_after(t)``: the first rung sent strictly after ``t``, however far away.

The rungs are of two sorts. The fixed ones (the opening notice, ``before``, the due day, the
escalations) are a short list sorted once and searched with bisect. The overdue ones repeat
every ``overdue_every`` days until ``overdue_later_after`` days late, then every
``overdue_later_every`` days, and stop after ``overdue_stop_after`` days (each optional: without
them they repeat for ever); the k-th is nominally ``due + offset(k)`` and moves forward off
non-working days, so its send day is found by arithmetic and never by scanning a horizon (as
APScheduler's interval trigger computes its next fire time).

`tick`, `reminder plan`, `reminder preview`, `reminder status` and the bot's /tasks all ask
this module, so what is promised and what is sent cannot disagree.

Pure: nothing here reads the clock, the database or the network; ``now`` is passed in.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo

from reminder.schedule.audience import Assignee, Audience, recipients
from reminder.schedule.kinds import Role, Stage
from reminder.schedule.policy import Policy
from reminder.schedule.workdays import WorkCalendar

# Past-due rungs move forward off non-working days; rungs before the due date move back, so a
# reminder is never later than it promised.
_FORWARD = frozenset({"opens", "overdue", "escalation"})
# The calendar ends at 9999-12-31; a rung must have room to move forward off a holiday.
_LAST_DAY = date(9999, 12, 1)
_EARLIEST = datetime(1, 1, 3, tzinfo=UTC)  # before any rung, and safe to move to any zone


def _days(n: int, kind: str = "") -> str:
    """'1 day', '3 working days': the rule texts `reminder plan` shows."""
    return f"{n} {kind}day" if n == 1 else f"{n} {kind}days"


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


class Ladder:
    """The rungs of one occurrence under one policy, given what people did to it.

    ``snoozed_until``: rungs sent before that day are skipped (the ladder resumes on it).
    ``closed``: done or cancelled, so nothing more is sent.
    """

    def __init__(
        self,
        window_start: date | None,
        due: date,
        policy: Policy,
        calendar: WorkCalendar,
        tz: tzinfo,
        *,
        snoozed_until: date | None = None,
        closed: bool = False,
    ) -> None:
        self.window_start = window_start
        self.due = due
        self.policy = policy
        self.cal = calendar
        self.tz = tz
        self.snoozed_until = snoozed_until
        self.closed = closed
        # The overdue rungs' offsets from the due date: every ``_every`` days up to ``_k1``
        # rungs (None: for good), then every ``_later`` days; the last is rung ``_k_last``.
        self._every = policy.overdue_every or 0
        self._later = policy.overdue_later_every or self._every
        self._k1: int | None = None
        if self._every and policy.overdue_later_every:
            self._k1 = policy.overdue_later_after // self._every
        room = (_LAST_DAY - due).days  # the calendar's end
        stop = policy.overdue_stop_after
        self._k_last = self._k_within(min(room, stop) if stop is not None else room)
        self._fixed = self._fixed_steps()
        self._fixed_days = [s.day for s in self._fixed]

    # -- building rungs ---------------------------------------------------------------------

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
        """The finite rungs, sorted by send instant, one per (day, audience)."""
        p, due = self.policy, self.due
        steps: list[Step] = []
        if p.notice_on_open and self.window_start is not None and self.window_start < due:
            steps.append(self._step(0, "opens", "opens", self.window_start, "executors",
                                    "notice_on_open"))
        for i, n in enumerate(sorted(set(p.before), reverse=True)):
            working = p.before_unit == "working"
            day = self.cal.add_working(due, -n) if working else due - timedelta(days=n)
            if self.window_start is not None and day < self.window_start:
                continue  # a reminder before the work may even start would only confuse
            steps.append(self._step(10 + i, f"before-{n}", "upcoming", day, "executors",
                                    f"before: {_days(n, p.before_unit + ' ')}"))
        if p.on_due:
            steps.append(self._step(100, "due", "due", due, "executors", "on_due"))
        for i, esc in enumerate(p.escalate):
            day = self.cal.add_working(due, esc.after)
            steps.append(self._step(10_000 + i, f"escalation-{i + 1}", "escalation", day,
                                    esc.to, f"escalate: after {_days(esc.after, 'working ')}"))
        # Two rungs landing on one day for one audience (a holiday shift): the later rung
        # speaks for both. An overdue rung outranks every fixed rung sent to the executors.
        by_day: dict[tuple[date, str], Step] = {}
        for s in sorted(steps):
            by_day[(s.day, s.to)] = s
        kept = [s for s in by_day.values()
                if not (s.to == "executors" and s.day > due and self._overdue_on(s.day))]
        return sorted(kept)

    # -- the overdue rungs, by arithmetic ---------------------------------------------------

    def _offset(self, k: int) -> int:
        """Days from the due date to the k-th overdue rung's nominal day."""
        if self._k1 is None or k <= self._k1:
            return k * self._every
        return self._k1 * self._every + (k - self._k1) * self._later

    def _k_within(self, days: int) -> int:
        """How many overdue rungs have their nominal day at most ``days`` after the due."""
        if not self._every or days < 1:
            return 0
        if self._k1 is None or days < self._k1 * self._every:
            return days // self._every
        return self._k1 + (days - self._k1 * self._every) // self._later

    def _overdue_day(self, k: int) -> date | None:
        """The send day of the k-th overdue rung (k >= 1); None past the last one (the policy's
        stop, or the calendar's end)."""
        if k > self._k_last:
            return None
        return self._send_day(self.due + timedelta(days=self._offset(k)), "overdue")

    def _first_overdue_from(self, day: date) -> int | None:
        """The smallest k whose send day is on or after ``day``; None if there is none."""
        if not self._k_last:
            return None
        gap = (day - self.due).days
        # Its nominal day is on or after ``day``, so its send day is too; an earlier rung may
        # also have moved forward onto or past ``day``: step back while one did.
        k = max(1, self._k_within(gap - 1) + 1)
        if k > self._k_last:
            # Past the last rung's nominal day; the last one may still be sent on or after
            # ``day``, moved forward off a holiday.
            k = self._k_last
            last = self._overdue_day(k)
            if last is None or last < day:
                return None
        while k > 1:
            prev = self._overdue_day(k - 1)
            if prev is None or prev < day:
                break
            k -= 1
        return k

    def _overdue_on(self, day: date) -> bool:
        k = self._first_overdue_from(day)
        return k is not None and self._overdue_day(k) == day

    def _overdue_step(self, k: int, day: date) -> Step:
        rule = (f"overdue_every: {_days(self._every)}" if self._k1 is None or k <= self._k1 else
                f"overdue_later_every: {_days(self._later)}")
        if k == self._k_last and self.policy.overdue_stop_after is not None \
                and self._offset(k + 1) > self.policy.overdue_stop_after:
            rule += f"; the last (overdue_stop_after: {_days(self.policy.overdue_stop_after)})"
        return Step(self._at(day), 200 + k, f"overdue-{k}", "overdue", day, "executors", rule)

    def _overdue_from(self, day: date) -> Iterable[Step]:
        """The overdue rungs sent on or after ``day``, in order (an endless generator). Of
        several rungs moved onto one send day, the last speaks for all."""
        k = self._first_overdue_from(day)
        if k is None:
            return
        current = self._overdue_day(k)
        while current is not None:
            following = self._overdue_day(k + 1)
            if following != current:
                yield self._overdue_step(k, current)
            k, current = k + 1, following

    # -- the questions ------------------------------------------------------------------------

    def on_days(self, lo: date, hi: date) -> list[Step]:
        """Every rung whose send day is in [lo, hi], in send order."""
        if self.closed:
            return []
        if self.snoozed_until is not None and self.snoozed_until > lo:
            lo = self.snoozed_until
        if hi < lo:
            return []
        out = self._fixed[bisect_left(self._fixed_days, lo):bisect_right(self._fixed_days, hi)]
        for step in self._overdue_from(lo):
            if step.day > hi:
                break
            out.append(step)
        return sorted(out)

    def between(self, lo: datetime, hi: datetime) -> list[Step]:
        """Every rung sent at an instant in [lo, hi], in send order."""
        days = self.on_days(lo.astimezone(self.tz).date(), hi.astimezone(self.tz).date())
        return [s for s in days if lo <= s.at <= hi]

    def _last_overdue_until(self, t: datetime) -> Step | None:
        """The last overdue rung sent at or before ``t`` (by arithmetic, however far)."""
        if not self._k_last:
            return None
        day = t.astimezone(self.tz).date()
        if day <= self.due:
            return None
        # The first rung sent after ``day``, then step back to the one before it: rungs moved
        # onto one day leave the last of them, which is the one just before that.
        k = self._first_overdue_from(day + timedelta(days=1))
        k = (k - 1) if k is not None else self._k_last
        while k >= 1:
            sent = self._overdue_day(k)
            if sent is not None:
                step = self._overdue_step(k, sent)
                if step.at <= t:
                    return step
            k -= 1
        return None

    def latest_between(self, lo: datetime, hi: datetime) -> list[Step]:
        """The rungs in [lo, hi] that can be the latest one someone hears: the fixed rungs and
        only the last overdue rung. What a tick after downtime needs, in time that does not
        grow with the downtime (years of weekly rungs are not listed to keep one)."""
        if self.closed:
            return []
        first, last = lo.astimezone(self.tz).date(), hi.astimezone(self.tz).date()
        if self.snoozed_until is not None and self.snoozed_until > first:
            first = self.snoozed_until
        out = [s for s in self._fixed[bisect_left(self._fixed_days, first):
                                      bisect_right(self._fixed_days, last)]
               if lo <= s.at <= hi]
        overdue = self._last_overdue_until(hi)
        if overdue is not None and overdue.at >= lo and overdue.day >= first:
            out.append(overdue)
        return sorted(out)

    def next_after(self, t: datetime) -> Step | None:
        """The first rung sent strictly after ``t``; None when the ladder has ended (no
        overdue repeats, or closed)."""
        if self.closed:
            return None
        day = t.astimezone(self.tz).date()
        if self.snoozed_until is not None and self.snoozed_until > day:
            day = self.snoozed_until
        best = next((s for s in self._fixed[bisect_left(self._fixed_days, day):] if s.at > t),
                    None)
        for step in self._overdue_from(day):
            if best is not None and step > best:
                break
            if step.at > t:
                best = step
                break
        return best

    def first(self) -> Step | None:
        """The first rung of the ladder, however long ago."""
        return self.next_after(_EARLIEST)


@dataclass(frozen=True)
class Reminder:
    """One rung for one recipient, in the role they hear it in."""

    recipient_id: str
    role: Role
    step: Step


def reminders_between(ladder: Ladder, assignees: Iterable[Assignee], secretariat: str | None,
                      lo: datetime, hi: datetime) -> list[Reminder]:
    """Every reminder the ladder sends in [lo, hi], recipient by recipient, in send order."""
    team = list(assignees)
    return [Reminder(rid, role, step) for step in ladder.between(lo, hi)
            for rid, role in recipients(step.stage, step.to, team, secretariat)]
