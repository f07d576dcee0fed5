"""The bot through python-telegram-bot's real Application and HTTP stack, long-polling a local
Bot API server, over a real store."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from reminder.bot.app import MORE_TIME, ReminderBot
from reminder.channels.telegram.buttons import encode
from reminder.deadlines.model import Deadline, Occurrence
from reminder.schedule.policy import Policy
from reminder.store import chats
from reminder.store.chats import occurrence_token
from reminder.store.db import open_store, transaction
from reminder.store.models import HistoryRow, NoticeRow, OccurrenceRow, SnoozeRow
from reminder.store.specs import Deployment, ExecutorSpec, PlanSpec, TaskSpec
from reminder.store.sync import sync
from tests.channels.servers import BotApi

TOKEN = "777:BOT-token"
KYIV = ZoneInfo("Europe/Kyiv")
NOW = datetime(2020, 12, 1, 10, tzinfo=KYIV)
Q4 = Deadline("IV квартал", "window", date(2020, 10, 1), date(2020, 12, 31),
              (Occurrence(date(2020, 10, 1), date(2020, 12, 31)),), lang="uk")
OWN = "2.1"
OTHERS = "3.1"


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    eng = open_store(f"sqlite:///{tmp_path / 'reminder.sqlite'}")
    tasks = (
        TaskSpec(OWN, "Публічні консультації <з ІГС>", Q4, executors=(("dmk", "lead"),),
                 policy=Policy(), status="open", result="Звіт"),
        TaskSpec(OTHERS, "Секретне завдання іншого департаменту", Q4,
                 executors=(("other", "lead"),), policy=Policy(), status="open", result=None),
    )
    plan = PlanSpec("lugansk-2020", "План заходів на 2020 рік", "uk", "UA", tasks)
    dep = Deployment(plans=(plan,), timezone="Europe/Kyiv", country="UA", secretariat=None,
                     state_dir=tmp_path, executors=(
                         ExecutorSpec("dmk", "Департамент масових комунікацій", "uk"),
                         ExecutorSpec("other", "Інший департамент", "uk",
                                      telegram=("900",))))
    with transaction(eng) as s:
        sync(s, dep, NOW)
    yield eng
    eng.dispose()


def message(uid: int, chat: int, text: str, lang: str = "en") -> dict:
    command = text.split()[0] if text.startswith("/") else ""
    return {"update_id": uid, "message": {
        "message_id": uid, "date": 1606800000, "text": text,
        "chat": {"id": chat, "type": "private"},
        "from": {"id": chat, "is_bot": False, "first_name": "U", "language_code": lang},
        "entities": [{"type": "bot_command", "offset": 0, "length": len(command)}]
        if command else []}}


def press(uid: int, chat: int, data: str) -> dict:
    return {"update_id": uid, "callback_query": {
        "id": f"cb{uid}", "chat_instance": "ci", "data": data,
        "from": {"id": chat, "is_bot": False, "first_name": "U"},
        "message": {"message_id": 99, "date": 1606800000, "text": "reminder",
                    "chat": {"id": chat, "type": "private"}}}}


def sender(api: BotApi) -> Callable[..., Awaitable[dict]]:
    """``send(update, method)``: deliver an update to the bot and wait for its answer by
    ``method`` (sendMessage, answerCallbackQuery, editMessageText)."""
    async def send(update: dict, method: str = "sendMessage") -> dict:
        before = len(api.sent(method))
        await api.updates.put(update)
        for _ in range(200):
            if len(api.sent(method)) > before:
                return api.sent(method)[-1]
            await asyncio.sleep(0.025)
        raise AssertionError(f"the bot never called {method}")
    return send


Scenario = Callable[[BotApi, Callable[[dict, str], Awaitable[dict]]], Awaitable[None]]


def run_bot(engine: Engine, scenario: Scenario,
            clock: Callable[[], datetime] = lambda: NOW) -> BotApi:
    """Start the bot in this loop the way the daemon does, feed updates, await answers."""
    async def main() -> BotApi:
        async with BotApi(TOKEN) as api:
            bot = ReminderBot(engine, TOKEN, api.url, timezone="Europe/Kyiv",
                              clock=clock, poll_timeout=1)
            await bot.start()

            send = sender(api)

            try:
                await scenario(api, send)
            finally:
                await bot.stop()
            return api
    return asyncio.run(main())


def occurrence(engine: Engine, task: str) -> OccurrenceRow:
    with Session(engine) as s:
        return s.exec(select(OccurrenceRow).where(
            OccurrenceRow.task_key == f"lugansk-2020/{task}")).one()


def history(engine: Engine) -> list[HistoryRow]:
    with Session(engine) as s:
        return [h for h in s.exec(select(HistoryRow)) if h.actor.startswith("telegram")]


def test_unlinked_chat_is_refused_politely_and_learns_nothing(engine: Engine) -> None:
    token = occurrence_token("lugansk-2020", OWN, date(2020, 12, 31))

    async def scenario(api: BotApi, send: Callable[..., Awaitable[dict]]) -> None:
        for n, text in enumerate(["/tasks", "/done 2.1", "hello", "/start", "/start WRONG123"]):
            reply = await send(message(n + 1, 555, text, lang="ru"))
            assert "консультації" not in reply["text"] and "lugansk" not in reply["text"]
            assert "координатор" in reply["text"]  # told whom to ask, in the user's language
        await send(press(10, 555, encode("done", token)), "answerCallbackQuery")

    api = run_bot(engine, scenario)
    assert api.calls[0][0] == "getMe"
    assert occurrence(engine, OWN).status == "open" and history(engine) == []


def test_link_code_ties_the_chat_once_and_then_tasks_and_done_work(engine: Engine) -> None:
    code = chats.new_code(engine, "dmk", NOW)
    with pytest.raises(chats.LinkError):
        chats.new_code(engine, "nobody", NOW)

    async def scenario(api: BotApi, send: Callable[..., Awaitable[dict]]) -> None:
        linked = await send(message(1, 555, f"/start {code.lower()}"))
        assert "Департамент масових комунікацій" in linked["text"]  # in the executor's uk
        reused = await send(message(2, 556, f"/start {code}"))
        assert "Код недійсний" not in reused["text"] and "code is invalid" in reused["text"]
        tasks = await send(message(3, 555, "/tasks"))
        assert "lugansk-2020/2.1" in tasks["text"] and "&lt;з ІГС&gt;" in tasks["text"]
        assert "Секретне" not in tasks["text"]  # only its own items
        # the planner's next rung: 14 working days before 31 December (25 December is a
        # public holiday in Ukraine), counted by hand
        assert "наступне нагадування 10 грудня 2020" in tasks["text"]
        refused = await send(message(4, 555, f"/done {OTHERS}"))
        assert "немає" in refused["text"]
        done = await send(message(5, 555, f"/done {OWN}"))
        assert "Позначено як виконаний" in done["text"]

    run_bot(engine, scenario)
    assert occurrence(engine, OWN).status == "done"
    assert occurrence(engine, OTHERS).status == "open"
    [entry] = history(engine)
    assert entry.action == "done" and entry.actor == "telegram:dmk:555"
    assert chats.executor_for_chat(engine, "556") is None


def test_buttons_snooze_and_ask_for_time_but_never_touch_others_items(engine: Engine) -> None:
    code = chats.new_code(engine, "dmk", NOW)
    own = occurrence_token("lugansk-2020", OWN, date(2020, 12, 31))
    foreign = occurrence_token("lugansk-2020", OTHERS, date(2020, 12, 31))

    async def scenario(api: BotApi, send: Callable[..., Awaitable[dict]]) -> None:
        await send(message(1, 555, f"/start {code}"))
        snoozed = await send(press(2, 555, encode("snooze", own, 3)))
        assert "відкладено на 3" in snoozed["text"]
        more = await send(press(3, 555, encode("more", own)))
        assert "не зазначено координатора" in more["text"]  # no coordinator, no secretariat
        await send(press(4, 555, encode("done", foreign)), "answerCallbackQuery")
        answer = api.sent("answerCallbackQuery")[-1]
        assert answer.get("show_alert") in ("true", "True", True)
        assert "Секретне" not in json.dumps(answer, ensure_ascii=False)
        # the other executor's own chat (listed in the directory) can close its item
        other = await send(press(5, 900, encode("done", foreign)))
        assert "Позначено як виконаний" in other["text"]

    run_bot(engine, scenario)
    own_occ = occurrence(engine, OWN)
    assert own_occ.status == "open" and own_occ.due == date(2020, 12, 31)  # due not moved
    assert own_occ.snoozed_until is None  # the snooze is this executor's alone
    with Session(engine) as s:
        paused = [(p.executor_id, p.until) for p in s.exec(select(SnoozeRow))]
    assert paused == [("dmk", date(2020, 12, 4))]
    actions = sorted((h.action, h.actor) for h in history(engine))
    assert actions == [("done", "telegram:other:900"), (MORE_TIME, "telegram:dmk:555"),
                       ("snoozed", "telegram:dmk:555")]


def test_wrong_codes_lock_the_chat_out_for_an_hour_then_the_right_code_works(
        engine: Engine, caplog: pytest.LogCaptureFixture) -> None:
    import logging

    caplog.set_level(logging.INFO, logger="reminder.bot.app")
    code = chats.new_code(engine, "dmk", NOW)
    wrong = [f"WRNG{n:04d}" for n in range(1, 7)]
    clock = [NOW]

    async def scenario(api: BotApi, send: Callable[..., Awaitable[dict]]) -> None:
        for n, guess in enumerate(wrong[:4], 1):  # four wrong codes: each only told so
            assert "code is invalid" in (await send(message(n, 555, f"/start {guess}")))["text"]
        # the fifth within ten minutes locks the chat out for an hour from now (10:00 Kyiv)
        clock[0] = NOW + timedelta(minutes=9)
        fifth = await send(message(5, 555, f"/start {wrong[4]}"))
        assert fifth["text"] == ("Too many invalid codes have been sent from this chat. Try "
                                 "again after 11:09 (1 December 2020).")
        sixth = await send(message(6, 555, f"/start {wrong[5]}"))
        assert "Try again after 11:09" in sixth["text"]
        # while locked even the right code is not looked at (nor spent)
        clock[0] = NOW + timedelta(minutes=68)
        refused = await send(message(7, 555, f"/start {code}", lang="uk"))
        assert "забагато неправильних кодів" in refused["text"] and "11:09" in refused["text"]
        # the lockout is the chat's own: another chat is only told its code is wrong
        other = await send(message(8, 556, "/start WRNG9999"))
        assert "code is invalid" in other["text"]
        # when the hour is over, the right code links the chat
        clock[0] = NOW + timedelta(minutes=69)
        linked = await send(message(9, 555, f"/start {code}"))
        assert "Департамент масових комунікацій" in linked["text"]

    run_bot(engine, scenario, clock=lambda: clock[0])
    assert chats.executor_for_chat(engine, "555").id == "dmk"  # type: ignore[union-attr]
    logged = [r.getMessage() for r in caplog.records]
    assert "chat 555 locked out of linking until 2020-12-01T11:09+02:00 after 5 wrong link " \
           "codes" in logged
    assert [r.levelname for r in caplog.records if "locked out of" in r.getMessage()] == [
        "WARNING"]
    # a code, wrong or right, is never written to the log
    assert not [line for line in logged for c in [*wrong, code] if c in line.upper()]


def test_the_limit_is_kept_in_the_database_so_every_daemon_counts_the_same(
        engine: Engine, tmp_path: Path) -> None:
    code = chats.new_code(engine, "dmk", NOW)
    other = open_store(f"sqlite:///{tmp_path / 'reminder.sqlite'}")  # a second daemon
    try:
        for n in range(3):
            assert chats.attempt_link(engine, f"WRNG000{n}", "555", NOW).failures == n + 1
        assert chats.attempt_link(other, "WRNG0003", "555", NOW).failures == 4
        last = chats.attempt_link(other, "WRNG0004", "555", NOW)
        assert last.locked_now and last.locked_until == NOW + chats.LOCKOUT
        refused = chats.attempt_link(engine, code, "555", NOW + timedelta(minutes=59))
        assert refused.executor is None and refused.locked_until == NOW + chats.LOCKOUT
    finally:
        other.dispose()


def test_wrong_codes_spread_beyond_the_window_never_lock(engine: Engine) -> None:
    code = chats.new_code(engine, "dmk", NOW)
    at = NOW
    for n in range(12):  # four wrong codes every eleven minutes: never five in ten
        if n and n % 4 == 0:
            at += chats.WRONG_CODE_WINDOW + timedelta(minutes=1)
        assert chats.attempt_link(engine, f"WRNG{n:04d}", "555", at).locked_until is None
    assert chats.attempt_link(engine, code, "555", at).executor is not None


def test_codes_are_kept_as_hmacs_under_a_key_in_the_database(engine: Engine,
                                                             tmp_path: Path) -> None:
    import hashlib
    import hmac

    from reminder.store.models import LinkCodeRow, MetaRow

    code = chats.new_code(engine, "dmk", NOW)
    with Session(engine) as s:
        [row] = s.exec(select(LinkCodeRow)).all()
        key = bytes.fromhex(s.get(MetaRow, chats.CODE_KEY).value)  # type: ignore[union-attr]
    assert len(key) == 32
    assert row.code_hash != hashlib.sha256(code.encode()).hexdigest()  # not a bare hash
    assert row.code_hash == hmac.new(key, code.encode(), hashlib.sha256).hexdigest()
    # a second daemon on the same database reads the same key and redeems the code
    other = open_store(f"sqlite:///{tmp_path / 'reminder.sqlite'}")
    try:
        assert chats.code_key(other) == key
        assert chats.redeem(other, code.lower(), "555", NOW).id == "dmk"  # type: ignore
    finally:
        other.dispose()


def test_unused_sha256_codes_are_deleted_by_the_upgrade_and_used_ones_kept(
        tmp_path: Path) -> None:
    """Codes stored before 0004 cannot be rehashed: the unused ones go (issue new ones),
    the used ones stay as the record of who linked which chat."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, text

    import reminder.store.migrations as m
    from reminder.store.db import migrate

    eng = create_engine(f"sqlite:///{tmp_path / 'old.sqlite'}")
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(m.__file__).parent))
    with eng.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0003")
        for name, used in (("unused", "NULL"), ("used", "'2020-11-30 10:00:00.000000'")):
            conn.execute(text(
                "INSERT INTO telegram_link_code (code_hash, executor_id, created_at, "
                f"expires_at, used_at) VALUES ('{name}', 'dmk', '2020-11-30 09:00:00.000000', "
                f"'2020-12-03 09:00:00.000000', {used})"))
    migrate(eng)
    with eng.connect() as conn:
        assert conn.execute(text("SELECT code_hash FROM telegram_link_code")).all() == [
            ("used",)]
        assert conn.execute(text("SELECT count(*) FROM telegram_link_attempt")).scalar() == 0
    eng.dispose()


