"""The idle daemon with email and Telegram configured: resident memory and wake-ups, next to
the daemon at a baseline commit (185e941, before the lean-import work) measured in the same
run on the same deployment.

    .venv/bin/python bench/daemon_idle.py [--idle 30] [--base 185e941] [--keep]

Each daemon runs `reminder run` on a copy of config/example whose channels are a local
aiosmtpd server (email, tls: none) and a local Bot API (tests/channels/servers.py's BotApi,
answering getUpdates the way Telegram does: held until the poll's timeout unless an update
arrives), both served from this process. The daemon talks to a notify socket here exactly as
to systemd (READY=1, then WATCHDOG=1 after each tick, WatchdogSec=120 as in
systemd/reminder.service), so the bench knows when it is ready and when its first tick is
over. Two scenarios, each daemon on a fresh copy:

* restarted: `reminder tick --now <a week ago>` (the same source) first brings the database
  to a week ago, so the daemon starts as a restarted one does (schema current, no
  migration) and its first tick sends a week's reminders. The figure docs/operations.md
  gives ("What an idle daemon costs") is this one;
* fresh: a new database (migrated at start), whose first tick catches up on the whole
  history of the example plans.

Then, idle: VmRSS (and its anonymous and file-backed parts) from /proc/PID/status, sampled for
a few seconds, and the peak VmHWM; in the restarted scenario, wake-ups over ``--idle``
seconds: the context switches of all its threads (/proc/PID/task/*/status), then, in a second
window, its epoll_wait/poll calls traced by strace (when installed): a wake-up is one blocking
call returning, the zero-timeout calls after it are the loop running what woke it. Also what
the servers saw in those windows (Bot API long polls, the bot's expected wake-ups; SMTP
connections, none expected) and the WATCHDOG=1 pings. Today's daemon is measured a third
time with email only (no bot), to show what is left without the long poll.

The baseline's source is taken with ``git archive`` into a temporary folder (nothing is added
to the repository) and run with the same interpreter, with PYTHONPATH pointing at it and the
working directory outside the repository, so the editable install's copy is not picked.
Figures only: nothing here asserts a target.
"""


from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.channels.servers: the local SMTP and Bot API servers

from tests.channels.servers import BotApi, Recording, smtp_server  # noqa: E402

TOKEN = "424242:BENCH-idle-token"
TOKEN_ENV = "REMINDER_TELEGRAM_TOKEN"
WATCHDOG_SEC = 120  # as systemd/reminder.service
POLL_SYSCALLS = ("epoll_wait", "epoll_pwait", "epoll_pwait2", "select", "pselect6", "poll",
                 "ppoll")


