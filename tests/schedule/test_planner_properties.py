"""The planner against a naive oracle (tests/schedule/oracle.py), over the ranges real plans
have: windows from a day to six years ("протягом року", "2023-2030"), overdue rungs that repeat
for ever, holidays of three countries, snoozes, and ticks that come daily or after an outage of
hours to weeks. The oracle lists rungs by brute force, so a rung the planner's search misses
(however far away) or invents is found."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from reminder.schedule.audience import Assignee, recipients
from reminder.schedule.due import due_reminders
from reminder.schedule.planner import Ladder
from reminder.schedule.policy import Escalation, Policy
from reminder.schedule.workdays import calendar_for
from tests.schedule.oracle import naive_rungs

TEAM = (Assignee("lead", "lead", supervisor="boss"), Assignee("co", "co"),
        Assignee("partner", "partner"))
TZ = ZoneInfo("Europe/Kyiv")
TAIL = 400  # days after the due date the tests follow the never-ending overdue rungs
MARGIN = 60  # the oracle stops generating at its horizon: compare only this far before it

policies = st.builds(
    Policy,
    send_time=st.sampled_from([time(0, 0), time(8, 30), time(9, 0), time(17, 45)]),
    working_days_only=st.booleans(),
    notice_on_open=st.booleans(),
    before=st.lists(st.integers(1, 40), max_size=4, unique=True).map(
        lambda v: tuple(sorted(v, reverse=True))),
    before_unit=st.sampled_from(["working", "calendar"]),
    on_due=st.booleans(),
    overdue_every=st.one_of(st.none(), st.integers(1, 45)),
    overdue_later_after=st.integers(0, 120),
    overdue_later_every=st.one_of(st.none(), st.integers(1, 60)),
    overdue_stop_after=st.one_of(st.none(), st.integers(1, 450)),
    escalate=st.lists(st.integers(1, 60), max_size=2, unique=True).map(
        lambda v: tuple(Escalation(after=a, to="supervisor" if i == 0 else "secretariat")
                        for i, a in enumerate(sorted(v)))),
)
dues = st.dates(date(2016, 1, 1), date(2031, 12, 31))
# a day, a quarter, a year ("протягом року"), several years ("2023-2030"); 0: no window
windows = st.one_of(st.just(0), st.integers(1, 31), st.integers(32, 400),
                    st.integers(401, 6 * 366))
countries = st.sampled_from(["RU", "UA", "LV", None])


def _ladder(policy: Policy, due: date, window: int, country: str | None,
            snoozed_until: date | None = None) -> Ladder:
    cal = calendar_for(country)
    return Ladder(due - timedelta(days=window) if window else None,
                  cal.shift(due, "next"), policy, cal, TZ, snoozed_until=snoozed_until)


def _oracle(lad: Ladder, snoozed_until: date | None = None) -> list:
    return naive_rungs(lad.window_start, lad.due, lad.policy, lad.cal, TZ,
                       lad.due + timedelta(days=TAIL), snoozed_until)


def _start(lad: Ladder) -> date:
    return (lad.window_start or lad.due) - timedelta(days=120)


@settings(max_examples=150, deadline=None)
@given(policies, dues, windows, countries, st.one_of(st.none(), st.integers(-30, 500)))
def test_every_rung_of_the_whole_life_is_listed(policy: Policy, due: date, window: int,
                                                country: str | None, snooze: int | None) -> None:
    snoozed = due + timedelta(days=snooze) if snooze is not None else None
    lad = _ladder(policy, due, window, country, snoozed)
    end = lad.due + timedelta(days=TAIL - MARGIN)
    got = [(s.day, s.at, s.name, s.stage, s.to) for s in lad.on_days(_start(lad), end)]
    assert got == [tuple(r) for r in _oracle(lad, snoozed) if r.day <= end]


@settings(max_examples=150, deadline=None)
@given(policies, dues, windows, countries, st.one_of(st.none(), st.integers(-30, 500)),
       st.lists(st.floats(0, 1), min_size=1, max_size=12))
def test_next_after_any_instant_is_the_oracles_next(policy: Policy, due: date, window: int,
                                                    country: str | None, snooze: int | None,
                                                    where: list[float]) -> None:
    snoozed = due + timedelta(days=snooze) if snooze is not None else None
    lad = _ladder(policy, due, window, country, snoozed)
    horizon = lad.due + timedelta(days=TAIL - MARGIN)
    rungs = [r for r in _oracle(lad, snoozed) if r.day <= horizon]
    start = datetime.combine(_start(lad), time(), tzinfo=TZ)
    span = (lad.due + timedelta(days=TAIL - MARGIN)) - _start(lad)
    for f in where:
        t = start + span * f
        expected = next((r for r in rungs if r.at > t), None)
        got = lad.next_after(t)
        if expected is None:  # nothing before the oracle's horizon: nothing before it here
            assert got is None or got.day > horizon
            continue
        assert (None if got is None else (got.name, got.at)) == \
            (None if expected is None else (expected.name, expected.at))
    first = lad.first()
    if rungs:
        assert first is not None and (first.name, first.at) == (rungs[0].name, rungs[0].at)
    else:
        assert first is None or first.day > horizon


def _promised(lad: Ladder, until: datetime) -> Counter:
    """Every (recipient, rung, day) the oracle promises up to the instant ``until``."""
    return Counter((rid, r.name, r.day) for r in _oracle(lad) if r.at <= until
                   for rid, _ in recipients(r.stage, r.to, TEAM, "sec"))  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None)
@given(policies, dues, windows, countries, st.integers(0, 6 * 60))
def test_daily_ticks_send_every_promised_reminder_once(policy: Policy, due: date, window: int,
                                                       country: str | None, late: int) -> None:
    """A tick every day, ``late`` minutes after the send time, over the whole life of the
    occurrence: every reminder the oracle promises is sent once, none other."""
    lad = _ladder(policy, due, window, country)
    until = lad.due + timedelta(days=TAIL - MARGIN)
    day, since = _start(lad), datetime.combine(_start(lad), time(), tzinfo=TZ)
    sent: Counter = Counter()
    while day <= until:
        now = datetime.combine(day, policy.send_time, tzinfo=TZ) + timedelta(minutes=late)
        got, _ = due_reminders(lad, TEAM, "sec", since, now)
        sent.update((r.recipient_id, r.step.name, r.step.day) for r in got)
        since, day = now + timedelta(microseconds=1), day + timedelta(days=1)
    assert sent == _promised(lad, since)


@settings(max_examples=150, deadline=None)
@given(policies, dues, windows, countries, st.one_of(st.none(), st.integers(-30, 500)),
       st.floats(0, 1), st.floats(0, 1))
def test_the_latest_rung_per_recipient_needs_no_listing(policy: Policy, due: date, window: int,
                                                       country: str | None, snooze: int | None,
                                                       a: float, b: float) -> None:
    """After downtime the tick keeps only each recipient's latest rung; finding it from the
    fixed rungs and the last overdue rung gives what listing every rung would."""
    snoozed = due + timedelta(days=snooze) if snooze is not None else None
    lad = _ladder(policy, due, window, country, snoozed)
    start = datetime.combine(_start(lad), time(), tzinfo=TZ)
    span = (lad.due + timedelta(days=TAIL)) - _start(lad)
    lo, hi = sorted((start + span * a, start + span * b))

    def last_per_recipient(steps: list) -> dict:
        out = {}
        for s in steps:
            for rid, _ in recipients(s.stage, s.to, TEAM, "sec"):
                out[rid] = s.name
        return out

    assert last_per_recipient(lad.latest_between(lo, hi)) == \
        last_per_recipient(lad.between(lo, hi))


@settings(max_examples=60, deadline=None)
@given(policies, dues, windows, countries, st.floats(0, 1), st.integers(1, 21 * 24))
def test_an_outage_loses_nothing(policy: Policy, due: date, window: int, country: str | None,
                                 when: float, hours: int) -> None:
    """Ticks every day except during an outage of an hour to three weeks: every promised
    reminder is sent once, except rungs missed during the outage, for whose recipient the
    first tick after it sends the latest rung, marked as catching up, in their place."""
    lad = _ladder(policy, due, window, country)
    until = lad.due + timedelta(days=TAIL - MARGIN)
    start = datetime.combine(_start(lad), time(), tzinfo=TZ)
    down_from = start + (datetime.combine(until, time(), tzinfo=TZ) - start) * when
    down_until = down_from + timedelta(hours=hours)
    ticks = [t for d in range((until - _start(lad)).days + 1)
             if not (down_from <= (t := datetime.combine(_start(lad) + timedelta(days=d),
                                                         policy.send_time, tzinfo=TZ)
                                   + timedelta(minutes=5)) < down_until)]
    ticks = sorted([*ticks, down_until])
    sent: Counter = Counter()
    caught_up: dict[str, datetime] = {}  # recipient -> the rung sent in place of missed ones
    since = start
    for now in ticks:
        got, nxt = due_reminders(lad, TEAM, "sec", since, now)
        for r in got:
            sent[(r.recipient_id, r.step.name, r.step.day)] += 1
            assert r.catch_up == (r.step.at < now - timedelta(hours=1))
            if now == down_until:
                caught_up[r.recipient_id] = r.step.at
        assert nxt is None or nxt > now
        since = now + timedelta(microseconds=1)
    promised = _promised(lad, ticks[-1])
    assert set(sent.values()) <= {1} and set(sent) <= set(promised)
    at = {(r.name, r.day): r.at for r in _oracle(lad)}
    for rid, name, day in set(promised) - set(sent):
        # only a rung of the outage is missing, and a later rung was sent in its place
        assert down_from - timedelta(minutes=5) <= at[(name, day)] < down_until
        assert caught_up[rid] > at[(name, day)]


# The zones of plans sharing one deployment (Riga, Kyiv, St Petersburg): two change their
# clocks for summer, one does not. No send time the policies use falls in a changed hour.
zones = st.sampled_from(["Europe/Riga", "Europe/Kyiv", "Europe/Moscow"])


@settings(max_examples=100, deadline=None)
@given(policies, dues, windows, countries, zones)
def test_in_each_plans_zone_every_rung_is_the_oracles_at_the_send_time_on_that_clock(
        policy: Policy, due: date, window: int, country: str | None, zone: str) -> None:
    """A ladder built on a plan's clock lists the oracle's rungs for that zone, each at the
    policy's send time on the plan's wall clock, on the day it is listed for, summer or
    winter."""
    tz = ZoneInfo(zone)
    cal = calendar_for(country)
    lad = Ladder(due - timedelta(days=window) if window else None, cal.shift(due, "next"),
                 policy, cal, tz)
    end = lad.due + timedelta(days=TAIL - MARGIN)
    got = [(s.day, s.at, s.name) for s in lad.on_days(_start(lad), end)]
    oracle = naive_rungs(lad.window_start, lad.due, policy, cal, tz,
                         lad.due + timedelta(days=TAIL))
    assert got == [(r.day, r.at, r.name) for r in oracle if r.day <= end]
    for day, at, _ in got:
        local = at.astimezone(tz)
        assert (local.date(), local.time()) == (day, policy.send_time)
