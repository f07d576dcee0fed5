"""A reminder planned on a day off goes on the next working day and is worded as of that
day: its days late counted to the day it is read, not to the day it was planned."""

from __future__ import annotations

import asyncio
import json
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from reminder.store.models import LedgerRow
from reminder.tick import tick
from tests.store.helpers import MSK, deployment, do_sync, msk, settings, task


def test_an_overdue_item_loaded_on_saturday_is_counted_from_monday(engine: Engine,
                                                                   tmp_path: Path) -> None:
    dep = deployment(tmp_path, (task("1.1"),))  # Q2–Q3 2023: due Monday 2 October
    saturday = msk(2023, 10, 7, 10)
    do_sync(engine, dep, saturday)
    asyncio.run(tick(engine, settings(dep), saturday, "w"))
    with Session(engine) as s:
        rows = [r for r in s.exec(select(LedgerRow)) if r.recipient_id == "minek"]
    assert len(rows) == 1
    row = rows[0]
    assert row.send_at.astimezone(MSK) == datetime(2023, 10, 9, 9, 0, tzinfo=MSK)  # Monday
    # 3, 4, 5, 6 and 9 October: five working days late when read on Monday (four on Saturday)
    assert json.loads(row.item)["working_days_late"] == 5


def test_an_open_task_nobody_leads_is_listed_for_attention(engine: Engine,
                                                           tmp_path: Path) -> None:
    from reminder.store.digests import needs

    dep = deployment(tmp_path, (task("1.1"), task("1.2", executors=())))
    do_sync(engine, dep, msk(2023, 9, 1))
    with Session(engine) as s:
        lines = [n for n in needs(s, msk(2023, 9, 1)) if n.kind == "no_lead"]
    assert [n.fields["task"] for n in lines] == ["roadmap-003/1.2"]