class LongPollBotApi(BotApi):
    """BotApi with getUpdates held for the whole timeout the client asks for, as Telegram
    holds it (the test server cuts it to 0.2 s to keep tests fast)."""

    def __init__(self, token: str) -> None:
        super().__init__(token)
        self.closing = asyncio.Event()  # set at the end: held polls are answered at once

    async def _answer(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if method == "getUpdates":
            timeout = min(float(params.get("timeout", 0) or 0), 50.0)
            get = asyncio.ensure_future(self.updates.get())
            closing = asyncio.ensure_future(self.closing.wait())
            await asyncio.wait({get, closing}, timeout=timeout or 0.01,
                               return_when=asyncio.FIRST_COMPLETED)
            closing.cancel()
            if get.done():
                return 200, {"ok": True, "result": [get.result()]}
            get.cancel()
            return 200, {"ok": True, "result": []}
        return await super()._answer(method, params)


class Servers:
    """The SMTP server and the Bot API in a background event loop of this process."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.smtp = Recording()
        self.api = LongPollBotApi(TOKEN)
        self.smtp_port = 0
        self._ready = threading.Event()
        self._stop: asyncio.Event | None = None
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        self.loop.run_until_complete(self._main())
        self.loop.close()

    async def _main(self) -> None:
        self._stop = asyncio.Event()
        async with smtp_server(self.smtp) as port, self.api:
            self.smtp_port = port
            self._ready.set()
            await self._stop.wait()
            self.api.closing.set()
            await asyncio.sleep(0.2)  # the held polls are answered before the server closes

    def __enter__(self) -> Servers:
        self._thread.start()
        if not self._ready.wait(10):
            raise SystemExit("the local SMTP and Bot API servers did not start")
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._stop is not None
        self.loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(10)

    def counts(self) -> tuple[int, int]:
        """(getUpdates calls, SMTP connections) so far."""
        return len(self.api.sent("getUpdates")), self.smtp.connections


def deployment(dest: Path, servers: Servers, telegram: bool = True) -> Path:
    """config/example copied to ``dest`` with an email and (unless told not to) a Telegram
    channel on the local servers; returns its reminder.yaml."""
    shutil.copytree(ROOT / "config" / "example", dest,
                    ignore=shutil.ignore_patterns("state"))
    conf = dest / "reminder.yaml"
    head = conf.read_text(encoding="utf-8").split("\nchannels:")[0]
    conf.write_text(
        head + "\nchannels:\n"
        "  outbox: {path: state/outbox}\n"
        "  email:\n"
        "    host: 127.0.0.1\n"
        f"    port: {servers.smtp_port}\n"
        "    tls: none\n"
        '    from: "Plan office <reminder@example.org>"\n'
        + (f"  telegram:\n    token_env: {TOKEN_ENV}\n    api_url: {servers.api.url}\n"
           if telegram else ""), encoding="utf-8")
    return conf


def status(pid: int, task: int | None = None) -> dict[str, str]:
    """/proc/PID/status (or one thread's) as a dict."""
    path = f"/proc/{pid}/task/{task}/status" if task else f"/proc/{pid}/status"
    out: dict[str, str] = {}
    for line in Path(path).read_text().splitlines():
        key, _, value = line.partition(":")
        out[key] = value.strip()
    return out


def kib(value: str) -> int:
    return int(value.split()[0])


def switches(pid: int) -> dict[int, int]:
    """Context switches (voluntary + involuntary) of each thread of ``pid``."""
    out: dict[int, int] = {}
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            st = status(pid, int(task))
        except OSError:  # the thread ended while we looked
            continue
        out[int(task)] = (int(st["voluntary_ctxt_switches"])
                          + int(st["nonvoluntary_ctxt_switches"]))
    return out


def strace_waits(pid: int, seconds: float) -> tuple[int, int] | None:
    """The event-loop waits of every thread of ``pid`` over ``seconds``, by strace: (all
    calls, blocking ones). A wake-up is one blocking wait returning; the calls with a zero
    timeout that follow it are the loop running what woke it. None when strace is missing
    or cannot attach."""
    if shutil.which("strace") is None:
        return None
    proc = subprocess.Popen(["strace", "-f", "-e", "trace=" + ",".join(POLL_SYSCALLS),
                             "-p", str(pid)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    time.sleep(seconds)
    proc.send_signal(signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        return None
    if "Operation not permitted" in err:
        return None
    calls = blocking = 0
    for line in err.splitlines():
        # "epoll_wait(3, [...], 1, 33299) = 1", or split by another thread's line into
        # "epoll_wait(3, <unfinished ...>" and "<... epoll_wait resumed>[...], 1, 33299) = 1"
        if not any(f"{name}(" in line or f"{name} resumed" in line for name in POLL_SYSCALLS):
            continue
        found = re.search(r", (-?\d+)\) += ", line)
        if found is None:
            continue  # the first half of a split call: counted when it resumes
        calls += 1
        blocking += found.group(1) != "0"
    return calls, blocking


@dataclass
class Figures:
    """What one daemon showed in one scenario."""

    label: str
    rss: list[int] = field(default_factory=list)  # KiB
    anon: int = 0
    file: int = 0
    hwm: int = 0
    threads: int = 0
    startup_s: float = 0.0
    first_tick_s: float = 0.0
    messages_first_tick: int = 0
    ctxt: int | None = None
    ctxt_by_thread: dict[str, int] = field(default_factory=dict)
    strace: tuple[int, int] | None = None
    polls: int = 0
    smtp: int = 0
    watchdog_pings: int = 0
    exit_code: int | None = None


def measure(label: str, src: Path, servers: Servers, work: Path, *, behind: timedelta | None,
            idle: float, sample: float, telegram: bool = True,
            extra_env: dict[str, str] | None = None) -> Figures:
    """Run `reminder run` from the source tree ``src`` on a fresh copy of the deployment and
    measure it idle after its first tick. With ``behind``, `reminder tick --now` (same source)
    first brings the database up to that long ago, so the daemon starts as a restarted one
    does, with ``behind``'s worth of reminders to send; without, on a new database (the
    catch-up of the deployment's whole history). ``idle`` 0: no wake-up windows."""
    conf = deployment(work / "deployment", servers, telegram)
    sock_path = work / "notify.sock"
    env = dict(os.environ, PYTHONPATH=str(src), NOTIFY_SOCKET=str(sock_path),
               WATCHDOG_USEC=str(WATCHDOG_SEC * 1_000_000), **{TOKEN_ENV: TOKEN},
               **(extra_env or {}))
    env.pop("WATCHDOG_PID", None)
    # The working directory is outside the repository: with it on sys.path ('' for -m) the
    # repository's copy would shadow the baseline's.
    used = subprocess.run([sys.executable, "-c", "import reminder; print(reminder.__file__)"],
                          cwd=work, env=env, capture_output=True, text=True, check=True)
    if Path(used.stdout.strip()).parent.parent.resolve() != src.resolve():
        raise SystemExit(f"{label}: would run {used.stdout.strip()}, not {src}")
    if behind is not None:
        then = (datetime.now(UTC) - behind).isoformat(timespec="seconds")
        prep = subprocess.run([sys.executable, "-m", "reminder", "tick", "--config", str(conf),
                               "--now", then], cwd=work, env=env, capture_output=True,
                              text=True)
        if prep.returncode not in (0, 1):
            raise SystemExit(f"{label}: reminder tick --now {then} failed:\n{prep.stderr}")
    fig = Figures(label)
    sent_before = len(servers.smtp.envelopes)
    notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    notify.bind(str(sock_path))
    log = (work / "daemon.log").open("w")
    t0 = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "reminder", "run", "--config", str(conf),
                             "--log-level", "INFO"], cwd=work, env=env, stdout=log,
                            stderr=subprocess.STDOUT)

    def wait_for(word: str, timeout: float) -> None:
        notify.settimeout(0.5)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                msg = notify.recv(4096).decode()
            except TimeoutError:
                if proc.poll() is not None:
                    break
                continue
            if word in msg.split("\n"):
                return
        proc.kill()
        raise SystemExit(f"{label}: no {word} (see {work / 'daemon.log'}):\n"
                         + (work / "daemon.log").read_text()[-3000:])

    try:
        wait_for("READY=1", 180)
        fig.startup_s = time.monotonic() - t0
        wait_for("WATCHDOG=1", 300)  # sent after each tick: the first one is over
        fig.first_tick_s = time.monotonic() - t0 - fig.startup_s
        fig.messages_first_tick = len(servers.smtp.envelopes) - sent_before
        time.sleep(2)  # let the bot's first polls and the sockets settle
        end = time.monotonic() + sample
        while time.monotonic() < end:
            fig.rss.append(kib(status(proc.pid)["VmRSS"]))
            time.sleep(0.25)
        st = status(proc.pid)
        fig.anon, fig.file = kib(st["RssAnon"]), kib(st["RssFile"]) + kib(st["RssShmem"])
        fig.hwm, fig.threads = kib(st["VmHWM"]), int(st["Threads"])
        if idle:
            polls0, smtp0 = servers.counts()
            notify.settimeout(0)
            before = switches(proc.pid)
            time.sleep(idle)
            after = switches(proc.pid)
            fig.ctxt = sum(n - before.get(t, 0) for t, n in after.items())
            for t, n in after.items():
                comm = Path(f"/proc/{proc.pid}/task/{t}/comm")
                name = "main" if t == proc.pid else (
                    comm.read_text().strip() if comm.exists() else str(t))
                fig.ctxt_by_thread[name] = (fig.ctxt_by_thread.get(name, 0)
                                            + n - before.get(t, 0))
            fig.strace = strace_waits(proc.pid, idle)
            polls1, smtp1 = servers.counts()
            fig.polls, fig.smtp = polls1 - polls0, smtp1 - smtp0
            while True:  # the WATCHDOG=1 pings that came during the idle windows
                try:
                    if "WATCHDOG=1" in notify.recv(4096).decode().split("\n"):
                        fig.watchdog_pings += 1
                except BlockingIOError:
                    break
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                fig.exit_code = proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                fig.exit_code = proc.wait()
        log.close()
        notify.close()
    return fig


def baseline_tree(commit: str, dest: Path) -> Path:
    """The package as it was at ``commit``, from git archive (read-only for the repository)."""
    dest.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit], check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    return dest


def mib(k: float) -> float:
    return round(k / 1024, 1)


def row(name: str, b: object, n: object, ratio: bool = True) -> None:
    """One line: the baseline's figure, ours, and ours / the baseline's."""
    r = (f"{n / b:.2f}" if ratio and isinstance(b, int | float) and isinstance(n, int | float)
         and b else "")
    print(f"  {name:<50} {b!s:>12} {n!s:>12} {r:>6}")


def report_memory(title: str, base: Figures, now: Figures) -> None:
    print(title)
    print(f"  {'':<50} {base.label:>12} {now.label:>12} {'ratio':>6}")
    row("start to READY=1 (s)", round(base.startup_s, 1), round(now.startup_s, 1))
    row("first tick (s)", round(base.first_tick_s, 1), round(now.first_tick_s, 1))
    row("emails sent by the first tick", base.messages_first_tick, now.messages_first_tick,
        ratio=False)
    row("idle VmRSS, max over the samples (MiB)", mib(max(base.rss)), mib(max(now.rss)))
    row("  anonymous (MiB)", mib(base.anon), mib(now.anon))
    row("  file-backed and shared (MiB)", mib(base.file), mib(now.file))
    row("peak VmHWM: start and first tick (MiB)", mib(base.hwm), mib(now.hwm))
    row("threads", base.threads, now.threads, ratio=False)
    row("exit code after SIGTERM", str(base.exit_code), str(now.exit_code), ratio=False)


def report_wakeups(idle: float, base: Figures, now: Figures, quiet: Figures) -> None:
    """The wake-up windows; ``quiet`` is today's daemon without Telegram (email only)."""
    print(f"idle wake-ups over {idle:.0f} s (same daemons, after the memory samples; the last "
          "column: now, email only)")

    def line(name: str, pick: Callable[[Figures], object], ratio: bool = True) -> None:
        b, n, q = pick(base), pick(now), pick(quiet)
        r = (f"{n / b:.2f}" if ratio and isinstance(b, int | float)
             and isinstance(n, int | float) and b else "")
        print(f"  {name:<50} {b!s:>12} {n!s:>12} {r:>6} {q!s:>10}")

    line("context switches, all threads", lambda f: f.ctxt)
    for name in sorted(set(base.ctxt_by_thread) | set(now.ctxt_by_thread)):
        line(f"  thread {name}", lambda f, k=name: f.ctxt_by_thread.get(k, "-"), ratio=False)
    if base.strace is None or now.strace is None or quiet.strace is None:
        print("  epoll_wait/poll: strace missing or not permitted (apt-get install strace)")
    else:
        line("wake-ups: blocking epoll_wait/poll returns (strace)",
             lambda f: f.strace[1] if f.strace else "-")
        line("  all epoll_wait/poll calls, non-blocking included",
             lambda f: f.strace[0] if f.strace else "-")
    line("Bot API getUpdates long polls (30 s each)", lambda f: f.polls, ratio=False)
    line("SMTP connections", lambda f: f.smtp, ratio=False)
    line(f"WATCHDOG=1 pings (WatchdogSec={WATCHDOG_SEC}: one per {WATCHDOG_SEC // 2} s)",
         lambda f: f.watchdog_pings, ratio=False)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--idle", type=float, default=30.0,
                    help="seconds of each wake-up window (two per daemon), default 30")
    ap.add_argument("--sample", type=float, default=5.0,
                    help="seconds of RSS sampling, default 5")
    ap.add_argument("--behind", type=float, default=7.0,
                    help="days the restarted daemon's database is behind, default 7")
    ap.add_argument("--base", default="185e941", help="the baseline commit")
    ap.add_argument("--src", type=Path, default=ROOT,
                    help="the source tree measured as 'now' (default: this repository)")
    ap.add_argument("--keep", action="store_true",
                    help="keep the deployments and daemon logs (the folder is printed)")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="daemon-idle-"))
    try:
        with Servers() as servers:
            trees = {f"base {args.base}": baseline_tree(args.base, tmp / "base-src"),
                     "now": args.src}
            print(f"daemon idle: config/example, email to aiosmtpd on 127.0.0.1:"
                  f"{servers.smtp_port}, Telegram to a local Bot API (long polls of 30 s)")
            restarted, fresh = [], []
            for i, (label, src) in enumerate(trees.items()):
                restarted.append(measure(label, src, servers, tmp / f"restarted-{i}",
                                         behind=timedelta(days=args.behind), idle=args.idle,
                                         sample=args.sample))
                fresh.append(measure(label, src, servers, tmp / f"fresh-{i}", behind=None,
                                     idle=0, sample=args.sample))
            quiet = measure("now, email only", args.src, servers, tmp / "quiet",
                            behind=timedelta(days=args.behind), idle=args.idle,
                            sample=args.sample, telegram=False)
            # -OO (docstrings and asserts dropped), as docs/operations.md offers it.
            optimized = measure("now, python -OO", args.src, servers, tmp / "optimized",
                                behind=timedelta(days=args.behind), idle=0,
                                sample=args.sample, extra_env={"PYTHONOPTIMIZE": "2"})
        report_memory(f"restarted on a database {args.behind:g} days behind (a week's "
                      "reminders in its first tick), then idle", *restarted)
        report_wakeups(args.idle, *restarted, quiet)
        print(f"  today's daemon run with python -OO (PYTHONOPTIMIZE=2), restarted: VmRSS "
              f"{mib(max(optimized.rss)):.1f} MiB (without: {mib(max(restarted[1].rss)):.1f})")
        report_memory("first start on a new database (the catch-up of the whole history "
                      "in its first tick), then idle", *fresh)
    finally:
        if args.keep:
            print(f"kept: {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"(python {sys.version.split()[0]}, strace "
          f"{'yes' if shutil.which('strace') else 'no'})")


if __name__ == "__main__":
    main()
