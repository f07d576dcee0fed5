"""Requests to the coordinator, end to end: executors and the coordinator press buttons in a
local Bot API server that delivers updates to the real bot, and the tick delivers the notices
through the real Telegram channel (and a real SMTP server for people without a chat).

Expected texts and dates are written here by hand: 4.2 is due 31 December 2020; +14 days is
14 January 2021."""

from __future__ import annotations

import asyncio
import email
import email.policy
import json
from collections.abc import Awaitable, Callable
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from reminder.bot.app import ReminderBot
from reminder.channels.email import SmtpChannel
from reminder.channels.telegram import TelegramBotChannel
from reminder.channels.telegram.buttons import encode
from reminder.deadlines.model import Deadline, Occurrence
from reminder.messages.render import render
from reminder.schedule.policy import Policy
from reminder.store import chats
from reminder.store.chats import occurrence_token
from reminder.store.db import open_store, transaction
from reminder.store.models import HistoryRow, LedgerRow, OccurrenceRow, RequestRow
from reminder.store.specs import Deployment, ExecutorSpec, PlanSpec, TaskSpec
from reminder.store.sync import sync
from reminder.tick import EngineSettings, tick
from tests.bot.test_bot import message, press, sender
from tests.channels.servers import BotApi, Recording, smtp_server

TOKEN = "777:FLOW-token"
KYIV = ZoneInfo("Europe/Kyiv")
NOW = datetime(2020, 12, 1, 10, tzinfo=KYIV)
Q4 = Deadline("IV квартал", "window", date(2020, 10, 1), date(2020, 12, 31),
              (Occurrence(date(2020, 10, 1), date(2020, 12, 31)),), lang="uk")
LEAD_CHAT, COORD_CHAT, CO_CHAT = 555, 700, 808
ASKING = Policy(coordinator="coord")
ACCEPTING = Policy(coordinator="coord", close="accept")


def _engine(tmp_path: Path, lead_telegram: bool = True) -> Engine:
    tasks = (
        TaskSpec("4.2", "Звіт про <консультації>", Q4, executors=(("dmk", "lead"), ("fin", "co")),
                 policy=ASKING),
        TaskSpec("4.3", "Моніторинг", Q4, executors=(("dmk", "lead"),), policy=ASKING),
        TaskSpec("5.1", "Підсумковий звіт", Q4, executors=(("dmk", "lead"),), policy=ACCEPTING),
    )
    dep = Deployment(
        plans=(PlanSpec("lugansk-2020", "План заходів", "uk", "UA", tasks),),
        timezone="Europe/Kyiv", country="UA", secretariat=None, state_dir=tmp_path,
        executors=(ExecutorSpec("dmk", "Департамент комунікацій", "uk",
                                emails=("dmk@example.org",)),
                   ExecutorSpec("fin", "Департамент фінансів", "uk",
                                emails=("fin@example.org",)),
                   ExecutorSpec("coord", "Секретаріат плану", "uk",
                                emails=("coord@example.org",), telegram=(str(COORD_CHAT),))))
    engine = open_store(f"sqlite:///{tmp_path / 'flow.sqlite'}")
    with transaction(engine) as s:
        sync(s, dep, NOW)
    if lead_telegram:
        code = chats.new_code(engine, "dmk", NOW)
        assert chats.attempt_link(engine, code, str(LEAD_CHAT), NOW).executor is not None
    return engine


Send = Callable[..., Awaitable[dict]]
Deliver = Callable[[datetime], Awaitable[None]]


def run(engine: Engine, scenario: Callable[[BotApi, Send, Deliver, Recording],
                                             Awaitable[None]], clock: datetime = NOW) -> BotApi:
    """The bot and the tick in one loop, as in the daemon, against one Bot API server."""
    async def main() -> BotApi:
        mail = Recording()
        async with BotApi(TOKEN) as api, smtp_server(mail) as port:
            bot = ReminderBot(engine, TOKEN, api.url, timezone="Europe/Kyiv",
                              clock=lambda: clock, poll_timeout=1)
            await bot.start()
            channel = TelegramBotChannel(TOKEN, api.url, max_wait=5)
            channel.attach_store(engine)
            smtp = SmtpChannel(host="127.0.0.1", port=port, tls="none", timeout=5,
                               sender="plans@example.org")
            cfg = EngineSettings("Europe/Kyiv", None, {"telegram": channel, "email": smtp},
                                 render)

            send = sender(api)

            async def deliver(now: datetime) -> None:
                report = await tick(engine, cfg, now, "w1")
                assert report.failed == 0, report.errors

            try:
                await scenario(api, send, deliver, mail)
            finally:
                await bot.stop()
                await channel.aclose()
        return api
    return asyncio.run(main())


