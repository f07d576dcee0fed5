"""End to end: the engine's tick renders and sends through the real email and Telegram
channels to a real aiosmtpd server and a local Bot API server, and records it in the ledger."""

from __future__ import annotations

import asyncio
import email
import email.policy
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from reminder.channels.email import SmtpChannel
from reminder.channels.telegram import TelegramBotChannel
from reminder.deadlines.model import Deadline, Occurrence
from reminder.messages.render import render
from reminder.schedule.policy import Policy
from reminder.store.db import open_store, transaction
from reminder.store.models import LedgerRow
from reminder.store.specs import Deployment, ExecutorSpec, PlanSpec, TaskSpec
from reminder.store.sync import sync
from reminder.tick import EngineSettings, TickReport, tick
from tests.channels.servers import BotApi, GreylistOnce, Recording, RejectRecipient, smtp_server

MSK = ZoneInfo("Europe/Moscow")
TOKEN = "42:E2E-token"
Q2_Q3 = Deadline("2 – 3 квартал 2023 года", "window", date(2023, 4, 1), date(2023, 9, 30),
                 (Occurrence(date(2023, 4, 1), date(2023, 9, 30)),), lang="ru")
EXECUTORS = (
    ExecutorSpec("minek", "Минэкономразвития", "ru", emails=("minek@example.org",),
                 telegram=("1001",)),
    ExecutorSpec("minfin", "Mінфін", "uk", emails=("minfin@example.org",)),
    ExecutorSpec("sec", "Секретариат", "ru", emails=("sec@example.org",)),
)


def at(day: int, hour: int = 9, month: int = 9) -> datetime:
    return datetime(2023, month, day, hour, tzinfo=MSK)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    eng = open_store(f"sqlite:///{tmp_path / 'state' / 'reminder.sqlite'}")
    title = "Провести <b>консультации</b> {{ 7*7 }}\nс ИГС"
    plan = PlanSpec("roadmap-003", "Дорожная карта", "ru", "RU", (
        TaskSpec("1.1", title, Q2_Q3, executors=(("minek", "lead"), ("minfin", "co")),
                 policy=Policy(), status="open", result="Доклад"),))
    dep = Deployment(plans=(plan,), executors=EXECUTORS, timezone="Europe/Moscow",
                     country="RU", secretariat="sec", state_dir=tmp_path)
    with transaction(eng) as s:
        sync(s, dep, at(1))
    yield eng
    eng.dispose()


async def run_ticks(engine: Engine, smtp_port: int, api: BotApi,
                    *times: datetime, attach: bool = False) -> list[TickReport]:
    channels = {
        "email": SmtpChannel(host="127.0.0.1", port=smtp_port, tls="none", timeout=5,
                             sender="Офис плана <plans@example.org>"),
        "telegram": TelegramBotChannel(TOKEN, api.url, max_wait=5),
    }
    if attach:
        channels["telegram"].attach_store(engine)  # type: ignore[attr-defined]
    cfg = EngineSettings("Europe/Moscow", "sec", channels, render)  # type: ignore[arg-type]
    try:
        return [await tick(engine, cfg, now, "w1") for now in times]
    finally:
        for channel in channels.values():
            await channel.aclose()


def ledger(engine: Engine) -> list[LedgerRow]:
    with Session(engine) as s:
        return list(s.exec(select(LedgerRow).order_by(LedgerRow.channel,
                                                      LedgerRow.recipient_id)))


def scenario(engine: Engine, handler: Recording, *times: datetime,
             forbid: str | None = None, attach: bool = False
             ) -> tuple[list[TickReport], BotApi]:
    async def main() -> tuple[list[TickReport], BotApi]:
        async with BotApi(TOKEN) as api, smtp_server(handler) as port:
            if forbid:
                api.forbidden.add(forbid)
            return await run_ticks(engine, port, api, *times, attach=attach), api
    return asyncio.run(main())


