"""The Telegram channel through python-telegram-bot's real HTTP stack, against a local server
speaking the Bot API wire format."""

from __future__ import annotations

import asyncio
import json
import socket
from datetime import date, datetime

import pytest

from reminder.channels.base import (
    DeadContact,
    DeliveryError,
    PermanentError,
    TransientError,
    Unreachable,
)
from reminder.channels.telegram import MAX_LENGTH, TelegramBotChannel, split_html
from reminder.channels.telegram import buttons as actions
from reminder.messages.model import Item, Message, Recipient
from reminder.messages.render import render
from tests.channels.servers import BotApi, silent_server

TOKEN = "123456:TEST-token"


def item(k: int = 1, title: str = "Подготовить отчёт", **kw: object) -> Item:
    fields: dict = dict(
        ledger_key=f"occ-{k}", stage="upcoming", plan_id="lugansk-2020",
        plan_title="План заходів на 2020 рік", task_id=f"2.{k}", task_title=title,
        result="Звіт", window_start=date(2020, 10, 1), due=date(2020, 12, 31), days_left=2,
        working_days_late=None, role="lead", lead_name="ДМК", others=("РДА",),
        plan_language="uk")
    fields.update(kw)
    return Item(**fields)


def message(*items: Item, lang: str = "uk") -> Message:
    recipient = Recipient(id="dmk", name="ДМК", language=lang, emails=("dmk@example.org",),
                          telegram_chats=("1001",))
    return Message(recipient=recipient, send_at=datetime(2020, 12, 29, 9),
                   items=items or (item(),))


def run_with_api(scenario):  # type: ignore[no-untyped-def]
    async def main():  # type: ignore[no-untyped-def]
        async with BotApi(TOKEN) as api:
            channel = TelegramBotChannel(TOKEN, api.url, max_wait=5)
            try:
                result = await scenario(api, channel)
            finally:
                await channel.aclose()
            return api, result
    return asyncio.run(main())


def test_sends_escaped_html_with_buttons_in_the_recipient_language() -> None:
    async def scenario(api: BotApi, channel: TelegramBotChannel) -> None:
        msg = message(item(title="<b>Звіт</b> & {{ 7*7 }}"))
        await channel.send(msg, render(msg), "1001")

    api, _ = run_with_api(scenario)
    assert [name for name, _ in api.calls] == ["getMe", "sendMessage"]
    sent = api.sent()[0]
    assert sent["chat_id"] == "1001" and sent["parse_mode"] == "HTML"
    assert "&lt;b&gt;Звіт&lt;/b&gt; &amp; {{ 7*7 }}" in sent["text"]
    assert "залишилося 2 дні" in sent["text"]
    keyboard = json.loads(sent["reply_markup"])["inline_keyboard"]
    labels = [b["text"] for row in keyboard for b in row]
    assert labels == ["✅ 2.1: виконано", "⏳ Попросити продовження", "💤 1 день", "💤 3 дні",
                      "💤 7 днів"]
    token = actions.item_token(item())
    datas = [actions.decode(b["callback_data"]) for row in keyboard for b in row]
    assert {d.token for d in datas if d} == {token}
    assert [d.action for d in datas if d] == ["done", "more", "snooze", "snooze", "snooze"]


def test_long_message_is_split_at_item_boundaries_within_the_limit() -> None:
    items = [item(k, title=f"Пункт {k} " + "дуже довга назва заходу " * 12) for k in range(40)]

    async def scenario(api: BotApi, channel: TelegramBotChannel) -> str:
        msg = message(*items)
        rendered = render(msg)
        await channel.send(msg, rendered, "1001")
        return rendered.telegram_html

    api, body = run_with_api(scenario)
    texts = [s["text"] for s in api.sent()]
    assert len(texts) > 1 and all(len(t) <= MAX_LENGTH for t in texts)
    assert "\n\n".join(texts) == body  # nothing lost, nothing cut inside an item
    for text in texts:
        assert text.count("<b>") == text.count("</b>")
    assert all("reply_markup" not in s for s in api.sent())  # 40 items: no button wall


