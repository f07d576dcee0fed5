"""`reminder plan`'s ledger column: what it says of rungs a tick after downtime skipped."""

from __future__ import annotations

import asyncio
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.engine import Engine
from sqlmodel import Session

from reminder.preview import preview
from reminder.schedule.due import LOADED
from reminder.store import retention
from reminder.store.actions import done, extend
from reminder.tick import tick
from tests.store.helpers import deployment, do_sync, msk, settings, task

MSK = ZoneInfo("Europe/Moscow")


def _listing(engine: Engine) -> list[dict]:
    with Session(engine) as s:
        return preview(s, MSK, "sec", date(2023, 6, 1), date(2023, 12, 31))


def test_a_rung_missed_while_down_is_covered_when_the_next_goes_out_within_the_grace_hour(
        engine: Engine, tmp_path) -> None:
    dep = deployment(tmp_path, (task("1.1"),))
    do_sync(engine, dep, msk(2023, 6, 1))
    lead = sorted((r for r in _listing(engine) if r["recipient"] == "minek"),
                  key=lambda r: r["at"])
    first, missed, back = lead[0], lead[1], lead[2]
    cfg = settings(dep)
    at = datetime.fromisoformat
    asyncio.run(tick(engine, cfg, at(first["at"]) + timedelta(minutes=1), "w",
                     lease=timedelta(0)))
    # down from then until 30 minutes after the third rung: the tick sends that one, on time
    # (inside the grace hour), and not the second
    asyncio.run(tick(engine, cfg, at(back["at"]) + timedelta(minutes=30), "w",
                     lease=timedelta(0)))
    states = {(r["at"], r["step"]): r["ledger"] for r in _listing(engine)
              if r["recipient"] == "minek"}
    assert states[(first["at"], first["step"])] == "sent"
    assert states[(missed["at"], missed["step"])] == "covered"
    assert states[(back["at"], back["step"])] == "sent"
    later = [state for (when, _), state in states.items() if when > back["at"]]
    assert later and set(later) == {None}  # not yet due: nothing said about them


def test_rungs_whose_rows_were_pruned_are_said_to_be_past_the_retention(
        engine: Engine, tmp_path) -> None:
    dep = deployment(tmp_path, (task("1.1"),))
    do_sync(engine, dep, msk(2023, 6, 1))
    lead = sorted((r for r in _listing(engine) if r["recipient"] == "minek"),
                  key=lambda r: r["at"])
    cfg = settings(dep)
    at = datetime.fromisoformat
    for r in lead[:3]:
        asyncio.run(tick(engine, cfg, at(r["at"]) + timedelta(minutes=1), "w",
                         lease=timedelta(0)))
    with Session(engine) as s:
        assert retention.pruned_before(s) is None
    cutoff = at(lead[1]["at"]) + timedelta(hours=1)  # the first two rows go, the third stays
    assert retention.prune_batch(engine, cutoff) >= 2
    with Session(engine) as s:
        assert retention.pruned_before(s) == cutoff
    states = {(r["at"], r["step"]): r["ledger"] for r in _listing(engine)
              if r["recipient"] == "minek"}
    assert [states[(r["at"], r["step"])] for r in lead[:3]] == ["pruned", "pruned", "sent"]


def test_after_an_extension_the_listing_shows_what_was_sent_and_only_what_is_owed(
        engine: Engine, tmp_path) -> None:
    dep = deployment(tmp_path, (task("1.1"),))
    do_sync(engine, dep, msk(2023, 6, 1))
    lead = sorted((r for r in _listing(engine) if r["recipient"] == "minek"),
                  key=lambda r: r["at"])
    cfg = settings(dep)
    at = datetime.fromisoformat
    for r in lead[:2]:
        asyncio.run(tick(engine, cfg, at(r["at"]) + timedelta(minutes=1), "w",
                         lease=timedelta(0)))
    old_due = lead[0]["due"]
    when = at(lead[1]["at"]) + timedelta(hours=2)
    new_due = date.fromisoformat(old_due) + timedelta(days=60)
    extend(engine, "roadmap-003/1.1", new_due, "waiting for the ministry", None, when, MSK)
    mine = [r for r in _listing(engine) if r["recipient"] == "minek"]
    before = [r for r in mine if at(r["at"]) < when]
    # what was sent about the old date is still there, as sent; nothing of the new ladder
    # before the extension is listed (it was never owed)
    assert sorted((r["at"], r["step"], r["due"], r["ledger"]) for r in before) == sorted(
        (r["at"], r["step"], old_due, "sent") for r in lead[:2])
    after = [r for r in mine if at(r["at"]) >= when]
    assert after and {r["due"] for r in after} == {new_due.isoformat()}
    assert {r["ledger"] for r in after} == {None}


def test_a_plan_loaded_late_lists_its_first_load_notice_and_no_rung_from_before_it(
        engine: Engine, tmp_path) -> None:
    dep = deployment(tmp_path, (task("1.1"),))
    loaded = msk(2023, 11, 20, 10)  # the task was due on 2 October
    do_sync(engine, dep, loaded)
    asyncio.run(tick(engine, settings(dep), loaded, "w", lease=timedelta(0)))
    rows = _listing(engine)
    before = [r for r in rows if datetime.fromisoformat(r["at"]) < loaded]
    assert before == []  # nothing was owed before the plan was known
    notice = [r for r in rows if r["step"] == LOADED]
    assert [(r["recipient"], r["ledger"], r["stage"]) for r in notice] == [
        ("minek", "sent", "overdue")]


def test_after_done_the_listing_still_shows_what_was_sent_and_nothing_owed(
        engine: Engine, tmp_path) -> None:
    dep = deployment(tmp_path, (task("1.1"),))
    do_sync(engine, dep, msk(2023, 6, 1))
    lead = sorted((r for r in _listing(engine) if r["recipient"] == "minek"),
                  key=lambda r: r["at"])
    at = datetime.fromisoformat
    for r in lead[:2]:
        asyncio.run(tick(engine, settings(dep), at(r["at"]) + timedelta(minutes=1), "w",
                         lease=timedelta(0)))
    done(engine, "roadmap-003/1.1", None, "report filed", at(lead[1]["at"]) + timedelta(hours=3))
    mine = [r for r in _listing(engine) if r["recipient"] == "minek"]
    assert sorted((r["at"], r["step"], r["ledger"]) for r in mine) == sorted(
        (r["at"], r["step"], "sent") for r in lead[:2])
    assert {r["rule"] for r in mine} == {"before the item was closed"}
