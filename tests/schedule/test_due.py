"""What is due now: on time, after downtime (catching up), at a plan's first load; and the
notice kind from where an item stands on the day it is sent. Expected values are written from
docs/engine.md, not read off the code."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from reminder.schedule.due import LOADED, due_reminders, standing
from reminder.schedule.policy import Policy
from tests.schedule.test_planner import MSK, TEAM, ladder

D = date(2023, 10, 2)


@pytest.mark.parametrize(("stage", "day", "expected"), [
    ("opens", date(2023, 4, 1), "opens"),
    ("opens", D, "due"),
    ("opens", date(2023, 10, 3), "overdue"),
    ("upcoming", date(2023, 9, 29), "upcoming"),
    ("upcoming", D, "due"),
    ("due", D, "due"),
    ("due", date(2023, 10, 9), "overdue"),  # a due-day notice a week late is not "due today"
    ("due", date(2030, 1, 1), "overdue"),
    ("overdue", date(2023, 10, 9), "overdue"),
    ("escalation", date(2023, 10, 9), "escalation"),
])
def test_the_notice_kind_is_where_the_item_stands_on_the_day_it_is_sent(
        stage: str, day: date, expected: str) -> None:
    assert standing(stage, D, day) == expected  # type: ignore[arg-type]


def test_on_time_and_the_next_wake_up() -> None:
    at = datetime(2023, 9, 27, 9, 0, tzinfo=MSK)
    got, nxt = due_reminders(ladder(), TEAM, "sec", since=at, now=at)
    assert {(r.recipient_id, r.step.name, r.catch_up, r.late) for r in got} == {
        ("lead-dep", "before-3", False, False), ("co-dep", "before-3", False, False)}
    assert nxt == datetime(2023, 9, 29, 9, 0, tzinfo=MSK)


def test_after_a_week_down_each_hears_the_latest_rung_marked_catching_up() -> None:
    since = datetime(2023, 9, 27, 9, 0, tzinfo=MSK)  # before-3, before-1, due were all missed
    now = datetime(2023, 10, 4, 12, 0, tzinfo=MSK)
    got, nxt = due_reminders(ladder(), TEAM, "sec", since=since, now=now)
    assert sorted((r.recipient_id, r.step.name, r.catch_up, r.late) for r in got) == [
        ("co-dep", "due", True, True), ("involved-org", "due", True, True),
        ("lead-dep", "due", True, True), ("partner-org", "due", True, True)]
    assert nxt == datetime(2023, 10, 9, 9, 0, tzinfo=MSK)


FIRST_RUNG = datetime(2023, 4, 3, 9, 0, tzinfo=MSK)  # the opening notice (1 April: Saturday)


def test_a_plan_loaded_after_its_due_date_tells_the_lead_once_and_nobody_else() -> None:
    loaded = datetime(2024, 3, 4, 10, 0, tzinfo=MSK)
    got, nxt = due_reminders(ladder(), TEAM, "sec", since=FIRST_RUNG, now=loaded,
                             loaded_at=loaded)
    assert [(r.recipient_id, r.role, r.step.name, r.step.stage, r.catch_up, r.late)
            for r in got] == [("lead-dep", "lead", LOADED, "overdue", False, True)]
    assert got[0].step.at == loaded
    # then the ladder goes on from the load: the next monthly overdue rung (178 days late)
    assert nxt == datetime(2024, 3, 28, 9, 0, tzinfo=MSK)


def test_a_plan_loaded_near_a_deadline_tells_its_executors_only_without_an_outage_note(
        ) -> None:
    loaded = datetime(2023, 9, 20, 10, 0, tzinfo=MSK)  # after before-14 (18 Sep), before due
    got, _ = due_reminders(ladder(), TEAM, "sec", since=FIRST_RUNG, now=loaded,
                           loaded_at=loaded)
    # the partner's and the involved body's latest rung is the window's opening in July:
    # old news, not announced
    assert sorted((r.recipient_id, r.step.name, r.catch_up, r.late) for r in got) == [
        ("co-dep", "before-14", False, True), ("lead-dep", "before-14", False, True)]


def test_a_plan_loaded_early_in_a_window_announces_nothing_of_its_opening() -> None:
    loaded = datetime(2023, 8, 1, 10, 0, tzinfo=MSK)  # the window opened 3 July; due 29 Sep
    got, _ = due_reminders(ladder(), TEAM, "sec", since=FIRST_RUNG, now=loaded,
                           loaded_at=loaded)
    assert got == []


def test_first_load_silent_says_nothing_about_the_past() -> None:
    loaded = datetime(2024, 3, 4, 10, 0, tzinfo=MSK)
    got, _ = due_reminders(ladder(Policy(first_load="silent")), TEAM, "sec", since=FIRST_RUNG,
                           now=loaded, loaded_at=loaded)
    assert got == []


def test_a_rung_after_the_load_missed_by_downtime_is_an_outage_again() -> None:
    loaded = datetime(2023, 9, 20, 10, 0, tzinfo=MSK)
    now = datetime(2023, 10, 4, 12, 0, tzinfo=MSK)  # loaded, then down until after the due day
    got, _ = due_reminders(ladder(), TEAM, "sec", since=FIRST_RUNG, now=now, loaded_at=loaded)
    assert sorted((r.recipient_id, r.step.name, r.catch_up) for r in got) == [
        ("co-dep", "due", True), ("involved-org", "due", True),
        ("lead-dep", "due", True), ("partner-org", "due", True)]


def test_after_its_first_tick_a_loaded_occurrence_is_like_any_other() -> None:
    loaded = datetime(2023, 9, 20, 10, 0, tzinfo=MSK)
    since = datetime(2023, 9, 27, 9, 0, tzinfo=MSK)  # the next look after the first tick
    got, _ = due_reminders(ladder(), TEAM, "sec", since=since, now=since, loaded_at=loaded)
    assert {(r.recipient_id, r.step.name, r.catch_up) for r in got} == {
        ("lead-dep", "before-3", False), ("co-dep", "before-3", False)}
