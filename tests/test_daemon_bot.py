"""The Telegram bot inside the daemon's event loop, against the local Bot API server of the
delivery tests: it polls beside the scheduler, links a chat with a code from `reminder link`,
stops with the daemon, follows a SIGHUP that changes the telegram section, and a Bot API that
is down at start neither stops the daemon nor leaks the token into the log."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from reminder.cli import main
from reminder.cli._engine import load
from reminder.daemon import Daemon
from reminder.store import chats as links
from tests.channels.servers import BotApi
from tests.store.cli_fixture import make_deployment

TOKEN = "4242:DAEMON-secret-token"
TOKEN_ENV = "REMINDER_TEST_BOT_TOKEN"


def _with_telegram(conf: Path, api_url: str) -> None:
    text = conf.read_text(encoding="utf-8")
    text = text.split("channels:\n")[0]  # a reload rewrites the section
    conf.write_text(text + f"channels:\n  telegram:\n    token_env: {TOKEN_ENV}\n"
                    f"    api_url: {api_url}\n", encoding="utf-8")


def _daemon(conf: Path) -> Daemon:
    return Daemon(conf, lambda p: load(str(p)))


async def _until(cond: Any, timeout: float = 15.0) -> None:
    for _ in range(int(timeout / 0.05)):
        if cond():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("condition not reached in time")


def _start_update(uid: int, chat: int, text: str) -> dict[str, Any]:
    command = text.split()[0]
    return {"update_id": uid, "message": {
        "message_id": uid, "date": 1606800000, "text": text,
        "chat": {"id": chat, "type": "private"},
        "from": {"id": chat, "is_bot": False, "first_name": "U", "language_code": "ru"},
        "entities": [{"type": "bot_command", "offset": 0, "length": len(command)}]}}


def _polls(api: BotApi) -> int:
    return len(api.sent("getUpdates"))


def test_the_daemon_runs_the_bot_which_links_a_chat_and_stops_with_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("DEBUG")
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    conf = make_deployment(tmp_path)

    async def scenario() -> None:
        async with BotApi(TOKEN) as api:
            _with_telegram(conf, api.url)
            d = _daemon(conf)
            task = asyncio.create_task(d.run())
            await _until(lambda: d.ticks >= 1 and _polls(api) >= 2)
            assert api.calls[0][0] == "getMe" and d.bot is not None
            # `reminder link` beside the running daemon (which holds the state lock)
            assert await asyncio.to_thread(
                main, ["link", "kok", "--config", str(conf)]) == 0
            code = capsys.readouterr().out.split("/start ", 1)[1].split()[0]
            assert d.engine is not None
            assert links.executor_for_chat(d.engine, "555") is None
            await api.updates.put(_start_update(1, 555, f"/start {code}"))
            await _until(lambda: any(m["chat_id"] == "555" for m in api.sent()))
            linked = links.executor_for_chat(d.engine, "555")
            assert linked is not None and linked.id == "kok"
            assert "Комитет общественных коммуникаций" in api.sent()[-1]["text"]
            os.kill(os.getpid(), signal.SIGTERM)
            assert await asyncio.wait_for(task, 15) == 0
            assert d.bot is None
            after_stop = len(api.calls)
            await asyncio.sleep(1.0)  # longer than a poll cycle of the test server
            assert len(api.calls) == after_stop  # no poller left behind

    asyncio.run(scenario())
    assert TOKEN not in caplog.text


def test_sighup_with_a_new_bot_api_stops_the_old_poller_and_starts_the_new(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    conf = make_deployment(tmp_path)

    async def scenario() -> None:
        async with BotApi(TOKEN) as old, BotApi(TOKEN) as new:
            _with_telegram(conf, old.url)
            d = _daemon(conf)
            task = asyncio.create_task(d.run())
            await _until(lambda: _polls(old) >= 2)
            first = d.bot
            os.kill(os.getpid(), signal.SIGHUP)  # same settings: the bot keeps running
            await _until(lambda: d.ticks >= 2)
            assert d.bot is first
            _with_telegram(conf, new.url)
            os.kill(os.getpid(), signal.SIGHUP)
            await _until(lambda: _polls(new) >= 2)
            assert d.bot is not first
            quiet = len(old.calls)
            await asyncio.sleep(1.0)
            assert len(old.calls) == quiet  # the old poller is gone
            d.request_stop()
            assert await asyncio.wait_for(task, 15) == 0

    asyncio.run(scenario())


def test_an_unreachable_bot_api_is_logged_without_the_token_and_retried(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("DEBUG")
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    conf = make_deployment(tmp_path)
    with socket.socket() as probe:  # a port nobody listens on (yet)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    _with_telegram(conf, f"http://127.0.0.1:{port}")

    async def scenario() -> None:
        d = _daemon(conf)
        d.bot_retry = timedelta(milliseconds=200)
        task = asyncio.create_task(d.run())
        await _until(lambda: "Telegram bot cannot start" in caplog.text)
        await _until(lambda: d.ticks >= 1)
        assert not task.done() and d.bot is None  # the reminders go on without the bot
        async with BotApi(TOKEN, port=port) as api:  # the Bot API comes back
            await _until(lambda: _polls(api) >= 1)
            assert d.bot is not None
            d.request_stop()
            assert await asyncio.wait_for(task, 15) == 0

    asyncio.run(scenario())
    assert "Telegram bot cannot start" in caplog.text
    assert TOKEN not in caplog.text and TOKEN.split(":")[1] not in caplog.text
