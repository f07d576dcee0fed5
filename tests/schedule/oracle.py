"""A deliberately naive statement of the ladder, to test the planner against.

It lists every rung of an occurrence up to a day by brute force: every overdue repeat is
generated one by one from the due date, every shift off a holiday is walked a day at a time,
and collisions are resolved by a dictionary. No bisect, no arithmetic on the repeat number,
no search horizon: the blind spots the planner could have (a rung far away, a repeat landing
on a holiday run, a snooze) are not shared.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo
from typing import NamedTuple

from reminder.schedule.policy import Policy
from reminder.schedule.workdays import WorkCalendar


class Rung(NamedTuple):
    """A rung as the oracle sees it."""

    day: date
    at: datetime
    name: str
    stage: str
    to: str


def _walk(cal: WorkCalendar, day: date, step: int) -> date:
    while not cal.is_working(day):
        day += timedelta(days=step)
    return day


def _count_working(cal: WorkCalendar, day: date, n: int) -> date:
    step = 1 if n > 0 else -1
    left = abs(n)
    while left:
        day += timedelta(days=step)
        if cal.is_working(day):
            left -= 1
    return day


def naive_rungs(window_start: date | None, due: date, policy: Policy, cal: WorkCalendar,
                tz: tzinfo, until: date, snoozed_until: date | None = None) -> list[Rung]:
    """Every rung with send day <= ``until`` (rungs whose nominal day is past ``until`` are not
    generated, so compare only well before it)."""
    candidates: list[tuple[int, str, str, date, int, str]] = []  # rank, name, stage, day, dir, to
    if policy.notice_on_open and window_start is not None and window_start < due:
        candidates.append((0, "opens", "opens", window_start, 1, "executors"))
    for i, n in enumerate(sorted(set(policy.before), reverse=True)):
        day = (_count_working(cal, due, -n) if policy.before_unit == "working"
               else due - timedelta(days=n))
        if window_start is not None and day < window_start:
            continue
        candidates.append((10 + i, f"before-{n}", "upcoming", day, -1, "executors"))
    if policy.on_due:
        candidates.append((100, "due", "due", due, -1, "executors"))
    for i, esc in enumerate(policy.escalate):
        candidates.append((10_000 + i, f"escalation-{i + 1}", "escalation",
                           _count_working(cal, due, esc.after), 1, esc.to))
    if policy.overdue_every:
        # docs/configuration.md: every overdue_every days while at most overdue_later_after
        # days late, then every overdue_later_every days; none more than overdue_stop_after
        # days late. One rung after another, from the previous one.
        k, offset = 0, 0
        while True:
            gap = policy.overdue_every
            if policy.overdue_later_every and offset + gap > policy.overdue_later_after:
                gap = policy.overdue_later_every
            offset += gap
            if policy.overdue_stop_after is not None and offset > policy.overdue_stop_after:
                break
            if due + timedelta(days=offset) > until:
                break
            k += 1
            candidates.append((200 + k, f"overdue-{k}", "overdue",
                               due + timedelta(days=offset), 1, "executors"))
    chosen: dict[tuple[date, str], tuple[int, str, str]] = {}
    for rank, name, stage, day, direction, to in candidates:
        send = _walk(cal, day, direction) if policy.working_days_only else day
        if (send, to) not in chosen or chosen[(send, to)][0] < rank:
            chosen[(send, to)] = (rank, name, stage)
    out = [Rung(day, datetime.combine(day, policy.send_time, tzinfo=tz), name, stage, to)
           for (day, to), (rank, name, stage) in chosen.items()
           if day <= until and (snoozed_until is None or day >= snoozed_until)]
    ranks = {(r.day, r.to): chosen[(r.day, r.to)][0] for r in out}
    return sorted(out, key=lambda r: (r.at, ranks[(r.day, r.to)]))
