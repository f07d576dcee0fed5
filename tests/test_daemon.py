"""The daemon loop under a travelling clock (time-machine): it sleeps until the next due send,
sends at the send time, reloads on SIGHUP keeping the last good configuration, stops cleanly
on SIGTERM, talks to systemd, and refuses a second daemon on one SQLite file."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlmodel import Session, col, select

from reminder.cli._engine import load
from reminder.daemon import Daemon
from reminder.store.db import DaemonLock, StoreError
from reminder.store.models import LedgerRow, TaskRow
from tests.store.cli_fixture import make_deployment

MSK = ZoneInfo("Europe/Moscow")


def _daemon(conf: Path) -> Daemon:
    return Daemon(conf, lambda p: load(str(p)))


async def _until(cond, timeout: float = 15.0) -> None:
    for _ in range(int(timeout / 0.05)):
        if cond():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("condition not reached in time")


def _sent(d: Daemon) -> list[LedgerRow]:
    assert d.engine is not None
    with Session(d.engine) as s:
        return list(s.exec(select(LedgerRow).where(col(LedgerRow.status) == "sent")))


def test_sleeps_until_the_send_time_sends_then_stops_on_sigterm(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    conf = make_deployment(tmp_path)
    notify = tmp_path / "notify.sock"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(notify))
    sock.setblocking(False)
    monkeypatch.setenv("NOTIFY_SOCKET", str(notify))
    start = datetime(2023, 9, 12, 8, 59, 57, tzinfo=MSK)

    async def scenario() -> tuple[int, list[LedgerRow], int]:
        d = _daemon(conf)
        task = asyncio.create_task(d.run())
        await _until(lambda: d.ticks >= 1)
        early = [r for r in _sent(d) if r.step == "before-14"]
        assert early == []  # 08:59:57: the 14-day reminders are not due yet
        await _until(lambda: any(r.step == "before-14" for r in _sent(d)))
        ticks = d.ticks
        os.kill(os.getpid(), signal.SIGTERM)
        return await asyncio.wait_for(task, 10), _sent(d), ticks

    with time_machine.travel(start, tick=True):
        code, sent, ticks = asyncio.run(scenario())
    assert code == 0
    before14 = [r for r in sent if r.step == "before-14"]
    assert {r.recipient_id for r in before14} == {"kok", "kef"}
    for r in before14:
        assert r.sent_at.astimezone(MSK) >= datetime(2023, 9, 12, 9, 0, tzinfo=MSK)
    assert ticks <= 4  # it slept until 09:00 rather than polling
    states = []
    while True:
        try:
            states.append(sock.recv(100).decode())
        except BlockingIOError:
            break
    assert states[0] == "READY=1" and "WATCHDOG=1" in states and states[-1] == "STOPPING=1"
    assert list((tmp_path / "state" / "outbox").glob("kok-*.txt"))


def test_sighup_reloads_and_keeps_the_last_good_configuration(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    conf = make_deployment(tmp_path)
    plan = tmp_path / "plans" / "roadmap.yaml"
    good = plan.read_text(encoding="utf-8")

    async def scenario() -> list[str]:
        d = _daemon(conf)
        task = asyncio.create_task(d.run())
        await _until(lambda: d.ticks >= 1)
        plan.write_text(good.replace("language: ru", "language: 42"), encoding="utf-8")
        os.kill(os.getpid(), signal.SIGHUP)
        await _until(lambda: d.ticks >= 2)
        assert not task.done()  # still running on the last good configuration
        plan.write_text(good + '  - id: "1.3"\n    title: Новый пункт\n    deadline: null\n'
                        "    due: 2023-12-29\n    executors: [Комитет экономического"
                        " развития]\n", encoding="utf-8")
        os.kill(os.getpid(), signal.SIGHUP)
        await _until(lambda: d.ticks >= 3)
        assert d.engine is not None
        with Session(d.engine) as s:
            keys = sorted(t.key for t in s.exec(select(TaskRow)))
        d.request_stop()
        assert await asyncio.wait_for(task, 10) == 0
        return keys

    with time_machine.travel(datetime(2023, 9, 13, 12, 0, tzinfo=MSK), tick=True):
        keys = asyncio.run(scenario())
    assert keys == ["roadmap-003/1.1", "roadmap-003/1.2", "roadmap-003/1.3"]
    assert "reload of" in caplog.text and "keeping the running configuration" in caplog.text


def test_a_second_daemon_on_the_same_sqlite_file_is_refused(tmp_path: Path) -> None:
    conf = make_deployment(tmp_path)
    held = DaemonLock(tmp_path / "state")
    held.acquire()
    try:
        with pytest.raises(StoreError, match="another reminder daemon"):
            asyncio.run(_daemon(conf).run())
    finally:
        held.release()


def test_watchdog_interval_is_half_of_what_systemd_asks(monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import timedelta

    from reminder.daemon import watchdog_interval

    monkeypatch.delenv("WATCHDOG_USEC", raising=False)
    assert watchdog_interval() is None
    monkeypatch.setenv("WATCHDOG_USEC", "120000000")
    monkeypatch.setenv("WATCHDOG_PID", str(os.getpid()))
    assert watchdog_interval() == timedelta(seconds=60)
    monkeypatch.setenv("WATCHDOG_PID", "1")  # meant for another process
    assert watchdog_interval() is None


def test_run_with_an_invalid_configuration_exits_with_a_message(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from reminder.cli import main

    conf = make_deployment(tmp_path)
    (tmp_path / "executors.yaml").write_text("executors:\n  - {id: x}\n", encoding="utf-8")
    assert main(["run", "--config", str(conf)]) == 2
    err = capsys.readouterr().err
    assert "executors.yaml:2" in err and "Traceback" not in err
    assert not (tmp_path / "state" / "reminder.sqlite").exists()  # stopped before starting
