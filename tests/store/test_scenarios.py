"""The engine end to end on SQLite with a clock passed in: the Russian roadmap's quarters,
done, extended, escalations, partners, and catching up after downtime."""

from __future__ import annotations

import asyncio
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from reminder.messages.render import render
from reminder.schedule.policy import Escalation, Policy
from reminder.schedule.workdays import calendar_for
from reminder.store import actions
from reminder.store.models import HistoryRow, LedgerRow, OccurrenceRow
from reminder.tick import EngineSettings, tick
from tests.store.helpers import MSK, deployment, do_sync, msk, run_tick, task

RU = calendar_for("RU")


def run_days(engine: Engine, dep, start: date, end: date, hours=(9, 15)) -> None:
    day = start
    while day <= end:
        for h in hours:
            run_tick(engine, dep, datetime(day.year, day.month, day.day, h, 0, tzinfo=MSK))
        day += timedelta(days=1)


def sent(engine: Engine, recipient: str | None = None) -> list[tuple[str, str, str]]:
    """(recipient, step, local send date) of every sent row."""
    with Session(engine) as s:
        q = select(LedgerRow).where(col(LedgerRow.status) == "sent")
        rows = list(s.exec(q.order_by(col(LedgerRow.send_at), col(LedgerRow.key))))
    return [(r.recipient_id, r.step, r.sent_at.astimezone(MSK).date().isoformat())
            for r in rows if recipient in (None, r.recipient_id)]


def test_roadmap_quarters_get_14_3_1_day_reminders_on_working_days(engine: Engine,
                                                                     tmp_path: Path) -> None:
    dep = deployment(tmp_path, (task("1.1"),))
    do_sync(engine, dep, msk(2023, 3, 1))
    with Session(engine) as s:
        [occ] = s.exec(select(OccurrenceRow)).all()
    assert occ.due == date(2023, 10, 2) and occ.nominal_due == date(2023, 9, 30)
    run_days(engine, dep, date(2023, 3, 30), date(2023, 10, 8))
    assert sent(engine, "minek") == [
        ("minek", "opens", "2023-04-03"), ("minek", "before-14", "2023-09-12"),
        ("minek", "before-3", "2023-09-27"), ("minek", "before-1", "2023-09-29"),
        ("minek", "due", "2023-10-02")]
    with Session(engine) as s:
        rows = s.exec(select(LedgerRow)).all()
    for r in rows:  # on time, at the send time, on working days only
        local = r.sent_at.astimezone(MSK)
        assert RU.is_working(local.date()) and (local.hour, local.minute) == (9, 0), r
        assert r.send_at.astimezone(MSK).hour == 9 and not r.catch_up
    # co-executors hear the ladder; partners only notices
    assert [s for _, s, _ in sent(engine, "minfin")] == [
        "opens", "before-14", "before-3", "before-1", "due"]
    assert [s for _, s, _ in sent(engine, "ngo")] == ["opens", "due"]


def test_done_task_gets_nothing_more(engine: Engine, tmp_path: Path) -> None:
    dep = deployment(tmp_path, (task("1.1"), task("1.2")))
    do_sync(engine, dep, msk(2023, 9, 1))
    run_days(engine, dep, date(2023, 9, 1), date(2023, 9, 20))
    actions.done(engine, "roadmap-003/1.1", None, "report sent", msk(2023, 9, 20, 16))
    do_sync(engine, dep, msk(2023, 9, 21))  # a reload does not undo it
    run_days(engine, dep, date(2023, 9, 21), date(2023, 11, 30))
    with Session(engine) as s:
        after = [r for r in s.exec(select(LedgerRow)) if r.send_at > msk(2023, 9, 20, 16)]
        history = [h.action for h in s.exec(select(HistoryRow))]
    assert after and all(r.item and '"task_id": "1.2"' in r.item for r in after)
    assert "done" in history


