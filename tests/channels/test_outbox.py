"""The outbox channel: one file per message, written atomically, idempotent on resend."""

from __future__ import annotations

import asyncio
import os
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from reminder.channels.base import Channel, Unreachable
from reminder.channels.outbox import OutboxChannel, read_outbox
from reminder.messages.model import Item, Message, Recipient, RenderedMessage

WHO = Recipient("kok", "Комитет", "ru", ("kok@example.org",))
ITEM = Item("1@2023-10-02|kok|due", "due", "p", "План", "1.1", "Пункт", None, None,
            date(2023, 10, 2), 0, None, "lead", None, ())
MSG = Message(WHO, datetime(2023, 10, 2, 6, 0, tzinfo=UTC), (ITEM,))
TEXT = RenderedMessage("Срок сегодня", "Текст\nвторая строка", "<p>x</p>", "<b>x</b>")


def test_writes_one_file_with_headers_and_text(tmp_path: Path) -> None:
    ch = OutboxChannel(tmp_path / "outbox")
    assert isinstance(ch, Channel) and ch.addresses(WHO) == ("kok",)
    asyncio.run(ch.send(MSG, TEXT, "kok"))
    [entry] = read_outbox(tmp_path / "outbox")
    assert entry["Subject"] == "Срок сегодня"
    assert entry["X-Reminder-Keys"] == ITEM.ledger_key
    assert entry["body"] == "Текст\nвторая строка\n"
    assert entry["file"] == f"kok-{MSG.key}.txt"


def test_resending_the_same_message_rewrites_its_file(tmp_path: Path) -> None:
    ch = OutboxChannel(tmp_path)
    asyncio.run(ch.send(MSG, TEXT, "kok"))
    asyncio.run(ch.send(MSG, TEXT, "kok"))
    assert len(list(tmp_path.glob("*.txt"))) == 1


def test_a_failed_write_leaves_no_partial_file(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    ch = OutboxChannel(tmp_path)

    def boom(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(Unreachable, match="No space") as failed:
        asyncio.run(ch.send(MSG, TEXT, "kok"))
    assert failed.value.retry_after is None  # no one asked for a wait: the tick decides
    assert list(tmp_path.iterdir()) == []  # neither the message nor the temporary file


def test_a_folder_that_cannot_be_made_is_unreachable(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("a file where the outbox folder should be")
    ch = OutboxChannel(tmp_path / "taken" / "outbox")
    with pytest.raises(Unreachable) as failed:
        asyncio.run(ch.send(MSG, TEXT, "kok"))
    assert str(tmp_path / "taken" / "outbox") in failed.value.reason


def test_leftovers_of_a_killed_write_are_ignored_and_swept(tmp_path: Path) -> None:
    stale, fresh = tmp_path / ".tmp-old.txt", tmp_path / ".tmp-new.txt"
    stale.write_text("half a mess")
    fresh.write_text("being written")
    os.utime(stale, (0, 0))
    assert read_outbox(tmp_path) == []
    asyncio.run(OutboxChannel(tmp_path).send(MSG, TEXT, "kok"))
    assert not stale.exists() and fresh.exists()  # a recent one may still be in progress
    assert len(read_outbox(tmp_path)) == 1
