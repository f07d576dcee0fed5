"""The example deployment built from the seeds (config/example), copied to tmp_path: the
Russian roadmap's "2 – 3 квартал 2023 года" items are due Monday 2 October 2023 (the 30th of
September is a Saturday), get the 14/3/1-day reminders on working days at 09:00, and late ones
escalate to the lead's supervisor and then the secretariat, never about partners."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from reminder.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "config" / "example"
TASK = "leningrad-nko-2023/1.1"


@pytest.fixture
def conf(tmp_path: Path) -> Path:
    if not (EXAMPLE / "plans" / "leningrad-nko-2023.yaml").exists():
        pytest.fail("config/example/plans/leningrad-nko-2023.yaml is missing")
    shutil.copytree(EXAMPLE, tmp_path / "example", ignore=shutil.ignore_patterns("state"))
    return tmp_path / "example" / "reminder.yaml"


def test_plan_preview_of_the_russian_roadmap(conf: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "--config", str(conf), "--from", "2023-09-01", "--until",
                 "2023-10-31", "--json", "--now", "2023-08-01T10:00"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    mine = [r for r in rows if r["task"] == TASK]
    assert {r["due"] for r in mine} == {"2023-10-02"}
    lead = [(r["at"], r["step"]) for r in mine if r["role"] == "lead"]
    assert lead[:4] == [("2023-09-12T09:00:00+03:00", "before-14"),
                        ("2023-09-27T09:00:00+03:00", "before-3"),
                        ("2023-09-29T09:00:00+03:00", "before-1"),
                        ("2023-10-02T09:00:00+03:00", "due")]
    esc = sorted((r["at"][:10], r["recipient"], r["step"]) for r in mine
                 if r["stage"] == "escalation")
    assert esc == [("2023-10-09", "lo-government", "escalation-1"),
                   ("2023-10-23", "secretariat", "escalation-2")]
    partners = {r["recipient"] for r in mine if r["role"] == "partner"}
    assert partners == {"lo-municipal-chambers", "lo-nko"}
    assert {r["stage"] for r in mine if r["role"] == "partner"} == {"due"}


def test_ticks_through_the_autumn_send_each_rung_once(conf: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    day = date(2023, 9, 11)
    while day <= date(2023, 10, 24):
        assert main(["tick", "--config", str(conf), "--now", f"{day}T09:00"]) == 0
        day += timedelta(days=1)
    capsys.readouterr()
    db = sqlite3.connect(conf.parent / "state" / "reminder.sqlite")
    rows = db.execute(
        "SELECT l.recipient_id, l.step, l.status, l.sent_at FROM ledger l "
        "JOIN occurrence o ON o.id = l.occurrence_id WHERE o.task_key = ? ORDER BY l.id",
        (TASK,)).fetchall()
    db.close()
    lead = [(step, sent[:10]) for rid, step, status, sent in rows
            if rid == "lo-municipal-heads" and status == "sent"]
    # 09:00 in Kyiv is 06:00 UTC, the stored time. The first tick (11 September) does not
    # announce April's opening of the window as news; then the ladder, on time.
    assert lead[:5] == [("before-14", "2023-09-12"), ("before-3", "2023-09-27"),
                        ("before-1", "2023-09-29"), ("due", "2023-10-02"),
                        ("overdue-1", "2023-10-09")]
    assert ("lo-government", "escalation-1", "sent") in {r[:3] for r in rows}
    assert ("secretariat", "escalation-2", "sent") in {r[:3] for r in rows}
    assert not any(step.startswith(("overdue", "escalation")) for rid, step, *_ in rows
                   if rid in ("lo-municipal-chambers", "lo-nko"))
