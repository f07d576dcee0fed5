"""Several daemons ticking the same database at once (PostgreSQL's use case; SQLite too, where
BEGIN IMMEDIATE serialises them): every reminder reaches its channel exactly once."""

from __future__ import annotations

import asyncio
import threading
from collections import Counter
from datetime import timedelta
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from reminder.messages.model import Message, Recipient, RenderedMessage
from reminder.messages.render import render
from reminder.store.models import LedgerRow
from reminder.store.specs import ExecutorSpec
from reminder.tick import EngineSettings, tick
from tests.store.helpers import EXECUTORS, deployment, do_sync, msk, task

WORKERS = 4


class Counting:
    name = "email"
    max_length = None

    def __init__(self) -> None:
        self.seen: Counter = Counter()
        self.lock = threading.Lock()

    def addresses(self, recipient: Recipient) -> tuple[str, ...]:
        return recipient.emails

    async def send(self, message: Message, rendered: RenderedMessage, address: str) -> None:
        await asyncio.sleep(0.001)  # a round trip, so the workers interleave
        with self.lock:
            self.seen.update(i.ledger_key for i in message.items)

    async def aclose(self) -> None:
        return None


def test_parallel_ticks_send_each_reminder_once(engine: Engine, tmp_path: Path) -> None:
    many = tuple(ExecutorSpec(f"d{i}", f"Dep {i}", "ru", emails=(f"d{i}@example.org",))
                 for i in range(60))
    tasks = tuple(task(str(i), executors=((f"d{i % 60}", "lead"), ("minfin", "co")))
                  for i in range(180))
    dep = deployment(tmp_path, tasks)
    dep = type(dep)(**{**dep.__dict__, "executors": EXECUTORS + many})
    do_sync(engine, dep, msk(2023, 9, 1))
    channel = Counting()
    cfg = EngineSettings("Europe/Moscow", "sec", {"email": channel}, render)
    start = threading.Barrier(WORKERS)
    errors: list[BaseException] = []

    def daemon(n: int) -> None:
        try:
            for day in (12, 27, 29):
                start.wait()  # the daemons share one clock: all tick the same day together
                asyncio.run(tick(engine, cfg, msk(2023, 9, day, 9, 0), f"w{n}",
                                 lease=timedelta(minutes=10)))
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=daemon, args=(n,)) for n in range(WORKERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    with Session(engine) as s:
        rows = list(s.exec(select(LedgerRow)))
    sent = [r for r in rows if r.status == "sent"]
    assert len(sent) == len(channel.seen) > 500
    assert set(channel.seen.values()) == {1}  # no reminder reached the channel twice
    assert {r.status for r in rows} <= {"sent", "superseded"}