def test_extended_task_follows_its_new_date(engine: Engine, tmp_path: Path) -> None:
    dep = deployment(tmp_path, (task("1.1"),))
    do_sync(engine, dep, msk(2023, 9, 1))
    run_days(engine, dep, date(2023, 9, 1), date(2023, 9, 20))
    actions.extend(engine, "roadmap-003/1.1", date(2023, 10, 16), "waiting for the budget",
                   None, msk(2023, 9, 20, 16), MSK)
    run_days(engine, dep, date(2023, 9, 21), date(2023, 10, 20))
    later = [(s, d) for _, s, d in sent(engine, "minek") if d > "2023-09-20"]
    assert later == [("before-14", "2023-09-26"), ("before-3", "2023-10-11"),
                     ("before-1", "2023-10-13"),
                     ("due", "2023-10-16")]
    with Session(engine) as s:
        [h] = s.exec(select(HistoryRow).where(col(HistoryRow.action) == "extended")).all()
    assert (h.old_due, h.new_due, h.note) == (date(2023, 10, 2), date(2023, 10, 16),
                                              "waiting for the budget")


def test_overdue_escalates_to_the_right_people_and_never_about_partners(
        engine: Engine, tmp_path: Path) -> None:
    partner_led = task("2.1", executors=(("ngo", "lead"), ("minfin", "partner")))
    weekly = Policy(overdue_later_every=0)  # weekly for good: the fifth rung meets a holiday
    dep = deployment(tmp_path, (task("1.1", policy=weekly), partner_led))
    do_sync(engine, dep, msk(2023, 9, 25))
    run_days(engine, dep, date(2023, 9, 25), date(2023, 11, 10))
    escalations = [(r, s, d) for r, s, d in sent(engine) if s.startswith("escalation")]
    # 5 working days after 2 October to the lead's supervisor, 15 to the secretariat; the
    # partner-led task (the directory marks "ngo" as a partner) is never escalated.
    assert escalations == [("deputy", "escalation-1", "2023-10-09"),
                           ("sec", "escalation-2", "2023-10-23")]
    overdue = [(s, d) for _, s, d in sent(engine, "minek") if s.startswith("overdue")]
    assert overdue[:3] == [("overdue-1", "2023-10-09"), ("overdue-2", "2023-10-16"),
                           ("overdue-3", "2023-10-23")]
    assert ("overdue-5", "2023-11-07") in overdue  # 6 Nov 2023 was a holiday in Russia
    assert not any(r in ("ngo-boss", "deputy2") for r, _, _ in sent(engine))
    assert not any(s.startswith(("overdue", "before")) for _, s, _ in sent(engine, "ngo")
                   if s)  # ngo leads 2.1 but only as a partner: notices only


def test_down_for_a_week_sends_one_catching_up_reminder_per_item_and_recipient(
        engine: Engine, tmp_path: Path) -> None:
    dep = deployment(tmp_path, (task("1.1"), task("1.2")))
    do_sync(engine, dep, msk(2023, 9, 1))
    run_days(engine, dep, date(2023, 9, 1), date(2023, 9, 26))
    before = len(sent(engine))
    report = run_tick(engine, dep, msk(2023, 10, 4, 11, 30))  # missed before-3, before-1, due
    with Session(engine) as s:
        rows = [r for r in s.exec(select(LedgerRow)) if r.sent_at and
                r.sent_at >= msk(2023, 10, 4, 11, 30)]
    assert len(sent(engine)) - before == len(rows) == 6  # 2 items x (lead, co, partner)
    assert {(r.occurrence_id, r.recipient_id) for r in rows} == {
        (o, p) for o in (1, 2) for p in ("minek", "minfin", "ngo")}
    assert all(r.step == "due" and r.catch_up for r in rows)
    assert report.messages == 3  # one message per recipient, both items in it


