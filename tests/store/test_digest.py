"""The secretariat's digest: overdue by department with working days late, due soon, closed and
extended since the last digest, what needs a person; queued at the cron time, sent once, one
digest after downtime."""

from __future__ import annotations

import asyncio
import json
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from reminder.channels.outbox import OutboxChannel, read_outbox
from reminder.messages.digest import Digest, Need
from reminder.messages.render import render
from reminder.store import actions
from reminder.store.digests import collect, digest_items, digest_of
from reminder.store.models import LedgerRow
from reminder.tick import EngineSettings, tick
from tests.store.helpers import MSK, deployment, do_sync, msk, task


def _settings(dep) -> EngineSettings:  # type: ignore[no-untyped-def]
    return EngineSettings("Europe/Moscow", "sec", {"outbox": OutboxChannel(dep.outbox_dir)},
                          render, digest_cron="0 8 * * mon", due_soon_days=14)


def _digests(engine: Engine) -> list[LedgerRow]:
    with Session(engine) as s:
        return list(s.exec(select(LedgerRow).where(col(LedgerRow.step) == "digest")))


def _daily(engine: Engine, dep, start: date, end: date) -> None:  # type: ignore[no-untyped-def]
    day = start
    while day <= end:
        asyncio.run(tick(engine, _settings(dep), msk(day.year, day.month, day.day, 8, 5), "w",
                         lease=timedelta(0)))
        day += timedelta(days=1)


def test_weekly_digest_reports_late_items_by_department(engine: Engine, tmp_path: Path) -> None:
    later = task("3.1", due=date(2023, 10, 13), deadline=None)
    dep = deployment(tmp_path, (task("1.1"), task("1.2"), later))
    do_sync(engine, dep, msk(2023, 9, 1))
    _daily(engine, dep, date(2023, 9, 29), date(2023, 10, 6))
    assert len(_digests(engine)) == 1  # Monday 2 October (the first tick only starts the clock)
    actions.done(engine, "roadmap-003/1.2", None, "report filed", msk(2023, 10, 3, 12))
    actions.extend(engine, "roadmap-003/3.1", date(2023, 10, 20), "waiting for data", None,
                   msk(2023, 10, 4, 12), MSK)
    _daily(engine, dep, date(2023, 10, 7), date(2023, 10, 9))
    rows = _digests(engine)
    assert [r.status for r in rows] == ["sent", "sent"]
    second = json.loads(rows[1].item)
    items = digest_items(rows[1].item)
    assert [(i.task_id, i.stage, i.working_days_late, i.lead_name) for i in items] == [
        ("1.1", "overdue", 5, "Минэкономразвития"), ("3.1", "upcoming", None,
                                                     "Минэкономразвития")]
    assert [e["task_id"] for e in second["closed"]] == ["1.2"]
    assert [(e["task_id"], e["note"]) for e in second["extended"]] == [
        ("3.1", "waiting for data")]
    files = [f for f in read_outbox(dep.outbox_dir) if f["X-Reminder-Kind"] == "digest"]
    assert len(files) == 2 and all(f["To"].startswith("Секретариат") for f in files)


def test_one_digest_after_weeks_down_and_needs_a_person(engine: Engine, tmp_path: Path) -> None:
    dep = deployment(tmp_path, (task("1.1"), task("9.9", deadline=None)))
    do_sync(engine, dep, msk(2023, 9, 1))
    _daily(engine, dep, date(2023, 9, 1), date(2023, 9, 1))
    _daily(engine, dep, date(2023, 10, 25), date(2023, 10, 25))  # missed 4 Mondays
    rows = _digests(engine)
    assert len(rows) == 1 and rows[0].catch_up and rows[0].status == "sent"
    with Session(engine) as s:
        d = collect(s, MSK, msk(2023, 10, 25), None, 14)
    assert Need.of("no_deadline", task="roadmap-003/9.9") in d.needs_a_person
    [(dept, late)] = d.overdue
    assert Digest.from_json(d.to_json()) == d
    assert digest_of(rows[0].item).overdue[0][0] == "Минэкономразвития"
    assert dept == "Минэкономразвития" and late[0].working_days_late == 17


def test_an_item_closed_then_reopened_is_overdue_in_the_digest_not_closed(
        engine: Engine, tmp_path: Path) -> None:
    dep = deployment(tmp_path, (task("1.1"), task("1.2")))
    do_sync(engine, dep, msk(2023, 9, 1))
    _daily(engine, dep, date(2023, 9, 29), date(2023, 10, 6))
    actions.done(engine, "roadmap-003/1.2", None, "filed by mistake", msk(2023, 10, 3, 12))
    actions.reopen(engine, "roadmap-003/1.2", None, "not done after all", msk(2023, 10, 4, 12),
                   MSK)
    _daily(engine, dep, date(2023, 10, 7), date(2023, 10, 9))
    latest = json.loads(_digests(engine)[-1].item or "{}")
    assert latest["closed"] == []
    assert sorted(i.task_id for i in digest_items(_digests(engine)[-1].item or "")) == [
        "1.1", "1.2"]
