"""Several daemons sharing a database reach the digest's cron instant at the same moment: one
digest is queued, whichever gets there first, and a brand-new deployment's first look at the
digest clock does not fail on its key. On SQLite and (when REMINDER_TEST_DATABASE_URL is set)
PostgreSQL, with real threads racing on real connections."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from reminder.store import digests
from reminder.store.models import LedgerRow, MetaRow
from tests.store.helpers import deployment, do_sync, msk, task

MSK = ZoneInfo("Europe/Moscow")
WORKERS = 4


def _race(engine: Engine, now_args: tuple[int, ...]) -> list[bool | BaseException]:
    """Every worker calls queue_if_due at the same instant, released together."""
    gate = threading.Barrier(WORKERS)
    results: list[bool | BaseException] = []
    lock = threading.Lock()

    def work() -> None:
        gate.wait()
        try:
            out: bool | BaseException = digests.queue_if_due(
                engine, "0 8 * * mon", MSK, "sec", ["outbox"], msk(*now_args), 14)
        except BaseException as exc:  # recorded: the test shows what failed
            out = exc
        with lock:
            results.append(out)

    threads = [threading.Thread(target=work, daemon=True) for _ in range(WORKERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not any(t.is_alive() for t in threads), "a worker is stuck"
    return results


def test_workers_at_the_same_instant_queue_one_digest(
        engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    do_sync(engine, deployment(tmp_path, (task("1.1"),)), msk(2023, 9, 1))
    # A new deployment: every worker finds no digest clock and starts it; none fails.
    first = _race(engine, (2023, 9, 28, 8, 5))
    assert first == [False] * WORKERS
    with Session(engine) as s:
        assert s.get(MetaRow, digests.META_KEY) is not None

    # Collecting the digest takes a while (a big deployment): every worker is inside its
    # transaction at once, which is when two could both read the old clock and both queue.
    real = digests.collect

    def slow_collect(*args, **kwargs):  # type: ignore[no-untyped-def]
        time.sleep(0.3)
        return real(*args, **kwargs)

    monkeypatch.setattr(digests, "collect", slow_collect)
    second = _race(engine, (2023, 10, 2, 8, 5))  # Monday, after the 08:00 instant
    assert sorted(second, key=str) == [False] * (WORKERS - 1) + [True], second
    with Session(engine) as s:
        rows = list(s.exec(select(LedgerRow).where(col(LedgerRow.step) == "digest")))
        meta = s.get(MetaRow, digests.META_KEY)
    assert len(rows) == 1
    assert meta is not None and meta.value.startswith("2023-10-02T08:00")
