"""What daily ticks record against what the planner promised, through the real store.

For generated policies (every before/overdue_every/escalate combination, working and calendar
days, due shifts) and windows from one day to six years, the engine ticks once a day over the
whole life of the tasks, with restarts (a new worker after a crash between claim and send), a
week down, and done/extend/snooze on random days. The expected reminders come from the naive
oracle of tests/schedule/oracle.py, applied piecewise between the actions, never from the
planner: every promised reminder is in the ledger once, sent, and nothing else is; only rungs
that fell due while the engine was down are missing, each spoken for by the catching-up
reminder its recipient got about the same occurrence when the engine came back.
The deployment is in Moscow; some scenarios give the plan its own zone (Riga, Kyiv), whose
clock the oracle then follows (send times, days, DST changes) while the ticks, and the
people acting, keep Moscow's.
Runs on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import asyncio
import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from reminder.deadlines.model import Deadline, Occurrence
from reminder.messages.render import render
from reminder.schedule.audience import Assignee, recipients
from reminder.schedule.policy import Escalation, Policy
from reminder.schedule.workdays import calendar_for
from reminder.store import actions
from reminder.store.keys import LedgerKey
from reminder.store.models import LedgerRow, OccurrenceRow
from reminder.tick import EngineSettings, tick
from tests.schedule.oracle import naive_rungs
from tests.store.helpers import EXECUTORS, MSK, Wire, deployment, do_sync, task

TEAM = (Assignee("minek", "lead", supervisor="deputy"), Assignee("minfin", "co",
                                                                  supervisor="deputy2"),
        Assignee("ngo", "partner"))
TICK_AT = time(23, 0)  # after every send time the policies use: each day's rungs are due
ACT_AT = time(23, 30)  # people act after the day's tick


class Crash(Exception):
    """The process dies between claiming rows and sending them."""


def _policy(rng: random.Random) -> Policy:
    escalate = sorted(rng.sample(range(1, 40), rng.randint(0, 2)))
    return Policy(
        send_time=rng.choice([time(8, 30), time(9, 0), time(17, 45)]),
        working_days_only=rng.random() < 0.7,
        due_shift=rng.choice(["next", "previous", "none"]),
        notice_on_open=rng.random() < 0.8,
        before=tuple(sorted(rng.sample(range(1, 30), rng.randint(0, 3)), reverse=True)),
        before_unit=rng.choice(["working", "calendar"]),
        on_due=rng.random() < 0.8,
        overdue_every=rng.choice([None, 1, 3, 7, 14, 30]),
        overdue_later_after=rng.choice([0, 14, 28, 60]),
        overdue_later_every=rng.choice([None, 10, 30]),
        overdue_stop_after=rng.choice([None, 45, 365]),
        escalate=tuple(Escalation(after=a, to="supervisor" if i == 0 else "secretariat")
                       for i, a in enumerate(escalate)),
    )


@dataclass
class Life:
    """One task's occurrence as the oracle follows it: its state between actions."""

    key: str
    policy: Policy
    tz: ZoneInfo  # the plan's clock
    window_start: date | None = None
    due: date = date(2000, 1, 1)
    snoozed_until: date | None = None
    closed: bool = False
    since: datetime | None = None  # the state holds for rungs after this instant
    promised: Counter[tuple[str, str, str]] = field(default_factory=Counter)

    def close_segment(self, until: datetime) -> None:
        """Promise the rungs of the current state sent in (since, until]."""
        if self.closed:
            return
        cal = calendar_for("RU")
        rungs = naive_rungs(self.window_start, self.due, self.policy, cal, self.tz,
                            until.astimezone(self.tz).date() + timedelta(days=1),
                            self.snoozed_until)
        for r in rungs:
            if (self.since is None or r.at > self.since) and r.at <= until:
                for rid, _ in recipients(r.stage, r.to, TEAM, "sec"):  # type: ignore[arg-type]
                    self.promised[(self.due.isoformat(), rid, r.name)] += 1
        self.since = until


def _scenario(seed: int, tmp_path: Path, zone: str | None):  # type: ignore[no-untyped-def]
    rng = random.Random(seed)
    tasks, lengths = [], [1, rng.randint(2, 40), rng.randint(60, 400), rng.randint(700, 2190)]
    for i, days in enumerate(lengths):
        start = date(2024, 1, 1) + timedelta(days=rng.randint(0, 200))
        end = start + timedelta(days=days)
        deadline = Deadline(f"{start}–{end}", "window", start, end, (Occurrence(start, end),),
                            lang="ru")
        tasks.append(task(f"{i + 1}.1", deadline=deadline, policy=_policy(rng)))
    return rng, deployment(tmp_path, tuple(tasks), plan_zone=zone)


@pytest.mark.parametrize(("seed", "zone"), [(0, None), (1, None), (2, None),
                                            (3, "Europe/Riga"), (4, "Europe/Kyiv")])
