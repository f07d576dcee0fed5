"""The planner's "when is the next reminder?" query, next to two baselines measured in the same run.

    .venv/bin/python bench/planner_next.py [--rounds 5] [--round-ms 60]

One ladder: a six-year window ("2023-2030": 2024-01-01..2029-12-31, due 2029-12-31), the
default Policy with weekly overdue rungs (overdue_every=7), the Russian calendar, Europe/Moscow.

Prints, for instants t over the ladder's whole life (before the window, inside it with the next
rung years away, just after the due date, and years into the overdue tail):

* ``Ladder.next_after(t)`` in µs per query and queries per second;
* APScheduler 3's ``IntervalTrigger(weeks=1, start_date=first overdue rung)``
  ``.get_next_fire_time(None, t)``: arithmetic next-fire computation for the same weekly series
  (no calendar, no fixed rungs: a floor for the arithmetic, not the same answer);
* a brute-force listing: every rung from the window start up to t + 1 year generated the naive
  way (``tests/schedule/oracle.py``'s ``naive_rungs``), then the first one after t (listed again
  a year further while there is none: inside the window the next rung can be years away);
* the ratios ladder ÷ APScheduler and naive ÷ ladder, and whether the naive listing gives the
  same rung.

Then ``Ladder.on_days(lo, hi)`` over a whole year (in the window, the due year, the tail) next
to the naive listing filtered to that year and to APScheduler walking its fire times over the
year, and the cost of constructing one Ladder (warm calendar, as the tick does; and the first,
cold, construction once). Last, how next_after's cost depends on how far t is from the due date.

Each figure is the median of several timed rounds (perf_counter, after a warm-up; each round
repeats the call enough times to last ``--round-ms``), ± half the range of the rounds;
the rounds of all contenders are interleaved, so load from other processes hits them alike.
Figures only: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from apscheduler.triggers.interval import IntervalTrigger

from reminder.schedule.planner import Ladder
from reminder.schedule.policy import Policy
from reminder.schedule.workdays import calendar_for
from tests.schedule.oracle import naive_rungs

MSK = ZoneInfo("Europe/Moscow")
WINDOW_START = date(2024, 1, 1)
DUE = date(2029, 12, 31)
POLICY = Policy(overdue_every=7)


class Timed:
    """One contender: a no-argument callable, timed in rounds of ``n`` calls."""

    def __init__(self, fn: Callable[[], object], round_s: float) -> None:
        self.fn = fn
        for _ in range(3):  # warm-up: caches, holiday years loaded, code paths hot
            fn()
        n, spent = 1, 0.0
        while True:  # calibrate the calls per round
            t0 = time.perf_counter()
            for _ in range(n):
                fn()
            spent = time.perf_counter() - t0
            if spent >= round_s / 4 or n >= 1 << 22:
                break
            n *= 4
        self.n = max(1, int(n * round_s / max(spent, 1e-9)))
        self.samples: list[float] = []

    def round(self) -> None:
        fn, n = self.fn, self.n
        t0 = time.perf_counter()
        for _ in range(n):
            fn()
        self.samples.append((time.perf_counter() - t0) / n)

    @property
    def us(self) -> float:
        return statistics.median(self.samples) * 1e6

    @property
    def spread(self) -> str:
        """Max minus min of the rounds, as a percentage of the median."""
        return f"±{(max(self.samples) - min(self.samples)) / statistics.median(self.samples) * 50:.0f}%"

    def fig(self, width: int = 9, digits: int = 2) -> str:
        return f"{self.us:{width}.{digits}f} {self.spread:<5}"


def run_rounds(contenders: list[Timed], rounds: int) -> None:
    for _ in range(rounds):
        for c in contenders:
            c.round()


def naive_next(cal, t: datetime):  # type: ignore[no-untyped-def]
    """The brute-force answer: list every rung from the window start up to t + 1 year, take the
    first after t; when none is, list again a year further (inside the window the next rung
    may be years away)."""
    until = t.astimezone(MSK).date() + timedelta(days=366)
    while True:
        found = next((r for r in naive_rungs(WINDOW_START, DUE, POLICY, cal, MSK, until)
                      if r.at > t), None)
        if found is not None or until > DUE + timedelta(days=366):
            return found
        until += timedelta(days=366)


def naive_year(cal, lo: date, hi: date):  # type: ignore[no-untyped-def]
    return [r for r in naive_rungs(WINDOW_START, DUE, POLICY, cal, MSK, hi) if r.day >= lo]


def aps_year(trigger: IntervalTrigger, lo: date, hi: date) -> list[datetime]:
    """APScheduler's fire times in [lo, hi], one get_next_fire_time after another."""
    start = datetime.combine(lo, datetime.min.time(), tzinfo=MSK)
    end = datetime.combine(hi + timedelta(days=1), datetime.min.time(), tzinfo=MSK)
    out: list[datetime] = []
    fire = trigger.get_next_fire_time(None, start)
    while fire is not None and fire < end:
        out.append(fire)
        fire = trigger.get_next_fire_time(fire, fire)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rounds", type=int, default=5, help="timed rounds per figure")
    ap.add_argument("--round-ms", type=float, default=60, help="length of one round")
    args = ap.parse_args()
    round_s = args.round_ms / 1000

    t0 = time.perf_counter()
    cal = calendar_for("RU")
    lad = Ladder(WINDOW_START, DUE, POLICY, cal, MSK)
    cold_ms = (time.perf_counter() - t0) * 1000
    first_overdue = datetime.combine(DUE + timedelta(days=7), POLICY.send_time, tzinfo=MSK)
    trigger = IntervalTrigger(weeks=1, start_date=first_overdue, timezone=MSK)

    print(f"Ladder {WINDOW_START}..{DUE} (due {DUE}), RU calendar, Europe/Moscow, "
          f"overdue every {POLICY.overdue_every} days: {len(lad._fixed)} fixed rungs, "
          f"first {lad.first().day}")  # type: ignore[union-attr]
    print(f"APScheduler baseline: IntervalTrigger(weeks=1, "
          f"start_date={first_overdue:%Y-%m-%d %H:%M}) (the ladder's overdue-1, nominal)")
    print(f"{args.rounds} interleaved rounds per figure, ~{args.round_ms:.0f} ms each; "
          f"median, ± half the range of the rounds\n")

    # -- construction ---------------------------------------------------------------------
    build = Timed(lambda: Ladder(WINDOW_START, DUE, POLICY, cal, MSK), round_s)
    build_aps = Timed(lambda: IntervalTrigger(weeks=1, start_date=first_overdue, timezone=MSK),
                      round_s)
    run_rounds([build, build_aps], args.rounds)
    print(f"construct one Ladder (calendar warm, as in a tick): {build.fig()} µs")
    print(f"  first Ladder of the process (RU holidays loaded):  {cold_ms:8.1f} ms (one shot, "
          f"includes calendar_for('RU'))")
    print(f"  APScheduler IntervalTrigger(...) construction:     {build_aps.fig()} µs\n")

    # -- next_after -------------------------------------------------------------------------
    instants = [
        ("before the window", datetime(2023, 6, 1, 12, 0, tzinfo=MSK)),
        ("just after the opening rung", datetime(2024, 1, 9, 10, 0, tzinfo=MSK)),
        ("in the window, next rung 3.5 y away", datetime(2026, 6, 15, 12, 0, tzinfo=MSK)),
        ("in the window, 2 days before due", datetime(2029, 12, 29, 12, 0, tzinfo=MSK)),
        ("just after the due rung", datetime(2029, 12, 31, 10, 0, tzinfo=MSK)),
        ("overdue tail, half a year", datetime(2030, 6, 15, 12, 0, tzinfo=MSK)),
        ("overdue tail, 5 years", datetime(2035, 3, 15, 12, 0, tzinfo=MSK)),
        ("overdue tail, 30 years", datetime(2060, 1, 1, 12, 0, tzinfo=MSK)),
        ("overdue tail, 94 years", datetime(2124, 3, 15, 12, 0, tzinfo=MSK)),
    ]
    rows = []
    for label, t in instants:
        ours = Timed(lambda t=t: lad.next_after(t), round_s)
        aps = Timed(lambda t=t: trigger.get_next_fire_time(None, t), round_s)
        naive = Timed(lambda t=t: naive_next(cal, t), round_s)
        rows.append((label, t, ours, aps, naive))
    run_rounds([c for row in rows for c in row[2:]], args.rounds)

    print("next_after(t): µs per query (median, ± half the rounds' range), queries/s, ratios")
    print(f"  {'t':<48}{'next rung (ladder)':<26}{'ladder µs':>9}{'':6}{'queries/s':>10}"
          f"{'APS µs':>9}{'':6}{'naive µs':>10}{'':6}{'lad÷APS':>9}{'naive÷lad':>10}"
          f"  naive agrees")
    for label, t, ours, aps, naive in rows:
        step = lad.next_after(t)
        ref = naive_next(cal, t)
        same = (step is None and ref is None) or (
            step is not None and ref is not None and (step.at, step.name) == (ref.at, ref.name))
        where = f"{step.day} {step.name}" if step else "none"
        print(f"  {t:%Y-%m-%d} {label:<37}{where:<26}{ours.fig()}{1e6 / ours.us:10,.0f}"
              f"{aps.fig()}{naive.fig(10, 1)}{ours.us / aps.us:9.2f}{naive.us / ours.us:10.0f}"
              f"  {'yes' if same else 'NO'}")
    print()

    # -- on_days over a year ------------------------------------------------------------------
    years = [("in the window", 2026), ("the due year", 2029), ("first overdue year", 2030),
             ("overdue tail", 2035)]
    yrows = []
    for label, y in years:
        lo, hi = date(y, 1, 1), date(y, 12, 31)
        ours = Timed(lambda lo=lo, hi=hi: lad.on_days(lo, hi), round_s)
        aps = Timed(lambda lo=lo, hi=hi: aps_year(trigger, lo, hi), round_s)
        naive = Timed(lambda lo=lo, hi=hi: naive_year(cal, lo, hi), round_s)
        yrows.append((label, y, lo, hi, ours, aps, naive))
    run_rounds([c for row in yrows for c in row[4:]], args.rounds)
    print("on_days(Jan 1, Dec 31) of one year: µs per query (APS: its fire times over the year)")
    print(f"  {'year':<26}{'rungs':>6}{'ladder µs':>10}{'':6}{'APS µs':>9}{'':6}{'fires':>6}"
          f"{'naive µs':>10}{'':6}{'lad÷APS':>9}{'naive÷lad':>10}  naive agrees")
    for label, y, lo, hi, ours, aps, naive in yrows:
        got = lad.on_days(lo, hi)
        ref = naive_year(cal, lo, hi)
        same = [(s.at, s.name, s.to) for s in got] == [(r.at, r.name, r.to) for r in ref]
        print(f"  {y} {label:<21}{len(got):>6}{ours.fig(10)}{aps.fig()}"
              f"{len(aps_year(trigger, lo, hi)):>6}{naive.fig(10, 1)}{ours.us / aps.us:9.2f}"
              f"{naive.us / ours.us:10.1f}  {'yes' if same else 'NO'}")
    print()

    # -- cost against distance from the due date ------------------------------------------
    print("next_after cost against t - due, µs (the ladder's should not grow; the naive one "
          "lists every rung up to t + 1 year)")
    due_at = datetime.combine(DUE, POLICY.send_time, tzinfo=MSK)
    for label, t, ours, _aps, naive in rows:
        years_off = (t - due_at).days / 365.25
        print(f"  t - due {years_off:+6.1f} y   ladder {ours.fig(7)}  naive {naive.fig(10, 1)}"
              f" ({label})")
    lad_us = [r[2].us for r in rows]
    tail = [r for r in rows if r[1] > due_at]
    near, far = tail[0], tail[-1]
    print(f"  ladder: {min(lad_us):.2f}-{max(lad_us):.2f} µs over every t; in the overdue tail "
          f"{far[2].us / near[2].us:.2f}x from {near[1]:%Y-%m-%d} to {far[1]:%Y-%m-%d} "
          f"(naive {far[4].us / near[4].us:.0f}x)")
    print(f"(python {sys.version.split()[0]})")


if __name__ == "__main__":
    main()
