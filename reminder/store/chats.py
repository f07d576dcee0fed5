"""Which Telegram chats belong to which executor, and the one-time codes that tie them.

Two tables in the store's database (``telegram_link_code``, ``telegram_chat``: models and
migration in reminder.store), apart from ``executor.telegram``, because a chat linked through
the bot must survive YAML reloads, which rewrite that column. A chat is the executor's when
it was linked with a code, or when the directory lists it. Codes are kept as SHA-256 hashes,
used once, and expire.

The Telegram channel reads the linked and dead chats from here and records the chats it finds
dead or migrated; the bot (reminder.bot) links chats and lists an executor's open items. This
module imports neither: the store sits below both.
"""

from __future__ import annotations

import difflib
import hashlib
import secrets
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from reminder.store.db import transaction
from reminder.store.models import (
    MIGRATED,
    AssignmentRow,
    ChatLinkRow,
    ExecutorRow,
    LinkCodeRow,
    OccurrenceRow,
    PlanRow,
    TaskRow,
)

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read over the phone
CODE_LENGTH = 8  # 32**8 ≈ 10**12 codes; each lives CODE_TTL and works once
CODE_TTL = timedelta(hours=72)

# Roles whose items an executor closes (and gets buttons for); partners and the involved get
# notices, not tasks to close. The reminder buttons and open_items must agree on it, so both
# read it from here.
ACTING_ROLES = ("lead", "co")


class LinkError(ValueError):
    """An unknown executor (a user mistake on the command line)."""


def occurrence_token(plan_id: str, task_id: str, due: date | None) -> str:
    """A 16-hex-digit token naming one occurrence of one task.

    Telegram limits a button's callback data to 64 bytes, so a button carries this instead of
    ids of unbounded length; the bot compares it with the tokens of the pressing chat's own
    open items (open_items), so a forged token can never reach another executor's item.
    """
    raw = f"{plan_id}\x1f{task_id}\x1f{due.isoformat() if due else '-'}"
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def _utc(moment: datetime) -> datetime:
    # The store's datetime columns take aware values and keep them as UTC.
    return moment.astimezone(UTC)


def _hash(code: str) -> str:
    return hashlib.sha256(code.strip().upper().encode()).hexdigest()


def new_code(engine: Engine, executor_id: str, now: datetime, ttl: timedelta = CODE_TTL,
             known: Collection[str] | None = None) -> str:
    """A fresh one-time code for ``executor_id``.

    ``known`` is the directory's executor ids (from the YAML, which may be newer than the
    database); without it the database's executors are asked. Raises LinkError for an unknown
    id, naming the closest known ones.
    """
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    with transaction(engine) as s:
        ids = set(known) if known is not None else set(s.exec(select(ExecutorRow.id)).all())
        if executor_id not in ids:
            near = difflib.get_close_matches(executor_id, sorted(ids), n=3, cutoff=0.5)
            hint = f"; did you mean {', '.join(near)}?" if near else ""
            raise LinkError(f"unknown executor {executor_id!r}{hint}")
        s.add(LinkCodeRow(code_hash=_hash(code), executor_id=executor_id,
                          created_at=_utc(now), expires_at=_utc(now + ttl)))
    return code


def redeem(engine: Engine, code: str, chat_id: str, now: datetime) -> ExecutorRow | None:
    """Tie ``chat_id`` to the code's executor; None when the code is wrong, used or expired.

    The code is spent by a guarded UPDATE (``used_at IS NULL``), so two chats racing with one
    code cannot both win.
    """
    with transaction(engine) as s:
        spent = s.exec(update(LinkCodeRow).where(  # type: ignore[call-overload]
            col(LinkCodeRow.code_hash) == _hash(code), col(LinkCodeRow.used_at).is_(None),
            col(LinkCodeRow.expires_at) > _utc(now),
        ).values(used_at=_utc(now), used_by_chat=chat_id))
        if spent.rowcount != 1:
            return None
        row = s.get(LinkCodeRow, _hash(code))
        executor = s.get(ExecutorRow, row.executor_id) if row else None
        if executor is None:
            return None
        link = s.get(ChatLinkRow, chat_id) or ChatLinkRow(
            chat_id=chat_id, executor_id=executor.id, linked_at=_utc(now))
        link.executor_id, link.linked_at, link.dead_at, link.dead_reason = (
            executor.id, _utc(now), None, None)
        s.add(link)
        s.expunge(executor)
        return executor


