"""Several real `reminder run` processes on one PostgreSQL database (a fresh schema per test):
started all at once on an empty database they all migrate, sync and reach READY without a
crash; one killed in the middle of a batch loses nothing, because the others take its
reminders over after the lease; the Telegram bot polls from one daemon only and moves to
another when its holder dies.

Needs REMINDER_TEST_DATABASE_URL (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test);
skipped with that reason otherwise."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from reminder.channels.outbox import read_outbox
from tests.channels.servers import BotApi

ROOT = Path(__file__).resolve().parents[1]
PG_URL = os.environ.get("REMINDER_TEST_DATABASE_URL")
pytestmark = pytest.mark.skipif(
    not PG_URL, reason="REMINDER_TEST_DATABASE_URL is not set: daemons on PostgreSQL not run")

# The daemon under a travelling clock: 09:00:05 on a Tuesday, when every department's
# 14-day reminder is due. ``SETUP`` lets a test shorten the daemon's pauses (bot lease).
RUNNER = """
import sys, datetime, zoneinfo, time_machine
exec(sys.argv[2])
from reminder.cli import main
start = datetime.datetime(2023, 9, 12, 9, 0, 5, tzinfo=zoneinfo.ZoneInfo("Europe/Moscow"))
with time_machine.travel(start, tick=True):
    sys.exit(main(["run", "--config", sys.argv[1], "--log-level", "INFO"]))
"""
TOKEN = "4242:PG-daemons-secret"
TOKEN_ENV = "REMINDER_TEST_BOT_TOKEN"


@pytest.fixture
def pg_url() -> Iterator[str]:
    """The URL of a fresh, empty schema (nothing migrated yet), dropped afterwards."""
    assert PG_URL
    schema = f"t_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_URL)
    with admin.begin() as c:
        c.execute(text(f"CREATE SCHEMA {schema}"))
    sep = "&" if "?" in PG_URL else "?"
    try:
        yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as c:
            c.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def deployment(folder: Path, url: str, departments: int, channels: str = "") -> Path:
    """One daemon's files: its own state folder (outbox), the shared database."""
    (folder / "plans").mkdir(parents=True)
    (folder / "reminder.yaml").write_text(
        "timezone: Europe/Moscow\ncountry: RU\nstate_dir: state\ndirectory: executors.yaml\n"
        f"plans: [plans/*.yaml]\nsecretariat: d0\ndatabase: \"{url}\"\n{channels}",
        encoding="utf-8")
    (folder / "executors.yaml").write_text("executors:\n" + "".join(
        f"  - {{id: d{i}, name: Департамент {i}, language: ru, email: [d{i}@example.org]}}\n"
        for i in range(departments)), encoding="utf-8")
    (folder / "plans" / "p.yaml").write_text(
        "id: p\ntitle: План\nperiod: '2023'\nlanguage: ru\ntasks:\n" + "".join(
            f"  - {{id: '{i}', title: Пункт {i}, deadline: null, start: 2023-09-01, "
            f"due: 2023-10-02, executors: [Департамент {i}]}}\n" for i in range(departments)),
        encoding="utf-8")
    return folder / "reminder.yaml"


def start(conf: Path, notify: Path | None = None, setup: str = "", **env: str
          ) -> subprocess.Popen:
    """`reminder run` as its own process (stderr kept for the test's messages)."""
    environ = {**os.environ, "PYTHONPATH": str(ROOT), **env}
    environ.pop("NOTIFY_SOCKET", None)
    if notify:
        environ["NOTIFY_SOCKET"] = str(notify)
    return subprocess.Popen([sys.executable, "-c", RUNNER, str(conf), setup], cwd=ROOT,
                            env=environ, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def notify_socket(path: Path) -> socket.socket:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(path))
    sock.setblocking(False)
    return sock


def received(sock: socket.socket) -> list[str]:
    out = []
    while True:
        try:
            out.append(sock.recv(100).decode())
        except BlockingIOError:
            return out


def ledger(url: str) -> Counter:
    engine = create_engine(url)
    try:
        with engine.connect() as c:
            return Counter(dict(c.execute(text(
                "SELECT status, count(*) FROM ledger GROUP BY status")).tuples().all()))
    except Exception:  # not migrated yet
        return Counter()
    finally:
        engine.dispose()


def stop(procs: list[subprocess.Popen]) -> list[tuple[int, str]]:
    """SIGTERM each running daemon; returns (exit code, stderr) per process."""
    for p in procs:
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
    out = []
    for p in procs:
        _, err = p.communicate(timeout=60)
        out.append((p.returncode, err.decode(errors="replace")))
    return out


def test_four_daemons_started_at_once_on_an_empty_database_all_run(
        tmp_path: Path, pg_url: str) -> None:
    n = 4
    confs = [deployment(tmp_path / f"d{i}", pg_url, 30) for i in range(n)]
    socks = [notify_socket(tmp_path / f"notify{i}.sock") for i in range(n)]
    procs = [start(c, tmp_path / f"notify{i}.sock") for i, c in enumerate(confs)]
    try:
        ready: set[int] = set()
        states: list[list[str]] = [[] for _ in range(n)]
        deadline = time.monotonic() + 120
        while len(ready) < n and time.monotonic() < deadline:
            if any(p.poll() is not None for p in procs):
                break
            for i, s in enumerate(socks):
                states[i] += received(s)
                if "READY=1" in states[i]:
                    ready.add(i)
            time.sleep(0.05)
        time.sleep(3)  # and they keep running: ticks on the shared database do not crash
        running = [p.poll() is None for p in procs]
        sent = ledger(pg_url)
    finally:
        results = stop(procs)
        for s in socks:
            s.close()
    print(f"{n} daemons started at once: {len(ready)}/{n} READY, {sum(running)}/{n} running")
    errors = "\n".join(err for _, err in results)
    assert len(ready) == n and all(running), errors
    assert [code for code, _ in results] == [0] * n, errors
    assert "Traceback" not in errors
    assert sent["sent"] == 30 and set(sent) <= {"sent", "superseded"}, sent


