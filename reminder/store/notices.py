"""Notices owed to people about events on items (reminder.messages.notice): written in the
transaction of the event, queued in the ledger by the tick on the recipient's channel, and
from then on sent, retried and recorded like every reminder."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import func, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from reminder.messages.notice import QUESTIONS, Notice
from reminder.store import ledger
from reminder.store.db import transaction
from reminder.store.keys import LedgerKey
from reminder.store.models import ExecutorRow, LedgerRow, NoticeRow

NO_CHANNEL = "none"  # as the tick's: nobody reachable; the ledger row fails and says why


def owe(s: Session, notice: Notice, recipient_id: str, now: datetime,
        occurrence_id: int | None = None) -> None:
    """Record that ``recipient_id`` is to be told ``notice`` (in the caller's transaction)."""
    s.add(NoticeRow(occurrence_id=occurrence_id, request_id=notice.request_id,
                    event=notice.event, recipient_id=recipient_id, created_at=now,
                    payload=notice.to_json()))


def queue(engine: Engine, channel_of: Callable[[ExecutorRow], str | None],
          now: datetime) -> int:
    """Turn every notice not yet queued into a pending ledger row, due ``now``, on the
    channel ``channel_of`` picks for its recipient. Returns how many were queued.

    The unique ledger key makes a second queueing of the same notice (two daemons at once)
    a no-op, and ``queued_at`` is set in the same transaction."""
    with transaction(engine) as s:
        rows = list(s.exec(select(NoticeRow).where(col(NoticeRow.queued_at).is_(None))
                           .order_by(col(NoticeRow.id)).with_for_update(skip_locked=True)))
        if not rows:
            return 0
        people = {e.id: e for e in s.exec(select(ExecutorRow).where(
            col(ExecutorRow.id).in_({r.recipient_id for r in rows})))}
        pending = []
        for row in rows:
            person = people.get(row.recipient_id)
            channel = (channel_of(person) if person is not None else None) or NO_CHANNEL
            pending.append(dict(
                key=str(LedgerKey.for_notice(row.id or 0, row.recipient_id, channel)),
                occurrence_id=None, recipient_id=row.recipient_id, step="notice",
                stage="notice", channel=channel, send_at=now, status="pending",
                catch_up=False, item=row.payload, attempts=0))
            row.queued_at = now
            s.add(row)
        s.flush()
        ledger.insert_pending(s, pending)
        return len(rows)


def retract_questions(s: Session, request_id: int, now: datetime) -> None:
    """A request was answered (or withdrawn): its question to the coordinator is not sent if
    it has not gone yet (not queued: never queued; queued: its pending ledger row retired)."""
    rows = list(s.exec(select(NoticeRow).where(col(NoticeRow.request_id) == request_id,
                                               col(NoticeRow.event).in_(QUESTIONS))))
    for row in rows:
        if row.queued_at is None:
            row.queued_at = now  # nothing to send any more
            s.add(row)
            continue
        s.exec(update(LedgerRow).where(  # type: ignore[call-overload]
            col(LedgerRow.key).startswith(f"notice@{row.id}|"),
            col(LedgerRow.status) == "pending").values(
                status="superseded", error="answered before it was sent"))


def oldest_unqueued(s: Session) -> datetime | None:
    """When the oldest notice not yet queued was written (the daemon wakes for it)."""
    return s.exec(select(func.min(NoticeRow.created_at)).where(
        col(NoticeRow.queued_at).is_(None))).one()