def test_reminders_arrive_once_in_each_language_and_a_second_tick_sends_nothing(
        engine: Engine) -> None:
    handler = Recording()
    (first, second), api = scenario(engine, handler, at(12), at(12))
    mails = {e.rcpt_tos[0]: email.message_from_bytes(e.original_content,
                                                    policy=email.policy.default)
             for e in handler.envelopes}
    assert sorted(mails) == ["minek@example.org", "minfin@example.org"]
    assert len(handler.envelopes) == 2 and len(api.sent()) == 1
    ru, uk = mails["minek@example.org"], mails["minfin@example.org"]
    assert ru["Subject"] == (
        "Напоминание о сроке — 1.1. Провести <b>консультации</b> {{ 7*7 }} с ИГС")
    assert uk["Subject"].startswith("Нагадування про строк — 1.1.")
    assert "ответственный исполнитель" in ru.get_body(("plain",)).get_content()
    assert "співвиконавець" in uk.get_body(("plain",)).get_content()
    assert "&lt;b&gt;консультации&lt;/b&gt;" in ru.get_body(("html",)).get_content()
    telegram = api.sent()[0]
    assert telegram["chat_id"] == "1001" and "&lt;b&gt;консультации" in telegram["text"]
    assert first.sent == 3 and second.sent == 0 and second.planned == 0
    assert {r.status for r in ledger(engine)} == {"sent"}


def test_greylisted_email_is_retried_and_gets_through(engine: Engine) -> None:
    handler = GreylistOnce()
    (first, later), _ = scenario(engine, handler, at(12), at(12) + timedelta(minutes=10))
    assert first.failed == 1 and "451" in first.errors[0]
    assert later.sent == 1 and handler.refused == 1
    assert sorted(e.rcpt_tos[0] for e in handler.envelopes) == [
        "minek@example.org", "minfin@example.org"]
    assert {r.status for r in ledger(engine)} == {"sent"}


def test_5xx_is_recorded_as_failed_with_the_reason(engine: Engine) -> None:
    (report, again), api = scenario(engine, RejectRecipient(), at(12), at(13))
    rows = {(r.channel, r.recipient_id): r for r in ledger(engine)}
    assert rows[("email", "minek")].status == "failed"
    assert "550" in (rows[("email", "minek")].error or "")
    assert rows[("telegram", "minek")].status == "sent" and len(api.sent()) == 1
    assert report.failed == 2 and again.sent == 0 and again.failed == 0  # not retried


def test_blocked_bot_fails_the_chat_and_email_still_reaches_the_executor(
        engine: Engine) -> None:
    handler = Recording()
    (report,), _ = scenario(engine, handler, at(12), forbid="1001")
    rows = {(r.channel, r.recipient_id): r for r in ledger(engine)}
    assert rows[("telegram", "minek")].status == "failed"
    assert "blocked" in (rows[("telegram", "minek")].error or "")
    assert rows[("email", "minek")].status == "sent"
    assert "minek@example.org" in [e.rcpt_tos[0] for e in handler.envelopes]
    assert any("via telegram" in e and "blocked" in e for e in report.errors)


def test_chat_linked_by_code_is_reached_and_a_dead_one_is_dropped(engine: Engine) -> None:
    from reminder.bot import links

    code = links.new_code(engine, "minfin", at(1))
    assert links.redeem(engine, code, "2002", at(1)) is not None
    handler = Recording()
    (first, later), api = scenario(engine, handler, at(12), at(27), forbid="1001",
                                   attach=True)
    chats = [s["chat_id"] for s in api.sent()]
    assert chats == ["1001", "2002", "2002"]  # 1001 blocked once, then never tried again
    assert links.dead_chats(engine) == {"1001"}
    assert first.failed == 1 and later.failed == 0
    assert len(handler.envelopes) == 4  # email keeps reaching both executors


def test_migrated_group_is_followed_and_remembered(engine: Engine) -> None:
    from reminder.bot import links

    async def main() -> BotApi:
        async with BotApi(TOKEN) as api, smtp_server(Recording()) as port:
            api.migrated["1001"] = -1001001
            await run_ticks(engine, port, api, at(12), at(27), attach=True)
            return api

    api = asyncio.run(main())
    assert [s["chat_id"] for s in api.sent()] == ["1001", "-1001001", "-1001001"]
    assert links.linked_chats(engine) == {"minek": ("-1001001",)}
    assert "1001" in links.dead_chats(engine)