def test_daily_ticks_record_exactly_what_the_planner_promised(engine: Engine, tmp_path: Path,
                                                              seed: int, zone: str | None
                                                              ) -> None:
    rng, dep = _scenario(seed, tmp_path, zone)
    tz = ZoneInfo(zone) if zone else MSK
    wire = Wire()
    cfg = EngineSettings(dep.timezone, dep.secretariat, {"email": wire}, render, None)
    first = datetime.combine(date(2023, 12, 1), TICK_AT, tzinfo=MSK)
    do_sync(engine, dep, first - timedelta(days=1))
    with Session(engine) as s:
        lives = {}
        for o in s.exec(select(OccurrenceRow)):
            spec = next(t for t in dep.plans[0].tasks if f"roadmap-003/{t.id}" == o.task_key)
            lives[o.task_key] = Life(o.task_key, spec.policy, tz, o.window_start, o.due)
    last_due = max(life.due for life in lives.values())
    end = datetime.combine(last_due + timedelta(days=90), TICK_AT, tzinfo=MSK)
    down_from = first + (end - first) * rng.random()
    down = (down_from, down_from + timedelta(days=7))  # a week without ticks
    downtime_rungs: set[tuple[str, str, str, str]] = set()
    worker, now, day = 0, first, 0
    while now <= end:
        if down[0] <= now < down[1]:
            now += timedelta(days=1)
            continue
        crash = rng.random() < 0.01  # die after claiming, before sending: resent after restart
        try:
            asyncio.run(tick(engine, cfg, now, f"w{worker}", lease=None,
                             fault=(lambda stage: _raise(stage)) if crash else None))
        except Crash:  # systemd restarts it: a new process reclaims what the dead one held
            worker += 1
            asyncio.run(tick(engine, cfg, now + timedelta(minutes=1), f"w{worker}", lease=None))
        if now >= down[1] and now - timedelta(days=1) < down[1]:
            downtime_rungs = _missed(lives, down[0], now)
        act = rng.random()
        key = rng.choice(sorted(lives))
        life = lives[key]
        at = datetime.combine(now.astimezone(MSK).date(), ACT_AT, tzinfo=MSK)
        if not life.closed and act < 0.02:
            _act(engine, life, rng, at)
        now += timedelta(days=1)
        day += 1
    asyncio.run(tick(engine, cfg, end + timedelta(hours=1), f"w{worker + 1}", lease=None))
    for life in lives.values():
        life.close_segment(end)

    with Session(engine) as s:
        rows = list(s.exec(select(LedgerRow).where(col(LedgerRow.occurrence_id).is_not(None))))
        occ_task = {o.id: o.task_key for o in s.exec(select(OccurrenceRow))}
    recorded: Counter[tuple[str, str, str, str]] = Counter()
    caught_up: set[tuple[str, str, str]] = set()  # (task, due, recipient) caught up after down
    for r in rows:
        assert r.status == "sent", (r.key, r.status, r.error)
        k = LedgerKey.parse(r.key)
        recorded[(occ_task[r.occurrence_id or 0], *_triple(k))] += 1
        if r.catch_up and r.sent_at is not None and r.sent_at >= down[1]:
            caught_up.add((occ_task[r.occurrence_id or 0], *_triple(k)[:2]))
    promised = Counter({(life.key, *k): n for life in lives.values()
                        for k, n in life.promised.items()})
    assert set(recorded.values()) <= {1} and set(recorded) <= set(promised)
    for missing in set(promised) - set(recorded):
        # only a rung missed while the engine was down, spoken for by the catching-up reminder
        # its recipient got about the same occurrence after it came back
        assert missing in downtime_rungs, missing
        assert missing[:3] in caught_up, missing
    # on the wire: each sent reminder once (a crash came before the send, never after)
    sent = {LedgerKey.parse(r.key).reminder for r in rows}
    assert set(wire.sent) == sent and set(wire.sent.values()) == {1}


def _triple(k: LedgerKey) -> tuple[str, str, str]:
    return (k.subject.split("@", 1)[1], k.recipient, k.step)


def _raise(stage: str) -> None:
    if stage == "claimed":
        raise Crash


def _missed(lives: dict[str, Life], start: datetime, end: datetime
            ) -> set[tuple[str, str, str, str]]:
    """The reminders whose send instant fell while nothing ran."""
    out = set()
    for life in lives.values():
        if life.closed:
            continue
        for r in naive_rungs(life.window_start, life.due, life.policy, calendar_for("RU"),
                             life.tz, end.astimezone(life.tz).date() + timedelta(days=1),
                             life.snoozed_until):
            if start <= r.at <= end and (life.since is None or r.at > life.since):
                for rid, _ in recipients(r.stage, r.to, TEAM, "sec"):  # type: ignore[arg-type]
                    out.add((life.key, life.due.isoformat(), rid, r.name))
    return out


def _act(engine: Engine, life: Life, rng: random.Random, at: datetime) -> None:
    """done, extend or snooze, as a coordinator would from the command line."""
    life.close_segment(at)
    choice = rng.choice(["done", "extend", "snooze"])
    if choice == "done":
        actions.done(engine, life.key, None, "finished", at)
        life.closed = True
    elif choice == "extend":
        new_due = max(life.due, at.date()) + timedelta(days=rng.randint(1, 90))
        if life.window_start and new_due < life.window_start:
            return
        actions.extend(engine, life.key, new_due, "budget late", None, at, MSK)
        life.due, life.snoozed_until = new_due, None
    else:
        days = rng.randint(1, 30)
        actions.snooze(engine, life.key, days, None, at, MSK)
        # the plan's day when the coordinator snoozed it
        life.snoozed_until = at.astimezone(life.tz).date() + timedelta(days=days)


assert EXECUTORS  # the directory the deployment uses: every recipient above is in it
