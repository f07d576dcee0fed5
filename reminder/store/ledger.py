"""The ledger of reminders: a row per (occurrence@due, recipient, step, channel), written
``pending`` before anything is sent, claimed by a guarded conditional UPDATE, then marked.

The claim repeats ``status = 'pending'`` in the outer UPDATE even where the inner SELECT
already filters on it: on PostgreSQL, ``UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP
LOCKED)`` alone re-evaluates nothing after waiting on a row another worker just claimed, and
sent a third of 20,000 rows twice with 4 workers (DESIGN.md, "Traps"). SQLite hides the bug.
"""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import date, datetime, timedelta

from sqlalchemy import Update, bindparam, func, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from reminder.messages.model import Item
from reminder.schedule.retry import retry_wait
from reminder.store.db import transaction
from reminder.store.models import LedgerRow
from reminder.store.upsert import insert_for

_DATES = ("window_start", "due", "nominal_due", "more_time_asked")  # ISO in JSON


def item_to_json(item: Item) -> str:
    """An Item as stored in the ledger (a snapshot: the message says what was true then)."""
    data = {f.name: getattr(item, f.name) for f in fields(item)}  # shallow: asdict is slow
    for k in _DATES:
        data[k] = data[k].isoformat() if data[k] else None
    data["also_overdue"] = [d.isoformat() for d in item.also_overdue]
    return json.dumps(data, ensure_ascii=False)


def item_from_json(raw: str) -> Item:
    """The inverse of item_to_json."""
    data = json.loads(raw)
    for k in _DATES:  # a row written before a field existed lacks it: the Item's default
        if data.get(k):
            data[k] = date.fromisoformat(data[k])
    data["others"] = tuple(data["others"])  # JSON gave a list
    data["also_overdue"] = tuple(date.fromisoformat(d) for d in data.get("also_overdue", ()))
    return Item(**data)


def insert_pending(session: Session, rows: list[dict]) -> None:
    """Insert ledger rows; a key already there is left alone (a second planner, a rerun)."""
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    ins = insert_for(dialect)(LedgerRow)
    # executemany: one cached statement, batched by the driver layer under each database's
    # parameter limit (a multi-row VALUES literal would be recompiled for every size).
    stmt = ins.on_conflict_do_nothing(index_elements=["key"])
    session.execute(stmt, rows)


def supersede(session: Session, pairs: dict[tuple[int, str], str]) -> None:
    """Older pending rungs give way to the newer one planned now for the same occurrence and
    recipient (``pairs`` maps (occurrence id, recipient) to the new step): after downtime a
    recipient hears only the latest stage. One indexed read, usually empty, and one UPDATE."""
    if not pairs:
        return
    occ_ids = {o for o, _ in pairs}
    stale = [
        row_id for row_id, occ, rid, step in session.exec(
            select(LedgerRow.id, LedgerRow.occurrence_id, LedgerRow.recipient_id,
                   LedgerRow.step).where(col(LedgerRow.occurrence_id).in_(occ_ids),
                                         col(LedgerRow.status) == "pending"))
        if occ is not None and (occ, rid) in pairs and pairs[(occ, rid)] != step
    ]
    if stale:
        session.exec(update(LedgerRow)  # type: ignore[call-overload]
                     .where(col(LedgerRow.id).in_(stale), col(LedgerRow.status) == "pending")
                     .values(status="superseded")
                     .execution_options(synchronize_session=False))


def claim_statement(dialect: str, worker: str, now: datetime, limit: int,
                    claimed_at: datetime | None = None) -> Update:
    """The guarded claim: ``UPDATE ledger SET status='sending' ... WHERE id IN (SELECT id ...
    WHERE status='pending' ... LIMIT n [FOR UPDATE SKIP LOCKED]) AND status='pending'``.
    Rows due by ``now``, stamped ``claimed_at`` (default ``now``)."""
    due = (col(LedgerRow.status) == "pending", col(LedgerRow.send_at) <= now)
    inner = select(LedgerRow.id).where(*due).order_by(
        col(LedgerRow.send_at), col(LedgerRow.id)).limit(limit)
    if dialect == "postgresql":
        inner = inner.with_for_update(skip_locked=True)
    return (
        update(LedgerRow)
        .where(col(LedgerRow.id).in_(inner.scalar_subquery()))
        .where(col(LedgerRow.status) == "pending")  # the guard: see the module docstring
        .values(status="sending", claimed_by=worker, claimed_at=claimed_at or now,
                attempts=LedgerRow.attempts + 1)
        .returning(col(LedgerRow.id))
    )