def test_catching_up_waits_for_a_working_day(engine: Engine, tmp_path: Path) -> None:
    dep = deployment(tmp_path, (task("1.1"),))
    do_sync(engine, dep, msk(2023, 9, 1))
    run_tick(engine, dep, msk(2023, 9, 30, 12))  # Saturday: recorded, not sent
    assert sent(engine) == []
    run_tick(engine, dep, msk(2023, 10, 2, 9, 5))
    got = sent(engine, "minek")
    assert ("minek", "before-1", "2023-10-02") not in got  # superseded by the due rung
    assert ("minek", "due", "2023-10-02") in got


def test_sync_keeps_state_archives_vanished_and_records_changed_deadlines(
        engine: Engine, tmp_path: Path) -> None:
    dep = deployment(tmp_path, (task("1.1"), task("1.2")))
    do_sync(engine, dep, msk(2023, 9, 1))
    actions.done(engine, "roadmap-003/1.1", None, None, msk(2023, 9, 2))
    moved = task("1.2", due=date(2023, 12, 29), deadline=None)
    do_sync(engine, deployment(tmp_path, (moved,)), msk(2023, 9, 3))
    with Session(engine) as s:
        occs = {o.task_key: o for o in s.exec(select(OccurrenceRow))}
        hist = {(h.task_key, h.action) for h in s.exec(select(HistoryRow))}
    assert occs["roadmap-003/1.1"].status == "done" and occs["roadmap-003/1.1"].next_at is None
    assert occs["roadmap-003/1.2"].due == date(2023, 12, 29)
    assert ("roadmap-003/1.1", "archived") in hist
    assert ("roadmap-003/1.2", "deadline_changed") in hist
    do_sync(engine, dep, msk(2023, 9, 4))  # it comes back: still done, history intact
    with Session(engine) as s:
        assert s.get(OccurrenceRow, occs["roadmap-003/1.1"].id).status == "done"


def test_recipient_without_any_address_is_recorded_as_failed(engine: Engine,
                                                             tmp_path: Path) -> None:
    dep = deployment(tmp_path, (task("1.1"),))
    do_sync(engine, dep, msk(2023, 9, 1))
    cfg = EngineSettings("Europe/Moscow", "sec", {}, render)  # no channel reaches anyone
    report = asyncio.run(tick(engine, cfg, msk(2023, 9, 12), "w"))
    # lead and co: before-14 (the partner is not told of an opening before the plan's load)
    assert report.failed == 2 and report.sent == 0
    with Session(engine) as s:
        rows = s.exec(select(LedgerRow)).all()
    assert {r.status for r in rows} == {"failed"}
    assert all("no address" in (r.error or "") for r in rows)


def test_a_policy_change_on_reload_keeps_a_rung_that_just_fell_due(engine: Engine,
                                                                    tmp_path: Path) -> None:
    dep = deployment(tmp_path, (task("1.1"),))
    do_sync(engine, dep, msk(2023, 9, 1))
    run_tick(engine, dep, msk(2023, 9, 11, 9))
    changed = deployment(tmp_path, (task("1.1", policy=Policy(overdue_every=3)),))
    do_sync(engine, changed, msk(2023, 9, 12, 9, 0))  # before-14 is due this very minute
    run_tick(engine, changed, msk(2023, 9, 12, 9, 1))
    assert ("minek", "before-14", "2023-09-12") in sent(engine, "minek")


def test_escalation_to_a_named_executor(engine: Engine, tmp_path: Path) -> None:
    policy = Policy(before=(), notice_on_open=False, overdue_every=None,
                    escalate=(Escalation(2, "deputy2"),))
    dep = deployment(tmp_path, (task("1.1", policy=policy),))
    do_sync(engine, dep, msk(2023, 9, 28))
    run_days(engine, dep, date(2023, 9, 28), date(2023, 10, 6))
    assert [(r, s, d) for r, s, d in sent(engine) if s.startswith("escalation")] == [
        ("deputy2", "escalation-1", "2023-10-04")]
