"""The example deployment (config/example, five real plans from 2016 to 2026) loaded for the
first time: no "due today" about a date past, no "the system was unavailable" note, nothing to
partners or involved bodies about the past, one message per lead; and a year of daily ticks
after that load never reminds anyone of an item more often than the policy allows (weekly for
four weeks late, then every 30 days, nothing after 365 days late)."""

from __future__ import annotations

import asyncio
import json
import shutil
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, col, select

from reminder.channels.outbox import OutboxChannel
from reminder.cli._engine import load
from reminder.messages.render import render
from reminder.schedule.due import LOADED
from reminder.store.db import open_store, transaction
from reminder.store.models import LedgerRow, OccurrenceRow
from reminder.store.sync import sync
from reminder.tick import EngineSettings, tick

EXAMPLE = Path(__file__).resolve().parents[2] / "config" / "example"


@pytest.fixture
def example(tmp_path: Path):  # type: ignore[no-untyped-def]
    shutil.copytree(EXAMPLE, tmp_path / "example", ignore=shutil.ignore_patterns("state"))
    _cfg, dep = load(str(tmp_path / "example" / "reminder.yaml"))
    engine = open_store(dep.db_url)
    tz = ZoneInfo(dep.timezone)
    settings = EngineSettings(dep.timezone, dep.secretariat,
                              {"outbox": OutboxChannel(dep.outbox_dir)}, render)
    yield dep, engine, tz, settings
    engine.dispose()


def _run(engine, dep, settings, now: datetime, *, load_plans: bool = False) -> None:  # type: ignore[no-untyped-def]
    if load_plans:
        with transaction(engine) as s:
            sync(s, dep, now)
    asyncio.run(tick(engine, settings, now, "t", lease=timedelta(0)))


def _rows(engine) -> list[LedgerRow]:  # type: ignore[no-untyped-def]
    with Session(engine) as s:
        return list(s.exec(select(LedgerRow).where(col(LedgerRow.occurrence_id).is_not(None))))


def test_the_first_run_says_nothing_false_about_the_past(example) -> None:  # type: ignore[no-untyped-def]
    dep, engine, tz, settings = example
    now = datetime(2026, 12, 4, 9, 30, tzinfo=tz)
    _run(engine, dep, settings, now, load_plans=True)
    rows = _rows(engine)
    assert rows, "the first run sends where the items stand"
    today = now.date()
    for r in rows:
        item = json.loads(r.item or "{}")
        due = date.fromisoformat(item["due"])
        assert not r.catch_up, f"{r.key}: a first load is not an outage"
        if due < today:
            assert item["stage"] in ("overdue", "escalation"), f"{r.key}: {item['stage']}"
            assert item["role"] == "lead", f"{r.key}: {item['role']} told about the past"
        assert r.status == "sent"
    # one message per recipient, whatever the number of plans and items
    text = [p.read_text(encoding="utf-8") for p in dep.outbox_dir.glob("*.txt")]
    assert text and not any("недоступн" in t or "unavailable" in t or "nepieejam" in t
                            for t in text)
    per_recipient = Counter(p.name.split("-20")[0] for p in dep.outbox_dir.glob("*.txt"))
    assert max(per_recipient.values()) == 1


def test_a_year_of_daily_ticks_reminds_no_old_item_more_than_the_policy_allows(example) -> None:  # type: ignore[no-untyped-def]
    dep, engine, tz, settings = example
    start = datetime(2026, 1, 1, 9, 30, tzinfo=tz)
    _run(engine, dep, settings, start, load_plans=True)
    day = start
    while day.year == 2026:
        day += timedelta(days=1)
        _run(engine, dep, settings, day)
    with Session(engine) as s:
        due_of = {o.id: o.due for o in s.exec(select(OccurrenceRow))}
    sent: dict[tuple[int, str], list[date]] = defaultdict(list)
    loaded = Counter()
    for r in _rows(engine):
        if r.step == LOADED:  # the first load's one notice (sent on the first working day)
            loaded[(r.occurrence_id, r.recipient_id)] += 1
        elif r.send_at.astimezone(tz) > start + timedelta(hours=1):
            sent[(r.occurrence_id or 0, r.recipient_id)].append(r.send_at.astimezone(tz).date())
    assert loaded and set(loaded.values()) == {1}
    old = [(k, days) for k, days in sent.items() if due_of[k[0]].year <= 2016]
    assert old == [], "items due in 2016 are a decade late: only the digest lists them"
    for (occ, who), days in sent.items():
        late = [d for d in sorted(days) if d > due_of[occ]]
        assert all((d - due_of[occ]).days <= 365 + 7 for d in late), (occ, who, late)
        monthly = [d for d in late if (d - due_of[occ]).days > 35]
        gaps = [(b - a).days for a, b in pairwise(monthly)]
        assert all(g >= 25 for g in gaps), (occ, who, monthly)  # monthly, give or take holidays