def executor_for_chat(engine: Engine, chat_id: str) -> ExecutorRow | None:
    """The executor this chat belongs to (linked, or listed in the directory), else None."""
    with Session(engine) as s:
        link = s.get(ChatLinkRow, chat_id)
        if link is not None and link.dead_at is None:
            return s.get(ExecutorRow, link.executor_id)
        for row in s.exec(select(ExecutorRow).where(col(ExecutorRow.telegram).contains(chat_id))):
            if chat_id in row.telegram.split("\n"):
                return row
    return None


def linked_chats(engine: Engine) -> dict[str, tuple[str, ...]]:
    """Live linked chats by executor id (for the Telegram channel's addresses)."""
    out: dict[str, list[str]] = {}
    with Session(engine) as s:
        for link in s.exec(select(ChatLinkRow).where(col(ChatLinkRow.dead_at).is_(None))
                           .order_by(col(ChatLinkRow.linked_at))):
            out.setdefault(link.executor_id, []).append(link.chat_id)
    return {k: tuple(v) for k, v in out.items()}


def dead_chats(engine: Engine) -> set[str]:
    """Chats the bot can no longer reach (until they are linked again with a code)."""
    with Session(engine) as s:
        return set(s.exec(select(ChatLinkRow.chat_id).where(
            col(ChatLinkRow.dead_at).is_not(None))).all())


def mark_dead(engine: Engine, chat_id: str, executor_id: str, reason: str,
              now: datetime) -> None:
    """Record that the bot cannot reach this chat any more (blocked, deleted). A chat listed
    in the directory gets a row here too, so it is skipped until linked again."""
    with transaction(engine) as s:
        link = s.get(ChatLinkRow, chat_id) or ChatLinkRow(
            chat_id=chat_id, executor_id=executor_id, linked_at=_utc(now))
        if link.dead_at is None:
            link.dead_at, link.dead_reason = _utc(now), reason[:300]
            s.add(link)


def move_chat(engine: Engine, old: str, new: str, executor_id: str, now: datetime) -> None:
    """A group chat migrated to a supergroup: link the new id, retire the old one."""
    with transaction(engine) as s:
        gone = s.get(ChatLinkRow, old) or ChatLinkRow(
            chat_id=old, executor_id=executor_id, linked_at=_utc(now))
        gone.dead_at, gone.dead_reason = _utc(now), f"{MIGRATED}{new}"
        s.add(gone)
        moved = s.get(ChatLinkRow, new) or ChatLinkRow(
            chat_id=new, executor_id=executor_id, linked_at=_utc(now))
        moved.executor_id, moved.dead_at, moved.dead_reason = executor_id, None, None
        s.add(moved)


@dataclass(frozen=True)
class OpenItem:
    """An open occurrence of a task the executor acts on (lead or co-executor)."""

    task_key: str
    occurrence_id: int
    plan_id: str
    number: str
    title: str
    due: date
    token: str


def open_items(engine: Engine, executor_id: str) -> list[OpenItem]:
    """The executor's open items, earliest due first."""
    with Session(engine) as s:
        rows = s.exec(
            select(OccurrenceRow, TaskRow)
            .join(TaskRow, col(TaskRow.key) == col(OccurrenceRow.task_key))
            .join(AssignmentRow, col(AssignmentRow.task_key) == col(TaskRow.key))
            .join(PlanRow, col(PlanRow.id) == col(TaskRow.plan_id))
            .where(col(AssignmentRow.executor_id) == executor_id,
                   col(AssignmentRow.role).in_(ACTING_ROLES),
                   col(OccurrenceRow.status) == "open", col(TaskRow.archived).is_(False),
                   col(TaskRow.status) == "open", col(PlanRow.archived).is_(False))
            .order_by(col(OccurrenceRow.due), col(TaskRow.key))
        ).all()
        return [OpenItem(task.key, occ.id or 0, task.plan_id, task.number, task.title, occ.due,
                         occurrence_token(task.plan_id, task.number, occ.due))
                for occ, task in rows]
