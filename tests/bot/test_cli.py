"""`reminder link` and `reminder preview` on a copy of the example deployment."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reminder.cli import main
from reminder.store import chats
from reminder.store.db import open_store

EXAMPLE = Path(__file__).resolve().parents[2] / "config" / "example"


@pytest.fixture
def deployment(tmp_path: Path) -> Path:
    target = tmp_path / "example"
    shutil.copytree(EXAMPLE, target, ignore=shutil.ignore_patterns("state"))
    return target / "reminder.yaml"


def test_link_prints_a_code_that_redeems_once(deployment: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["link", "luhansk-dmk", "--config", str(deployment),
                 "--now", "2023-10-10T08:00"]) == 0
    out = capsys.readouterr().out
    code = out.split("/start ", 1)[1].split()[0]
    assert len(code) == 8 and "Департамент масових комунікацій" in out
    assert main(["tick", "--config", str(deployment), "--now", "2023-10-10T08:00"]) == 0
    engine = open_store(f"sqlite:///{deployment.parent / 'state' / 'reminder.sqlite'}")
    try:
        from datetime import UTC, datetime
        when = datetime(2023, 10, 10, 6, tzinfo=UTC)
        assert chats.redeem(engine, code, "4242", when).id == "luhansk-dmk"  # type: ignore
        assert chats.redeem(engine, code, "4343", when) is None
        assert chats.linked_chats(engine) == {"luhansk-dmk": ("4242",)}
    finally:
        engine.dispose()


def test_link_unknown_executor_suggests_and_fails(deployment: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["link", "luhansk-dkm", "--config", str(deployment)]) == 2
    assert "did you mean luhansk-dmk" in capsys.readouterr().err


def test_preview_renders_what_the_recipient_would_get(deployment: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    # 2020's plan, late since its end: monthly overdue reminders in 2021 (none after a year)
    assert main(["preview", "--config", str(deployment), "--recipient", "luhansk-dmk",
                 "--at", "2021-10-25", "--now", "2021-10-25T08:00"]) == 0
    out = capsys.readouterr().out
    assert "Subject: Прострочено — 17 пунктів" in out
    assert "Прострочено на 202 робочі дні" in out and "відповідальний виконавець" in out
    assert main(["preview", "--config", str(deployment), "--recipient", "luhansk-dmk",
                 "--at", "2023-10-10", "--now", "2023-10-10T08:00"]) == 0
    assert "nothing to send on 2023-10-10" in capsys.readouterr().out  # over a year late
    assert main(["preview", "--config", str(deployment), "--recipient", "luhansk-dmk",
                 "--at", "2021-10-25", "--now", "2021-10-25T08:00", "--format",
                 "telegram"]) == 0
    assert "<b>Прострочено</b>" in capsys.readouterr().out
    assert main(["preview", "--config", str(deployment), "--recipient", "nobody",
                 "--now", "2023-10-10T08:00"]) == 2
    assert "no executor 'nobody'" in capsys.readouterr().err
    assert not list((deployment.parent / "state").glob("outbox/*"))  # nothing was sent


def test_bot_from_config_uses_the_secret_and_api_url(deployment: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     caplog: pytest.LogCaptureFixture) -> None:
    import asyncio
    import logging

    caplog.set_level(logging.DEBUG)
    from reminder.bot.app import ReminderBot
    from reminder.config.loader import load_config
    from tests.channels.servers import BotApi

    async def main() -> BotApi:
        async with BotApi("99:FROM-ENV") as api:
            text = deployment.read_text(encoding="utf-8")
            deployment.write_text(text + "  telegram:\n    token_env: TEST_BOT_TOKEN\n"
                                  f"    api_url: {api.url}\n", encoding="utf-8")
            monkeypatch.setenv("TEST_BOT_TOKEN", "99:FROM-ENV")
            cfg = load_config(str(deployment))
            engine = open_store(f"sqlite:///{deployment.parent / 'bot.sqlite'}")
            bot = ReminderBot.from_config(cfg, engine)
            assert bot is not None
            await bot.start()
            try:
                await api.updates.put({"update_id": 1, "message": {
                    "message_id": 1, "date": 1, "text": "/tasks",
                    "chat": {"id": 5, "type": "private"},
                    "entities": [{"type": "bot_command", "offset": 0, "length": 6}]}})
                for _ in range(200):
                    if api.sent():
                        break
                    await asyncio.sleep(0.025)
            finally:
                await bot.stop()
                engine.dispose()
            return api

    api = asyncio.run(main())
    assert api.calls[0][0] == "getMe"  # the path carried the token from the environment
    assert "not linked" in api.sent()[0]["text"]
    assert "getUpdates" in caplog.text and "FROM-ENV" not in caplog.text  # token redacted
