"""Ledger retention: rows that are finished (``sent``, ``superseded``, ``failed``) and older
than ``ledger.retention_days`` are deleted, once a day, in small batches.

Rows still owed (``pending``, ``sending``) are never touched, whatever their age: a reminder
is owed until it is delivered or a person acts. Age is the row's send time (``send_at``, the
indexed column the claim uses too), and a row sent within the retention after a long outage
is kept until that send is as old. The ledger key keeps a reminder from being planned twice
only while its row exists; the planner never goes back further than the schedule's own
``next_at``, so a pruned key is never planned again (an old rung is not "due" any more).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, or_, select, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from reminder.store.models import LedgerRow, MetaRow
from reminder.store.upsert import insert_for

PRUNABLE = ("sent", "superseded", "failed")
META_KEY = "ledger_pruned_at"  # when a daemon last claimed the day's pruning (UTC, ISO)
PRUNED_KEY = "ledger_pruned_before"  # the latest cutoff rows were deleted at (UTC, ISO)
EVERY = timedelta(days=1)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _stamp(at: datetime) -> str:
    # One fixed form, so the stamps compare as text in the guarded UPDATE below.
    return at.astimezone(UTC).isoformat(timespec="seconds")


def claim_day(engine: Engine, now: datetime, every: timedelta = EVERY) -> bool:
    """Whether this caller prunes now: True for one caller per ``every`` among the daemons
    (and `reminder tick` runs) sharing the database. A guarded conditional UPDATE of one meta
    row, so two callers at the same instant cannot both get it."""
    insert = insert_for(engine.dialect)
    with engine.begin() as conn:
        conn.execute(insert(MetaRow).values(key=META_KEY, value=_stamp(_EPOCH))
                     .on_conflict_do_nothing(index_elements=["key"]))
        taken = conn.execute(update(MetaRow).where(
            col(MetaRow.key) == META_KEY, col(MetaRow.value) <= _stamp(now - every))
            .values(value=_stamp(now)))
        return taken.rowcount == 1


def prune_batch(engine: Engine, cutoff: datetime, limit: int = 500) -> int:
    """Delete up to ``limit`` finished rows whose send time (and, for a sent row, delivery)
    is before ``cutoff``; returns how many. One short transaction: call it until it returns
    fewer than ``limit``."""
    old = select(col(LedgerRow.id)).where(
        col(LedgerRow.status).in_(PRUNABLE), col(LedgerRow.send_at) < cutoff,
        or_(col(LedgerRow.sent_at).is_(None), col(LedgerRow.sent_at) < cutoff),
    ).limit(limit)
    with engine.begin() as conn:
        n = conn.execute(delete(LedgerRow).where(
            col(LedgerRow.id).in_(old.scalar_subquery()))).rowcount
        if n:  # from now on the ledger cannot say what happened before the cutoff
            stamp = _stamp(cutoff)
            conn.execute(insert_for(engine.dialect)(MetaRow).values(key=PRUNED_KEY, value=stamp)
                         .on_conflict_do_update(index_elements=["key"], set_={"value": stamp},
                                                where=col(MetaRow.value) < stamp))
        return n


def pruned_before(s: Session) -> datetime | None:
    """Before when the ledger may be missing finished rows (the latest cutoff a prune
    deleted rows at); None if nothing was ever pruned."""
    row = s.get(MetaRow, PRUNED_KEY)
    return datetime.fromisoformat(row.value) if row is not None else None


def prune(engine: Engine, now: datetime, days: int, limit: int = 500) -> int:
    """Every finished row older than ``days`` (0: keep everything), batch by batch; returns
    how many were deleted. For `reminder tick`; the daemon runs the batches itself, feeding
    its watchdog between them."""
    if not days:
        return 0
    total = 0
    while True:
        n = prune_batch(engine, now - timedelta(days=days), limit)
        total += n
        if n < limit:
            return total
