"""What an email's action link does once its confirmation page is posted: through the store
functions the Telegram bot uses, as the recipient, once.

* done: the lead closes the item (or, under ``close: accept``, reports it for acceptance); a
  co-executor's "done" records their part (history ``part_done``) and owes the lead a notice,
  as the bot does, and the item stays open;
* more time: a request to the coordinator (reminder.store.requests.ask_more_time);
* snooze: no reminders to this recipient about the item for SNOOZE_DAYS days.

Each action writes a history row whose actor is ``email:<recipient>:<token id>``: a link
whose row exists has been used, and says so instead of acting again. The recipient must
still act on the item (lead or co-executor of an open item of an open plan): a link to an
item closed, reassigned or archived since changes nothing.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from reminder.store import actions as store_actions
from reminder.store import chats, requests
from reminder.store.models import ExecutorRow, HistoryRow, OccurrenceRow, PlanRow, TaskRow
from reminder.web.links import DONE, MORE_TIME, SNOOZE, SNOOZE_DAYS, Claim, token_id

VIA = "via email link"


@dataclass(frozen=True)
class Target:
    """What a link is about, for its confirmation page."""

    recipient: str
    recipient_name: str
    language: str
    task_key: str
    plan_title: str
    number: str
    title: str
    due: date
    status: str


@dataclass(frozen=True)
class Outcome:
    """What happened: ``what`` is a key of the page's word table (reminder.web.words)."""

    what: str  # done | reported | part_done | snoozed | asked | asked_again | used | gone
    until: date | None = None


def actor(claim: Claim, token: str) -> str:
    """The history's actor for actions taken with ``token``."""
    return f"email:{claim.recipient}:{token_id(token)}"


def target(engine: Engine, claim: Claim) -> Target | None:
    """The item and recipient a genuine link names; None when either is gone."""
    with Session(engine) as s:
        occ = s.get(OccurrenceRow, claim.occurrence_id)
        task = s.get(TaskRow, occ.task_key) if occ is not None else None
        person = s.get(ExecutorRow, claim.recipient)
        if occ is None or task is None or person is None:
            return None
        plan = s.get(PlanRow, task.plan_id)
        return Target(person.id, person.name, person.language, task.key,
                      plan.title if plan else task.plan_id, task.number, task.title, occ.due,
                      occ.status)


def used(engine: Engine, claim: Claim, token: str) -> bool:
    """Whether an action was taken with this token already."""
    with Session(engine) as s:
        return s.exec(select(HistoryRow.id).where(
            col(HistoryRow.occurrence_id) == claim.occurrence_id,
            col(HistoryRow.actor) == actor(claim, token))).first() is not None


_LOCK = asyncio.Lock()  # one link acted on at a time: "used?" and the action are one step


async def act(engine: Engine, claim: Claim, token: str, now: datetime, tz: ZoneInfo,
              secretariat: str | None) -> Outcome:
    """Do what ``claim`` says, once; see the module docstring."""
    async with _LOCK:
        return perform(engine, claim, token, now, tz, secretariat)


def perform(engine: Engine, claim: Claim, token: str, now: datetime, tz: ZoneInfo,
            secretariat: str | None) -> Outcome:
    """`act` without the lock (for callers that serialise themselves)."""
    if used(engine, claim, token):
        return Outcome("used")
    item = next((i for i in chats.open_items(engine, claim.recipient)
                 if i.occurrence_id == claim.occurrence_id), None)
    if item is None:  # closed, reported, reassigned, archived, or the plan closed
        return Outcome("gone")
    who = actor(claim, token)
    try:
        if claim.action == DONE and item.role != "lead":
            part_done(engine, item, claim.recipient, who, now)
            return Outcome("part_done")
        if claim.action == DONE:
            with Session(engine) as s:
                task = s.get(TaskRow, item.task_key)
            if task is not None and requests.closes_by_acceptance(task):
                requests.report_done(engine, item.occurrence_id, claim.recipient, who, now,
                                     secretariat, VIA)
                return Outcome("reported")
            store_actions.done(engine, item.task_key, item.due, VIA, now, actor=who)
            return Outcome("done")
        if claim.action == SNOOZE:
            until = store_actions.snooze_for(engine, item.task_key, claim.recipient,
                                             SNOOZE_DAYS, item.due, now, tz, who)
            return Outcome("snoozed", until)
        assert claim.action == MORE_TIME
        _req, new = requests.ask_more_time(engine, item.occurrence_id, claim.recipient, who,
                                           now, secretariat, VIA, tz)
        return Outcome("asked" if new else "asked_again")
    except store_actions.ActionError:
        return Outcome("gone")


def part_done(engine: Engine, item: chats.OpenItem, executor_id: str, who: str,
              now: datetime) -> None:
    """A co-executor's part done, as the bot records it (reminder.store.requests.part_done)."""
    requests.part_done(engine, item.task_key, item.occurrence_id, executor_id, who, now, VIA)
