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


def _lead_rungs(engine: Engine, tmp_path) -> tuple[object, list[dict]]:  # type: ignore[no-untyped-def]
    """A plan loaded on 1 June, and its lead's rungs as `reminder plan` lists them."""
    dep = deployment(tmp_path, (task("1.1"),))
    do_sync(engine, dep, msk(2023, 6, 1))
    return dep, sorted((r for r in _listing(engine) if r["recipient"] == "minek"),
                       key=lambda r: r["at"])


def _tick(engine: Engine, dep, when: datetime) -> None:  # type: ignore[no-untyped-def]
    asyncio.run(tick(engine, settings(dep), when, "w", lease=timedelta(0)))


def _on_time(engine: Engine, dep, rungs: list[dict]) -> None:  # type: ignore[no-untyped-def]
    """A tick a minute after each of ``rungs``."""
    for r in rungs:
        _tick(engine, dep, datetime.fromisoformat(r["at"]) + timedelta(minutes=1))


def test_a_rung_missed_while_down_is_covered_when_the_next_goes_out_within_the_grace_hour(
        engine: Engine, tmp_path) -> None:
    dep, lead = _lead_rungs(engine, tmp_path)
    first, missed, back = lead[0], lead[1], lead[2]
    at = datetime.fromisoformat
    _on_time(engine, dep, [first])
    # down from then until 30 minutes after the third rung: the tick sends that one, on time
    # (inside the grace hour), and not the second
    _tick(engine, dep, at(back["at"]) + timedelta(minutes=30))
    states = {(r["at"], r["step"]): r["ledger"] for r in _listing(engine)
              if r["recipient"] == "minek"}
    assert states[(first["at"], first["step"])] == "sent"
    assert states[(missed["at"], missed["step"])] == "covered"
    assert states[(back["at"], back["step"])] == "sent"
    later = [state for (when, _), state in states.items() if when > back["at"]]
    assert later and set(later) == {None}  # not yet due: nothing said about them


def test_rungs_whose_rows_were_pruned_are_said_to_be_past_the_retention(
        engine: Engine, tmp_path) -> None:
    dep, lead = _lead_rungs(engine, tmp_path)
    at = datetime.fromisoformat
    _on_time(engine, dep, lead[:3])
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
    dep, lead = _lead_rungs(engine, tmp_path)
    at = datetime.fromisoformat
    _on_time(engine, dep, lead[:2])
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
    _tick(engine, dep, loaded)
    rows = _listing(engine)
    before = [r for r in rows if datetime.fromisoformat(r["at"]) < loaded]
    assert before == []  # nothing was owed before the plan was known
    notice = [r for r in rows if r["step"] == LOADED]
    assert [(r["recipient"], r["ledger"], r["stage"]) for r in notice] == [
        ("minek", "sent", "overdue")]


def test_after_done_the_listing_still_shows_what_was_sent_and_nothing_owed(
        engine: Engine, tmp_path) -> None:
    dep, lead = _lead_rungs(engine, tmp_path)
    at = datetime.fromisoformat
    _on_time(engine, dep, lead[:2])
    done(engine, "roadmap-003/1.1", None, "report filed", at(lead[1]["at"]) + timedelta(hours=3))
    mine = [r for r in _listing(engine) if r["recipient"] == "minek"]
    assert sorted((r["at"], r["step"], r["ledger"]) for r in mine) == sorted(
        (r["at"], r["step"], "sent") for r in lead[:2])
    assert {r["rule"] for r in mine} == {"before the item was closed"}
