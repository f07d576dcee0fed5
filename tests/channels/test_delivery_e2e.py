"""End to end: the engine's tick renders and sends through the real email and Telegram
channels to a real aiosmtpd server and a local Bot API server, and records it in the ledger."""

from __future__ import annotations

import asyncio
import email
import email.policy
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from reminder.channels.email import SmtpChannel
from reminder.channels.telegram import TelegramBotChannel
from reminder.deadlines.model import Deadline, Occurrence
from reminder.messages.render import render
from reminder.schedule.policy import Policy
from reminder.store import chats
from reminder.store.db import open_store, transaction
from reminder.store.models import ChatLinkRow, LedgerRow
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
    """The deliveries in the ledger. Rungs a catching-up reminder spoke for are recorded as
    superseded; they were never sent by any channel, so they are left out."""
    with Session(engine) as s:
        return [r for r in s.exec(select(LedgerRow).order_by(LedgerRow.channel,
                                                             LedgerRow.recipient_id))
                if r.status != "superseded"]


def scenario(engine: Engine, handler: Recording, *times: datetime,
             forbid: str | None = None, attach: bool = False
             ) -> tuple[list[TickReport], BotApi]:
    async def main() -> tuple[list[TickReport], BotApi]:
        async with BotApi(TOKEN) as api, smtp_server(handler) as port:
            if forbid:
                api.forbidden.add(forbid)
            return await run_ticks(engine, port, api, *times, attach=attach), api
    return asyncio.run(main())


def _mails(handler: Recording) -> dict[str, Any]:
    return {e.rcpt_tos[0]: email.message_from_bytes(e.original_content,
                                                   policy=email.policy.default)
            for e in handler.envelopes}


def test_one_message_per_recipient_telegram_first_and_a_second_tick_sends_nothing(
        engine: Engine) -> None:
    handler = Recording()
    (first, second), api = scenario(engine, handler, at(12), at(12))
    mails = _mails(handler)
    # minek has an email address and a live chat: the chat alone carries its reminder
    assert sorted(mails) == ["minfin@example.org"] and len(handler.envelopes) == 1
    assert [m["chat_id"] for m in api.sent()] == ["1001"]
    uk = mails["minfin@example.org"]
    assert uk["Subject"].startswith("Нагадування про строк — 1.1.")
    assert "співвиконавець" in uk.get_body(("plain",)).get_content()
    telegram = api.sent()[0]
    assert "&lt;b&gt;консультации" in telegram["text"] and "ответственный" in telegram["text"]
    assert first.sent == 2 and first.messages == 2
    assert second.sent == 0 and second.planned == 0
    assert {(r.recipient_id, r.channel, r.status) for r in ledger(engine)} == {
        ("minek", "telegram", "sent"), ("minfin", "email", "sent")}


def test_greylisted_email_is_retried_and_gets_through(engine: Engine) -> None:
    handler = GreylistOnce()
    (first, later), _ = scenario(engine, handler, at(12), at(12) + timedelta(minutes=10))
    assert first.failed == 1 and "451" in first.errors[0]
    assert later.sent == 1 and handler.refused == 1
    assert [e.rcpt_tos[0] for e in handler.envelopes] == ["minfin@example.org"]
    assert {r.status for r in ledger(engine)} == {"sent"}


def test_5xx_is_recorded_as_failed_with_the_reason(engine: Engine) -> None:
    (report, again), api = scenario(engine, RejectRecipient(), at(12), at(13))
    rows = {(r.channel, r.recipient_id): r for r in ledger(engine)}
    assert rows[("email", "minfin")].status == "failed"
    assert "550" in (rows[("email", "minfin")].error or "")
    assert rows[("telegram", "minek")].status == "sent" and len(api.sent()) == 1
    assert report.failed == 1 and again.sent == 0 and again.failed == 0  # not retried


def test_blocked_bot_fails_the_chat_and_email_still_reaches_the_executor(
        engine: Engine) -> None:
    handler = Recording()
    (report,), _ = scenario(engine, handler, at(12), forbid="1001")
    rows = {(r.channel, r.recipient_id): r for r in ledger(engine)}
    assert rows[("telegram", "minek")].status == "failed"
    assert "blocked" in (rows[("telegram", "minek")].error or "")
    assert rows[("email", "minek")].status == "sent"
    assert any("via telegram" in e and "blocked" in e for e in report.errors)
    ru = _mails(handler)["minek@example.org"]  # the same reminder, by email, in this tick
    assert ru["Subject"] == (
        "Напоминание о сроке — 1.1. Провести <b>консультации</b> {{ 7*7 }} с ИГС")
    assert "ответственный исполнитель" in ru.get_body(("plain",)).get_content()
    assert "&lt;b&gt;консультации&lt;/b&gt;" in ru.get_body(("html",)).get_content()
    assert len(handler.envelopes) == 2  # minek once (the fallback) and minfin once


def test_a_recipient_with_email_and_a_linked_chat_gets_exactly_one_message(
        engine: Engine) -> None:
    code = chats.new_code(engine, "minfin", at(1))
    assert chats.redeem(engine, code, "2002", at(1)) is not None
    handler = Recording()
    (first, again), api = scenario(engine, handler, at(12), at(12, hour=15), attach=True)
    assert handler.envelopes == []  # both have email, both hear it by Telegram only
    assert sorted(m["chat_id"] for m in api.sent()) == ["1001", "2002"]
    assert first.messages == 2 and first.sent == 2 and again.sent == 0
    assert sorted((r.recipient_id, r.channel) for r in ledger(engine)) == [
        ("minek", "telegram"), ("minfin", "telegram")]


def test_chat_linked_by_code_is_reached_and_a_dead_one_is_dropped(engine: Engine) -> None:
    code = chats.new_code(engine, "minfin", at(1))
    assert chats.redeem(engine, code, "2002", at(1)) is not None
    handler = Recording()
    (first, later), api = scenario(engine, handler, at(12), at(27), forbid="1001",
                                   attach=True)
    sent_to = [s["chat_id"] for s in api.sent()]
    assert sent_to == ["1001", "2002", "2002"]  # 1001 blocked once, then never tried again
    assert chats.dead_chats(engine) == {"1001"}
    with Session(engine) as s:  # found dead by the tick at its clock, not the wall clock's
        dead_at = s.exec(select(ChatLinkRow.dead_at).where(ChatLinkRow.chat_id == "1001")).one()
    assert dead_at is not None and dead_at.date() == at(12).date()
    assert first.failed == 1 and later.failed == 0
    # minek's chat is dead: email reaches it (by the fallback, then by choice); minfin's
    # linked chat carries its reminders, so it gets no email at all
    assert [e.rcpt_tos[0] for e in handler.envelopes] == ["minek@example.org"] * 2


def test_migrated_group_is_followed_and_remembered(engine: Engine) -> None:
    async def main() -> BotApi:
        async with BotApi(TOKEN) as api, smtp_server(Recording()) as port:
            api.migrated["1001"] = -1001001
            await run_ticks(engine, port, api, at(12), at(27), attach=True)
            return api

    api = asyncio.run(main())
    assert [s["chat_id"] for s in api.sent()] == ["1001", "-1001001", "-1001001"]
    assert chats.linked_chats(engine) == {"minek": ("-1001001",)}
    assert "1001" in chats.dead_chats(engine)
