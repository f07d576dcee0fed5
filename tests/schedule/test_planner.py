"""The planner's ladder, table-driven: stages, days, recipients, the overdue rhythm."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from reminder.schedule.audience import Assignee, recipients
from reminder.schedule.planner import Ladder
from reminder.schedule.policy import Policy
from reminder.schedule.workdays import calendar_for

MSK = ZoneInfo("Europe/Moscow")
RU = calendar_for("RU")
DUE = date(2023, 10, 2)  # "2 – 3 квартал 2023 года", shifted off Saturday the 30th
TEAM = (
    Assignee("lead-dep", "lead", supervisor="deputy"),
    Assignee("co-dep", "co", supervisor="other-deputy"),
    Assignee("partner-org", "partner"),
    Assignee("involved-org", "involved"),
)


DEFAULT = Policy()


def ladder(policy: Policy = DEFAULT, start: date | None = date(2023, 4, 1)) -> Ladder:
    return Ladder(start, DUE, policy, RU, MSK)


def names_by_day(policy: Policy, start: date | None = date(2023, 4, 1)) -> list[tuple[str, str]]:
    steps = ladder(policy, start).on_days(date(2023, 1, 1), date(2023, 10, 31))
    return [(s.day.isoformat(), s.name) for s in steps]


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        (
            Policy(overdue_every=None, escalate=()),
            [("2023-04-03", "opens"), ("2023-09-12", "before-14"), ("2023-09-27", "before-3"),
             ("2023-09-29", "before-1"), ("2023-10-02", "due")],
        ),
        (  # calendar days: the 14th before falls on Monday the 18th; 1 day before is Sunday
           # the 1st, moved back to Friday (never later than promised)
            Policy(before=(14, 1), before_unit="calendar", overdue_every=None, escalate=(),
                   notice_on_open=False, on_due=False),
            [("2023-09-18", "before-14"), ("2023-09-29", "before-1")],
        ),
        (  # sends on any day when working_days_only is off
            Policy(before=(1,), before_unit="calendar", working_days_only=False,
                   overdue_every=None, escalate=(), notice_on_open=False, on_due=False),
            [("2023-10-01", "before-1")],
        ),
        (  # overdue every 7 calendar days, escalation after 5 and 15 working days
            Policy(before=(), notice_on_open=False, on_due=False),
            [("2023-10-09", "overdue-1"), ("2023-10-09", "escalation-1"),
             ("2023-10-16", "overdue-2"), ("2023-10-23", "overdue-3"),
             ("2023-10-23", "escalation-2"), ("2023-10-30", "overdue-4")],
        ),
    ],
)
def test_ladder_days(policy: Policy, expected: list[tuple[str, str]]) -> None:
    assert names_by_day(policy) == expected


def test_every_step_is_on_a_working_day_at_the_send_time() -> None:
    steps = ladder(Policy(send_time=time(10, 30), overdue_every=1)).on_days(
        date(2023, 1, 1), date(2024, 2, 1))
    assert steps
    for s in steps:
        assert RU.is_working(s.day), s
        assert s.at == datetime.combine(s.day, time(10, 30), tzinfo=MSK)


def test_no_opening_notice_without_a_window() -> None:
    assert ("2023-04-03", "opens") not in names_by_day(Policy(), start=None)


@pytest.mark.parametrize(
    ("stage_name", "expected"),
    [
        ("opens", {("lead-dep", "lead"), ("co-dep", "co"), ("partner-org", "partner"),
                   ("involved-org", "involved")}),
        ("before-3", {("lead-dep", "lead"), ("co-dep", "co")}),
        ("due", {("lead-dep", "lead"), ("co-dep", "co"), ("partner-org", "partner"),
                 ("involved-org", "involved")}),
        ("overdue-1", {("lead-dep", "lead"), ("co-dep", "co")}),
        ("escalation-1", {("deputy", "supervisor")}),  # the lead's supervisor only
        ("escalation-2", {("secretariat", "secretariat")}),
    ],
)
def test_recipients_by_role(stage_name: str, expected: set[tuple[str, str]]) -> None:
    steps = {s.name: s for s in ladder().on_days(date(2023, 1, 1), date(2023, 12, 31))}
    step = steps[stage_name]
    assert set(recipients(step.stage, step.to, TEAM, "secretariat")) == expected


def test_partners_are_never_escalated_about() -> None:
    steps = [s for s in ladder().on_days(date(2023, 1, 1), date(2023, 12, 31))
             if s.stage == "escalation"]
    only_partners = (Assignee("p", "lead", supervisor="boss", partner=True),
                     Assignee("q", "partner", supervisor="boss2"))
    assert steps
    for s in steps:
        assert recipients(s.stage, s.to, only_partners, "secretariat") == []


# Overdue reminders thin out and stop (calendar days, no holiday shifts: the offsets are plain).
MONDAY = date(2023, 1, 2)


@pytest.mark.parametrize(
    ("policy", "offsets"),
    [
        # the defaults: weekly for four weeks, then every 30 days, none after a year late
        (Policy(working_days_only=False),
         [7, 14, 21, 28, 58, 88, 118, 148, 178, 208, 238, 268, 298, 328, 358]),
        # no later phase: weekly until the stop
        (Policy(working_days_only=False, overdue_later_every=0, overdue_stop_after=40),
         [7, 14, 21, 28, 35]),
        # the switch between two weekly rungs: the later rhythm counts from the last weekly one
        (Policy(working_days_only=False, overdue_later_after=30, overdue_later_every=10,
                overdue_stop_after=60), [7, 14, 21, 28, 38, 48, 58]),
        # the later rhythm from the start (nothing fits before the switch)
        (Policy(working_days_only=False, overdue_every=7, overdue_later_after=3,
                overdue_later_every=30, overdue_stop_after=100), [30, 60, 90]),
        # never stops: rungs go on years later
        (Policy(working_days_only=False, overdue_stop_after=0), None),
    ],
)
def test_overdue_reminders_thin_out_and_stop(policy: Policy, offsets: list[int] | None) -> None:
    lad = Ladder(None, MONDAY, policy, RU, MSK)
    overdue = [s for s in lad.on_days(MONDAY, date(2026, 12, 31)) if s.stage == "overdue"]
    if offsets is None:
        assert overdue[-1].day.year == 2026  # ten years of monthly rungs, to the end asked
        nxt = lad.next_after(datetime(2040, 1, 1, tzinfo=MSK))
        assert nxt is not None and nxt.stage == "overdue"
        return
    assert [(s.day - MONDAY).days for s in overdue] == offsets
    assert [s.name for s in overdue] == [f"overdue-{k}" for k in range(1, len(offsets) + 1)]
    last = overdue[-1]
    assert lad.next_after(last.at) is None or lad.next_after(last.at).stage != "overdue"
    assert "the last" in last.rule
    # after downtime the latest rung is the last one, not one past the stop
    late = lad.latest_between(datetime(2023, 1, 1, tzinfo=MSK), datetime(2030, 1, 1, tzinfo=MSK))
    assert [s for s in late if s.stage == "overdue"] == [last]


def test_the_last_overdue_rung_moved_off_a_weekend_is_still_found_after_its_nominal_day() -> None:
    # Found by the property test: daily overdue rungs stopping 120 days late; the 120th falls
    # on Saturday 17 May 2025 and is sent on Monday the 19th, so a snooze until the 18th
    # (or a look on Sunday) still has it ahead.
    lad = Ladder(None, date(2025, 1, 17), Policy(overdue_every=1, overdue_later_every=0,
                                                 overdue_stop_after=120, escalate=(),
                                                 on_due=False, before=()), RU, MSK,
                 snoozed_until=date(2025, 5, 18))
    [last] = [s for s in lad.on_days(date(2025, 5, 1), date(2025, 6, 30))]
    assert (last.name, last.day) == ("overdue-120", date(2025, 5, 19))
    assert lad.next_after(datetime(2025, 5, 18, 12, tzinfo=MSK)) == last
