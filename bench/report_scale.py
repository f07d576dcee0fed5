"""The overdue register over 10,000 overdue items (a synthetic SQLite store: 2,000 tasks of
five plans in three countries, 50 departments, quarterly occurrences from 2019 on), next to a
baseline measured in the same run: a plain SELECT of the same rows (occurrence, task, plan)
with no lead, no working days and no grouping. Also the register rendered as JSON and XLSX,
and the department figures over the last 90 days. Figures only: nothing here asserts a time;
the goal is the register well under a second.

    .venv/bin/python bench/report_scale.py [--items 10000]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlmodel import Session

from reminder.report import departments, query, register
from reminder.report.formats import render
from reminder.report.model import Report
from reminder.schedule.policy import Policy
from reminder.store.db import open_store

KYIV = ZoneInfo("Europe/Kyiv")
DAY = date(2026, 12, 5)
COUNTRIES = [("UA", "Europe/Kyiv"), ("LV", "Europe/Riga"), ("RU", "Europe/Moscow")]


def build(path: Path, items: int, per_task: int = 5, executors: int = 50) -> None:
    """Fill a migrated database directly: ``items`` open occurrences past due on DAY."""
    open_store(f"sqlite:///{path}").dispose()
    con = sqlite3.connect(path)
    con.execute("PRAGMA synchronous=OFF")
    policy = json.dumps(Policy().to_json(), sort_keys=True)
    tasks = items // per_task
    con.executemany("INSERT INTO executor VALUES (?,?,?,?,?,?,?)", [
        (f"e{i}", f"Department {i}", "ru", f"e{i}@example.org", "", None, 0)
        for i in range(executors)])
    con.executemany("INSERT INTO plan VALUES (?,?,?,?,?,?,?)", [
        (f"p{i}", f"Plan {i}", "ru", *COUNTRIES[i % 3][:1], 0, "open", COUNTRIES[i % 3][1])
        for i in range(5)])
    con.executemany("INSERT INTO task VALUES (?,?,?,?,?,?,?,?,?,?,?)", (
        (f"p{i % 5}/{i}", f"p{i % 5}", f"{i // 10}.{i % 10}", f"Measure {i} " * 4, None,
         "щоквартально", "recurring", "open", 0, policy, "") for i in range(tasks)))
    con.executemany("INSERT INTO assignment VALUES (?,?,?,?)", (
        row for i in range(tasks) for row in ((f"p{i % 5}/{i}", f"e{i % executors}", "lead", 0),
                                              (f"p{i % 5}/{i}", f"e{(i + 7) % executors}",
                                               "co", 1))))

    def occurrences():  # type: ignore[no-untyped-def]
        n = 0
        for i in range(tasks):
            for k in range(per_task):
                # quarters from 2019 to a week ago: every one of them overdue on DAY
                due = DAY - timedelta(days=7 + 91 * (k + (i % 7)))
                n += 1
                yield (n, f"p{i % 5}/{i}", k, None, due.isoformat(), due.isoformat(), "open",
                       None, None, None)
    con.executemany("INSERT INTO occurrence VALUES (?,?,?,?,?,?,?,?,?,?)", occurrences())
    con.commit()
    con.close()


def best(fn, runs: int = 5) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    """The fastest of ``runs`` calls (seconds) and the last result."""
    times, out = [], None
    for _ in range(runs):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


PLAIN = ("SELECT o.id, o.task_key, t.plan_id, p.title, p.country, p.timezone, t.number,"
         " t.title, t.result, t.deadline_text, o.window_start, o.due, o.nominal_due, "
         "o.status, o.snoozed_until FROM occurrence o JOIN task t ON t.key = o.task_key "
         "JOIN plan p ON p.id = t.plan_id WHERE o.status = 'open' AND o.due < ?")


def baseline(path: Path) -> tuple[float, list]:
    """The baseline of the scale benches: a plain SELECT of the overdue rows, best time."""
    con = sqlite3.connect(path)
    try:
        return best(lambda: con.execute(PLAIN, (DAY.isoformat(),)).fetchall())
    finally:
        con.close()


def main() -> None:
    """Build the store, then time each step next to the plain SELECT."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, default=10_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite"
        build(path, args.items)
        engine = open_store(f"sqlite:///{path}")
        base, rows = baseline(path)

        def reg():  # type: ignore[no-untyped-def]
            with Session(engine) as s:
                found = query.items(s, KYIV, open_before=DAY)
                return register.build(found, query.pending_requests(s), DAY)

        # the first call pays for the holiday tables of three countries: reported apart
        t = time.perf_counter()
        reg()
        first = time.perf_counter() - t
        took, result = best(reg)

        def deps():  # type: ignore[no-untyped-def]
            with Session(engine) as s:
                period = departments.default_period(DAY)
                found = query.items(s, KYIV, due_from=period.previous().start,
                                    due_until=period.end, closings=True)
                return departments.build(found, DAY, period)

        dep_took, _ = best(deps)
        report = Report(datetime_now(), DAY, register=result)  # type: ignore[arg-type]
        json_took, _ = best(lambda: render(report, "json"), runs=3)
        xlsx_took, _ = best(lambda: render(report, "xlsx"), runs=1)
        engine.dispose()
    total = result.total  # type: ignore[attr-defined]
    print(f"rows: {len(rows)} overdue occurrences (plain SELECT), register total {total}")
    print(f"baseline: plain SELECT of the same rows        {base * 1000:8.1f} ms")
    print(f"register (query, leads, working days, groups)  {took * 1000:8.1f} ms "
          f"({took / base:.1f}x the SELECT); first call with the holiday tables "
          f"{first * 1000:.1f} ms")
    print(f"departments over 90 days (with closings)       {dep_took * 1000:8.1f} ms")
    print(f"render json                                    {json_took * 1000:8.1f} ms")
    print(f"render xlsx                                    {xlsx_took * 1000:8.1f} ms")


def datetime_now():  # type: ignore[no-untyped-def]
    from datetime import datetime
    from datetime import time as clock

    return datetime.combine(DAY, clock(9), tzinfo=KYIV)


if __name__ == "__main__":
    main()
