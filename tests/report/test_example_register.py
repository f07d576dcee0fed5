"""The overdue register on the example deployment (config/example: five real plans, Latvian,
Ukrainian and Russian, 2016 to 2026) with a fixed clock: exactly the overdue items, grouped
by lead department and counted right, with working days late in each plan's country.

A few items' figures are written by hand from the calendars; the whole list is checked
against an independent computation: the open occurrences read straight from the SQLite
file, each one's lateness counted a day at a time by WorkCalendar.working_days_between, and
its department taken from the plan files' lead."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from reminder.cli import main
from reminder.cli._engine import load
from reminder.schedule.workdays import calendar_for

EXAMPLE = Path(__file__).resolve().parents[2] / "config" / "example"
NOW = "2026-12-05T10:00"


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("example") / "example"
    shutil.copytree(EXAMPLE, d, ignore=shutil.ignore_patterns("state"))
    return d / "reminder.yaml"


def report(capsys: pytest.CaptureFixture[str], config: Path, *argv: str) -> dict:
    capsys.readouterr()
    assert main(["report", "--config", str(config), "--now", NOW, "--format", "json",
                 *argv]) == 0
    return json.loads(capsys.readouterr().out)


def items_of(doc: dict) -> dict[tuple[str, str], dict]:
    return {(i["task"], i["due"]): i for g in doc["register"]["departments"]
            for i in g["items"]}


# (at, task, due) -> (working days late, calendar days late, bucket), counted by hand:
HAND = [
    # Kyiv: 1 January 2021 (Friday) and 7 January (Orthodox Christmas) are holidays, and
    # 8 January was a day off moved from Saturday 16 January: 4, 5, 6, 11, 12 January
    ("2021-01-12", "lugansk-2020/4.1", "2020-12-31", 5, 12, "1-5"),
    # ... and to 29 January: 4-6, 11-15, Saturday 16 (worked for the 8th), 18-22, 25-29
    ("2021-01-29", "lugansk-2020/4.1", "2020-12-31", 19, 29, "6-20"),
    ("2021-01-29", "lugansk-2020/1.1", "2020-12-31", 19, 29, "6-20"),
    # Latvia from Monday 2 November 2020: November 19 working days (18 November, a
    # Wednesday, is Proclamation Day), December 20 (24, 25 and 31 December are holidays),
    # January 2021 to the 29th 20 (1 January off)
    ("2021-01-29", "latgale-ngo-2019/1", "2020-11-02", 59, 88, "over-20"),
    # St Petersburg: from Wednesday 30 September 2026 to Wednesday 7 October: 1, 2, 5, 6, 7
    ("2026-10-07", "leningrad-nko-2023/4.2", "2026-09-30", 5, 7, "1-5"),
]


@pytest.mark.parametrize(("at", "task", "due", "working", "calendar", "bucket"), HAND)
def test_days_late_counted_by_hand(example: Path, capsys, at: str, task: str, due: str,
                                   working: int, calendar: int, bucket: str) -> None:
    doc = report(capsys, example, "--overdue", "--at", at)
    found = items_of(doc)[(task, due)]
    assert (found["working_days_late"], found["calendar_days_late"], found["bucket"]) == (
        working, calendar, bucket)


def test_the_register_of_29_january_2021_grouped_and_counted(example: Path, capsys) -> None:
    doc = report(capsys, example, "--overdue", "--at", "2021-01-29")
    reg = doc["register"]
    assert doc["schema"] == "reminder-report" and doc["version"] == 1
    assert doc["departments"] is None and doc["card"] is None
    assert reg["total"] == 27
    assert reg["buckets"] == {"1-5": 0, "6-20": 17, "over-20": 10}
    # most late first: the 2016 Latvian items, then Luhansk (whose latest is 31 March 2020),
    # then Latgale (2 November 2020)
    assert [(g["id"], g["count"]) for g in reg["departments"]] == [
        ("lv-state-chancellery", 1), (None, 1), ("lv-ngo-representatives", 1),
        ("luhansk-dmk", 23), ("lv-dienvidlatgale-ngo-centre", 1)]
    luhansk = reg["departments"][3]
    assert luhansk["name"] == "Департамент масових комунікацій облдержадміністрації"
    assert luhansk["buckets"] == {"1-5": 0, "6-20": 17, "over-20": 6}
    assert reg["more_time_pending"] == [] and reg["awaiting_acceptance"] == []


def independent(config: Path, at: date) -> dict[tuple[str, str], tuple[str | None, int]]:
    """(task, due) -> (lead id, working days late) of every open occurrence due before
    ``at``, from the database file and the plan files, counting day by day. It shares the
    holiday calendar (calendar_for) with the code: it checks the register's selection,
    grouping and counting, not the calendars, which the HAND rows check."""
    cfg, dep = load(str(config))
    con = sqlite3.connect(dep.db_url.removeprefix("sqlite:///"))
    rows = con.execute(
        "SELECT o.task_key, o.due, p.country FROM occurrence o JOIN task t ON t.key = "
        "o.task_key JOIN plan p ON p.id = t.plan_id WHERE o.status = 'open' AND "
        "t.archived = 0 AND p.status != 'archived' AND o.due < ?", (at.isoformat(),)).fetchall()
    con.close()
    out = {}
    for key, due, country in rows:
        task = cfg.task(key)
        assert task is not None
        lead = task.lead.executor_id if task.lead else None
        late = calendar_for(country).working_days_between(date.fromisoformat(due), at)
        out[(key, due)] = (lead, late)
    return out


@pytest.mark.parametrize("at", ["2019-06-03", "2021-01-29", "2024-04-01", "2026-12-05"])
def test_the_whole_register_matches_an_independent_computation(example: Path, capsys,
                                                               at: str) -> None:
    doc = report(capsys, example, "--overdue", "--at", at)
    reg = doc["register"]
    expected = independent(example, date.fromisoformat(at))
    got = {(i["task"], i["due"]): (g["id"], i["working_days_late"])
           for g in reg["departments"] for i in g["items"]}
    assert got == expected
    assert reg["total"] == len(expected)
    # every item under its lead, each department once, buckets that add up
    assert len({g["id"] for g in reg["departments"]}) == len(reg["departments"])
    for g in reg["departments"]:
        lates = [i["working_days_late"] for i in g["items"]]
        assert lates == sorted(lates, reverse=True)  # most late first
        assert g["count"] == len(g["items"])
        assert g["buckets"] == {
            "1-5": sum(1 for n in lates if n <= 5),
            "6-20": sum(1 for n in lates if 6 <= n <= 20),
            "over-20": sum(1 for n in lates if n > 20)}
        for i in g["items"]:
            calendar = (date.fromisoformat(at) - date.fromisoformat(i["due"])).days
            assert i["calendar_days_late"] == calendar >= 1
    firsts = [g["items"][0]["working_days_late"] for g in reg["departments"]]
    assert firsts == sorted(firsts, reverse=True)  # the department latest first
    total = Counter(i["bucket"] for g in reg["departments"] for i in g["items"])
    assert reg["buckets"] == {k: total.get(k, 0) for k in ("1-5", "6-20", "over-20")}


def test_a_plan_and_an_executor_narrow_the_register(example: Path, capsys) -> None:
    whole = items_of(report(capsys, example, "--overdue", "--at", "2024-04-01"))
    lugansk = items_of(report(capsys, example, "--overdue", "--at", "2024-04-01",
                              "--plan", "lugansk-2020"))
    assert lugansk == {k: v for k, v in whole.items() if k[0].startswith("lugansk-2020/")}
    assert len(lugansk) == 23
    # an executor's tasks: every role counts (a co-executor's too)
    cfg, _ = load(str(example))
    mine = {t.key for t in cfg.tasks() if any(a.executor_id == "lo-public-communications"
                                              for a in t.assignments)}
    narrowed = items_of(report(capsys, example, "--overdue", "--at", "2024-04-01",
                               "--executor", "lo-public-communications"))
    assert narrowed == {k: v for k, v in whole.items() if k[0] in mine}
    assert narrowed
