"""Which Telegram chats belong to which executor, and the one-time codes that tie them.

Two tables in the store's database (``telegram_link_code``, ``telegram_chat``: models and
migration in reminder.store), apart from ``executor.telegram``, because a chat linked through
the bot must survive YAML reloads, which rewrite that column. A chat is the executor's when
it was linked with a code, or when the directory lists it. Codes are used once and expire.

A code has 40 bits (8 characters of 32): a plain SHA-256 of one is found by trying them all
in minutes, so a table of them that leaked would hand out live codes. They are kept as
HMAC-SHA-256 under a random 256-bit key kept in the same database's ``meta`` table (made on
first use; every daemon sharing a PostgreSQL database reads the same one), so the codes
table alone, a log or an export of it, gives nothing away. Codes issued before the key
existed (plain SHA-256) were deleted by migration 0004: they must be issued again.

Guessing codes through the bot is rate-limited per chat (``telegram_link_attempt``, also in
the database, so it holds across daemons): after MAX_WRONG_CODES wrong codes within
WRONG_CODE_WINDOW the chat is locked out for LOCKOUT, during which no code is even looked
at, the right one included.

The Telegram channel reads the linked and dead chats from here and records the chats it finds
dead or migrated; the bot (reminder.bot) links chats and lists an executor's open items. This
module imports neither: the store sits below both.
"""

from __future__ import annotations

import difflib
import hashlib
import hmac
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
    LinkAttemptRow,
    LinkCodeRow,
    MetaRow,
    OccurrenceRow,
    PlanRow,
    TaskRow,
)
from reminder.store.upsert import insert_for

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read over the phone
CODE_LENGTH = 8  # 32**8 ≈ 10**12 codes; each lives CODE_TTL and works once
CODE_TTL = timedelta(hours=72)
CODE_KEY = "telegram_link_code_key"  # meta row: the HMAC key, 64 hex digits

# /start CODE from one chat: this many wrong codes within the window lock the chat out. Five
# tries an hour against 10**12 codes, of which a few are live: guessing one takes ages.
MAX_WRONG_CODES = 5
WRONG_CODE_WINDOW = timedelta(minutes=10)
LOCKOUT = timedelta(hours=1)

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


def _insert(engine: Engine):  # type: ignore[no-untyped-def]
    """INSERT ... ON CONFLICT for the engine's dialect (both name it the same way)."""
    return insert_for(engine.dialect)


def code_key(engine: Engine) -> bytes:
    """The database's HMAC key for link codes, made on first use.

    Two daemons making it at once both insert ON CONFLICT DO NOTHING and then read back the
    one that won, so every process hashes with the same key."""
    with Session(engine) as s:
        row = s.get(MetaRow, CODE_KEY)
    if row is None:
        with transaction(engine) as s:
            s.execute(_insert(engine)(MetaRow).values(key=CODE_KEY,
                                                      value=secrets.token_hex(32))
                      .on_conflict_do_nothing(index_elements=["key"]))
        with Session(engine) as s:
            row = s.get(MetaRow, CODE_KEY)
    assert row is not None  # inserted above, by this process or another
    return bytes.fromhex(row.value)


def _hash(key: bytes, code: str) -> str:
    """The stored form of a code: HMAC-SHA-256 of its normalised text under ``key``."""
    return hmac.new(key, code.strip().upper().encode(), hashlib.sha256).hexdigest()


def new_code(engine: Engine, executor_id: str, now: datetime, ttl: timedelta = CODE_TTL,
             known: Collection[str] | None = None) -> str:
    """A fresh one-time code for ``executor_id``.

    ``known`` is the directory's executor ids (from the YAML, which may be newer than the
    database); without it the database's executors are asked. Raises LinkError for an unknown
    id, naming the closest known ones.
    """
    if known is None:
        with Session(engine) as s:
            known = set(s.exec(select(ExecutorRow.id)).all())
    if executor_id not in known:  # before the key is made: a mistake writes nothing
        near = difflib.get_close_matches(executor_id, sorted(known), n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(near)}?" if near else ""
        raise LinkError(f"unknown executor {executor_id!r}{hint}")
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    key = code_key(engine)
    with transaction(engine) as s:
        s.add(LinkCodeRow(code_hash=_hash(key, code), executor_id=executor_id,
                          created_at=_utc(now), expires_at=_utc(now + ttl)))
    return code


def redeem(engine: Engine, code: str, chat_id: str, now: datetime) -> ExecutorRow | None:
    """Tie ``chat_id`` to the code's executor; None when the code is wrong, used or expired.

    No rate limit: the bot calls `attempt_link`, which adds it."""
    key = code_key(engine)
    with transaction(engine) as s:
        return _redeem(s, key, code, chat_id, now)


