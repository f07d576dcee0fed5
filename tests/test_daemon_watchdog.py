"""The systemd watchdog is fed from the loop that does the work, also in the middle of a long
batch: a real `reminder run` sending 30 emails through a local SMTP server that takes 0.3 s
per message (9 s in all) with WATCHDOG_USEC of 2 s never leaves a gap of 2 s between two
WATCHDOG=1 (before, they came only between ticks: one gap of the whole batch, and systemd
would have killed a healthy daemon)."""

from __future__ import annotations

import asyncio
import itertools
import socket
import time
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from tests.test_daemons_pg import deployment, notify_socket, stop
from tests.test_daemons_pg import start as start_daemon

DEPARTMENTS = 30
DELAY = 0.3
WATCHDOG_USEC = 2_000_000


class SlowServer:
    """Accepts every message after a pause, noting when each arrived."""

    def __init__(self) -> None:
        self.arrived: list[float] = []

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        await asyncio.sleep(DELAY)
        self.arrived.append(time.monotonic())
        return "250 2.0.0 OK queued"


def test_the_watchdog_is_fed_during_a_long_batch(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = SlowServer()
    server = Controller(handler, hostname="127.0.0.1", port=port)
    server.start()
    conf = deployment(tmp_path / "d", f"sqlite:///{tmp_path / 'd' / 'state' / 'r.sqlite'}",
                      DEPARTMENTS, channels=(
                          f"channels:\n  email:\n    host: 127.0.0.1\n    port: {port}\n"
                          "    tls: none\n    from: \"Plan office <plans@example.org>\"\n"))
    sock = notify_socket(tmp_path / "notify.sock")
    proc = start_daemon(conf, tmp_path / "notify.sock", WATCHDOG_USEC=str(WATCHDOG_USEC))
    pings: list[float] = []
    try:
        deadline = time.monotonic() + 120
        while len(handler.arrived) < DEPARTMENTS and time.monotonic() < deadline:
            if proc.poll() is not None:
                break
            try:
                if sock.recv(100) == b"WATCHDOG=1":
                    pings.append(time.monotonic())
            except BlockingIOError:
                time.sleep(0.01)
    finally:
        [(code, err)] = stop([proc])
        server.stop()
        sock.close()
    assert code == 0, err
    assert len(handler.arrived) == DEPARTMENTS
    first, last = handler.arrived[0], handler.arrived[-1]
    during = [t for t in pings if first <= t <= last]
    marks = [first, *during, last]
    gap = max(b - a for a, b in itertools.pairwise(marks))
    print(f"batch of {DEPARTMENTS} emails over {last - first:.1f} s: {len(during)} WATCHDOG=1, "
          f"longest gap {gap:.2f} s (timeout {WATCHDOG_USEC / 1e6:.0f} s)")
    assert gap < WATCHDOG_USEC / 1e6
