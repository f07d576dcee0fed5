"""Claims on PostgreSQL: several workers racing over the same pending rows must never claim one
twice. The bug this guards against is invisible on SQLite (DESIGN.md, "Traps"), so this runs
on a real server: set REMINDER_TEST_DATABASE_URL, e.g.
postgresql+psycopg://postgres@127.0.0.1:5432/test. Each run uses its own schema."""

from __future__ import annotations

import os
import threading
import uuid
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

from reminder.store import ledger
from reminder.store.db import open_store, transaction
from reminder.store.models import OccurrenceRow, PlanRow, TaskRow

URL = os.environ.get("REMINDER_TEST_DATABASE_URL")
ROWS, WORKERS = 20_000, 4
NOW = datetime(2023, 10, 2, 6, 0, tzinfo=UTC)


def _seed(engine: Engine, n: int) -> None:
    with transaction(engine) as s:
        s.add(PlanRow(id="p", title="p"))
        s.flush()
        s.add(TaskRow(key="p/1", plan_id="p", number="1", title="t"))
        s.flush()
        s.add(OccurrenceRow(id=1, task_key="p/1", seq=0, due=date(2023, 10, 2),
                            nominal_due=date(2023, 10, 2)))
        s.flush()
        ledger.insert_pending(s, [dict(
            key=f"1@2023-10-02|r{i}|due|outbox", occurrence_id=1, recipient_id=f"r{i}",
            step="due", stage="due", channel="outbox", send_at=NOW, status="pending",
            catch_up=False, item="{}", attempts=0) for i in range(n)])


def _race(engine: Engine) -> Counter:
    claimed: Counter = Counter()
    lock = threading.Lock()
    start = threading.Barrier(WORKERS)

    def work(name: str) -> None:
        start.wait()
        while True:
            rows = ledger.claim(engine, name, NOW, limit=50)
            if not rows:
                return
            with lock:
                claimed.update(r.id for r in rows)
            ledger.mark_sent(engine, [r.id for r in rows if r.id], name, NOW)

    threads = [threading.Thread(target=work, args=(f"w{i}",)) for i in range(WORKERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return claimed


def _check(engine: Engine) -> None:
    claimed = _race(engine)
    duplicates = sum(c - 1 for c in claimed.values())
    with engine.connect() as c:
        statuses = dict(c.execute(text("SELECT status, count(*) FROM ledger GROUP BY status"))
                        .tuples().all())
    assert duplicates == 0
    assert len(claimed) == ROWS and statuses == {"sent": ROWS}


@pytest.fixture
def pg_engine() -> Engine:
    if not URL:
        pytest.skip("REMINDER_TEST_DATABASE_URL is not set: PostgreSQL claim races not run")
    schema = f"t_{uuid.uuid4().hex[:10]}"
    admin = create_engine(URL)
    with admin.begin() as c:
        c.execute(text(f"CREATE SCHEMA {schema}"))
    sep = "&" if "?" in URL else "?"
    engine = open_store(f"{URL}{sep}options=-csearch_path%3D{schema}")
    engine.pool.dispose()
    engine = create_engine(engine.url, pool_size=WORKERS + 2)
    yield engine
    engine.dispose()
    with admin.begin() as c:
        c.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


def test_postgres_workers_never_claim_a_row_twice(pg_engine: Engine) -> None:
    _seed(pg_engine, ROWS)
    _check(pg_engine)


def test_sqlite_workers_never_claim_a_row_twice(tmp_path: Path) -> None:
    engine = open_store(f"sqlite:///{tmp_path / 'claims.sqlite'}")
    _seed(engine, ROWS // 4)
    claimed = _race(engine)
    assert len(claimed) == ROWS // 4 and set(claimed.values()) == {1}


def test_the_claim_repeats_the_pending_guard_outside_the_locked_subquery() -> None:
    """The duplicate sends of DESIGN.md's trap need a particular plan to show up (a rescanned
    subquery); this pins the SQL shape that prevents them, whatever plan the server picks."""
    from sqlalchemy.dialects import postgresql

    stmt = ledger.claim_statement("postgresql", "w", NOW, 50)
    sql = " ".join(str(stmt.compile(dialect=postgresql.dialect())).split())
    assert "WHERE ledger.status = %(status_1)s AND ledger.send_at <=" in sql  # inner
    assert "FOR UPDATE SKIP LOCKED) AND ledger.status = %(status_2)s RETURNING" in sql  # outer
    params = stmt.compile(dialect=postgresql.dialect()).params
    assert params["status_1"] == params["status_2"] == "pending"
