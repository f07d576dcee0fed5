"""Plans in different zones share a deployment: each plan's reminders go at the send time on
its own clock, across daylight-saving changes, and `reminder plan` lists the instants the
ticks send.

Riga and Kyiv keep EET (+02:00) in winter and EEST (+03:00) in summer, changing on the last
Sunday of March (31 March 2024) and of October (27 October 2024); Moscow (St Petersburg's
zone) is +03:00 all year. So 09:00 local is 07:00 UTC in Riga and Kyiv in winter, 06:00 UTC in
summer, and 06:00 UTC in St Petersburg every day. The expected instants below are written
from that, by hand.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from reminder.deadlines.model import Deadline, Occurrence
from reminder.messages.render import render
from reminder.preview import preview
from reminder.schedule.policy import Policy
from reminder.store.db import transaction
from reminder.store.digests import collect
from reminder.store.keys import LedgerKey
from reminder.store.models import LedgerRow, OccurrenceRow, PlanRow
from reminder.store.specs import Deployment, ExecutorSpec, PlanSpec, TaskSpec
from reminder.store.sync import sync
from reminder.tick import EngineSettings, tick
from tests.store.helpers import Wire

KYIV = ZoneInfo("Europe/Kyiv")  # the deployment's zone; the Kyiv plan names none of its own
# plan id -> (its own timezone key, country, lead)
PLANS = {"riga": ("Europe/Riga", "LV", "lv-lead"), "kyiv": (None, "UA", "ua-lead"),
         "spb": ("Europe/Moscow", "RU", "ru-lead")}
EXECUTORS = tuple(ExecutorSpec(lead, lead, "en", emails=(f"{lead}@example.org",))
                  for _, _, lead in PLANS.values()) + (
    ExecutorSpec("sec", "Secretariat", "en", emails=("sec@example.org",)),)
# One rung a day at 09:00, weekends included: the opening notice, three days before, the
# due day, three days overdue.
DAILY = Policy(send_time=time(9), working_days_only=False, due_shift="none",
               notice_on_open=True, before=(3, 2, 1), before_unit="calendar", on_due=True,
               overdue_every=1, overdue_stop_after=3, escalate=())
SPRING, AUTUMN = date(2024, 3, 31), date(2024, 10, 27)


def _task(tid: str, due: date, lead: str) -> TaskSpec:
    start = due - timedelta(days=4)
    deadline = Deadline(f"{start}..{due}", "window", start, due, (Occurrence(start, due),),
                        lang="en")
    return TaskSpec(tid, f"Task {tid}", deadline, executors=((lead, "lead"),), policy=DAILY)


def _deployment(tmp: Path, zones: dict[str, str | None] | None = None,
                status: str = "open") -> Deployment:
    plans = tuple(
        PlanSpec(pid, pid, "en", country,
                 (_task("spring", SPRING, lead), _task("autumn", AUTUMN, lead)),
                 timezone=(zones or {}).get(pid, zone), status=status)
        for pid, (zone, country, lead) in PLANS.items())
    return Deployment(plans=plans, executors=EXECUTORS, timezone="Europe/Kyiv", country="UA",
                      secretariat="sec", state_dir=tmp, digest_cron=None)


def _utc(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


def _expected(pid: str, due: date) -> dict[str, datetime]:
    """By hand: each rung's day (opens four days before the due date, then daily to three
    days after) and its UTC instant, per the module docstring."""
    days = [due + timedelta(days=d) for d in range(-4, 4)]
    if pid == "spb":
        return {d.isoformat(): _utc(d, 6) for d in days}
    if due == SPRING:  # winter until the 30th, summer from the 31st
        return {d.isoformat(): _utc(d, 7 if d < SPRING else 6) for d in days}
    return {d.isoformat(): _utc(d, 6 if d < AUTUMN else 7) for d in days}


def _tick_hourly(engine: Engine, cfg: EngineSettings, first: datetime, last: datetime) -> None:
    now = first
    while now <= last:
        asyncio.run(tick(engine, cfg, now, "w1", lease=None))
        now += timedelta(hours=1)


def _listing(engine: Engine, lo: date, hi: date) -> list[dict]:
    with Session(engine) as s:
        return preview(s, KYIV, "sec", lo, hi)


@pytest.mark.parametrize("change", [SPRING, AUTUMN])
def test_each_plans_reminders_go_at_nine_on_its_own_clock_and_the_listing_agrees(
        engine: Engine, tmp_path: Path, change: date) -> None:
    dep = _deployment(tmp_path)
    wire = Wire()
    cfg = EngineSettings(dep.timezone, dep.secretariat, {"email": wire}, render, None)
    first = _utc(change - timedelta(days=6), 0)
    last = _utc(change + timedelta(days=5), 0)
    with transaction(engine) as s:
        sync(s, dep, first)
    lo, hi = change - timedelta(days=6), change + timedelta(days=5)
    promised = _listing(engine, lo, hi)
    _tick_hourly(engine, cfg, first, last)

    with Session(engine) as s:
        task_of = {o.id: o.task_key for o in s.exec(select(OccurrenceRow))}
        # the task due on this change (the other one, long overdue when its plan was first
        # loaded, has its lead told so once at the load: not a rung of this week)
        which = "spring" if change == SPRING else "autumn"
        rows = [r for r in s.exec(select(LedgerRow).where(col(LedgerRow.occurrence_id)
                                                          .is_not(None)))
                if task_of[r.occurrence_id or 0].endswith(which)]
        promised = [r for r in promised if r["task"].endswith(which)]
    sent: dict[str, dict[str, datetime]] = {pid: {} for pid in PLANS}
    for r in rows:
        assert (r.status, r.catch_up) == ("sent", False), (r.key, r.status)
        assert r.sent_at == r.send_at  # the hourly tick at that very instant sent it
        rung = LedgerKey.parse(r.key)
        pid = task_of[r.occurrence_id or 0].split("/")[0]
        day = r.send_at.astimezone(ZoneInfo(PLANS[pid][0] or "Europe/Kyiv")).date()
        assert day.isoformat() not in sent[pid], f"two rungs on one day: {rung}"
        sent[pid][day.isoformat()] = r.send_at.astimezone(UTC)
    for pid in PLANS:
        assert sent[pid] == _expected(pid, change), pid

    # `reminder plan`, asked before the ticks, listed exactly those instants, each shown at
    # 09:00 on its plan's clock; asked after, it says each was sent
    def instants(listing: list[dict]) -> set[tuple[str, datetime]]:
        return {(r["task"], datetime.fromisoformat(r["at"])) for r in listing}

    assert instants(promised) == {(task_of[r.occurrence_id or 0], r.send_at) for r in rows}
    assert {r["at"][11:16] for r in promised} == {"09:00"}
    assert [datetime.fromisoformat(r["at"]) for r in promised] == sorted(
        datetime.fromisoformat(r["at"]) for r in promised)
    after = [r for r in _listing(engine, lo, hi) if r["task"].endswith(which)]
    assert instants(after) == instants(promised)
    assert {r["ledger"] for r in after} == {"sent"}


def test_a_plans_zone_is_stored_and_a_changed_zone_moves_the_next_reminder(
        engine: Engine, tmp_path: Path) -> None:
    loaded = _utc(date(2024, 3, 1), 12)
    with transaction(engine) as s:
        sync(s, _deployment(tmp_path), loaded)
    with Session(engine) as s:
        assert {p.id: p.timezone for p in s.exec(select(PlanRow))} == {
            "riga": "Europe/Riga", "kyiv": "Europe/Kyiv", "spb": "Europe/Moscow"}
        before = {o.task_key: o.next_at for o in s.exec(select(OccurrenceRow))}
    # the spring task's first rung, opening on 27 March: 09:00 EET in Riga, MSK in St P.
    assert before["riga/spring"] == _utc(date(2024, 3, 27), 7)
    assert before["spb/spring"] == _utc(date(2024, 3, 27), 6)
    # St Petersburg's plan is moved to Riga's zone (and Riga's to the deployment's, which is
    # Kyiv's: the same offsets, so its next reminder stays)
    with transaction(engine) as s:
        sync(s, _deployment(tmp_path, {"spb": "Europe/Riga", "riga": None}),
             loaded + timedelta(days=1))
    with Session(engine) as s:
        after = {o.task_key: o.next_at for o in s.exec(select(OccurrenceRow))}
        assert s.get(PlanRow, "riga").timezone == "Europe/Kyiv"  # type: ignore[union-attr]
    assert after["spb/spring"] == _utc(date(2024, 3, 27), 7)
    assert after["spb/autumn"] == _utc(date(2024, 10, 23), 6)  # EEST then
    assert after["riga/spring"] == before["riga/spring"]


def test_the_digest_counts_each_plans_days_on_its_own_clock(engine: Engine,
                                                           tmp_path: Path) -> None:
    """At 21:30 UTC on 30 March it is already the 31st in St Petersburg (00:30) but still
    the 30th in Riga and Kyiv (23:30): the spring tasks, due on the 31st, are due today in
    St Petersburg and due tomorrow in the others."""
    now = datetime(2024, 3, 30, 21, 30, tzinfo=UTC)
    with transaction(engine) as s:
        sync(s, _deployment(tmp_path), now)
    with Session(engine) as s:
        digest = collect(s, KYIV, now, None, due_soon_days=3)
    left = {e.plan_id: e.days_left for e in digest.due_soon if e.task_id == "spring"}
    assert left == {"riga": 1, "kyiv": 1, "spb": 0}