def mails(mail: Recording) -> list[tuple[list[str], bytes]]:
    return [(list(e.rcpt_tos), bytes(e.content)) for e in mail.envelopes]


def to_chat(api: BotApi, chat: int) -> list[dict]:
    return [m for m in api.sent("sendMessage") if str(m["chat_id"]) == str(chat)]


def buttons_of(sent: dict) -> list[dict]:
    return [b for row in json.loads(sent["reply_markup"])["inline_keyboard"] for b in row]


def occ(engine: Engine, task: str) -> OccurrenceRow:
    with Session(engine) as s:
        return s.exec(select(OccurrenceRow).where(
            OccurrenceRow.task_key == f"lugansk-2020/{task}")).one()


def token(task: str) -> str:
    return occurrence_token("lugansk-2020", task, date(2020, 12, 31))


def test_more_time_reaches_the_coordinator_who_approves_and_the_executor_hears_it(
        tmp_path: Path) -> None:
    engine = _engine(tmp_path)

    async def scenario(api: BotApi, send: Send, deliver: Deliver, mail: Recording) -> None:
        asked = await send(press(1, LEAD_CHAT, encode("more", token("4.2"))))
        assert "надіслано координатору (Секретаріат плану)" in asked["text"]
        again = await send(press(2, LEAD_CHAT, encode("more", token("4.2"))))
        assert "ще не відповів" in again["text"]  # one request, not two
        await deliver(NOW)
        question = [m for m in to_chat(api, COORD_CHAT) if "просить продовжити" in m["text"]]
        assert len(question) == 1
        assert "Департамент комунікацій" in question[0]["text"]
        assert "&lt;консультації&gt;" in question[0]["text"]  # plan text escaped
        labels = [b["text"] for b in buttons_of(question[0])]
        assert labels == ["✅ +7 дн. (до 07.01.2021)", "✅ +14 дн. (до 14.01.2021)",
                          "✅ +30 дн. (до 30.01.2021)", "❌ Відмовити"]
        # only the coordinator may answer
        await send(press(3, LEAD_CHAT, buttons_of(question[0])[1]["callback_data"]),
                   "answerCallbackQuery")
        assert "лише координатор" in api.sent("answerCallbackQuery")[-1]["text"]
        approved = await send(press(4, COORD_CHAT, buttons_of(question[0])[1]["callback_data"]))
        assert "новий строк виконання пункту <b>lugansk-2020/4.2</b> — 14 січня 2021" in \
            approved["text"]
        await deliver(NOW)
        heard = [m["text"] for m in to_chat(api, LEAD_CHAT) if "продовжено до" in m["text"]]
        assert heard == [heard[0]] and "14 січня 2021" in heard[0] and "31 грудня 2020" in \
            heard[0] and "Секретаріат плану" in heard[0]
        # the answer goes to the one who asked (here the lead), not to the co-executor
        to_fin = [email.message_from_bytes(raw, policy=email.policy.default)
                  for rcpts, raw in mails(mail) if "fin@example.org" in rcpts]
        bodies = [m.get_body(("plain",)) for m in to_fin]  # bodies are base64 on the wire
        assert not [m for m, b in zip(to_fin, bodies, strict=True)
                    if "продовжено" in str(m["Subject"])
                    or (b is not None and "продовжено" in b.get_content())]

    run(engine, scenario)
    o = occ(engine, "4.2")
    assert (o.due, o.status) == (date(2021, 1, 14), "open")
    with Session(engine) as s:
        req = s.exec(select(RequestRow)).one()
        extended = s.exec(select(HistoryRow).where(HistoryRow.action == "extended")).one()
    assert (req.status, req.new_due) == ("approved", date(2021, 1, 14))
    assert extended.note is not None and "more time approved" in extended.note
    engine.dispose()


def test_a_denial_asks_the_coordinator_for_the_reason_and_passes_it_on(tmp_path: Path) -> None:
    engine = _engine(tmp_path)

    async def scenario(api: BotApi, send: Send, deliver: Deliver, mail: Recording) -> None:
        await send(press(1, LEAD_CHAT, encode("more", token("4.3"))))
        await deliver(NOW)
        question = next(m for m in to_chat(api, COORD_CHAT) if "просить" in m["text"])
        deny = buttons_of(question)[-1]
        ask = await send(press(2, COORD_CHAT, deny["callback_data"]))
        assert "причину відмови" in ask["text"]
        done = await send(message(3, COORD_CHAT, "Бюджет <не> дозволяє", "uk"))
        assert "Відмовлено" in done["text"] and "31 грудня 2020" in done["text"]
        await deliver(NOW)
        heard = [m["text"] for m in to_chat(api, LEAD_CHAT) if "не погоджено" in m["text"]]
        assert len(heard) == 1 and "Коментар: Бюджет &lt;не&gt; дозволяє" in heard[0]
        # a second press on the answered request is refused
        await send(press(4, COORD_CHAT, deny["callback_data"]), "answerCallbackQuery")
        assert "уже відповіли" in api.sent("answerCallbackQuery")[-1]["text"]

    run(engine, scenario)
    assert occ(engine, "4.3").due == date(2020, 12, 31)
    with Session(engine) as s:
        req = s.exec(select(RequestRow)).one()
    assert (req.status, req.answer_note) == ("denied", "Бюджет <не> дозволяє")
    engine.dispose()


