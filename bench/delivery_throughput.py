"""Delivery throughput: reminders rendered, sent and recorded per second, next to a bare
aiosmtplib send loop in the same run, both to one local aiosmtpd server (a separate process,
so the server's work does not share our interpreter) over one reused connection.

    .venv/bin/python bench/delivery_throughput.py [-n 2000]

"pipeline" is the engine's deliver step as the daemon runs it: claim pending ledger rows,
render each recipient's message (Jinja2 + Babel, text + HTML + Telegram), send it through the
email channel, mark the rows sent. "tick" adds planning the ledger rows from the occurrences.
"bare" sends one pre-built message of the same size N times with aiosmtplib. Target: pipeline
at least half the bare rate.
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import aiosmtplib

from reminder.channels.email import SmtpChannel, build_email
from reminder.deadlines.model import Deadline, Occurrence
from reminder.messages.model import Message, RenderedMessage
from reminder.messages.render import render
from reminder.schedule.policy import Policy
from reminder.store.db import open_store, transaction
from reminder.store.specs import Deployment, ExecutorSpec, PlanSpec, TaskSpec
from reminder.store.sync import sync
from reminder.tick import EngineSettings, deliver, plan_due

MSK = ZoneInfo("Europe/Moscow")
SENDER = "Plan office <plans@example.org>"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_sink(port: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen([sys.executable, "-m", "aiosmtpd", "-n", "-c",
                             "aiosmtpd.handlers.Sink", "-l", f"127.0.0.1:{port}"])
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            return proc
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise SystemExit("aiosmtpd did not start")


def deployment(n: int, state: Path) -> Deployment:
    window = Deadline("2 – 3 квартал 2023 года", "window", date(2023, 4, 1), date(2023, 9, 30),
                      (Occurrence(date(2023, 4, 1), date(2023, 9, 30)),), lang="ru")
    langs = ("ru", "uk", "lv", "en")
    executors = tuple(ExecutorSpec(f"e{k}", f"Департамент № {k}", langs[k % 4],
                                   emails=(f"e{k}@example.org",)) for k in range(n))
    tasks = tuple(TaskSpec(f"{k // 10}.{k % 10}", f"Мероприятие {k}: провести консультации "
                           "с институтами гражданского общества", window,
                           executors=((f"e{k}", "lead"),), policy=Policy(), status="open",
                           result="Доклад в секретариат") for k in range(n))
    plan = PlanSpec("roadmap", "Дорожная карта на 2023 год", "ru", "RU", tasks)
    return Deployment(plans=(plan,), executors=executors, timezone="Europe/Moscow",
                      country="RU", secretariat=None, state_dir=state)


async def bare(port: int, n: int, mail: bytes) -> float:
    smtp = aiosmtplib.SMTP(hostname="127.0.0.1", port=port, start_tls=False, timeout=30)
    await smtp.connect()
    started = time.perf_counter()
    for k in range(n):
        await smtp.sendmail("plans@example.org", [f"e{k}@example.org"], mail)
    elapsed = time.perf_counter() - started
    await smtp.quit()
    return n / elapsed


class Timed(SmtpChannel):
    """The email channel, adding up the time spent in render and in send."""

    render_s = 0.0
    send_s = 0.0

    def render(self, message: Message) -> RenderedMessage:
        started = time.perf_counter()
        try:
            return render(message)
        finally:
            self.render_s += time.perf_counter() - started

    async def send(self, message: Message, rendered: RenderedMessage, address: str) -> None:
        started = time.perf_counter()
        try:
            await super().send(message, rendered, address)
        finally:
            self.send_s += time.perf_counter() - started


async def pipeline(port: int, n: int, with_planning: bool,
                   split: dict[str, float] | None = None) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        engine = open_store(f"sqlite:///{tmp}/bench.sqlite")
        dep = deployment(n, Path(tmp))
        with transaction(engine) as s:
            sync(s, dep, datetime(2023, 9, 1, 9, tzinfo=MSK))
        channel = Timed(host="127.0.0.1", port=port, tls="none", sender=SENDER)
        cfg = EngineSettings("Europe/Moscow", None, {"email": channel}, channel.render)
        now = datetime(2023, 9, 12, 9, tzinfo=MSK)  # the 14-working-days reminder
        started = time.perf_counter()
        if not with_planning:
            plan_due(engine, cfg, now)
            started = time.perf_counter()
        else:
            plan_due(engine, cfg, now)
        report = await deliver(engine, cfg, now, "bench")
        elapsed = time.perf_counter() - started
        if split is not None:
            split.update(render=channel.render_s, send=channel.send_s,
                         rest=elapsed - channel.render_s - channel.send_s)
        await channel.aclose()
        engine.dispose()
        if report.failed:
            raise SystemExit(f"{report.failed} failed: {report.errors[:3]}")
        return report.messages / elapsed, report.messages


def sample_mail(n: int) -> bytes:
    """One rendered reminder as the pipeline sends it, so both loops move the same bytes."""
    from reminder.messages.render import sample_message

    message = sample_message("upcoming", "ru")
    return build_email(message, render(message), "e0@example.org", SENDER)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=1000, help="messages per run")
    parser.add_argument("--rounds", type=int, default=3,
                        help="alternating bare/deliver rounds; medians are reported")
    args = parser.parse_args()
    port = free_port()
    server = start_sink(port)
    bares: list[float] = []
    pipes: list[float] = []
    splits: list[dict[str, float]] = []
    try:
        mail = sample_mail(args.n)
        # Alternate, so a neighbour's load on the shared machine hits both loops alike.
        for _ in range(args.rounds):
            bares.append(asyncio.run(bare(port, args.n, mail)))
            split: dict[str, float] = {}
            rate, sent = asyncio.run(pipeline(port, args.n, with_planning=False, split=split))
            pipes.append(rate)
            splits.append(split)
        tick_rate, _ = asyncio.run(pipeline(port, args.n, with_planning=True))
    finally:
        server.terminate()
        server.wait()
    bare_rate, pipe_rate = statistics.median(bares), statistics.median(pipes)
    split = splits[pipes.index(sorted(pipes)[len(pipes) // 2])]
    print(f"messages per run: {sent} ({len(mail)} bytes each, multipart text+HTML), "
          f"{args.rounds} rounds")
    print(f"bare aiosmtplib send loop:        {bare_rate:8.0f} /s  "
          f"(runs: {', '.join(f'{r:.0f}' for r in bares)})")
    print(f"render + send + record (deliver): {pipe_rate:8.0f} /s  "
          f"(runs: {', '.join(f'{r:.0f}' for r in pipes)})")
    print(f"plan + render + send + record:    {tick_rate:8.0f} /s")
    print(f"ratio deliver / bare (medians):   {pipe_rate / bare_rate:8.2f}  (target >= 0.5)")
    per = {k: 1000 * v / sent for k, v in split.items()}
    print(f"per message in deliver: render {per['render']:.2f} ms, send (MIME + SMTP) "
          f"{per['send']:.2f} ms, claim + record + the rest {per['rest']:.2f} ms; "
          f"bare send {1000 / bare_rate:.2f} ms")


if __name__ == "__main__":
    main()
