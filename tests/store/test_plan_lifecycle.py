"""A plan's status: closed, its items get no reminders (the digest still lists those left
open); archived, they leave the digest too; opened again, each open item's reminders resume
from the next rung, the closed spell not caught up."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from reminder.deadlines.model import Deadline, Occurrence
from reminder.messages.render import render
from reminder.preview import preview, status
from reminder.schedule.policy import Policy
from reminder.store.db import transaction
from reminder.store.digests import collect
from reminder.store.keys import LedgerKey
from reminder.store.models import HistoryRow, LedgerRow, OccurrenceRow
from reminder.store.specs import Deployment, PlanSpec
from reminder.store.sync import sync
from reminder.tick import EngineSettings, plan_due, tick
from tests.store.helpers import EXECUTORS, MSK, Wire, msk, task

# The daily tick runs at the send time, so each rung is sent on time (not caught up).
TICK_AT = time(9)
# Opening notice on 1 September, the due day 29 September (a Friday), then weekly overdue.
SEPT = Deadline("сентябрь 2023", "window", date(2023, 9, 1), date(2023, 9, 29),
                (Occurrence(date(2023, 9, 1), date(2023, 9, 29)),), lang="ru")
POLICY = Policy(send_time=time(9), notice_on_open=True, before=(), on_due=True,
                overdue_every=7, overdue_stop_after=14, escalate=())
LEAD = (("minek", "lead"),)


def _deployment(tmp: Path, closed: str = "open", other: str = "open") -> Deployment:
    """Two plans with the same task: "closed" (whose status the test sets) and "other"."""
    plans = tuple(PlanSpec(pid, pid, "ru", "RU", (task("1", deadline=SEPT, executors=LEAD,
                                                        policy=POLICY),), status=st)
                  for pid, st in (("closed", closed), ("other", other)))
    return Deployment(plans=plans, executors=EXECUTORS, timezone="Europe/Moscow",
                      country="RU", secretariat="sec", state_dir=tmp, digest_cron=None)


def _sync(engine: Engine, dep: Deployment, now: datetime) -> None:
    with transaction(engine) as s:
        sync(s, dep, now)


def _daily(engine: Engine, cfg: EngineSettings, first: date, last: date) -> None:
    day = first
    while day <= last:
        asyncio.run(tick(engine, cfg, datetime.combine(day, TICK_AT, tzinfo=MSK), "w1",
                         lease=None))
        day += timedelta(days=1)


def _sent(engine: Engine, plan: str) -> list[tuple[str, str]]:
    """(step, send instant in Moscow) of every ledger row about the plan's task."""
    with Session(engine) as s:
        occ = s.exec(select(OccurrenceRow).where(
            col(OccurrenceRow.task_key) == f"{plan}/1")).one()
        rows = s.exec(select(LedgerRow).where(col(LedgerRow.occurrence_id) == occ.id)
                      .order_by(col(LedgerRow.send_at)))
        return [(LedgerKey.parse(r.key).step, r.send_at.astimezone(MSK).isoformat()[:16])
                for r in rows if r.status == "sent"]


def test_a_closed_plan_is_silent_for_a_year_and_resumes_from_the_next_rung_when_reopened(
        engine: Engine, tmp_path: Path) -> None:
    dep = _deployment(tmp_path, closed="closed")
    cfg = EngineSettings(dep.timezone, dep.secretariat, {"email": Wire()}, render, None)
    _sync(engine, dep, msk(2023, 8, 1))
    _daily(engine, cfg, date(2023, 8, 1), date(2024, 7, 31))
    assert _sent(engine, "closed") == []
    # the open plan, alike but for its status, got its whole ladder
    assert _sent(engine, "other") == [
        ("opens", "2023-09-01T09:00"), ("due", "2023-09-29T09:00"),
        ("overdue-1", "2023-10-06T09:00"), ("overdue-2", "2023-10-13T09:00")]

    # reopened a year after its last overdue rung: nothing is left to send, nothing is
    # caught up
    _sync(engine, _deployment(tmp_path), msk(2024, 8, 1))
    _daily(engine, cfg, date(2024, 8, 1), date(2024, 8, 31))
    assert _sent(engine, "closed") == []