def test_under_close_accept_the_leads_done_is_reported_then_returned_then_accepted(
        tmp_path: Path) -> None:
    engine = _engine(tmp_path)
    states: list[str] = []

    async def scenario(api: BotApi, send: Send, deliver: Deliver, mail: Recording) -> None:
        reported = await send(press(1, LEAD_CHAT, encode("done", token("5.1"))))
        assert "чекає на приймання" in reported["text"]
        states.append(occ(engine, "5.1").status)
        await deliver(NOW)
        question = next(m for m in to_chat(api, COORD_CHAT) if "Прийміть його" in m["text"])
        accept, back = buttons_of(question)
        assert (accept["text"], back["text"]) == ("✅ Прийняти", "↩ Повернути на доопрацювання")
        ask = await send(press(2, COORD_CHAT, back["callback_data"]))
        assert "що потрібно доопрацювати" in ask["text"]
        skipped = await send(message(3, COORD_CHAT, "/skip", "uk"))  # a return needs a note
        assert "що потрібно доопрацювати" in skipped["text"]
        await send(message(4, COORD_CHAT, "Додайте фінансовий звіт", "uk"))
        states.append(occ(engine, "5.1").status)
        await deliver(NOW)
        returned = [m["text"] for m in to_chat(api, LEAD_CHAT) if "повернуто" in m["text"]]
        assert len(returned) == 1 and "Додайте фінансовий звіт" in returned[0]
        await send(press(5, LEAD_CHAT, encode("done", token("5.1"))))
        await deliver(NOW)
        second = [m for m in to_chat(api, COORD_CHAT) if "Прийміть його" in m["text"]][-1]
        await send(press(6, COORD_CHAT, buttons_of(second)[0]["callback_data"]))
        states.append(occ(engine, "5.1").status)
        await deliver(NOW)
        assert any("прийнято й закрито" in m["text"] for m in to_chat(api, LEAD_CHAT))

    run(engine, scenario)
    assert states == ["reported", "open", "done"]
    engine.dispose()


def test_a_co_executors_part_reaches_a_lead_without_telegram_by_email(tmp_path: Path) -> None:
    engine = _engine(tmp_path, lead_telegram=False)
    code = chats.new_code(engine, "fin", NOW)

    async def scenario(api: BotApi, send: Send, deliver: Deliver, mail: Recording) -> None:
        await send(message(1, CO_CHAT, f"/start {code}"))
        reply = await send(message(2, CO_CHAT, "/done 4.2"))
        assert "Закриває пункт відповідальний виконавець: Департамент комунікацій" in \
            reply["text"]
        await deliver(NOW)
        notes = [email.message_from_bytes(raw, policy=email.policy.default)
                 for rcpts, raw in mails(mail) if "dmk@example.org" in rcpts]
        parts = [m for m in notes if "Частину роботи виконано" in str(m["Subject"])]
        assert len(parts) == 1
        body = parts[0].get_body(("plain",))
        assert body is not None
        assert "Департамент фінансів повідомляє про виконання своєї частини" in \
            body.get_content()

    run(engine, scenario)
    assert occ(engine, "4.2").status == "open"
    engine.dispose()


def test_a_snooze_silences_only_the_executor_who_pressed_it(tmp_path: Path) -> None:
    engine = _engine(tmp_path)

    async def scenario(api: BotApi, send: Send, deliver: Deliver, mail: Recording) -> None:
        snoozed = await send(press(1, LEAD_CHAT, encode("snooze", token("4.2"), 7)))
        assert "Інші виконавці пункту отримують нагадування у звичайному порядку" in snoozed["text"]
        # Pressed on 5 December: the lead hears nothing before 12 December. 14 working days
        # before 31 December (25 December a holiday in Ukraine) is 10 December.
        await deliver(datetime(2020, 12, 10, 9, 5, tzinfo=KYIV))

    run(engine, scenario, clock=datetime(2020, 12, 5, 10, tzinfo=KYIV))
    occ_id = occ(engine, "4.2").id
    with Session(engine) as s:
        rows = [(r.recipient_id, r.step) for r in s.exec(select(LedgerRow))
                if r.step == "before-14" and r.occurrence_id == occ_id]
    assert rows == [("fin", "before-14")]
    engine.dispose()
