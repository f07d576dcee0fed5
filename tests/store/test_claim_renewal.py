"""A batch slower than the claim's 10-minute lease keeps its rows: the delivering worker renews
the lease of the rows it still holds as it goes, so a second worker ticking meanwhile (as
another daemon sharing the database would) never takes over a row the first is working on,
and every reminder is sent once. On SQLite and (with REMINDER_TEST_DATABASE_URL) PostgreSQL.

The channel is slow on a fake clock: each send moves it four minutes on, so six messages take
24 minutes of the clock both workers read."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from reminder.messages.model import Message, Recipient, RenderedMessage
from reminder.store import ledger
from reminder.store.models import LedgerRow
from reminder.tick import EngineSettings, deliver, plan_due
from tests.store.helpers import deployment, do_sync, msk, task

LEASE = timedelta(minutes=10)
LEADS = ("minek", "minfin", "deputy", "deputy2", "ngo-boss", "sec")


class Clock:
    def __init__(self, start: datetime) -> None:
        self.at = start

    def __call__(self) -> datetime:
        return self.at


class SlowChannel:
    """Each send takes four minutes of the fake clock; while it "waits on the server", the
    other worker ticks: recovers claims older than the lease and claims what is pending."""

    name = "outbox"
    max_length = None

    def __init__(self, clock: Clock, engine: Engine) -> None:
        self.clock, self.engine = clock, engine
        self.sent: list[str] = []  # the recipient of each delivery
        self.taken_by_other: list[int] = []

    def addresses(self, recipient: Recipient) -> tuple[str, ...]:
        return (recipient.id,)

    async def send(self, message: Message, rendered: RenderedMessage, address: str) -> None:
        self.clock.at += timedelta(minutes=4)
        ledger.recover(self.engine, self.clock(), LEASE)
        other = ledger.claim(self.engine, "second-daemon", self.clock())
        self.taken_by_other += [r.id for r in other if r.id]
        self.sent.append(address)

    async def aclose(self) -> None:
        return None


def test_a_batch_longer_than_the_lease_keeps_its_rows(engine: Engine, tmp_path: Path) -> None:
    dep = deployment(tmp_path, tuple(task(f"{i}.1", executors=((lead, "lead"),))
                                     for i, lead in enumerate(LEADS)))
    do_sync(engine, dep, msk(2023, 9, 1))
    clock = Clock(msk(2023, 10, 2, 9, 0))
    channel = SlowChannel(clock, engine)
    cfg = EngineSettings("Europe/Moscow", "sec", {"outbox": channel},  # type: ignore[dict-item]
                         lambda m: RenderedMessage("s", "t", "h", "tg"))
    assert plan_due(engine, cfg, clock()) == len(LEADS)  # one reminder for each lead

    report = asyncio.run(deliver(engine, cfg, clock(), "first-daemon", clock=clock))

    print(f"batch of {len(LEADS)} messages over {len(LEADS) * 4} minutes (lease "
          f"{LEASE.seconds // 60}): taken over by the other worker {len(channel.taken_by_other)}"
          f", sent {len(channel.sent)}")
    assert channel.taken_by_other == []
    assert report.sent == len(LEADS) and Counter(channel.sent) == Counter(LEADS)
    with Session(engine) as s:
        rows = list(s.exec(select(LedgerRow)))
    assert {r.status for r in rows} == {"sent"} and {r.claimed_by for r in rows} == {
        "first-daemon"}
