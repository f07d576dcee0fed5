"""What needs a person reaches a person: an executor whose only contact is a Telegram chat that
blocked the bot shows up in the secretariat's digest and in `reminder status` for as long as
it lasts (not only in the digest after the failed send), a failed delivery is listed, and a
reminder that reached its recipient by the email fallback is not listed as failed."""

from __future__ import annotations

import asyncio
import email
import email.policy
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from reminder.channels.email import SmtpChannel
from reminder.channels.telegram import TelegramBotChannel
from reminder.cli import main
from reminder.messages.render import render
from reminder.preview import status
from reminder.store import chats as links
from reminder.store.db import open_store
from reminder.store.digests import needs_a_person
from reminder.store.specs import Deployment, ExecutorSpec, PlanSpec
from reminder.tick import EngineSettings, tick
from tests.channels.servers import BotApi, Recording, smtp_server
from tests.store.cli_fixture import make_deployment
from tests.store.helpers import MSK, do_sync, msk, task

TOKEN = "31:NEEDS-token"
EPOCH = datetime(1970, 1, 1, tzinfo=MSK)
PEOPLE = (
    ExecutorSpec("chatonly", "Комитет с одним чатом", "ru", telegram=("3003",)),
    ExecutorSpec("both", "Комитет с почтой и чатом", "ru", emails=("both@example.org",),
                 telegram=("4004",)),
    ExecutorSpec("sec", "Секретариат", "ru", emails=("sec@example.org",)),
)


def _deployment(tmp: Path) -> Deployment:
    plan = PlanSpec("roadmap-003", "Дорожная карта", "ru", "RU", (
        task("1.1", executors=(("chatonly", "lead"), ("both", "co"))),))
    return Deployment(plans=(plan,), executors=PEOPLE, timezone="Europe/Moscow",
                      country="RU", secretariat="sec", state_dir=tmp)


def _ticks(engine: Engine, *times: datetime) -> tuple[BotApi, list[str]]:
    """Ticks with Telegram (the local Bot API, where both chats blocked the bot) and email
    (a local SMTP server); returns the Bot API and the plain bodies of the digests."""
    handler = Recording()

    async def run() -> BotApi:
        async with BotApi(TOKEN) as api, smtp_server(handler) as port:
            api.forbidden |= {"3003", "4004"}
            tg = TelegramBotChannel(TOKEN, api.url, max_wait=5)
            tg.attach_store(engine)
            mail = SmtpChannel(host="127.0.0.1", port=port, tls="none", timeout=5,
                               sender="Plans <plans@example.org>")
            cfg = EngineSettings("Europe/Moscow", "sec", {"telegram": tg, "email": mail},
                                 render, digest_cron="0 8 * * mon")
            try:
                for now in times:
                    await tick(engine, cfg, now, "w", lease=None)
            finally:
                await tg.aclose()
                await mail.aclose()
            return api

    api = asyncio.run(run())
    mails = [email.message_from_bytes(e.original_content, policy=email.policy.default)
             for e in handler.envelopes if e.rcpt_tos == ["sec@example.org"]]
    return api, [m.get_body(("plain",)).get_content() for m in mails]  # type: ignore[union-attr]


