"""Ledger retention: finished rows (sent, superseded, failed) older than ``ledger.retention_days``
are deleted in small batches, once a day among every daemon and tick sharing the database;
rows still owed (pending, sending) never are, however old. On SQLite and PostgreSQL."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from reminder.cli import main
from reminder.store import retention
from reminder.store.db import open_store, transaction
from reminder.store.ledger import insert_pending
from reminder.store.models import LedgerRow
from tests.store.cli_fixture import make_deployment

NOW = datetime(2025, 6, 2, 9, 0, tzinfo=UTC)
OLD = NOW - timedelta(days=500)
RECENT = NOW - timedelta(days=30)


def _row(name: str, status: str, send_at: datetime, sent_at: datetime | None = None) -> dict:
    return dict(key=f"digest@{name}|sec|digest|outbox", occurrence_id=None, recipient_id="sec",
                step="digest", stage="digest", channel="outbox", send_at=send_at,
                status=status, catch_up=False, item="{}", attempts=1, sent_at=sent_at,
                claimed_at=send_at if status == "sending" else None)


FINISHED = [_row("old-sent", "sent", OLD, OLD), _row("old-superseded", "superseded", OLD),
            _row("old-failed", "failed", OLD), _row("old-sent-2", "sent", OLD, OLD),
            _row("recent-sent", "sent", RECENT, RECENT),
            _row("late-sent", "sent", OLD, RECENT)]  # owed for long, delivered lately
OWED = [_row("old-pending", "pending", OLD),  # a transient failure, retried for a year
        _row("old-sending", "sending", OLD)]  # its daemon died; recover() owns it


def _seed(engine: Engine, rows: list[dict]) -> None:
    with transaction(engine) as s:
        insert_pending(s, rows)


def _left(engine: Engine) -> set[str]:
    with Session(engine) as s:
        return {r.key.split("|")[0].removeprefix("digest@") for r in s.exec(select(LedgerRow))}


def test_finished_rows_older_than_the_retention_go_in_batches(engine: Engine) -> None:
    _seed(engine, FINISHED + OWED)
    assert retention.prune_batch(engine, NOW - timedelta(days=400), limit=2) == 2
    assert retention.prune(engine, NOW, 400, limit=2) == 2  # the rest, two at a time
    assert _left(engine) == {"old-pending", "old-sending", "recent-sent", "late-sent"}
    assert retention.prune(engine, NOW, 0) == 0  # 0 keeps everything
    assert retention.prune(engine, NOW + timedelta(days=1000), 0) == 0
    assert len(_left(engine)) == 4


def test_the_day_is_claimed_by_one_caller(engine: Engine) -> None:
    assert retention.claim_day(engine, NOW)
    assert not retention.claim_day(engine, NOW)  # a second daemon at the same instant
    assert not retention.claim_day(engine, NOW + timedelta(hours=23))
    assert retention.claim_day(engine, NOW + timedelta(days=1))


def test_tick_prunes_once_a_day_with_the_configured_retention(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    conf = make_deployment(tmp_path)
    engine = open_store(f"sqlite:///{tmp_path / 'state' / 'reminder.sqlite'}")
    _seed(engine, FINISHED)  # (owed rows would be sent by the tick: these are fakes)
    engine.dispose()
    assert main(["tick", "--config", str(conf), "--now", NOW.isoformat()]) == 0
    assert "ledger: pruned 4 rows older than 400 days" in capsys.readouterr().out
    _seed(engine, FINISHED)  # the same old rows once more: the day's pruning is done
    assert main(["tick", "--config", str(conf), "--now", (NOW + timedelta(hours=2)).isoformat()]
                ) == 0
    assert "pruned" not in capsys.readouterr().out
    with engine.connect() as c:
        statuses = Counter(dict(c.execute(text(
            "SELECT status, count(*) FROM ledger WHERE recipient_id = 'sec' AND step = 'digest'"
            " AND key LIKE 'digest@old%' GROUP BY status")).tuples().all()))
    engine.dispose()
    assert statuses == Counter({"sent": 2, "superseded": 1, "failed": 1})


@pytest.mark.parametrize(("value", "ok"), [("0", True), ("30", True), ("-1", False),
                                           ("forever", False)])
def test_the_retention_key(tmp_path: Path, value: str, ok: bool,
                           capsys: pytest.CaptureFixture[str]) -> None:
    from reminder.cli._engine import load
    from reminder.cli.errors import UserError

    conf = make_deployment(tmp_path)
    conf.write_text(conf.read_text(encoding="utf-8") + f"ledger:\n  retention_days: {value}\n",
                    encoding="utf-8")
    if ok:
        assert load(str(conf))[1].ledger_retention_days == int(value)
        return
    with pytest.raises(UserError) as caught:
        load(str(conf))
    assert "reminder.yaml:" in str(caught.value) and "retention_days" in str(caught.value)


def test_the_default_retention_is_400_days(tmp_path: Path) -> None:
    from reminder.cli._engine import load

    assert load(str(make_deployment(tmp_path)))[1].ledger_retention_days == 400
