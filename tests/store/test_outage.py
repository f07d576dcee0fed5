"""A mail server away for two hours, then back: nothing is lost.

The engine runs as the daemon does, waking at the next pending send instant, against a real
aiosmtpd on a fixed port of 127.0.0.1 that does not listen during the outage. The clock is the
tick's ``now``, so two hours pass in a second.
"""

from __future__ import annotations

import asyncio
import itertools
import socket
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from aiosmtpd.smtp import SMTP
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from reminder.channels.email import SmtpChannel
from reminder.messages.render import render
from reminder.preview import status
from reminder.schedule.retry import FIRST_WAIT, JITTER, LONGEST_WAIT, NEEDS_A_PERSON_AFTER
from reminder.store import ledger
from reminder.store.models import LedgerRow
from reminder.tick import EngineSettings, tick
from tests.channels.servers import Recording
from tests.store.helpers import MSK, deployment, do_sync, msk, task


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _outage(engine: Engine, tmp_path: Path, away: timedelta
                  ) -> tuple[Recording, list[tuple[datetime, int, bool]], datetime]:
    """Run the engine through the outage; returns the server's handler, the tries of one
    lead's message (instant, attempt number, delivered) and when the server came back."""
    port, handler = _free_port(), Recording()
    dep = deployment(tmp_path, tuple(task(f"{i}.1") for i in range(1, 6)))
    do_sync(engine, dep, msk(2023, 9, 1))
    mail = SmtpChannel(host="127.0.0.1", port=port, tls="none", timeout=5,
                       sender="Plan office <plans@example.org>")
    cfg = EngineSettings("Europe/Moscow", "sec", {"email": mail}, render)
    back = msk(2023, 9, 12, 8, 30) + away  # before-14 of every task is due at 09:00
    now, server, passes = msk(2023, 9, 12, 9, 0), None, []
    try:
        while True:
            if server is None and now >= back:
                server = await asyncio.get_running_loop().create_server(
                    lambda: SMTP(handler, hostname="mx.test"), "127.0.0.1", port)
            report = await tick(engine, cfg, now, "daemon", lease=None)
            with Session(engine) as s:
                nxt = ledger.next_send_at(s)
                lead = s.exec(select(LedgerRow).where(
                    LedgerRow.recipient_id == "minek", LedgerRow.step == "before-14")
                    .order_by(LedgerRow.id)).first()
            if lead is not None and (not passes or passes[-1][1] != lead.attempts):
                # the lead's message was tried in this pass: when, which try, what came of it
                passes.append((now, lead.attempts, lead.status == "sent"))
                # the tick says the channel is away, so `reminder tick` exits non-zero
                assert ("email" in report.unreachable) == (lead.status != "sent")
                with Session(engine) as s:
                    shown = status(s, MSK, now)
                    failing = {(r["recipient"], r["channel"]) for r in shown["retrying"]}
                    # and in "needs a person", in the status and the secretariat's digest
                    said = any(line.startswith("minek via email: not delivered yet after")
                               for line in shown["needs_a_person"])
                    assert said == (("minek", "email") in failing)
                # after about half an hour of trying, `reminder status` shows it
                assert (("minek", "email") in failing) == (
                    lead.status == "pending" and lead.attempts >= NEEDS_A_PERSON_AFTER)
            if nxt is None:  # nothing waits in the ledger: the next rungs are days away
                return handler, passes, back
            now = max(nxt, now + timedelta(seconds=1))  # the daemon sleeps until then
    finally:
        await mail.aclose()
        if server is not None:
            server.close()


@pytest.mark.parametrize("hours", [2, 26])
def test_a_mail_server_away_for_hours_loses_no_reminder(engine: Engine,
                                                        tmp_path: Path, hours: int) -> None:
    handler, passes, back = asyncio.run(_outage(engine, tmp_path, timedelta(hours=hours)))
    # one message per recipient: the lead's and the co-executor's before-14 of five tasks
    # (the plan was loaded in September: the partner is not told of April's opening)
    assert len(handler.envelopes) == 2
    with Session(engine) as s:
        rows = [r for r in s.exec(select(LedgerRow)) if r.status != "superseded"]
    assert len(rows) == 10 and {r.status for r in rows} == {"sent"}
    assert sum(r.step == "before-14" for r in rows) == 10
    failed = [at for at, _, ok in passes if not ok]
    assert failed and all(at < back for at in failed) and passes[-1][2]
    # the waits between tries grow from a minute and stop growing at half an hour
    tries = [at for at, _, _ in passes]
    waits = [(b - a).total_seconds() for a, b in itertools.pairwise(tries)]
    assert waits[0] >= FIRST_WAIT and waits[1] >= 2 * FIRST_WAIT
    assert all(w <= LONGEST_WAIT * (1 + JITTER) + 1 for w in waits)
    # never shorter than the one before, but for the jitter once at the longest wait
    assert all(b >= min(a, LONGEST_WAIT) for a, b in itertools.pairwise(waits))
    # delivered at the first try after the server came back, within one longest wait
    assert back <= tries[-1] <= back + timedelta(seconds=LONGEST_WAIT * (1 + JITTER) + 1)
    # a try a minute at first, then two an hour: a day away costs about 50 tries
    assert len(tries) <= 6 + hours * 2 + 1
