"""`reminder done/reopen/extend/snooze` wake a daemon sleeping on the same SQLite database, so
the change takes effect at once; only the lock's holder, and only when it is a daemon."""

from __future__ import annotations

import asyncio
import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlmodel import Session, col, select

from reminder.cli import main
from reminder.cli._engine import load
from reminder.daemon import Daemon
from reminder.store.db import DAEMON, DaemonLock, daemon_pid
from reminder.store.models import LedgerRow
from tests.store.cli_fixture import make_deployment

MSK = ZoneInfo("Europe/Moscow")


async def _until(cond, timeout: float = 20.0) -> None:  # type: ignore[no-untyped-def]
    for _ in range(int(timeout / 0.05)):
        if cond():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("condition not reached in time")


def test_daemon_pid_names_only_a_daemon_holding_the_lock(tmp_path: Path) -> None:
    assert daemon_pid(tmp_path) is None  # no lock file
    tick = DaemonLock(tmp_path)  # `reminder tick` holds it: a one-off command, not woken
    tick.acquire()
    try:
        assert daemon_pid(tmp_path) is None
    finally:
        tick.release()
    daemon = DaemonLock(tmp_path, role=DAEMON)
    daemon.acquire()
    try:
        assert daemon_pid(tmp_path) == os.getpid()
    finally:
        daemon.release()
    # the file still names the pid, but nobody holds the lock: that pid may be anyone now
    assert f"{os.getpid()} daemon" in (tmp_path / "reminder.lock").read_text()
    assert daemon_pid(tmp_path) is None


def test_extend_wakes_the_sleeping_daemon_which_sends_the_new_rung_on_time(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    conf = make_deployment(tmp_path)
    # Tuesday 3 October, 08:59:45: item 1.1 was due yesterday, and nothing is due for a
    # week, so the daemon sleeps its longest (an hour). Extended to Wednesday, 1.1 gets its
    # one-day-before reminder at 09:00 today, unless the daemon sleeps through it.
    start = datetime(2023, 10, 3, 8, 59, 45, tzinfo=MSK)

    async def scenario() -> list[LedgerRow]:
        d = Daemon(conf, lambda p: load(str(p)))
        task = asyncio.create_task(d.run())
        await _until(lambda: d.ticks >= 1)
        assert d.engine is not None
        asleep_until = d.next_wake(datetime.now(MSK))
        assert asleep_until >= datetime(2023, 10, 3, 9, 59, tzinfo=MSK)
        ticks = d.ticks
        code = await asyncio.to_thread(main, [
            "extend", "roadmap-003/1.1", "--to", "2023-10-04", "--reason", "late data",
            "--config", str(conf)])
        assert code == 0
        await _until(lambda: d.ticks > ticks, timeout=5)  # woken at once

        def before1() -> list[LedgerRow]:
            assert d.engine is not None
            with Session(d.engine) as s:
                return list(s.exec(select(LedgerRow).where(
                    col(LedgerRow.step) == "before-1", col(LedgerRow.status) == "sent")))

        await _until(lambda: len(before1()) >= 2)
        sent = before1()
        d.request_stop()
        assert await asyncio.wait_for(task, 10) == 0
        return sent

    with time_machine.travel(start, tick=True):
        sent = asyncio.run(scenario())
    assert {r.recipient_id for r in sent} == {"kok", "kef"}
    assert all(r.sent_at.astimezone(MSK) < datetime(2023, 10, 3, 9, 1, tzinfo=MSK)
               for r in sent)
    out = capsys.readouterr().out
    assert f"the running daemon (pid {os.getpid()}) applies it now" in out


def test_without_a_daemon_the_command_says_nothing_about_one(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    conf = make_deployment(tmp_path)
    assert main(["snooze", "roadmap-003/1.1", "--days", "3", "--config", str(conf),
                 "--now", "2023-09-20T10:00"]) == 0
    captured = capsys.readouterr()
    assert "daemon" not in captured.out + captured.err
