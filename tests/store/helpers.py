"""Shared test helpers: a small Russian roadmap deployment and a tick runner."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy.engine import Engine

from reminder.channels.outbox import OutboxChannel
from reminder.deadlines.model import Deadline, Occurrence
from reminder.messages.model import Message, Recipient, RenderedMessage
from reminder.messages.render import render
from reminder.schedule.policy import Policy
from reminder.store.db import transaction
from reminder.store.specs import Deployment, ExecutorSpec, PlanSpec, TaskSpec
from reminder.store.sync import sync
from reminder.tick import EngineSettings, TickReport, tick

MSK = ZoneInfo("Europe/Moscow")
Q2_Q3 = Deadline("2 – 3 квартал 2023 года", "window", date(2023, 4, 1), date(2023, 9, 30),
                 (Occurrence(date(2023, 4, 1), date(2023, 9, 30)),), lang="ru")
EXECUTORS = (
    ExecutorSpec("minek", "Минэкономразвития", "ru", emails=("minek@example.org",),
                 supervisor="deputy"),
    ExecutorSpec("minfin", "Минфин", "ru", emails=("minfin@example.org",), supervisor="deputy2"),
    ExecutorSpec("ngo", "Ассоциация", "ru", emails=("ngo@example.org",), supervisor="ngo-boss",
                 partner=True),
    ExecutorSpec("deputy", "Заместитель губернатора", "ru", emails=("dep@example.org",)),
    ExecutorSpec("deputy2", "Первый заместитель", "ru", emails=("dep2@example.org",)),
    ExecutorSpec("ngo-boss", "Председатель ассоциации", "ru", emails=("boss@example.org",)),
    ExecutorSpec("sec", "Секретариат", "ru", emails=("sec@example.org",)),
)


class Wire:
    """An email channel that records each reminder it carries (by ledger key): what went out
    on the wire, for tests that count deliveries."""

    name = "email"
    max_length = None

    def __init__(self) -> None:
        self.sent: Counter[str] = Counter()

    def addresses(self, recipient: Recipient) -> tuple[str, ...]:
        return (f"{recipient.id}@example.org",)

    async def send(self, message: Message, rendered: RenderedMessage, address: str) -> None:
        for item in message.items:
            self.sent[item.ledger_key] += 1

    async def aclose(self) -> None:
        return None


def task(tid: str, *, executors=(("minek", "lead"), ("minfin", "co"), ("ngo", "partner")),
         deadline: Deadline | None = Q2_Q3, status: str = "open", policy: Policy | None = None,
         **kw) -> TaskSpec:
    return TaskSpec(tid, f"Мероприятие {tid}", deadline, executors=tuple(executors),
                    policy=policy or Policy(), status=status, result="Доклад", **kw)


def deployment(tmp: Path, tasks: tuple[TaskSpec, ...], plan_zone: str | None = None,
               **kw) -> Deployment:
    """The roadmap plan in a Moscow deployment; ``plan_zone``: the plan's own zone."""
    plan = PlanSpec("roadmap-003", "Дорожная карта", "ru", "RU", tasks, timezone=plan_zone)
    return Deployment(plans=(plan,), executors=EXECUTORS, timezone="Europe/Moscow", country="RU",
                      secretariat="sec", state_dir=tmp, **kw)


def settings(dep: Deployment) -> EngineSettings:
    return EngineSettings(timezone=dep.timezone, secretariat=dep.secretariat,
                          channels={"outbox": OutboxChannel(dep.outbox_dir)}, render=render)


def msk(y: int, m: int, d: int, h: int = 9, mi: int = 0) -> datetime:
    return datetime(y, m, d, h, mi, tzinfo=MSK)


def do_sync(engine: Engine, dep: Deployment, now: datetime) -> None:
    with transaction(engine) as s:
        sync(s, dep, now)


def run_tick(engine: Engine, dep: Deployment, now: datetime, fault=None,
             worker: str = "w1") -> TickReport:
    # lease None: like `reminder tick` on SQLite, which holds the daemon lock, so a claim left
    # "sending" can only belong to a process that died
    return asyncio.run(tick(engine, settings(dep), now, worker, lease=None, fault=fault))