def claim(engine: Engine, worker: str, now: datetime, limit: int = 500,
          claimed_at: datetime | None = None) -> list[LedgerRow]:
    """Claim up to ``limit`` pending rows due by ``now`` for ``worker``; each row goes to one
    worker. ``claimed_at`` (default ``now``) starts the claim's lease: a later batch of a
    long tick is stamped with the time it was really claimed, not the tick's start."""
    stmt = claim_statement(engine.dialect.name, worker, now, limit, claimed_at)
    with transaction(engine) as s:
        ids = [r[0] for r in s.execute(stmt)]
        if not ids:
            return []
        return list(s.exec(select(LedgerRow).where(col(LedgerRow.id).in_(ids))))


_MARK_SENT = (
    update(LedgerRow)
    .where(col(LedgerRow.id).in_(bindparam("ids", expanding=True)),
           col(LedgerRow.status) == "sending",
           col(LedgerRow.claimed_by) == bindparam("worker"))
    .values(status="sent", sent_at=bindparam("now"), error=None)
)


def mark_sent(engine: Engine, ids: list[int], worker: str, now: datetime) -> int:
    """Record a delivery; only rows this worker still holds change."""
    # A bare connection, not a Session: this runs once per message, and the ORM's bookkeeping
    # for an UPDATE cost more than the write itself.
    with engine.begin() as conn:
        res = conn.execute(_MARK_SENT, {"ids": ids, "worker": worker, "now": now})
        return res.rowcount


def mark_failed(engine: Engine, rows: list[LedgerRow], worker: str, now: datetime, reason: str,
                *, permanent: bool, server_wait: float | None = None) -> None:
    """A failed send. Permanent: failed for good, with the reason kept for the coordinator.
    Otherwise pending again, due after the retry policy's wait (reminder.schedule.retry):
    a transient failure never becomes permanent on its own."""
    # One wait for the whole message: rows retried together stay one message (a wait drawn
    # per row would split a recipient's message into one email per item).
    tries = max((row.attempts for row in rows), default=1)
    wait = timedelta(seconds=retry_wait(tries, server_wait))
    with engine.begin() as s:
        for row in rows:
            s.execute(update(LedgerRow).where(
                col(LedgerRow.id) == row.id, col(LedgerRow.status) == "sending",
                col(LedgerRow.claimed_by) == worker).values(
                status="failed" if permanent else "pending", error=reason[:500],
                send_at=row.send_at if permanent else now + wait))


def hand_over(engine: Engine, rows: list[LedgerRow], worker: str, reason: str) -> None:
    """Rows this worker holds whose items go by another channel instead (their own channel
    kept failing): superseded by the new rows, with the reason kept."""
    with engine.begin() as conn:
        conn.execute(update(LedgerRow).where(
            col(LedgerRow.id).in_([r.id for r in rows]), col(LedgerRow.status) == "sending",
            col(LedgerRow.claimed_by) == worker).values(status="superseded", error=reason[:500]))


def renew(engine: Engine, ids: list[int], worker: str, now: datetime) -> int:
    """Restart the lease of the rows among ``ids`` that ``worker`` still holds (``sending``,
    claimed by it): a batch that outlasts the lease (a slow mail server) keeps its rows, where
    another daemon's ``recover`` would otherwise hand them out again and both would send.
    One indexed UPDATE; returns how many rows it renewed."""
    if not ids:
        return 0
    with engine.begin() as conn:
        return conn.execute(update(LedgerRow).where(
            col(LedgerRow.id).in_(ids), col(LedgerRow.status) == "sending",
            col(LedgerRow.claimed_by) == worker).values(claimed_at=now)).rowcount


def recover(engine: Engine, now: datetime, lease: timedelta | None) -> int:
    """Rows left ``sending`` by a worker that died (killed between claim and record) go back
    to ``pending`` and are sent again (at least once). ``lease`` None: every such row, for a
    process that holds the SQLite daemon lock and so knows no one else is sending (comparing
    times would trust a clock that may have stepped back); otherwise those claimed more than
    ``lease`` ago."""
    stmt = update(LedgerRow).where(col(LedgerRow.status) == "sending")
    if lease is not None:
        stmt = stmt.where(col(LedgerRow.claimed_at) <= now - lease)
    with engine.begin() as conn:
        return conn.execute(stmt.values(status="pending")).rowcount


def next_send_at(session: Session) -> datetime | None:
    """The earliest pending send (an indexed MIN), for the daemon's sleep."""
    return session.exec(select(func.min(LedgerRow.send_at)).where(
        col(LedgerRow.status) == "pending")).one()


def retrying(session: Session, min_attempts: int) -> list[LedgerRow]:
    """Reminders still owed after ``min_attempts`` failed tries (transient failures, retried
    with backoff until delivered): what `reminder status` and the digest show as failing."""
    return list(session.exec(select(LedgerRow).where(
        col(LedgerRow.status) == "pending", col(LedgerRow.attempts) >= min_attempts,
        col(LedgerRow.error).is_not(None)).order_by(col(LedgerRow.send_at))))
