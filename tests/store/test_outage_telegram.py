"""A Bot API away for two hours, and one that asks everyone to wait, against a local server
that speaks Telegram's wire format (python-telegram-bot's own HTTP stack runs).

The engine runs as the daemon does, waking at the next pending send instant; the clock is the
tick's ``now``, so two hours pass in a second.
"""

from __future__ import annotations

import asyncio
import socket
from dataclasses import replace
from datetime import datetime, time, timedelta
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from reminder.channels.email import SmtpChannel
from reminder.channels.telegram import TelegramBotChannel
from reminder.messages.render import render
from reminder.schedule.policy import Policy
from reminder.store import ledger
from reminder.store.models import LedgerRow
from reminder.store.specs import Deployment, ExecutorSpec
from reminder.tick import FALL_BACK_AFTER, EngineSettings, tick
from tests.channels.servers import BotApi, Recording, smtp_server
from tests.store.helpers import deployment, do_sync, msk, task

TOKEN = "42:OUTAGE-token"
PEOPLE = (
    ExecutorSpec("minek", "Минэкономразвития", "ru", telegram=("101",), supervisor="deputy"),
    ExecutorSpec("minfin", "Минфин", "ru", emails=("minfin@example.org",), telegram=("102",)),
    ExecutorSpec("ngo", "Ассоциация", "ru", emails=("ngo@example.org",), partner=True),
    ExecutorSpec("deputy", "Заместитель губернатора", "ru", emails=("dep@example.org",)),
    ExecutorSpec("sec", "Секретариат", "ru", emails=("sec@example.org",)),
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _deployment(tmp_path: Path) -> Deployment:
    dep = deployment(tmp_path, tuple(task(f"{i}.1") for i in range(1, 4)))
    return Deployment(plans=dep.plans, executors=PEOPLE, timezone=dep.timezone,
                      country=dep.country, secretariat=dep.secretariat, state_dir=tmp_path)


def _rows(engine: Engine, step: str) -> list[LedgerRow]:
    with Session(engine) as s:
        return [r for r in s.exec(select(LedgerRow)) if r.step == step]


def test_a_bot_api_away_for_two_hours_loses_nothing(engine: Engine, tmp_path: Path) -> None:
    """The lead reachable only on Telegram gets its reminder once the Bot API is back; the
    co-executor, who also has email, gets it by email after a few failed tries instead of
    waiting; nothing is sent twice."""
    port, mail = _free_port(), Recording()
    do_sync(engine, _deployment(tmp_path), msk(2023, 9, 1))
    back = msk(2023, 9, 12, 11, 0)

    async def run() -> tuple[BotApi, list[datetime]]:
        api = BotApi(TOKEN, port=port)
        tries: list[datetime] = []
        async with smtp_server(mail) as smtp_port:
            channels = {"telegram": TelegramBotChannel(TOKEN, api.url, max_wait=5, timeout=2),
                        "email": SmtpChannel(host="127.0.0.1", port=smtp_port, tls="none",
                                             timeout=5, sender="Plans <plans@example.org>")}
            cfg = EngineSettings("Europe/Moscow", "sec", channels, render)  # type: ignore[arg-type]
            now, up = msk(2023, 9, 12, 9, 0), False
            try:
                while True:
                    if not up and now >= back:
                        await api.__aenter__()
                        up = True
                    report = await tick(engine, cfg, now, "daemon", lease=None)
                    if "telegram" in report.unreachable:
                        tries.append(now)
                    with Session(engine) as s:
                        nxt = ledger.next_send_at(s)
                    if nxt is None:
                        return api, tries
                    now = max(nxt, now + timedelta(seconds=1))
            finally:
                for ch in channels.values():
                    await ch.aclose()
                if up:
                    await api.__aexit__()

    api, tries = asyncio.run(run())
    assert tries and all(t < back for t in tries)
    # minek: only Telegram reaches it, so it waited for the Bot API: one message, after `back`
    assert [m["chat_id"] for m in api.sent()] == ["101"]
    lead = [r for r in _rows(engine, "before-14") if r.recipient_id == "minek"]
    assert {(r.channel, r.status) for r in lead} == {("telegram", "sent")}
    assert all(r.sent_at is not None and r.sent_at >= back for r in lead)
    # minfin: handed to email after FALL_BACK_AFTER failed tries on Telegram, long before `back`
    co = [r for r in _rows(engine, "before-14") if r.recipient_id == "minfin"]
    assert {(r.channel, r.status) for r in co} == {("telegram", "superseded"), ("email", "sent")}
    handed = [r for r in co if r.channel == "telegram"]
    assert all((r.error or "").startswith("sent by email instead") for r in handed)
    assert all(r.attempts == FALL_BACK_AFTER for r in handed)
    by_mail = [r for r in co if r.channel == "email"]
    assert all(r.sent_at is not None and r.sent_at < back for r in by_mail)
    # one email for minfin's three items, none twice (the plan was loaded after April's
    # opening: the partner is not told of it)
    recipients = sorted(rcpt for e in mail.envelopes for rcpt in e.rcpt_tos)
    assert recipients == ["minfin@example.org"]


def test_flood_control_holds_back_every_daemon(engine: Engine, tmp_path: Path) -> None:
    """A 429 with retry_after seen by one daemon pauses Telegram for all daemons sharing the
    database: the other does not call sendMessage until the wait is over, not even for a
    reminder that fell due after the 429."""
    dep = _deployment(tmp_path)
    early = task("1.1", executors=(("minek", "lead"),))
    later = task("2.1", executors=(("minfin", "lead"),), policy=Policy(send_time=time(9, 2)))
    plan = replace(dep.plans[0], tasks=(early, later))
    do_sync(engine, replace(dep, plans=(plan,)), msk(2023, 9, 12, 8, 0))

    async def run() -> BotApi:
        async with BotApi(TOKEN) as api:
            api.fail_next("sendMessage", 429, retry_after=600)
            first = {"telegram": TelegramBotChannel(TOKEN, api.url, max_wait=5)}
            other = {"telegram": TelegramBotChannel(TOKEN, api.url, max_wait=5)}
            try:
                a = EngineSettings("Europe/Moscow", "sec", first, render)  # type: ignore[arg-type]
                b = EngineSettings("Europe/Moscow", "sec", other, render)  # type: ignore[arg-type]
                t0 = msk(2023, 9, 12, 9, 0)
                await tick(engine, a, t0, "daemon-a", lease=None)  # minek's: 429, wait 600 s
                calls = len(api.sent())
                # the other daemon, when minfin's falls due and later, inside the pause
                await tick(engine, b, t0 + timedelta(minutes=2), "daemon-b", lease=None)
                await tick(engine, b, t0 + timedelta(minutes=9), "daemon-b", lease=None)
                assert len(api.sent()) == calls == 1
                # after it, both go
                await tick(engine, b, t0 + timedelta(minutes=11), "daemon-b", lease=None)
            finally:
                for ch in (*first.values(), *other.values()):
                    await ch.aclose()
            return api

    api = asyncio.run(run())
    assert sorted(m["chat_id"] for m in api.sent()[1:]) == ["101", "102"]
    assert {r.status for r in _rows(engine, "before-14")} == {"sent"}
