"""A recurring task whose quarters go unreported: the newest overdue quarter speaks for the
task, listing the older ones, so a department hears of the task on one ladder's days and not
on each quarter's. What the ticks send is what `reminder plan` promised.

Quarterly, due the last working day of each quarter of 2023 and 2024; nobody reports. Daily
ticks at 09:01 from January 2023 to June 2025."""

from __future__ import annotations

import asyncio
import json
from collections import defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from reminder.deadlines.model import Deadline, Occurrence
from reminder.preview import preview
from reminder.store.models import LedgerRow, OccurrenceRow
from reminder.tick import tick
from tests.store.helpers import MSK, deployment, do_sync, msk, settings, task

QUARTERS = [(date(y, m, 1), d) for y in (2023, 2024) for m, d in (
    (1, date(y, 3, 31)), (4, date(y, 6, 30)), (7, date(y, 9, 30)), (10, date(y, 12, 31)))]
QUARTERLY = Deadline("ежеквартально", "recurring", date(2023, 1, 1), date(2024, 12, 31),
                     tuple(Occurrence(s, d) for s, d in QUARTERS), lang="ru")


def _run(engine: Engine, tmp_path: Path) -> list[LedgerRow]:
    dep = deployment(tmp_path, (task("4.2", deadline=QUARTERLY, executors=(("minek", "lead"),)),))
    do_sync(engine, dep, msk(2023, 1, 2, 8))
    day = date(2023, 1, 2)

    async def ticks() -> None:
        nonlocal day
        while day <= date(2025, 6, 30):
            await tick(engine, settings(dep), msk(day.year, day.month, day.day, 9, 1), "w",
                       lease=timedelta(0))
            day += timedelta(days=1)
    asyncio.run(ticks())
    with Session(engine) as s:
        return [r for r in s.exec(select(LedgerRow)) if r.status == "sent"
                and r.recipient_id == "minek"]


def test_the_lead_hears_of_the_task_on_one_ladders_days(engine: Engine,
                                                         tmp_path: Path) -> None:
    sent = _run(engine, tmp_path)
    overdue_days = sorted({r.sent_at.astimezone(MSK).date() for r in sent
                           if r.sent_at and json.loads(r.item)["stage"] == "overdue"})
    # Before: each of eight late quarters on its own weekly-then-monthly ladder, so reminders
    # of lateness on many days a month. Now: in any 30 days at most the rungs of one ladder's
    # first month (four weekly), and one more where the newest quarter takes over.
    # reminders of lateness keep coming for the whole run: the first a week after Q1 2023's
    # due date (Friday 31 March + 7 days), the last the newest quarter's (due 9 January
    # 2025) monthly rung of 6 June 2025 (7, 14, 21, 28 days late, then every 30: day 148)
    assert overdue_days[0] == date(2023, 4, 7)
    assert overdue_days[-1] == date(2025, 6, 6)
    for start in overdue_days:
        window = [d for d in overdue_days if start <= d < start + timedelta(days=30)]
        assert len(window) <= 5, (start, window)
    # the older quarters are named in the newest one's line
    last = max((r for r in sent if r.stage == "overdue"), key=lambda r: r.send_at)
    item = json.loads(last.item)
    # quarter ends moved to the next working day (Russia: 1–8 January off, and 31 December
    # 2024 a day off by the year's transfer)
    assert item["due"] == "2025-01-09"
    assert item["also_overdue"] == ["2023-03-31", "2023-06-30", "2023-10-02", "2024-01-09",
                                    "2024-04-01", "2024-07-01", "2024-09-30"]


def test_what_the_ticks_send_is_what_the_plan_listing_promised(engine: Engine,
                                                                tmp_path: Path) -> None:
    sent = _run(engine, tmp_path)
    with Session(engine) as s:
        listed = preview(s, MSK, "sec", date(2023, 1, 1), date(2025, 6, 30))
        occs = {o.id: o for o in s.exec(select(OccurrenceRow))}
    promised = defaultdict(set)
    for r in listed:
        if r["recipient"] == "minek" and r["ledger"] == "sent":
            promised[r["due"]].add((datetime.fromisoformat(r["at"]), r["step"]))
    got = defaultdict(set)
    for r in sent:
        got[occs[r.occurrence_id].due.isoformat()].add((r.send_at.astimezone(MSK), r.step))
    assert got == promised
    # and the listing promises nothing it would not send: no rung left "pending" or unsent
    assert not [r for r in listed if r["recipient"] == "minek"
                and datetime.fromisoformat(r["at"]) < msk(2025, 6, 30, 9, 0)
                and r["ledger"] not in ("sent", "covered")]
