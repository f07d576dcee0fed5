"""Per-department figures from a scripted history of closings (tests/report/conftest.py),
with the expected counts and shares worked out by hand from the script; and the counting
rules one by one on records, without a store."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from reminder.cli import main
from reminder.report import departments
from reminder.report.model import ItemRecord, Period

NOW = "2024-01-15T09:00"


def report(capsys: pytest.CaptureFixture[str], config: Path, *argv: str) -> dict:
    capsys.readouterr()
    assert main(["report", "--config", str(config), "--now", NOW, "--format", "json",
                 *argv]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_scripted_quarter_by_department(scripted: Path, capsys) -> None:
    doc = report(capsys, scripted, "--departments", "--at", "2024-01-15",
                 "--from", "2023-10-01", "--until", "2023-12-31")
    deps = doc["departments"]
    assert doc["register"] is None
    assert deps["period"] == {"from": "2023-10-01", "until": "2023-12-31"}
    # 92 days before: July, August, September
    assert deps["previous"] == {"from": "2023-07-01", "until": "2023-09-30"}
    rows = {r["id"]: r for r in deps["rows"]}
    assert list(rows) == ["dmk", "osv"]  # by name
    # dmk: 1.1 and 1.3 on time; 1.2 a day late; 1.8 closed early, reopened and closed after
    # its due date (the last closing counts): late; 1.4 extended to 8 December, still open:
    # overdue. 2 / (2 + 2 + 1) = 0.4. Before: 1.6 on time, 1.7 late: 1 / 2.
    assert rows["dmk"]["current"] == {
        "due": 5, "not_yet_due": 0, "overdue": 1, "awaiting_acceptance": 0,
        "done_on_time": 2, "done_late": 2, "done_undated": 0, "on_time_share": 0.4}
    assert rows["dmk"]["previous"]["on_time_share"] == 0.5
    assert rows["dmk"]["change"] == -0.1
    # osv: 2.1 closed at 00:30 in Kyiv on the day after its due date (21:30 UTC on the due
    # date): late on the plan's clock; 2.2 on time; 2.3 closed 10 January: late. 1 / 3.
    # Before: 2.4 on time: 1 / 1.
    assert rows["osv"]["current"] == {
        "due": 3, "not_yet_due": 0, "overdue": 0, "awaiting_acceptance": 0,
        "done_on_time": 1, "done_late": 2, "done_undated": 0, "on_time_share": 0.3333}
    assert rows["osv"]["previous"]["on_time_share"] == 1.0
    assert rows["osv"]["change"] == -0.6667
    # all: 3 on time, 4 late, 1 overdue: 3 / 8; before 2 / 3; change 0.375 - 0.6667
    total = deps["total"]
    assert (total["current"]["on_time_share"], total["previous"]["on_time_share"],
            total["change"]) == (0.375, 0.6667, -0.2917)
    assert total["current"]["due"] == 8 and total["previous"]["due"] == 3


def test_the_default_period_is_the_90_days_before(scripted: Path, capsys) -> None:
    deps = report(capsys, scripted, "--departments", "--at", "2024-01-15")["departments"]
    # 17 October 2023 to 14 January 2024; before it, 19 July to 16 October 2023
    assert deps["period"] == {"from": "2023-10-17", "until": "2024-01-14"}
    assert deps["previous"] == {"from": "2023-07-19", "until": "2023-10-16"}
    rows = {r["id"]: r for r in deps["rows"]}
    # dmk now: 1.3 (1 Nov) on time, 1.8 (20 Oct) late, 1.4 (8 Dec) overdue, 1.9 (10 Jan)
    # overdue: 1 / 4. Before: 1.1 on time, 1.2 (16 Oct) late, 1.6 on time, 1.7 (1 Aug) late
    assert (rows["dmk"]["current"]["on_time_share"], rows["dmk"]["previous"]["on_time_share"]
            ) == (0.25, 0.5)
    # osv now: 2.2 on time, 2.3 late: 1 / 2. Before: 2.1 (10 Oct) late; 2.4 (14 Jul) is
    # before the previous period: 0 / 1
    assert (rows["osv"]["current"]["on_time_share"], rows["osv"]["previous"]["on_time_share"],
            rows["osv"]["change"]) == (0.5, 0.0, 0.5)


# --- the rules, one by one -------------------------------------------------------------------

def record(due: str, status: str, closed: str | None = None, zone: str = "Europe/Riga",
           lead: str | None = "a") -> ItemRecord:
    return ItemRecord(
        occurrence_id=hash((due, status, closed)) & 0xFFFF, task_key="p/1", plan_id="p",
        plan_title="P", country="LV", zone=zone, number="1", title="T", result=None,
        deadline_text=None, window_start=None, due=date.fromisoformat(due),
        nominal_due=date.fromisoformat(due), status=status, snoozed_until=None, lead_id=lead,
        lead_name=lead, closed_at=datetime.fromisoformat(closed).astimezone(UTC) if closed
        else None)


DAY = date(2024, 3, 1)
RULES = [
    # (record, the count it adds to), each case written out
    (record("2024-02-10", "done", "2024-02-10T23:59+02:00"), "done_on_time"),  # on the day
    (record("2024-02-10", "done", "2024-02-11T00:00+02:00"), "done_late"),  # a minute after
    (record("2024-02-10", "done", "2024-02-10T22:30+00:00"), "done_late"),  # 00:30 in Riga
    (record("2024-02-10", "done", "2024-01-01T09:00+02:00"), "done_on_time"),  # early
    (record("2024-02-10", "done"), "done_undated"),  # no closing in the history
    (record("2024-02-29", "open"), "overdue"),  # due the day before
    (record("2024-03-01", "open"), "not_yet_due"),  # due on the report's day: not late yet
    (record("2024-02-10", "reported"), "awaiting_acceptance"),
    (record("2024-02-10", "cancelled"), None),
]


@pytest.mark.parametrize(("item", "expected"), RULES)
def test_what_each_occurrence_counts_as(item: ItemRecord, expected: str | None) -> None:
    assert departments.outcome(item, DAY) == expected


def test_shares_leave_out_what_has_no_outcome_yet() -> None:
    items = [r for r, _ in RULES]
    t = departments.tally(items, Period(date(2024, 2, 1), date(2024, 3, 31)), DAY)
    assert (t.due, t.done_on_time, t.done_late, t.done_undated, t.overdue, t.not_yet_due,
            t.awaiting_acceptance) == (8, 2, 2, 1, 1, 1, 1)
    assert t.on_time_share == 2 / 5  # 2 on time of 2 + 2 late + 1 overdue
    empty = departments.tally([record("2024-02-10", "open")],
                              Period(date(2024, 3, 1), date(2024, 3, 31)), DAY)
    assert empty.due == 0 and empty.on_time_share is None


def test_a_department_with_no_share_in_one_period_has_no_change() -> None:
    found = departments.build([record("2024-02-10", "done", "2024-02-09T10:00+02:00")], DAY,
                              Period(date(2024, 2, 1), date(2024, 2, 29)))
    (row,) = found.rows
    assert row.current.on_time_share == 1.0
    assert row.previous.on_time_share is None and row.change is None
