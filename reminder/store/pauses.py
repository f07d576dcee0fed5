"""A channel's server asked everyone to wait (Telegram's flood control, 429 with retry_after):
the pause is kept in the database, so every daemon sharing it holds back, not only the one
that was told."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from reminder.store.models import MetaRow
from reminder.store.upsert import insert_for

_PREFIX = "pause:"


def pause(engine: Engine, channel: str, now: datetime, seconds: float) -> datetime:
    """Hold back every send on ``channel`` for ``seconds`` from ``now``; a longer pause already
    recorded stays. Returns the end of the pause."""
    until = now + timedelta(seconds=seconds)
    insert = insert_for(engine.dialect)
    stmt = insert(MetaRow).values(key=_PREFIX + channel, value=until.isoformat())
    with engine.begin() as conn:
        current = conn.execute(select(MetaRow.value).where(
            col(MetaRow.key) == _PREFIX + channel)).scalar()
        if current is not None and datetime.fromisoformat(current) >= until:
            return datetime.fromisoformat(current)
        conn.execute(stmt.on_conflict_do_update(index_elements=["key"],
                                                set_={"value": until.isoformat()}))
    return until


def paused(engine: Engine, now: datetime) -> dict[str, datetime]:
    """The channels held back at ``now``, with the end of each pause."""
    with Session(engine) as s:
        rows = s.exec(select(MetaRow).where(col(MetaRow.key).startswith(_PREFIX))).all()
    out = {}
    for row in rows:
        until = datetime.fromisoformat(row.value)
        if until > now:
            out[row.key.removeprefix(_PREFIX)] = until
    return out