def test_reopened_in_time_a_plans_item_gets_the_rungs_after_the_reopening(
        engine: Engine, tmp_path: Path) -> None:
    dep = _deployment(tmp_path, closed="closed")
    cfg = EngineSettings(dep.timezone, dep.secretariat, {"email": Wire()}, render, None)
    _sync(engine, dep, msk(2023, 8, 1))
    _daily(engine, cfg, date(2023, 8, 1), date(2023, 9, 19))
    _sync(engine, _deployment(tmp_path), msk(2023, 9, 20, 12))
    _daily(engine, cfg, date(2023, 9, 20), date(2023, 12, 31))
    assert _sent(engine, "closed") == [
        ("due", "2023-09-29T09:00"), ("overdue-1", "2023-10-06T09:00"),
        ("overdue-2", "2023-10-13T09:00")]
    with Session(engine) as s:
        actions = [h.action for h in s.exec(select(HistoryRow).where(
            col(HistoryRow.task_key) == "closed/1").order_by(col(HistoryRow.id)))]
    assert actions == ["plan_reopened"]
    # `reminder plan` over the whole autumn lists what the ticks sent, nothing of September's
    # first day (owed only while the plan was closed)
    with Session(engine) as s:
        listed = [(r["step"], r["at"][:16], r["ledger"])
                  for r in preview(s, MSK, "sec", date(2023, 8, 1), date(2023, 12, 31))
                  if r["task"] == "closed/1"]
    assert listed == [("due", "2023-09-29T09:00", "sent"),
                      ("overdue-1", "2023-10-06T09:00", "sent"),
                      ("overdue-2", "2023-10-13T09:00", "sent")]


def test_closing_supersedes_what_was_planned_and_unschedules_the_items(
        engine: Engine, tmp_path: Path) -> None:
    dep = _deployment(tmp_path)
    cfg = EngineSettings(dep.timezone, dep.secretariat, {"email": Wire()}, render, None)
    _sync(engine, dep, msk(2023, 8, 1))
    assert plan_due(engine, cfg, msk(2023, 9, 1, 9, 30)) == 2  # both plans' opening notices
    closing = msk(2023, 9, 1, 9, 31)
    _sync(engine, _deployment(tmp_path, closed="closed"), closing)
    with Session(engine) as s:
        ledger = {r.key.split("|")[0]: r.status for r in s.exec(select(LedgerRow))}
        next_at = {o.task_key: o.next_at for o in s.exec(select(OccurrenceRow))}
        history = [(h.task_key, h.action) for h in s.exec(select(HistoryRow))]
    with Session(engine) as s:
        occ_ids = {o.task_key: o.id for o in s.exec(select(OccurrenceRow))}
    assert ledger == {
        f"{occ_ids['closed/1']}@2023-09-29": "superseded",
        f"{occ_ids['other/1']}@2023-09-29": "pending"}
    assert next_at["closed/1"] is None
    assert next_at["other/1"] == datetime(2023, 9, 29, 6, tzinfo=UTC)
    assert history == [("closed/1", "plan_closed")]
    # a second sync of the closed plan changes nothing more
    _sync(engine, _deployment(tmp_path, closed="closed"), closing + timedelta(hours=1))
    with Session(engine) as s:
        assert len(list(s.exec(select(HistoryRow)))) == 1
    # `reminder status`: the plan is closed, and nothing comes next for its item
    with Session(engine) as s:
        rows = {t["task"]: t for t in status(s, MSK, closing)["tasks"]}
    assert rows["closed/1"]["plan_status"] == "closed"
    assert rows["closed/1"]["occurrences"][0]["next"] is None
    assert rows["other/1"]["plan_status"] == "open"
    assert rows["other/1"]["occurrences"][0]["next"] == "2023-09-01 09:00"  # queued


@pytest.mark.parametrize(("state", "in_digest", "in_status"), [
    ("open", True, True), ("closed", True, True), ("archived", False, False)])
def test_the_digest_lists_a_closed_plans_open_items_and_not_an_archived_plans(
        engine: Engine, tmp_path: Path, state: str, in_digest: bool, in_status: bool) -> None:
    _sync(engine, _deployment(tmp_path, closed=state), msk(2023, 8, 1))
    now = msk(2023, 10, 2)  # three days after the due date
    with Session(engine) as s:
        digest = collect(s, MSK, now, None, 14)
        listed = {t["task"] for t in status(s, MSK, now)["tasks"]}
        one = status(s, MSK, now, "closed/1")["tasks"]
    overdue = {e.plan_id for _, entries in digest.overdue for e in entries}
    assert overdue == ({"closed", "other"} if in_digest else {"other"})
    assert ("closed/1" in listed) is in_status
    assert [t["plan_status"] for t in one] == [state]  # named, its history is still shown


def test_a_plan_first_loaded_closed_schedules_nothing(engine: Engine, tmp_path: Path) -> None:
    dep = _deployment(tmp_path, closed="archived")
    _sync(engine, dep, msk(2023, 8, 1))
    with Session(engine) as s:
        next_at = {o.task_key: o.next_at for o in s.exec(select(OccurrenceRow))}
    assert next_at == {"closed/1": None, "other/1": datetime(2023, 9, 1, 6, tzinfo=UTC)}
