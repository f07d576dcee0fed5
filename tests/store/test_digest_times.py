"""A digest cron with several times a day sends each of them: the ledger key names the cron
instant, not the day."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from reminder.channels.base import Unreachable
from reminder.channels.outbox import OutboxChannel
from reminder.messages.model import Message, RenderedMessage
from reminder.messages.render import render
from reminder.store.digests import digest_of
from reminder.store.models import LedgerRow
from reminder.tick import EngineSettings, tick
from tests.store.helpers import Wire, deployment, do_sync, msk, task


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


class _DownWire(Wire):
    """The Wire channel, unreachable while ``down`` is set."""

    def __init__(self) -> None:
        super().__init__()
        self.down = True
        self.digests: list[Message] = []

    async def send(self, message: Message, rendered: RenderedMessage, address: str) -> None:
        if self.down:
            raise Unreachable("connection refused")
        if any(i.ledger_key.startswith("digest@") for i in message.items) or not message.items:
            self.digests.append(message)
        await super().send(message, rendered, address)


def test_a_mail_outage_over_three_digest_days_ends_in_one_digest_covering_them_all(
        engine: Engine, tmp_path: Path) -> None:
    dep = deployment(tmp_path, (task("1.1"),))
    do_sync(engine, dep, msk(2023, 9, 1))
    wire = _DownWire()
    wire.down = False
    cfg = EngineSettings("Europe/Moscow", "sec", {"email": wire}, render,
                         digest_cron="0 8 * * *", due_soon_days=14)
    run = lambda at: asyncio.run(tick(engine, cfg, at, "w", lease=timedelta(0)))  # noqa: E731
    run(msk(2023, 10, 1, 7))  # starts the digest clock
    run(msk(2023, 10, 1, 8, 1))  # the digest of 1 October goes out
    wire.down = True
    for day in (2, 3, 4):  # mail down three mornings; the daemon ticks hourly and retries
        for hour in range(8, 24):
            run(msk(2023, 10, day, hour, 1))
    wire.down = False
    run(msk(2023, 10, 5, 7, 30))  # mail back before the next digest instant
    with Session(engine) as s:
        rows = list(s.exec(select(LedgerRow).where(col(LedgerRow.step) == "digest")
                           .order_by(col(LedgerRow.id))))
        sent = [r for r in rows if r.status == "sent"]
    assert [r.key.split("|")[0] for r in sent] == ["digest@2023-10-01T05:00Z",
                                                   "digest@2023-10-04T05:00Z"]
    assert {r.status for r in rows if r not in sent} == {"superseded"}
    # the one digest after the outage speaks for the three days: since the 1 October digest
    latest = digest_of(sent[-1].item or "")
    assert latest.since == msk(2023, 10, 1, 8).astimezone(latest.since.tzinfo)