# Seconds instead of minutes, so a test sees a dead daemon's claims taken over: the lease (and
# the renewal well inside it), and the pause before a daemon without the bot tries again.
FAST = ("import datetime, reminder.daemon as d, reminder.tick as t\n"
        "d.LEASE = datetime.timedelta(seconds=4)\n"
        "t.RENEW_EVERY = datetime.timedelta(seconds=1)\n"
        "d.BOT_LEASE_RETRY = datetime.timedelta(seconds=1)\n")


def holders(url: str) -> Counter:
    """The workers holding rows ``sending``, with how many each."""
    engine = create_engine(url)
    try:
        with engine.connect() as c:
            return Counter(dict(c.execute(text(
                "SELECT claimed_by, count(*) FROM ledger WHERE status = 'sending' "
                "GROUP BY claimed_by")).tuples().all()))
    except Exception:
        return Counter()
    finally:
        engine.dispose()


# The outbox takes 10 ms a message, so a batch lasts long enough to be caught in the middle
# on a slow machine too.
SLOW_OUTBOX = ("import asyncio, reminder.channels.outbox as o\n"
               "_send = o.OutboxChannel.send\n"
               "async def _slow(self, *args):\n"
               "    await asyncio.sleep(0.01)\n"
               "    return await _send(self, *args)\n"
               "o.OutboxChannel.send = _slow\n")


def test_a_daemon_killed_mid_batch_loses_nothing(tmp_path: Path, pg_url: str) -> None:
    n, departments = 3, 200
    confs = [deployment(tmp_path / f"d{i}", pg_url, departments) for i in range(n)]
    procs = [start(c, setup=FAST + SLOW_OUTBOX) for c in confs]
    pids = {p.pid: p for p in procs}
    killed: subprocess.Popen | None = None
    try:
        deadline = time.monotonic() + 120
        while killed is None and time.monotonic() < deadline:
            busy = holders(pg_url)
            sent = ledger(pg_url)["sent"]
            # a worker is "d-<host>-<pid>-<random>": kill the one holding rows mid-send
            for worker in busy:
                pid = int(worker.split("-")[-2])
                if 0 < sent < departments and pid in pids:
                    killed = pids[pid]
                    killed.send_signal(signal.SIGKILL)
                    break
            time.sleep(0.005)
        assert killed is not None, "no daemon was caught in the middle of a batch"
        at_kill = ledger(pg_url)
        deadline = time.monotonic() + 90
        while ledger(pg_url)["sent"] < departments and time.monotonic() < deadline:
            time.sleep(0.2)
        final = ledger(pg_url)
    finally:
        results = stop([p for p in procs if p is not killed])
        if killed is not None:
            killed.wait(10)
    files = [f for c in confs for f in read_outbox(c.parent / "state" / "outbox")]
    per_key = Counter(k for f in files for k in f["X-Reminder-Keys"].split(", "))
    duplicates = sum(c - 1 for c in per_key.values())
    lost = departments - final["sent"]
    print(f"{n} daemons, one killed mid-batch (ledger then: {dict(at_kill)}): lost {lost}, "
          f"duplicates {duplicates}, outbox messages {len(files)}")
    errors = "\n".join(err for _, err in results)
    assert [code for code, _ in results] == [0] * (n - 1), errors
    assert final == Counter({"sent": departments}) or set(final) == {"sent", "superseded"}, errors
    assert lost == 0 and len(per_key) == departments
    assert duplicates <= 1  # only the message in flight when it was killed may go twice


def test_one_daemon_polls_the_bot_and_another_takes_over_when_it_dies(
        tmp_path: Path, pg_url: str) -> None:
    async def scenario() -> tuple[list[int], int, int]:
        async with BotApi(TOKEN) as api_a, BotApi(TOKEN) as api_b:
            apis = [api_a, api_b]  # one Bot API per daemon: which one polls is plain to see
            confs = [deployment(tmp_path / f"d{i}", pg_url, 3, channels=(
                f"channels:\n  telegram:\n    token_env: {TOKEN_ENV}\n"
                f"    api_url: {api.url}\n")) for i, api in enumerate(apis)]
            procs = [start(c, setup=FAST, **{TOKEN_ENV: TOKEN}) for c in confs]
            try:
                for _ in range(600):  # until one polls
                    if any(api.sent("getUpdates") for api in apis):
                        break
                    await asyncio.sleep(0.05)
                await asyncio.sleep(4)  # four lease retries: the other must stay quiet
                polls = [len(api.sent("getUpdates")) for api in apis]
                holder = 0 if polls[0] else 1
                other = 1 - holder
                procs[holder].send_signal(signal.SIGKILL)  # no goodbye: the lock dies with it
                waited = time.monotonic()
                for _ in range(600):
                    if apis[other].sent("getUpdates"):
                        break
                    await asyncio.sleep(0.05)
                took_over = time.monotonic() - waited
                return polls, len(apis[other].sent("getUpdates")), round(took_over, 1)
            finally:
                for p in procs:
                    if p.poll() is None:
                        p.send_signal(signal.SIGTERM)
                for p in procs:
                    await asyncio.to_thread(p.communicate, timeout=60)

    polls, after, took_over = asyncio.run(scenario())
    print(f"two daemons with the bot: getUpdates per daemon {polls}; after the holder was "
          f"killed the other polled {after} times, taking over in {took_over} s")
    assert sorted(p > 0 for p in polls) == [False, True], polls  # exactly one polled
    assert after > 0