def test_a_message_of_50_items_with_30_recurring_occurrences_fits_and_says_how_to_act(
        ) -> None:
    """20 tasks and 30 monthly occurrences of one more (50 items): every part within the
    limit, the months one line, and the hint naming /tasks, whose pages carry the buttons."""
    monthly = [item(99, title="Щомісячний моніторинг", stage="overdue", ledger_key=f"m-{m}",
                    due=date(2021 + m // 12, m % 12 + 1, 28), days_left=-30,
                    working_days_late=20) for m in range(30)]
    tasks = [item(k, title=f"Пункт {k} " + "дуже довга назва заходу " * 8) for k in range(20)]

    async def scenario(api: BotApi, channel: TelegramBotChannel) -> str:
        msg = message(*tasks, *monthly)
        rendered = render(msg)
        await channel.send(msg, rendered, "1001")
        return rendered.telegram_html

    api, body = run_with_api(scenario)
    texts = [s["text"] for s in api.sent()]
    assert all(len(t) <= MAX_LENGTH for t in texts) and "\n\n".join(texts) == body
    joined = "\n".join(texts)
    assert joined.count("п. 2.99") == 1  # the 30 months on one line
    assert all(f"п. 2.{k}." in joined for k in range(20))
    assert "/tasks" in texts[-1] and "/done" in texts[-1]


def test_split_never_exceeds_the_limit_even_for_one_giant_line() -> None:
    giant = "<b>" + "&amp;x" * 3000 + "</b>\n\nshort"
    parts = split_html(giant, 4096)
    assert all(len(p) <= 4096 for p in parts) and parts[-1].endswith("short")
    assert all(not p.endswith("&am") and "<b>" not in p for p in parts[:-1])


def test_short_429_is_sat_out_then_sent() -> None:
    async def scenario(api: BotApi, channel: TelegramBotChannel) -> None:
        api.fail_next("sendMessage", 429, retry_after=1)
        await channel.send(message(), render(message()), "1001")

    api, _ = run_with_api(scenario)
    sends = [t for (name, _), t in zip(api.calls, api.call_times, strict=True)
             if name == "sendMessage"]
    assert len(sends) == 2 and sends[1] - sends[0] >= 1.0


def test_longer_429_is_transient_with_the_server_wait_and_pauses_later_sends() -> None:
    async def scenario(api: BotApi,
                       channel: TelegramBotChannel) -> tuple[TransientError, TransientError]:
        api.fail_next("sendMessage", 429, retry_after=30)
        with pytest.raises(TransientError) as first:
            await channel.send(message(), render(message()), "1001")
        with pytest.raises(TransientError) as second:  # raised at once, without a request
            await channel.send(message(), render(message()), "1002")
        return first.value, second.value

    api, (first, second) = run_with_api(scenario)
    assert type(first) is TransientError and first.retry_after == 30
    assert type(second) is TransientError and 25 < (second.retry_after or 0) <= 30
    assert [s["chat_id"] for s in api.sent()] == ["1001"]


def test_403_is_a_dead_contact_without_leaking_the_token() -> None:
    async def scenario(api: BotApi, channel: TelegramBotChannel) -> DeadContact:
        api.forbidden.add("1001")
        with pytest.raises(DeadContact) as failed:
            await channel.send(message(), render(message()), "1001")
        return failed.value

    _, error = run_with_api(scenario)
    assert error.address == "1001" and isinstance(error, PermanentError)
    assert "blocked" in error.reason and TOKEN not in error.reason


def test_400_chat_not_found_is_a_dead_contact() -> None:
    async def scenario(api: BotApi, channel: TelegramBotChannel) -> DeadContact:
        api.fail_next("sendMessage", 400, "Bad Request: chat not found")
        with pytest.raises(DeadContact) as failed:
            await channel.send(message(), render(message()), "1001")
        return failed.value

    _, error = run_with_api(scenario)
    assert error.address == "1001" and "chat not found" in error.reason.lower()


def test_400_is_permanent_and_chat_migration_is_followed() -> None:
    moved: list[tuple[str, str]] = []

    async def scenario(api: BotApi, channel: TelegramBotChannel) -> DeliveryError:
        channel.on_migrated = lambda old, new: moved.append((old, new))  # type: ignore
        api.migrated["-500"] = -100500
        await channel.send(message(), render(message()), "-500")
        api.fail_next("sendMessage", 400, "Bad Request: can't parse entities")
        with pytest.raises(PermanentError) as failed:
            await channel.send(message(), render(message()), "1001")
        return failed.value

    api, error = run_with_api(scenario)
    assert moved == [("-500", "-100500")]
    assert [s["chat_id"] for s in api.sent()] == ["-500", "-100500", "1001"]
    assert type(error) is PermanentError and "can't parse entities" in error.reason.lower()


def test_a_server_error_answer_is_transient_but_not_unreachable() -> None:
    async def scenario(api: BotApi, channel: TelegramBotChannel) -> TransientError:
        api.fail_next("sendMessage", 500)
        with pytest.raises(TransientError) as failed:
            await channel.send(message(), render(message()), "1001")
        return failed.value

    _, error = run_with_api(scenario)
    # The server answered at once: the rest of the pass may still try this channel.
    assert type(error) is TransientError and error.retry_after is None
    assert "Internal Server Error" in error.reason


def test_a_rejected_token_is_permanent() -> None:
    async def main() -> tuple[DeliveryError, list[str]]:
        async with BotApi(TOKEN) as api:
            channel = TelegramBotChannel("123456:WRONG-token", api.url)
            with pytest.raises(PermanentError) as failed:
                await channel.send(message(), render(message()), "1001")
            await channel.aclose()
            return failed.value, [name for name, _ in api.calls]

    error, calls = asyncio.run(main())
    assert type(error) is PermanentError and "token" in error.reason
    assert "WRONG-token" not in error.reason and calls == []  # only the right token is served


def test_a_closed_port_is_unreachable() -> None:
    async def main() -> Unreachable:
        with socket.socket() as probe:  # a port nobody listens on
            probe.bind(("127.0.0.1", 0))
            closed_port = probe.getsockname()[1]
        channel = TelegramBotChannel(TOKEN, f"http://127.0.0.1:{closed_port}", timeout=1)
        with pytest.raises(Unreachable) as failed:
            await channel.send(message(), render(message()), "1001")
        return failed.value

    error = asyncio.run(main())
    assert error.retry_after is None and TOKEN not in error.reason


def test_a_server_that_never_answers_is_unreachable() -> None:
    async def main() -> Unreachable:
        async with silent_server() as port:
            channel = TelegramBotChannel(TOKEN, f"http://127.0.0.1:{port}", timeout=0.3)
            with pytest.raises(Unreachable) as failed:
                await channel.send(message(), render(message()), "1001")
            return failed.value

    error = asyncio.run(main())
    assert "timed out" in error.reason and error.retry_after is None


def test_the_token_never_reaches_the_logs(caplog: pytest.LogCaptureFixture) -> None:
    import logging

    caplog.set_level(logging.DEBUG)

    async def scenario(api: BotApi, channel: TelegramBotChannel) -> None:
        api.fail_next("sendMessage", 429, retry_after=1)
        await channel.send(message(), render(message()), "1001")
        api.forbidden.add("1002")
        with pytest.raises(DeadContact):
            await channel.send(message(), render(message()), "1002")

    run_with_api(scenario)
    assert caplog.records  # PTB and httpcore did log at DEBUG
    assert "TEST-token" not in caplog.text
