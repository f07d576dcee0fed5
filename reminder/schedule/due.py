"""What is due now: the reminders a tick records, on time, after downtime, or at a plan's
first load, each worded from where its item stands when it is sent.

Pure: the ladder (reminder.schedule.planner) says which rungs fall in a span; this module
decides, per recipient, which one they hear and how. After downtime each recipient hears only
their latest rung, marked as catching up (the message says the system was unavailable). A plan
loaded after some of its dates had passed is not an outage: with ``first_load: summary`` (the
default) the rungs before the load are not replayed; the lead of an item already overdue
hears it once, as overdue; of an item still running, its lead and co-executors hear their
latest "coming up" rung when the deadline is already near (a window that opened long ago is
not announced); partners and supervisors hear nothing about the past (the secretariat's
digest lists it). With
``first_load: silent`` the past is not mentioned at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from reminder.schedule.audience import Assignee, recipients
from reminder.schedule.kinds import Role, Stage
from reminder.schedule.planner import Ladder, Step

# How late a rung may be sent and still count as on time (a tick a few minutes late is not
# "catching up"; a daemon that was down since yesterday is).
CATCH_UP_GRACE = timedelta(hours=1)

# The rung a lead hears at a plan's first load about an item already overdue (its ledger name).
LOADED = "loaded"
_LOADED_RANK = 199  # after the due day, before the first overdue rung


@dataclass(frozen=True)
class DueReminder:
    """A reminder to record in the ledger and send.

    ``late``: sent after its rung's instant, so it is worded as of the send time (days left,
    days late). ``catch_up``: late because nothing ran (an outage), which the message says.
    A first load's reminders are late but not catching up."""

    recipient_id: str
    role: Role
    step: Step
    catch_up: bool
    late: bool = False


def covered(stage: Stage, due: date, others: Iterable[date], day: date) -> bool:
    """Whether an overdue rung of the occurrence due ``due`` is left to a later period of the
    same recurring task: one that is also overdue on ``day`` (``others``: the due dates of the
    task's other open occurrences). The newest overdue period speaks for the task, listing
    the older ones, so a department hears of one task on one ladder's days, not on each
    quarter's."""
    return stage == "overdue" and any(due < other < day for other in others)


def also_overdue(due: date, others: Iterable[date]) -> tuple[date, ...]:
    """The older open periods a reminder about the period due ``due`` lists with it."""
    return tuple(sorted(d for d in others if d < due))


def standing(stage: Stage, due: date, day: date) -> Stage:
    """The notice kind for a rung of ``stage`` read on ``day``: where the item stands then.
    A notice sent after its day is not "due today" or "coming up" about a date now past."""
    if stage in ("opens", "upcoming", "due") and day > due:
        return "overdue"
    if stage in ("opens", "upcoming") and day == due:
        return "due"
    return stage


def due_reminders(
    ladder: Ladder,
    assignees: Iterable[Assignee],
    secretariat: str | None,
    since: datetime,
    now: datetime,
    loaded_at: datetime | None = None,
    snoozes: Mapping[str, date] | None = None,
) -> tuple[list[DueReminder], datetime | None]:
    """The reminders due in ``[since, now]`` and the next instant this occurrence needs a look.

    After downtime several rungs may be due at once: each recipient gets only the latest one,
    marked ``catch_up``, never a burst of stale reminders. Rungs before ``loaded_at`` (the
    occurrence's plan was loaded then, its earlier dates already past) follow the policy's
    ``first_load``, as the module says. ``snoozes``: recipients who paused this occurrence
    for themselves, and until which day; their rungs before it are skipped.
    """
    team = list(assignees)
    paused = snoozes or {}
    latest: dict[str, tuple[Role, Step]] = {}
    for step in ladder.latest_between(since, now):  # in send order: the last one wins
        for rid, role in recipients(step.stage, step.to, team, secretariat):
            if rid in paused and step.day < paused[rid]:
                continue
            latest[rid] = (role, step)
    # Rungs before this instant are the plan's past (only on its first look after a load).
    past = loaded_at if loaded_at is not None and since < loaded_at else None
    out: list[DueReminder] = []
    for rid, (role, step) in latest.items():
        if past is not None and step.at < past:
            continue  # the plan's past: below
        late = step.at < now - CATCH_UP_GRACE
        out.append(DueReminder(rid, role, step, catch_up=late, late=late))
    if past is not None and ladder.policy.first_load == "summary":
        out += _first_load(ladder, team, latest, past, {r.recipient_id for r in out})
    nxt = ladder.next_after(now)
    return out, (nxt.at if nxt else None)


def _first_load(ladder: Ladder, team: list[Assignee], latest: dict[str, tuple[Role, Step]],
                loaded_at: datetime, heard: set[str]) -> list[DueReminder]:
    """What the plan's past earns at its first load, for those not already hearing a rung
    after it: the lead of an item overdue then hears it once, as overdue; for an item still
    running, each recipient hears their latest rung, as it stands."""
    day = loaded_at.astimezone(ladder.tz).date()
    if ladder.closed or (ladder.snoozed_until is not None and ladder.snoozed_until > day):
        return []
    if ladder.due < day:
        step = Step(loaded_at, _LOADED_RANK, LOADED, "overdue", day, "executors",
                    "first_load: summary (overdue when the plan was loaded)")
        return [DueReminder(a.executor_id, "lead", step, catch_up=False, late=True)
                for a in team if a.role == "lead" and a.executor_id not in heard]
    # An item still running: its executors hear where it stands only when the deadline is
    # near (their latest "coming up" rung); the opening of a window long past is not news,
    # and partners and involved bodies hear nothing about the past.
    return [DueReminder(rid, role, step, catch_up=False, late=True)
            for rid, (role, step) in latest.items()
            if rid not in heard and step.at < loaded_at and step.stage != "opens"
            and role in ("lead", "co")]
