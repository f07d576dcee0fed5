"""Properties of the ladder under random policies, dates and countries: ticking once a day at
the send time sends every rung once, on time, on a working day; ticking rarely sends only the
latest rung per recipient, marked as catching up."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from reminder.schedule.policy import Assignee, Escalation, Ladder, Policy, due_reminders
from reminder.schedule.workdays import calendar_for

TEAM = (Assignee("lead", "lead", supervisor="boss"), Assignee("co", "co"),
        Assignee("partner", "partner"))
TZ = ZoneInfo("Europe/Kyiv")

policies = st.builds(
    Policy,
    send_time=st.sampled_from([time(8, 30), time(9, 0), time(17, 45)]),
    working_days_only=st.booleans(),
    notice_on_open=st.booleans(),
    before=st.lists(st.integers(1, 20), max_size=4, unique=True).map(
        lambda v: tuple(sorted(v, reverse=True))),
    before_unit=st.sampled_from(["working", "calendar"]),
    on_due=st.booleans(),
    overdue_every=st.one_of(st.none(), st.integers(1, 10)),
    escalate=st.lists(st.integers(1, 12), max_size=2, unique=True).map(
        lambda v: tuple(Escalation(a, "supervisor" if i == 0 else "secretariat")
                        for i, a in enumerate(sorted(v)))),
)
dues = st.dates(date(2023, 1, 1), date(2026, 12, 31))


def _ladder(policy: Policy, due: date, window: int, country: str) -> Ladder:
    cal = calendar_for(country)
    return Ladder(due - timedelta(days=window) if window else None,
                  cal.shift(due, policy.due_shift), policy, cal, TZ)


@settings(max_examples=60, deadline=None)
@given(policies, dues, st.integers(0, 120), st.sampled_from(["RU", "UA", "LV"]))
def test_daily_ticks_send_every_rung_once_on_time(policy: Policy, due: date, window: int,
                                                  country: str) -> None:
    lad = _ladder(policy, due, window, country)
    first = lad.first_step()
    if first is None:
        return
    end = lad.due + timedelta(days=40)
    expected = lad.steps_between(first.day, end)
    next_at: datetime | None = first.at
    got = []
    day = first.day
    while day <= end and next_at is not None:
        now = datetime.combine(day, policy.send_time, tzinfo=TZ) + timedelta(minutes=1)
        if next_at <= now:
            due_now, next_at = due_reminders(lad, TEAM, "sec", next_at, now)
            got += due_now
        day += timedelta(days=1)
    sent = Counter((r.recipient_id, r.step.name) for r in got)
    assert set(sent.values()) <= {1}  # never twice
    for r in got:
        assert not r.catch_up  # sent within the minute of its send time
        if policy.working_days_only:
            assert lad.cal.is_working(r.step.day)
        assert r.recipient_id != "partner" or r.step.stage in ("opens", "due")
    # every rung (the last of its day for its audience) is heard by someone: none is skipped
    last_of_day = {(s.day, s.to): s.name for s in expected}
    heard = {name for _, name in sent}
    assert set(last_of_day.values()) <= heard


@settings(max_examples=60, deadline=None)
@given(policies, dues, st.integers(0, 120), st.integers(1, 60))
def test_after_downtime_one_reminder_per_recipient(policy: Policy, due: date, window: int,
                                                   down_days: int) -> None:
    lad = _ladder(policy, due, window, "RU")
    first = lad.first_step()
    if first is None:
        return
    now = first.at + timedelta(days=down_days, hours=2)
    got, nxt = due_reminders(lad, TEAM, "sec", first.at, now)
    per_recipient = Counter(r.recipient_id for r in got)
    assert set(per_recipient.values()) <= {1}
    assert all(r.catch_up for r in got)
    assert nxt is None or nxt > now