def _redeem(s: Session, key: bytes, code: str, chat_id: str, now: datetime
            ) -> ExecutorRow | None:
    """`redeem` inside the caller's transaction.

    The code is spent by a guarded UPDATE (``used_at IS NULL``), so two chats racing with one
    code cannot both win.
    """
    hashed = _hash(key, code)
    spent = s.exec(update(LinkCodeRow).where(  # type: ignore[call-overload]
        col(LinkCodeRow.code_hash) == hashed, col(LinkCodeRow.used_at).is_(None),
        col(LinkCodeRow.expires_at) > _utc(now),
    ).values(used_at=_utc(now), used_by_chat=chat_id))
    if spent.rowcount != 1:
        return None
    row = s.get(LinkCodeRow, hashed)
    executor = s.get(ExecutorRow, row.executor_id) if row else None
    if executor is None:
        return None
    link = s.get(ChatLinkRow, chat_id) or ChatLinkRow(
        chat_id=chat_id, executor_id=executor.id, linked_at=_utc(now))
    link.executor_id, link.linked_at, link.dead_at, link.dead_reason = (
        executor.id, _utc(now), None, None)
    s.add(link)
    s.flush()
    s.expunge(executor)
    return executor


@dataclass(frozen=True)
class LinkAttempt:
    """What came of ``/start CODE``: the executor linked, or why not.

    ``locked_until`` is set when the chat is locked out: either it already was (the code was
    not looked at) or this wrong code was the last one allowed (``locked_now``)."""

    executor: ExecutorRow | None
    locked_until: datetime | None = None
    locked_now: bool = False
    failures: int = 0


def attempt_link(engine: Engine, code: str, chat_id: str, now: datetime) -> LinkAttempt:
    """`redeem` behind the per-chat rate limit (see the module docstring).

    One transaction reads the chat's attempt row ``FOR UPDATE`` (PostgreSQL; SQLite's write
    lock serialises anyway), so two daemons answering the same chat count every attempt."""
    key = code_key(engine)
    with transaction(engine) as s:
        s.execute(_insert(engine)(LinkAttemptRow).values(
            chat_id=chat_id, failures=0, window_start=_utc(now))
            .on_conflict_do_nothing(index_elements=["chat_id"]))
        row = s.get(LinkAttemptRow, chat_id, with_for_update=True)
        assert row is not None  # inserted above when missing
        if row.locked_until is not None and row.locked_until > now:
            return LinkAttempt(None, row.locked_until)
        executor = _redeem(s, key, code, chat_id, now)
        if executor is not None:
            s.delete(row)  # a chat that got in starts afresh
            return LinkAttempt(executor)
        if row.locked_until is not None or now - row.window_start > WRONG_CODE_WINDOW:
            # a lockout that ended, or a window that passed: count from this attempt
            row.failures, row.window_start, row.locked_until = 0, _utc(now), None
        row.failures += 1
        if row.failures >= MAX_WRONG_CODES:
            row.locked_until = _utc(now + LOCKOUT)
            s.add(row)
            return LinkAttempt(None, row.locked_until, locked_now=True, failures=row.failures)
        s.add(row)
        return LinkAttempt(None, failures=row.failures)


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
    role: str = "lead"  # the executor's role in the task: lead or co


def open_items(engine: Engine, executor_id: str) -> list[OpenItem]:
    """The executor's open items, earliest due first."""
    with Session(engine) as s:
        rows = s.exec(
            select(OccurrenceRow, TaskRow, AssignmentRow.role)
            .join(TaskRow, col(TaskRow.key) == col(OccurrenceRow.task_key))
            .join(AssignmentRow, col(AssignmentRow.task_key) == col(TaskRow.key))
            .join(PlanRow, col(PlanRow.id) == col(TaskRow.plan_id))
            .where(col(AssignmentRow.executor_id) == executor_id,
                   col(AssignmentRow.role).in_(ACTING_ROLES),
                   col(OccurrenceRow.status) == "open", col(TaskRow.archived).is_(False),
                   col(TaskRow.status) == "open", col(PlanRow.archived).is_(False),
                   col(PlanRow.status) == "open")  # a closed plan's items are not offered
            .order_by(col(OccurrenceRow.due), col(TaskRow.key))
        ).all()
        return [OpenItem(task.key, occ.id or 0, task.plan_id, task.number, task.title, occ.due,
                         occurrence_token(task.plan_id, task.number, occ.due), role)
                for occ, task, role in rows]


def lead_chats(engine: Engine, task_key: str) -> tuple[str | None, tuple[str, ...]]:
    """The task's lead executor id and the live Telegram chats that reach it (linked by code
    or listed in the directory)."""
    with Session(engine) as s:
        lead = s.exec(select(AssignmentRow.executor_id).where(
            col(AssignmentRow.task_key) == task_key, col(AssignmentRow.role) == "lead")).first()
    if lead is None:
        return None, ()
    with Session(engine) as s:
        row = s.get(ExecutorRow, lead)
    listed = tuple(c for c in (row.telegram.split("\n") if row else ()) if c)
    return lead, live_chats(listed, linked_chats(engine).get(lead, ()), dead_chats(engine))


def live_chats(listed: tuple[str, ...], linked: tuple[str, ...], dead: set[str]
               ) -> tuple[str, ...]:
    """A recipient's chats: those the directory lists, then those linked with a code, once
    each, without the ones the bot can no longer reach."""
    return tuple(c for c in dict.fromkeys((*listed, *linked)) if c not in dead)