def test_a_dead_only_contact_is_in_every_digest_and_in_status(engine: Engine,
                                                              tmp_path: Path) -> None:
    dep = _deployment(tmp_path)
    do_sync(engine, dep, msk(2023, 9, 1))
    # Tue 12 Sep: the 14-day reminder finds both chats blocked; Mon 18 and 25 Sep: digests
    api, digests = _ticks(engine, msk(2023, 9, 12), msk(2023, 9, 18, 8, 5),
                          msk(2023, 9, 25, 8, 5))
    assert sorted(m["chat_id"] for m in api.sent()) == ["3003", "4004"]
    assert links.dead_chats(engine) == {"3003", "4004"}
    assert len(digests) == 2
    for body in digests:  # the second one too, though nothing failed in its week
        body = " ".join(body.split())  # the text body wraps long lines
        # in the secretariat's language (since: the channel records the wall clock's day)
        assert "chatonly (Комитет с одним чатом): Telegram-чат 3003 недоступен с " in body
        assert ("(Forbidden: bot was blocked by the user); других контактов нет, напоминания "
                "никто не получает: добавьте адрес электронной почты или привяжите чат "
                "командой `reminder link chatonly`") in body
        assert "both (Комитет с почтой и чатом): Telegram-чат 4004" in body
        assert ("напоминания теперь идут по электронной почте; чтобы вернуть Telegram: "
                "`reminder link both`") in body
        assert "unreachable" not in body and "delivery failed" not in body
    with Session(engine) as s:
        lines = status(s, MSK, datetime.now(UTC))["needs_a_person"]
    # chatonly's reminder failed for good; both's reached its mailbox, so it is no failure
    assert [ln for ln in lines if "delivery failed" in ln] == [
        "chatonly via telegram: delivery failed: Telegram chat 3003: Forbidden: bot was "
        "blocked by the user"]
    assert sum("unreachable since" in ln for ln in lines) == 2


def test_contacts_are_judged_with_linked_and_migrated_chats(engine: Engine,
                                                            tmp_path: Path) -> None:
    people = (ExecutorSpec("nobody", "Без контактов", "ru"),
              ExecutorSpec("linked", "Связанный чат", "ru"),
              ExecutorSpec("moved", "Переехавшая группа", "ru", telegram=("-1001",)),
              ExecutorSpec("sec", "Секретариат", "ru", emails=("sec@example.org",)))
    plan = PlanSpec("p", "План", "ru", "RU", (
        task("1", executors=(("nobody", "lead"), ("linked", "co"), ("moved", "co"))),))
    dep = Deployment(plans=(plan,), executors=people, timezone="Europe/Moscow", country="RU",
                     secretariat="sec", state_dir=tmp_path)
    now = msk(2023, 9, 1)
    do_sync(engine, dep, now)
    code = links.new_code(engine, "linked", now)
    links.redeem(engine, code, "777", now)
    links.move_chat(engine, "-1001", "-1002", "moved", now)
    with Session(engine) as s:
        lines = needs_a_person(s, EPOCH, MSK)
    assert lines == ["nobody (Без контактов): no email or Telegram contact"]
    links.mark_dead(engine, "777", "linked", "Forbidden: bot was blocked by the user",
                    now + timedelta(days=3))
    with Session(engine) as s:
        lines = needs_a_person(s, EPOCH, MSK)
    assert lines[1] == "nobody (Без контактов): no email or Telegram contact"
    assert lines[0].startswith("linked (Связанный чат): Telegram chat 777 unreachable since "
                               "2023-09-04 (Forbidden: bot was blocked by the user); no "
                               "contact left")


def test_reminder_status_prints_a_dead_contact(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    conf = make_deployment(tmp_path)
    directory = tmp_path / "executors.yaml"
    directory.write_text(directory.read_text(encoding="utf-8").replace(
        "    email: [kef@example.org]\n", "    telegram: [5005]\n"), encoding="utf-8")
    args = ["status", "--config", str(conf), "--now", "2023-09-12T10:00"]
    assert main(args) == 0
    assert "kef" not in capsys.readouterr().out  # a chat: a contact, so nothing to say
    engine = open_store(f"sqlite:///{tmp_path / 'state' / 'reminder.sqlite'}")
    try:  # what the Telegram channel records when the bot is blocked
        links.mark_dead(engine, "5005", "kef", "Forbidden: bot was blocked by the user",
                        datetime(2023, 9, 12, 6, tzinfo=MSK))
    finally:
        engine.dispose()
    assert main(args) == 0
    out = capsys.readouterr().out
    needs = out.split("needs a person:\n", 1)[1]
    assert ("kef (Комитет экономического развития): Telegram chat 5005 unreachable since "
            "2023-09-12 (Forbidden: bot was blocked by the user); no contact left") in needs
