"""A daylight-saving change in the deployment's zone neither skips nor repeats a send.

Europe/Kyiv and Europe/Riga leave winter time on the last Sunday of March at 03:00 local (the
clock jumps to 04:00: 03:00-03:59 does not exist) and return to it on the last Sunday of
October at 04:00 local (back to 03:00: 03:00-03:59 happens twice). Tasks whose ladders send
one reminder a day for a week around each change, at 03:30 (in the hour that is skipped in
March and repeated in October), 03:00 (the first minute of that hour) and 09:00 (an ordinary
time), are ticked every hour in UTC across the week through the real store. Every rung the
planner (``Ladder.between``) promises in that week is recorded once, sent once on the wire,
and sent by the first tick at or after the instant the planner gives it: a rung is never
early, never a tick late, and never "caught up".

What the planner gives a local time that does not exist or exists twice is Python's reading
of it with ``fold=0`` (``datetime.combine(day, send_time, tzinfo=zone)``): in March 03:30
means 03:30 at the winter offset, which is 04:30 summer time; in October 03:30 is the first
03:30 (summer time), an hour before the second. ``test_the_instants_the_planner_gives`` pins
both, so a change of that reading is a visible decision, not an accident.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from reminder.deadlines.model import Deadline, Occurrence
from reminder.messages.render import render
from reminder.schedule.audience import Assignee, recipients
from reminder.schedule.planner import Ladder
from reminder.schedule.policy import Policy
from reminder.schedule.workdays import calendar_for
from reminder.store.db import transaction
from reminder.store.keys import LedgerKey
from reminder.store.models import LedgerRow, OccurrenceRow
from reminder.store.specs import Deployment, ExecutorSpec, PlanSpec, TaskSpec
from reminder.store.sync import sync
from reminder.tick import EngineSettings, tick
from tests.store.helpers import Wire

ZONES = {"Europe/Kyiv": "UA", "Europe/Riga": "LV"}
# 2024: the last Sundays of March and October.
CHANGES = {"spring": date(2024, 3, 31), "autumn": date(2024, 10, 27)}
SEND_TIMES = (time(3, 30), time(3, 0), time(9, 0))
TEAM = (("lead", "lead"), ("co", "co"))
EXECUTORS = (ExecutorSpec("lead", "Lead", "en", emails=("lead@example.org",)),
             ExecutorSpec("co", "Co", "en", emails=("co@example.org",)))


def _policy(send_time: time) -> Policy:
    """One rung a day, every day: the opening notice and `before` on the three days before
    the due date, the due day, then an overdue reminder daily (calendar days, so the Sunday
    of the change has one too)."""
    return Policy(send_time=send_time, working_days_only=False, due_shift="none",
                  notice_on_open=True, before=(3, 2, 1), before_unit="calendar", on_due=True,
                  overdue_every=1, escalate=())


def _deployment(tmp: Path, zone: str, change: date) -> Deployment:
    tasks = []
    for i, send_time in enumerate(SEND_TIMES):
        # due on the day of the change, and the day before it (its overdue rung is then the
        # one that falls on the change), so both kinds of rung meet the change
        for j, due in enumerate((change, change - timedelta(days=1))):
            start = due - timedelta(days=3)
            deadline = Deadline(f"{start}..{due}", "window", start, due,
                                (Occurrence(start, due),), lang="en")
            tasks.append(TaskSpec(f"{i + 1}.{j + 1}", f"Task {i + 1}.{j + 1}", deadline,
                                  executors=TEAM, policy=_policy(send_time)))
    plan = PlanSpec("dst", "Plan", "en", ZONES[zone], tuple(tasks))
    return Deployment(plans=(plan,), executors=EXECUTORS, timezone=zone, country=ZONES[zone],
                      secretariat=None, state_dir=tmp, digest_cron=None)


def _first_tick_at_or_after(instant: datetime) -> datetime:
    """Ticks run on the hour in UTC: the one that sends a reminder due at ``instant``."""
    utc = instant.astimezone(UTC)
    hour = utc.replace(minute=0, second=0, microsecond=0)
    return hour if hour == utc else hour + timedelta(hours=1)


@pytest.mark.parametrize("change_name", sorted(CHANGES))
@pytest.mark.parametrize("zone", sorted(ZONES))
def test_hourly_ticks_across_the_change_send_each_rung_once_on_time(
        engine: Engine, tmp_path: Path, zone: str, change_name: str) -> None:
    change = CHANGES[change_name]
    tz = ZoneInfo(zone)
    dep = _deployment(tmp_path, zone, change)
    wire = Wire()
    cfg = EngineSettings(dep.timezone, dep.secretariat, {"email": wire}, render, None)
    # From a day before the first window opens to four days after the change, every hour.
    first = datetime.combine(change - timedelta(days=5), time(0), tzinfo=UTC)
    last = datetime.combine(change + timedelta(days=4), time(0), tzinfo=UTC)
    with transaction(engine) as s:
        sync(s, dep, first)
    sent_by_tick: dict[str, datetime] = {}
    now = first
    while now <= last:
        asyncio.run(tick(engine, cfg, now, "w1", lease=None))
        for key in wire.sent:
            sent_by_tick.setdefault(key, now)
        now += timedelta(hours=1)

    # What the planner promises in (first, last], for each occurrence as synced and each
    # recipient.
    with Session(engine) as s:
        occurrences = list(s.exec(select(OccurrenceRow)))
    policies = {f"{plan.id}/{t.id}": t.policy for plan in dep.plans for t in plan.tasks}
    team = [Assignee(eid, role) for eid, role in TEAM]  # type: ignore[arg-type]
    promised: dict[tuple[str, str, str, str], datetime] = {}
    for o in occurrences:
        ladder = Ladder(o.window_start, o.due, policies[o.task_key],
                        calendar_for(ZONES[zone]), tz)
        for step in ladder.between(first + timedelta(microseconds=1), last):
            for rid, _ in recipients(step.stage, step.to, team, None):
                promised[(o.task_key, o.due.isoformat(), rid, step.name)] = step.at
    # every local day of the week around the change has its rung, the Sunday included
    days = Counter((k[0], k[2], at.date()) for k, at in promised.items())
    assert set(days.values()) == {1}
    for task_key, rid in {(k[0], k[2]) for k in promised}:
        assert change in {d for (tk, r, d) in days if (tk, r) == (task_key, rid)}

    with Session(engine) as s:
        rows = list(s.exec(select(LedgerRow).where(col(LedgerRow.occurrence_id).is_not(None))))
        occ_task = {o.id: o.task_key for o in s.exec(select(OccurrenceRow))}
    recorded: dict[tuple[str, str, str, str], LedgerRow] = {}
    for r in rows:
        k = LedgerKey.parse(r.key)
        triple = (k.subject.split("@", 1)[1], k.recipient, k.step)
        key = (occ_task[r.occurrence_id or 0], *triple)
        assert key not in recorded, f"recorded twice: {key}"
        recorded[key] = r
    assert set(recorded) == set(promised), (
        f"skipped: {sorted(set(promised) - set(recorded))}; "
        f"not promised: {sorted(set(recorded) - set(promised))}")
    late_or_early = []
    for key, row in recorded.items():
        assert row.status == "sent", (key, row.status, row.error)
        assert not row.catch_up, key  # an hourly tick is never "catching up"
        expected = _first_tick_at_or_after(promised[key])
        got = sent_by_tick[_reminder_key(row)]
        if got != expected:
            late_or_early.append((key, promised[key].isoformat(), expected.isoformat(),
                                  got.isoformat()))
    assert late_or_early == []
    # on the wire: each reminder once
    assert set(wire.sent.values()) == {1} and len(wire.sent) == len(recorded)


def _reminder_key(row: LedgerRow) -> str:
    """The key a message item carries for a ledger row (what the wire records)."""
    return LedgerKey.parse(row.key).reminder


@pytest.mark.parametrize("zone", sorted(ZONES))
def test_the_instants_the_planner_gives(zone: str) -> None:
    """03:30 on the day of each change, as the planner reads it (see the module docstring),
    and the ordinary 09:00 at the offset of the day."""
    tz = ZoneInfo(zone)

    def rung_at(day: date, send_time: time) -> datetime:
        ladder = Ladder(day - timedelta(days=3), day, _policy(send_time), calendar_for(None),
                        tz)
        (step,) = [s for s in ladder.on_days(day, day)]
        return step.at.astimezone(UTC)

    spring, autumn = CHANGES["spring"], CHANGES["autumn"]
    # March: 03:30 does not exist; it is read at the winter offset (+02:00): 01:30 UTC,
    # which the clocks on the wall show as 04:30. 03:00 likewise: 01:00 UTC, 04:00 on the wall.
    assert rung_at(spring, time(3, 30)) == datetime(2024, 3, 31, 1, 30, tzinfo=UTC)
    assert rung_at(spring, time(3, 0)) == datetime(2024, 3, 31, 1, 0, tzinfo=UTC)
    assert rung_at(spring, time(3, 30)).astimezone(tz).strftime("%H:%M %z") == "04:30 +0300"
    # October: 03:30 happens twice; the planner takes the first (summer time, +03:00).
    assert rung_at(autumn, time(3, 30)) == datetime(2024, 10, 27, 0, 30, tzinfo=UTC)
    assert rung_at(autumn, time(3, 0)) == datetime(2024, 10, 27, 0, 0, tzinfo=UTC)
    # Ordinary times follow the offset of their day.
    assert rung_at(spring, time(9)) == datetime(2024, 3, 31, 6, 0, tzinfo=UTC)
    assert rung_at(spring - timedelta(days=1), time(9)) == datetime(2024, 3, 30, 7, 0,
                                                                     tzinfo=UTC)
    assert rung_at(autumn, time(9)) == datetime(2024, 10, 27, 7, 0, tzinfo=UTC)
    assert rung_at(autumn - timedelta(days=1), time(9)) == datetime(2024, 10, 26, 6, 0,
                                                                     tzinfo=UTC)


def _digest_days(engine: Engine, dep: Deployment, first: datetime, last: datetime,
                 tz: ZoneInfo) -> Counter[date]:
    """Tick every hour from ``first`` to ``last``; the local days digests were sent on."""
    wire = Wire()
    cfg = EngineSettings(dep.timezone, dep.secretariat, {"email": wire}, render,
                         dep.digest_cron)
    with transaction(engine) as s:
        sync(s, dep, first)
    now = first
    while now <= last:
        asyncio.run(tick(engine, cfg, now, "w1", lease=None))
        now += timedelta(hours=1)
    with Session(engine) as s:
        rows = list(s.exec(select(LedgerRow).where(col(LedgerRow.step) == "digest")))
    assert all(r.status == "sent" for r in rows)
    return Counter(datetime.strptime(LedgerKey.parse(r.key).subject.split("@", 1)[1],
                                     "%Y-%m-%dT%H:%MZ").replace(tzinfo=UTC)
                   .astimezone(tz).date() for r in rows)


@pytest.mark.parametrize("cron", ["30 3 * * *", "0 9 * * *"])
@pytest.mark.parametrize("change_name", sorted(CHANGES))
@pytest.mark.parametrize("zone", sorted(ZONES))
def test_a_daily_digest_is_sent_once_a_day_across_the_change(
        engine: Engine, tmp_path: Path, zone: str, change_name: str, cron: str) -> None:
    """The secretariat's digest is a send too: one per day of a daily cron, the day of the
    change included, whatever time of day the cron names. (APScheduler 3, which the digest's
    clock asks for the cron's instants, fires 03:30 twice on the autumn Sunday, at +03:00 and
    at +02:00; store.digests.cron_fires keeps one, and this holds it to that.)"""
    change = CHANGES[change_name]
    tz = ZoneInfo(zone)
    sec = ExecutorSpec("sec", "Secretariat", "en", emails=("sec@example.org",))
    dep = _deployment(tmp_path, zone, change)
    dep = Deployment(plans=dep.plans, executors=(*EXECUTORS, sec), timezone=zone,
                     country=ZONES[zone], secretariat="sec", state_dir=tmp_path,
                     digest_cron=cron)
    first = datetime.combine(change - timedelta(days=2), time(0), tzinfo=UTC)
    last = datetime.combine(change + timedelta(days=2), time(0), tzinfo=UTC)
    days = _digest_days(engine, dep, first, last, tz)
    # the first sync starts the digest clock; from then on one digest each day, the day of
    # the change included
    expected = {change + timedelta(days=d): 1 for d in range(-1, 2)}
    assert {d: n for d, n in days.items() if d in expected} == expected
