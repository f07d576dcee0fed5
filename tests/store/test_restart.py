"""Stop the engine at any point, start it again: every due reminder is sent exactly once in
the ledger, and the outbox holds each reminder once (a resent message rewrites its file)."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from reminder.channels.outbox import read_outbox
from reminder.store.db import open_store
from reminder.store.models import LedgerRow
from tests.store.helpers import deployment, do_sync, msk, run_tick, task


class Crash(BaseException):
    """The process dies here (not an Exception: nothing in the engine may swallow it)."""


def _ticks() -> list:
    out, day = [], date(2023, 9, 10)
    while day <= date(2023, 10, 25):
        out.append(msk(day.year, day.month, day.day, 9, 0))
        day += timedelta(days=1)
    return out


def _run(engine: Engine, dep, crash_at: dict[int, str]) -> None:
    """Run the daily ticks; at tick i, die at the named point, then 'restart' (tick again)."""
    for i, now in enumerate(_ticks()):
        point = crash_at.get(i)
        if point:
            def fault(p: str, point: str = point) -> None:
                if p == point:
                    raise Crash(p)
            with pytest.raises(Crash):
                run_tick(engine, dep, now, fault=fault)
            now = now + timedelta(minutes=3)  # the restarted daemon ticks a bit later
        run_tick(engine, dep, now)


def _sent_keys(engine: Engine) -> Counter:
    with Session(engine) as s:
        rows = s.exec(select(LedgerRow)).all()
    assert all(r.status in ("sent", "superseded") for r in rows), [
        (r.key, r.status) for r in rows if r.status not in ("sent", "superseded")]
    return Counter(r.key for r in rows if r.status == "sent")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_crash_between_claim_and_send_or_send_and_record(tmp_path: Path, seed: int) -> None:
    import random

    rnd = random.Random(seed)
    tasks = (task("1.1"), task("1.2"), task("2.1", executors=(("minfin", "lead"),)))
    clean_dep = deployment(tmp_path / "clean", tasks)
    clean = open_store(f"sqlite:///{tmp_path / 'clean.sqlite'}")
    do_sync(clean, clean_dep, msk(2023, 9, 1))
    _run(clean, clean_dep, {})
    crashy_dep = deployment(tmp_path / "crashy", tasks)
    crashy = open_store(f"sqlite:///{tmp_path / 'crashy.sqlite'}")
    do_sync(crashy, crashy_dep, msk(2023, 9, 1))
    due_days = [i for i, t in enumerate(_ticks())
                if t.date() in (date(2023, 9, 12), date(2023, 9, 27), date(2023, 9, 29),
                                date(2023, 10, 2), date(2023, 10, 9), date(2023, 10, 23))]
    crashes = {i: rnd.choice(["claimed", "sent"]) for i in due_days}
    _run(crashy, crashy_dep, crashes)
    expected, got = _sent_keys(clean), _sent_keys(crashy)
    assert expected and set(got) == set(expected)
    assert set(got.values()) == {1}  # every due reminder sent exactly once in the ledger
    # the outbox: each reminder in exactly one file
    per_key = Counter(k for f in read_outbox(crashy_dep.outbox_dir)
                      for k in f["X-Reminder-Keys"].split(", "))
    assert per_key and set(per_key.values()) == {1}
    assert len(per_key) == len(got)


def test_left_sending_by_a_dead_worker_is_reclaimed_after_its_lease(engine: Engine,
                                                                    tmp_path: Path) -> None:
    import asyncio

    from reminder.tick import tick
    from tests.store.helpers import settings

    dep = deployment(tmp_path, (task("1.1"),))
    do_sync(engine, dep, msk(2023, 9, 1))
    now = msk(2023, 9, 12)

    def die(p: str) -> None:
        raise Crash(p)
    with pytest.raises(Crash):
        asyncio.run(tick(engine, settings(dep), now, "dead", fault=die))
    # another daemon within the lease leaves the claim alone...
    r = asyncio.run(tick(engine, settings(dep), now + timedelta(minutes=1), "other"))
    assert r.sent == 0
    # ...and takes it over once the lease has run out
    r = asyncio.run(tick(engine, settings(dep), now + timedelta(minutes=11), "other"))
    assert r.sent == 2  # the lead's and the co-executor's before-14
    with Session(engine) as s:
        assert {x.status for x in s.exec(select(LedgerRow))} <= {"sent", "superseded"}
        assert s.exec(select(LedgerRow).where(col(LedgerRow.attempts) == 2)).all()
