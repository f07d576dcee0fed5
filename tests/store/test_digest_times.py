"""A digest cron with several times a day sends each of them: the ledger key names the cron
instant, not the day."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from reminder.channels.outbox import OutboxChannel
from reminder.messages.render import render
from reminder.store.models import LedgerRow
from reminder.tick import EngineSettings, tick
from tests.store.helpers import deployment, do_sync, msk, task


def test_a_cron_of_two_times_a_day_sends_both(engine: Engine, tmp_path: Path) -> None:
    dep = deployment(tmp_path, (task("1.1"),))
    do_sync(engine, dep, msk(2023, 9, 1))
    cfg = EngineSettings("Europe/Moscow", "sec", {"outbox": OutboxChannel(dep.outbox_dir)},
                         render, digest_cron="0 8,16 * * *", due_soon_days=14)
    day = date(2023, 10, 2)
    for hour in (7, 8, 12, 16, 20):  # the first tick starts the clock; then 08:00 and 16:00
        asyncio.run(tick(engine, cfg, msk(day.year, day.month, day.day, hour, 1), "w",
                         lease=timedelta(0)))
    # the next day, a daemon that was down since noon sends only the latest instant missed
    asyncio.run(tick(engine, cfg, msk(2023, 10, 3, 17, 0), "w", lease=timedelta(0)))
    with Session(engine) as s:
        rows = list(s.exec(select(LedgerRow).where(col(LedgerRow.step) == "digest")
                           .order_by(col(LedgerRow.id))))
    assert [(r.status, r.key.split("|")[0]) for r in rows] == [
        ("sent", "digest@2023-10-02T05:00Z"), ("sent", "digest@2023-10-02T13:00Z"),
        ("sent", "digest@2023-10-03T13:00Z")]
