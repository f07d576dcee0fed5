"""Kill the real daemon process (SIGKILL: no cleanup) at random moments while it sends, start
it again, and again: at the end every due reminder is in the ledger as sent exactly once, and
the outbox holds at most one duplicate message per kill (the at-least-once window)."""

from __future__ import annotations

import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from reminder.channels.outbox import read_outbox

ROOT = Path(__file__).resolve().parents[1]
N = 150  # departments, each leading one task: 150 messages at 09:00
RUNNER = """
import sys, datetime, zoneinfo, time_machine
from reminder.cli import main
start = datetime.datetime(2023, 9, 12, 9, 0, 5, tzinfo=zoneinfo.ZoneInfo("Europe/Moscow"))
with time_machine.travel(start, tick=True):
    sys.exit(main(["run", "--config", sys.argv[1], "--log-level", "WARNING"]))
"""


def _deployment(tmp: Path) -> Path:
    (tmp / "plans").mkdir()
    (tmp / "reminder.yaml").write_text(
        "timezone: Europe/Moscow\ncountry: RU\nstate_dir: state\ndirectory: executors.yaml\n"
        "plans: [plans/*.yaml]\nsecretariat: d0\n", encoding="utf-8")
    (tmp / "executors.yaml").write_text("executors:\n" + "".join(
        f"  - {{id: d{i}, name: Департамент {i}, language: ru, email: [d{i}@example.org]}}\n"
        for i in range(N)), encoding="utf-8")
    (tmp / "plans" / "p.yaml").write_text(
        "id: p\ntitle: План\nperiod: '2023'\nlanguage: ru\ntasks:\n" + "".join(
            f"  - {{id: '{i}', title: Пункт {i}, deadline: null, start: 2023-09-01, "
            f"due: 2023-10-02, executors: [Департамент {i}]}}\n" for i in range(N)),
        encoding="utf-8")
    return tmp / "reminder.yaml"


def _start(conf: Path, notify: Path | None = None) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("NOTIFY_SOCKET", None)
    if notify:
        env["NOTIFY_SOCKET"] = str(notify)
    return subprocess.Popen([sys.executable, "-c", RUNNER, str(conf)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _ledger(conf: Path) -> Counter:
    db = conf.parent / "state" / "reminder.sqlite"
    if not db.exists():
        return Counter()
    con = sqlite3.connect(db, timeout=10)
    try:
        return Counter(dict(con.execute("SELECT status, count(*) FROM ledger GROUP BY status")))
    except sqlite3.OperationalError:  # killed before the first migration finished
        return Counter()
    finally:
        con.close()


@pytest.mark.parametrize("seed", [11, 12])
def test_sigkill_at_random_moments_then_restart_sends_each_reminder_once(
        tmp_path: Path, seed: int) -> None:
    rnd = random.Random(seed)
    conf = _deployment(tmp_path)
    kills, partial = 0, 0
    for _ in range(4):
        # kill once the daemon is mid-send: a random number of reminders already recorded
        target = _ledger(conf).get("sent", 0) + rnd.randrange(1, 12)
        proc = _start(conf)
        for _ in range(1500):
            if _ledger(conf).get("sent", 0) >= target or proc.poll() is not None:
                break
            time.sleep(0.01)
        time.sleep(rnd.uniform(0, 0.05))  # somewhere between claim, send and record
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
            partial += 0 < _ledger(conf).get("sent", 0) < N
        proc.wait(10)
    assert kills and partial  # the kills did land while reminders were being sent
    notify = tmp_path / "notify.sock"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(notify))
    sock.settimeout(60)
    proc = _start(conf, notify)
    try:
        assert sock.recv(64) == b"READY=1"
        for _ in range(600):
            if _ledger(conf).get("sent", 0) >= N:
                break
            time.sleep(0.1)
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
        sock.close()
    assert proc.returncode == 0, err.decode()
    statuses = _ledger(conf)
    # each department: its before-14 reminder (the catch-up of the opening notice is superseded
    # by it, both being due at the first tick)
    assert statuses == Counter({"sent": N}) or statuses == Counter(
        {"sent": N, "superseded": statuses["superseded"]}), statuses
    db = sqlite3.connect(conf.parent / "state" / "reminder.sqlite")
    keys = [k for (k,) in db.execute("SELECT key FROM ledger WHERE status='sent'")]
    db.close()
    assert len(keys) == len(set(keys)) == N and all("|before-14|" in k for k in keys)
    files = read_outbox(conf.parent / "state" / "outbox")
    per_key = Counter(k for f in files for k in f["X-Reminder-Keys"].split(", "))
    assert set(per_key) == {k.rsplit("|", 1)[0] for k in keys}  # every one delivered
    assert sum(c - 1 for c in per_key.values()) <= kills  # at most one resend per kill
