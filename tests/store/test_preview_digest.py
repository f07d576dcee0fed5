"""`reminder preview --digest`: the secretariat's digest as the tick would send it at the
digest's time on a day, made by the tick's own code, with nothing sent or recorded."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from reminder.cli import main
from tests.deployment_yaml import REMINDER as BASE_REMINDER

REMINDER = BASE_REMINDER + """\
digest: {cron: "0 8 * * mon", due_soon_days: 14}
"""

EXECUTORS = """\
executors:
  - {id: sec, name: Plan office, language: en, email: [sec@example.org]}
  - {id: dmk, name: Mass communications department, language: en,
     email: [dmk@example.org], supervisor: sec}
"""

PLAN = """\
id: roadmap
title: Roadmap 2023
period: "2023"
language: en
tasks:
  - {id: "1.1", title: Public consultations, due: 2023-10-02, executors: [dmk]}
  - {id: "1.2", title: Annual report, due: 2023-10-20, executors: [dmk]}
  - {id: "1.3", title: Website update, due: 2023-12-15, executors: [dmk]}
"""

CLOCK = "2023-09-12T09:00"  # the deployment's first tick (Tuesday)


@pytest.fixture
def conf(tmp_path: Path) -> Path:
    (tmp_path / "plans").mkdir()
    (tmp_path / "reminder.yaml").write_text(REMINDER, encoding="utf-8")
    (tmp_path / "executors.yaml").write_text(EXECUTORS, encoding="utf-8")
    (tmp_path / "plans" / "roadmap.yaml").write_text(PLAN, encoding="utf-8")
    assert main(["tick", "--config", str(tmp_path / "reminder.yaml"), "--now", CLOCK]) == 0
    return tmp_path / "reminder.yaml"


def state_bytes(conf: Path) -> str:
    h = hashlib.sha256()
    for name in ("reminder.sqlite", "reminder.sqlite-wal"):
        path = conf.parent / "state" / name
        h.update(path.read_bytes() if path.exists() else b"-")
    return h.hexdigest()


def preview(capsys: pytest.CaptureFixture[str], conf: Path, *extra: str) -> str:
    code = main(["preview", "--config", str(conf), "--digest", "--now", CLOCK, *extra])
    out, err = capsys.readouterr()
    assert (code, err) == (0, ""), err
    return out


def test_the_digest_on_a_monday_lists_what_is_overdue_and_due_soon_then(conf: Path, capsys):
    out = preview(capsys, conf, "--at", "2023-10-09")
    lines = out.splitlines()
    assert lines[0] == "=== 2023-10-09 08:00 EEST digest to sec (2 items)"
    # 1.1 was due a week before, 1.2 is due in 11 days, 1.3 is more than 14 days away
    assert lines[1] == "Subject: Plan digest, 9 October 2023: 1 overdue, 1 due soon"
    assert "Public consultations" in out and "Annual report" in out
    assert "Website update" not in out


def test_without_at_it_is_the_next_digest(conf: Path, capsys) -> None:
    out = preview(capsys, conf)
    # Monday 18 September; 1.1, due on 2 October, is 14 days away: due soon
    assert out.splitlines()[:2] == [
        "=== 2023-09-18 08:00 EEST digest to sec (1 item)",
        "Subject: Plan digest, 18 September 2023: 0 overdue, 1 due soon"]


def test_a_day_without_a_digest_names_the_next_one(conf: Path, capsys) -> None:
    assert preview(capsys, conf, "--at", "2023-10-10") == (
        "no digest on 2023-10-10 (digest.cron '0 8 * * mon'); the next: 2023-10-16 08:00\n")


def test_the_preview_is_what_the_tick_then_sends_and_records_nothing(conf: Path, capsys):
    before = state_bytes(conf)
    out = preview(capsys, conf, "--at", "2023-10-09")
    assert state_bytes(conf) == before
    # the digest the tick sends at that time is the one shown, subject and body
    assert main(["tick", "--config", str(conf), "--now", "2023-10-09T08:00"]) == 0
    capsys.readouterr()
    outbox = conf.parent / "state" / "outbox"
    [sent] = [p for p in outbox.iterdir() if p.name.startswith("sec-") and p.suffix == ".txt"]
    # its chart is written beside it (the email attaches the same PNG inline)
    [chart] = [p for p in outbox.iterdir() if p.name.startswith("sec-") and p.suffix == ".png"]
    assert chart.name == sent.name.removesuffix(".txt") + ".overdue-chart.png"
    assert chart.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    head, _, body = sent.read_text(encoding="utf-8").partition("\n\n")
    subject = next(line for line in head.splitlines() if line.startswith("Subject: "))
    shown = out.split("\n", 1)[1]  # after the === line
    assert shown == f"{subject}\n\n{body}\n" or shown == f"{subject}\n\n{body}"


def test_closed_since_the_previous_digest_is_listed_once(conf: Path, capsys) -> None:
    assert main(["done", "roadmap/1.1", "--config", str(conf), "--note", "held",
                 "--now", "2023-10-10T10:00"]) == 0
    capsys.readouterr()
    # the digest after the closing says so; the one after that covers the week since
    week = preview(capsys, conf, "--at", "2023-10-16")
    assert "Closed since the last digest" in week and "Public consultations" in week
    later = preview(capsys, conf, "--at", "2023-10-23")
    assert "Closed since the last digest" not in later
    assert "Public consultations" not in later


@pytest.mark.parametrize(("old", "new", "message"), [
    ("secretariat: sec\n", "",
     "reminder: --digest: reminder.yaml names no `secretariat`, so no digest is sent (set "
     "`secretariat:` to the executor id that receives it)\n"),
])
def test_a_deployment_without_a_digest_is_told_so(conf: Path, capsys, old, new, message):
    conf.write_text(conf.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    code = main(["preview", "--config", str(conf), "--digest", "--now", CLOCK])
    assert (code, capsys.readouterr().err) == (2, message)


def test_digest_and_recipient_are_one_or_the_other(conf: Path, capsys) -> None:
    code = main(["preview", "--config", str(conf), "--digest", "--recipient", "dmk"])
    assert code == 2
    assert capsys.readouterr().err == (
        "reminder preview: argument --recipient: not allowed with argument --digest "
        "(see `reminder preview --help`)\n")
