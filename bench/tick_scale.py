"""Scale of one tick on SQLite: 100,000 tasks with about a million occurrences.

Prints: an idle tick (nothing due), ticks with 100 and 1,000 due reminders (planned and
delivered), the same idle tick on a tenth of the data (cost must not grow with what is
stored), and the memory of an idle engine process and of the idle daemon on the example
deployment. Figures only: nothing here asserts a time.

    .venv/bin/python bench/tick_scale.py [--tasks 100000] [--per-task 10]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reminder.channels.outbox import OutboxChannel
from reminder.messages.model import Message, Recipient, RenderedMessage
from reminder.messages.render import render
from reminder.schedule.policy import Policy
from reminder.store.db import open_store
from reminder.tick import EngineSettings, deliver, plan_due, tick

MSK = ZoneInfo("Europe/Moscow")
NOW = datetime(2024, 10, 1, 9, 1, tzinfo=MSK)  # a Tuesday, a working day in Russia


class NullChannel:
    """Accepts everything instantly: measures the engine, not a disk or a server."""

    name = "null"
    max_length = None

    def addresses(self, recipient: Recipient) -> tuple[str, ...]:
        return (recipient.id,)

    async def send(self, message: Message, rendered: RenderedMessage, address: str) -> None:
        return None

    async def aclose(self) -> None:
        return None


def _ts(t: datetime) -> str:
    return t.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def build(path: Path, n_tasks: int, per_task: int, executors: int = 1000) -> None:
    """Fill a migrated database directly (the YAML path would measure the loader instead)."""
    open_store(f"sqlite:///{path}").dispose()
    con = sqlite3.connect(path)
    con.execute("PRAGMA synchronous=OFF")
    rnd = random.Random(7)
    policy = json.dumps(Policy().to_json(), sort_keys=True)
    con.executemany("INSERT INTO executor VALUES (?,?,?,?,?,?,?)", [
        (f"e{i}", f"Department {i}", "ru", f"e{i}@example.org", "", f"e{(i + 1) % executors}", 0)
        for i in range(executors)])
    con.executemany("INSERT INTO plan VALUES (?,?,?,?,?)", [
        (f"p{i}", f"Plan {i}", "ru", "RU", 0) for i in range(n_tasks // 1000 + 1)])
    con.executemany("INSERT INTO task VALUES (?,?,?,?,?,?,?,?,?,?,?)", (
        (f"p{i // 1000}/{i}", f"p{i // 1000}", str(i), f"Task {i}", None, "ежемесячно",
         "recurring", "open", 0, policy, "") for i in range(n_tasks)))
    con.executemany("INSERT INTO assignment VALUES (?,?,?,?)", (
        row for i in range(n_tasks) for row in (
            (f"p{i // 1000}/{i}", f"e{i % executors}", "lead", 0),
            (f"p{i // 1000}/{i}", f"e{(i * 7 + 3) % executors}", "co", 1))))
    base = date(2024, 1, 31)

    def occurrences():  # type: ignore[no-untyped-def]
        oid = 0
        for i in range(n_tasks):
            for k in range(per_task):
                oid += 1
                due = base + timedelta(days=30 * k)
                later = NOW + timedelta(days=1 + rnd.randrange(700), minutes=rnd.randrange(600))
                yield (oid, f"p{i // 1000}/{i}", k, (due - timedelta(days=29)).isoformat(),
                       due.isoformat(), due.isoformat(), "open", None, _ts(later))
    con.executemany("INSERT INTO occurrence VALUES (?,?,?,?,?,?,?,?,?)", occurrences())
    con.commit()
    con.close()


def make_due(path: Path, n_occ: int) -> None:
    """Make ``n_occ`` occurrences due now, on their due-date rung (2 reminders each)."""
    con = sqlite3.connect(path)
    due = NOW.date()
    at = datetime.combine(due, Policy().send_time, tzinfo=MSK)
    ids = [r[0] for r in con.execute(
        "SELECT id FROM occurrence WHERE next_at > ? ORDER BY random() LIMIT ?",
        (_ts(NOW), n_occ))]
    con.executemany("UPDATE occurrence SET due=?, nominal_due=?, window_start=?, next_at=? "
                    "WHERE id=?", [(due.isoformat(), due.isoformat(),
                                    (due - timedelta(days=30)).isoformat(), _ts(at), i)
                                   for i in ids])
    con.commit()
    con.close()


def timed(label: str, fn):  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    result = fn()
    ms = (time.perf_counter() - t0) * 1000
    print(f"  {label:<52} {ms:8.1f} ms   {result}")
    return result


def rss_kib(pid: int | str = "self") -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def scenario(path: Path, outbox: Path, label: str,
             due_counts: tuple[tuple[int, bool], ...]) -> None:
    engine = open_store(f"sqlite:///{path}")
    null = EngineSettings("Europe/Moscow", None, {"null": NullChannel()}, render)
    files = EngineSettings("Europe/Moscow", None, {"outbox": OutboxChannel(outbox)}, render)
    with engine.connect() as c:
        n_occ = c.exec_driver_sql("SELECT count(*) FROM occurrence").scalar()
        n_task = c.exec_driver_sql("SELECT count(*) FROM task").scalar()
    print(f"{label}: {n_task:,} tasks, {n_occ:,} occurrences")
    timed("idle tick (nothing due), 1st", lambda: asyncio.run(
        tick(engine, null, NOW, "b")).__dict__)
    timed("idle tick (nothing due), 2nd", lambda: asyncio.run(
        tick(engine, null, NOW, "b")).planned)
    for n, to_files in due_counts:
        make_due(path, n // 2)
        settings = files if to_files else null
        name = "outbox files (fsync each)" if settings is files else "null channel"
        timed(f"plan {n:,} due reminders into the ledger",
              lambda s=settings: plan_due(engine, s, NOW))
        timed(f"deliver them: render, send ({name}), record", lambda s=settings: (
            lambda r: f"sent {r.sent} in {r.messages} messages")(
            asyncio.run(deliver(engine, s, NOW, "b"))))
    timed("idle tick after that", lambda: asyncio.run(tick(engine, null, NOW, "b")).planned)
    print(f"  engine process RSS after idle ticks: {rss_kib() / 1024:.0f} MiB")
    engine.dispose()


def daemon_memory() -> None:
    """The real daemon on the example deployment, idle: its resident memory."""
    example = Path(__file__).resolve().parents[1] / "config" / "example" / "reminder.yaml"
    if not example.exists():
        print("example deployment missing: daemon memory not measured")
        return
    with tempfile.TemporaryDirectory() as tmp:
        conf = Path(tmp) / "example"
        subprocess.run(["cp", "-r", str(example.parent), str(conf)], check=True)
        proc = subprocess.Popen([sys.executable, "-m", "reminder", "run", "--config",
                                 str(conf / "reminder.yaml"), "--log-level", "WARNING"],
                                cwd=Path(__file__).resolve().parents[1])
        try:
            time.sleep(8)
            alive = proc.poll() is None
            print(f"idle daemon on config/example: "
                  f"{'RSS %.0f MiB' % (rss_kib(proc.pid) / 1024) if alive else 'exited'}")
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(20)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--tasks", type=int, default=100_000)
    ap.add_argument("--per-task", type=int, default=10)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        runs = ((args.tasks // 10, ((1000, False),)),
                (args.tasks, ((100, False), (1000, False), (1000, True))))
        for n_tasks, dues in runs:
            path = Path(tmp) / f"scale-{n_tasks}.sqlite"
            t0 = time.perf_counter()
            build(path, n_tasks, args.per_task)
            print(f"[built {n_tasks:,} tasks in {time.perf_counter() - t0:.1f} s, "
                  f"{path.stat().st_size / 2**20:.0f} MiB]")
            scenario(path, Path(tmp) / f"outbox-{n_tasks}", f"SQLite, {n_tasks:,} tasks", dues)
    daemon_memory()
    print(f"(python {sys.version.split()[0]}, pid {os.getpid()})")


if __name__ == "__main__":
    main()