def test_tasks_is_paged_within_telegram_limits_with_30_occurrences_and_50_items(
        tmp_path: Path) -> None:
    monthly = Deadline("щомісяця", "recurring", date(2021, 1, 1), date(2023, 6, 28), tuple(
        Occurrence(date(2021 + m // 12, m % 12 + 1, 1), date(2021 + m // 12, m % 12 + 1, 28))
        for m in range(30)), lang="uk")
    long_title = "Моніторинг виконання заходів " * 6  # ~180 characters a line
    tasks = (TaskSpec("1.1", long_title, monthly, executors=(("dmk", "lead"),),
                      policy=Policy(), status="open", result=None),
             *(TaskSpec(f"2.{n}", f"{long_title} №{n}", Q4, executors=(("dmk", "lead"),),
                        policy=Policy(), status="open", result=None) for n in range(1, 21)))
    plan = PlanSpec("lugansk-2020", "План", "uk", "UA", tasks)
    dep = Deployment(plans=(plan,), timezone="Europe/Kyiv", country="UA", secretariat=None,
                     state_dir=tmp_path, executors=(ExecutorSpec("dmk", "ДМК", "uk"),))
    engine = open_store(f"sqlite:///{tmp_path / 'many.sqlite'}")
    with transaction(engine) as s:
        sync(s, dep, NOW)
    code = chats.new_code(engine, "dmk", NOW)
    pages: list[dict] = []

    async def scenario(api: BotApi, send: Callable[..., Awaitable[dict]]) -> None:
        await send(message(1, 555, f"/start {code}"))
        first = await send(message(2, 555, "/tasks"))
        pages.append(first)
        markup = json.loads(first["reply_markup"])
        uid = 3
        while True:  # press "next" until the last page
            nexts = [b for row in markup["inline_keyboard"] for b in row if "▶" in b["text"]]
            if not nexts:
                break
            edited = await send(press(uid, 555, nexts[0]["callback_data"]),
                                "editMessageText")
            pages.append(edited)
            markup = json.loads(edited["reply_markup"])
            uid += 1

    run_bot(engine, scenario)
    engine.dispose()
    texts = [p["text"] for p in pages]
    assert len(texts) >= 5 and all(len(t) <= 4096 for t in texts)
    assert texts[-1].endswith(f"{len(texts)}/{len(texts)}")
    listed = [line for t in texts for line in t.splitlines() if line.startswith("• ")]
    assert len(listed) == 50  # 30 months of 1.1 and the 20 others, each once
    assert sum("lugansk-2020/1.1" in line for line in listed) == 30
    # every listed item can be acted on: a row of done / more time / snooze under its page
    for p in pages:
        rows = json.loads(p["reply_markup"])["inline_keyboard"]
        items = [r for r in rows if r[0]["text"].startswith("✅")]
        assert len(items) == sum(line.startswith("• ") for line in p["text"].splitlines())
        assert all([b["text"] for b in r[1:]] == ["⏳", "💤 3"] for r in items)
        assert all(len(b["callback_data"].encode()) <= 64 for r in rows for b in r)
    assert json.loads(pages[0]["reply_markup"])["inline_keyboard"][0][0]["text"] == \
        "✅ 2.1 · 31.12.2020"  # earliest due first: the Q4 2020 items


def _team_engine(tmp_path: Path, deadline: Deadline = Q4) -> Engine:
    task = TaskSpec("4.2", "Звіт про консультації", deadline,
                    executors=(("dmk", "lead"), ("fin", "co")), policy=Policy(),
                    status="open", result=None)
    dep = Deployment(plans=(PlanSpec("lugansk-2020", "План", "uk", "UA", (task,)),),
                     timezone="Europe/Kyiv", country="UA", secretariat=None, state_dir=tmp_path,
                     executors=(ExecutorSpec("dmk", "ДМК", "uk", telegram=("700",)),
                                ExecutorSpec("fin", "Мінфін", "uk")))
    engine = open_store(f"sqlite:///{tmp_path / 'team.sqlite'}")
    with transaction(engine) as s:
        sync(s, dep, NOW)
    return engine


def test_a_co_executors_done_records_its_part_tells_the_lead_and_leaves_the_item_open(
        tmp_path: Path) -> None:
    engine = _team_engine(tmp_path)
    code = chats.new_code(engine, "fin", NOW)

    async def scenario(api: BotApi, send: Callable[..., Awaitable[dict]]) -> None:
        await send(message(1, 555, f"/start {code}"))
        reply = await send(message(2, 555, "/done 4.2"))
        assert "Закриває пункт відповідальний виконавець: ДМК" in reply["text"]

    run_bot(engine, scenario)
    with Session(engine) as s:
        occ = s.exec(select(OccurrenceRow)).one()
        hist = [(h.action, h.actor) for h in s.exec(select(HistoryRow))
                if h.actor.startswith("telegram")]
    engine.dispose()
    assert occ.status == "open"  # closed by the lead only
    assert hist == [("part_done", "telegram:fin:555")]
    with Session(engine) as s:  # the lead is owed a notice; the tick sends it (flow tests)
        owed = [(n.event, n.recipient_id) for n in s.exec(select(NoticeRow))]
    assert owed == [("part_done", "dmk")]


def test_done_on_a_task_with_several_open_periods_asks_which_and_closes_that_one(
        tmp_path: Path) -> None:
    quarters = Deadline("щокварталу", "recurring", date(2020, 1, 1), date(2020, 12, 31), tuple(
        Occurrence(date(2020, m, 1), date(2020, m + 2, d)) for m, d in ((1, 27), (4, 26), (7, 25))),
        lang="uk")  # Fridays: no shift off a weekend
    engine = _team_engine(tmp_path, quarters)
    code = chats.new_code(engine, "dmk", NOW)

    async def scenario(api: BotApi, send: Callable[..., Awaitable[dict]]) -> None:
        await send(message(1, 555, f"/start {code}"))
        ask = await send(message(2, 555, "/done 4.2"))
        assert "кілька відкритих строків" in ask["text"]
        labels = [b for row in json.loads(ask["reply_markup"])["inline_keyboard"] for b in row]
        assert [b["text"] for b in labels] == ["✅ 4.2 · 27.03.2020", "✅ 4.2 · 26.06.2020",
                                               "✅ 4.2 · 25.09.2020"]
        done = await send(press(3, 555, labels[1]["callback_data"]))
        assert "Позначено як виконаний" in done["text"]

    run_bot(engine, scenario)
    with Session(engine) as s:
        states = sorted((o.due.isoformat(), o.status) for o in s.exec(select(OccurrenceRow)))
    engine.dispose()
    assert [st for _, st in states] == ["open", "done", "open"]
