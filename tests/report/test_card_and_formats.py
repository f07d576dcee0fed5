"""The control card, requests in the register, and every output format read back: xlsx with
openpyxl, csv with the csv module, html and md with the plan's hostile title escaped."""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, col, select

from reminder.cli import main
from reminder.cli._engine import load
from reminder.store import requests
from reminder.store.db import open_store
from reminder.store.models import OccurrenceRow
from tests.report.conftest import HOSTILE

NOW = "2024-01-15T09:00"
KYIV = ZoneInfo("Europe/Kyiv")


def run(capsys: pytest.CaptureFixture[str], config: Path, *argv: str) -> str:
    capsys.readouterr()
    assert main(["report", "--config", str(config), "--now", NOW, *argv]) == 0
    return capsys.readouterr().out


def test_the_control_card_tells_the_whole_story(scripted: Path, capsys) -> None:
    card = json.loads(run(capsys, scripted, "--card", "roadmap/1.4", "--format", "json"))["card"]
    assert (card["task"], card["number"], card["title"], card["result"], card["deadline"]) == (
        "roadmap/1.4", "1.4", "Захід 1.4", "Звіт 1.4", "до 2023-12-01")
    assert card["executors"] == [{"id": "dmk", "name": "Департамент масових комунікацій",
                                  "role": "lead"}]
    (occ,) = card["occurrences"]
    assert (occ["due"], occ["first_due"], occ["status"]) == ("2023-12-08", "2023-12-01", "open")
    assert occ["extensions"] == [{"at": "2023-11-28T10:00:00+02:00", "action": "extended",
                                  "actor": "cli", "note": "бюджет затримано",
                                  "old_due": "2023-12-01", "new_due": "2023-12-08"}]
    assert [(s["at"], s["note"]) for s in occ["snoozes"]] == [
        ("2023-12-12T10:00:00+02:00", "until 2023-12-19")]
    # the plan was loaded by the first tick, months into the window: its opening is not
    # announced; the due-day reminder, caught up by the tick of 11 December (none ran on 8th)
    assert [(r["sent_at"], r["recipient"], r["channel"], r["step"], r["catch_up"])
            for r in occ["reminders"]] == [
        ("2023-12-11T09:30:00+02:00", "dmk", "outbox", "due", True)]
    assert occ["closed"] is None and occ["requests"] == []


def test_the_card_says_who_closed_it_and_when(scripted: Path, capsys) -> None:
    card = json.loads(run(capsys, scripted, "--card", "roadmap/1.8", "--occurrence",
                          "2023-10-20", "--format", "json"))["card"]
    (occ,) = card["occurrences"]
    # closed, reopened, closed again: the closing in force is the last
    assert occ["closed"]["at"] == "2023-11-02T10:00:00+02:00"
    assert [h["action"] for h in occ["history"]] == ["done", "reopened", "done"]
    assert occ["history"][1]["note"] == "не той звіт"
    text = run(capsys, scripted, "--card", "roadmap/1.8")
    assert "closed 2023-11-02 10:00 by cli" in text


@pytest.fixture
def with_requests(scripted: Path, tmp_path: Path) -> Path:
    """The scripted deployment with more time asked about 1.4 (then denied by the
    coordinator) and asked again, and 1.9 reported done, awaiting acceptance."""
    d = tmp_path / "d"
    shutil.copytree(scripted.parent, d)
    _cfg, dep = load(str(d / "reminder.yaml"))
    engine = open_store(dep.db_url)
    with Session(engine) as s:
        ids = {o.task_key: o.id for o in s.exec(select(OccurrenceRow).where(
            col(OccurrenceRow.task_key).in_(["roadmap/1.4", "roadmap/1.9"])))}
    first, _ = requests.ask_more_time(engine, ids["roadmap/1.4"] or 0, "dmk", "telegram:dmk:5",
                                      datetime(2024, 1, 11, 10, tzinfo=KYIV), "sec",
                                      "чекаємо кошторис")
    requests.deny(engine, first.id or 0, "ні", datetime(2024, 1, 12, 10, tzinfo=KYIV), "cli")
    requests.ask_more_time(engine, ids["roadmap/1.4"] or 0, "dmk", "telegram:dmk:5",
                           datetime(2024, 1, 13, 10, tzinfo=KYIV), "sec", "ще тиждень")
    requests.report_done(engine, ids["roadmap/1.9"] or 0, "dmk", "telegram:dmk:5",
                         datetime(2024, 1, 14, 12, tzinfo=KYIV), "sec", "готово")
    engine.dispose()
    return d / "reminder.yaml"


def test_requests_in_the_register_and_on_the_card(with_requests: Path, capsys) -> None:
    reg = json.loads(run(capsys, with_requests, "--overdue", "--format", "json"))["register"]
    (group,) = reg["departments"]
    (item,) = group["items"]  # 1.9 is reported now: awaiting acceptance, not overdue
    assert item["task"] == "roadmap/1.4"
    assert item["more_time_request"]["id"] == 2
    (asked,) = reg["more_time_pending"]
    assert (asked["id"], asked["task"], asked["executor"], asked["coordinator"],
            asked["asked_on"], asked["note"]) == (
        2, "roadmap/1.4", "Департамент масових комунікацій", "Секретаріат", "2024-01-13",
        "ще тиждень")
    (reported,) = reg["awaiting_acceptance"]
    assert (reported["id"], reported["task"], reported["due"], reported["working_days_late"]
            ) == (3, "roadmap/1.9", "2024-01-10", 3)
    card = json.loads(run(capsys, with_requests, "--card", "roadmap/1.4", "--format", "json"))
    (occ,) = card["card"]["occurrences"]
    assert [(q["id"], q["status"], q["note"], q["answer_note"]) for q in occ["requests"]] == [
        (1, "denied", "чекаємо кошторис", "ні"), (2, "pending", "ще тиждень", None)]


# --- formats -------------------------------------------------------------------------------

def test_xlsx_reads_back_with_real_dates_a_frozen_header_and_a_filter(scripted: Path,
                                                                      tmp_path: Path,
                                                                      capsys) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "register.xlsx"
    assert run(capsys, scripted, "--format", "xlsx", "-o", str(out)).startswith(str(out))
    book = load_workbook(out)
    assert book.sheetnames == ["Report", "Overdue", "More time asked", "Awaiting acceptance",
                               "Departments"]
    ws = book["Overdue"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:N3"
    head = [c.value for c in ws[1]]
    assert head[:8] == ["Department", "Plan", "No.", "Measure", "Result", "Deadline (plan)",
                        "Due", "Working days late"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    assert [r[2] for r in rows] == ["1.4", "1.9"]
    assert rows[0][6] == datetime(2023, 12, 8)  # a date cell, not text
    assert ws.cell(2, 7).is_date and ws.cell(2, 7).number_format == "yyyy-mm-dd"
    assert rows[1][3] == HOSTILE  # the plan's text, kept as text
    assert ws.cell(3, 4).data_type == "s"
    deps = book["Departments"]
    shares = {r[0].value: r[8].value for r in deps.iter_rows(min_row=2)}
    # the default period, 17 October to 14 January: 1.3 and 2.2 on time, 1.8 and 2.3 late,
    # 1.4 and 1.9 overdue
    assert shares["all"] == pytest.approx(2 / 6)
    assert deps.cell(2, 9).number_format == "0.0%"


def test_a_formula_in_plan_text_stays_text_in_xlsx(scripted: Path, tmp_path: Path,
                                                   capsys) -> None:
    from openpyxl import load_workbook

    plan = scripted.parent / "plans" / "roadmap.yaml"
    copy = tmp_path / "d"
    shutil.copytree(scripted.parent, copy)
    (copy / "plans" / "roadmap.yaml").write_text(
        plan.read_text(encoding="utf-8").replace('title: "Захід 1.4"', 'title: "=1+1"'),
        encoding="utf-8")
    out = tmp_path / "r.xlsx"
    run(capsys, copy / "reminder.yaml", "--overdue", "--format", "xlsx", "-o", str(out))
    cell = load_workbook(out)["Overdue"].cell(2, 4)
    assert (cell.value, cell.data_type) == ("=1+1", "s")


def test_csv_parses_back(scripted: Path, capsys) -> None:
    text = run(capsys, scripted, "--overdue", "--format", "csv")
    assert text.startswith("\ufeffDepartment,Plan,No.,Measure,")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert [(r["Task"], r["Due"], r["Working days late"], r["Calendar days late"], r["Ageing"])
            for r in rows] == [("roadmap/1.4", "2023-12-08", "26", "38", "over-20"),
                               ("roadmap/1.9", "2024-01-10", "3", "5", "1-5")]
    assert rows[0]["Department"] == "Департамент масових комунікацій"
    assert rows[1]["Measure"] == HOSTILE  # as written: it does not start with = + - @
    departments = list(csv.DictReader(io.StringIO(run(
        capsys, scripted, "--departments", "--format", "csv", "--from", "2023-10-01",
        "--until", "2023-12-31").removeprefix("\ufeff"))))
    assert [(r["Department"], r["On time"], r["Change"]) for r in departments] == [
        ("Департамент масових комунікацій", "0.4000", "-0.1000"),
        ("Департамент освіти", "0.3333", "-0.6667"), ("all", "0.3750", "-0.2917")]


def test_a_csv_cell_that_a_spreadsheet_would_run_gets_an_apostrophe() -> None:
    from reminder.report.formats.csv_file import cell

    assert [cell(v) for v in ("=1+1", "+7", "-x", "@a", "a=b", 3, -2, date(2024, 1, 2))] == [
        "'=1+1", "'+7", "'-x", "'@a", "a=b", "3", "-2", "2024-01-02"]


@pytest.mark.parametrize("fmt", ["html", "md", "table"])
def test_plan_text_is_escaped(scripted: Path, capsys, fmt: str) -> None:
    out = run(capsys, scripted, "--format", fmt)
    assert "<script>" not in out if fmt != "table" else "<script>alert(1)</script>" in out
    if fmt == "html":
        assert "&lt;script&gt;alert(1)&lt;/script&gt; =1+1 | труба" in out
        assert out.startswith("<!DOCTYPE html>") and "<link" not in out and "src=" not in out
    if fmt == "md":
        # HTML as entities, the pipe escaped so the table keeps its columns
        assert "&lt;script&gt;alert(1)&lt;/script&gt; =1+1 \\| труба" in out


def test_control_characters_in_plan_text_are_shown_escaped(scripted: Path, tmp_path: Path,
                                                           capsys) -> None:
    copy = tmp_path / "d"
    shutil.copytree(scripted.parent, copy)
    plan = copy / "plans" / "roadmap.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        'title: "Захід 1.4"', 'title: "Захід\\e[2J 1.4 \u202eабв"'), encoding="utf-8")
    shown = "Захід\\x1b[2J 1.4 \\u202eабв"
    for fmt in ("table", "md", "html", "csv"):
        out = run(capsys, copy / "reminder.yaml", "--overdue", "--format", fmt)
        assert "\x1b" not in out and "\u202e" not in out, fmt
        # Markdown escapes the backslash and the bracket so that it shows them as written
        expected = shown.replace("\\", "\\\\").replace("[", "\\[") if fmt == "md" \
            else shown
        assert expected in out, fmt
    doc = json.loads(run(capsys, copy / "reminder.yaml", "--overdue", "--format", "json"))
    titles = [i["title"] for g in doc["register"]["departments"] for i in g["items"]]
    assert "Захід\x1b[2J 1.4 \u202eабв" in titles  # JSON keeps the exact text


def test_output_replaces_the_file_whole(scripted: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "register.json"
    out.write_text("old", encoding="utf-8")
    run(capsys, scripted, "--format", "json", "-o", str(out))
    assert json.loads(out.read_text(encoding="utf-8"))["register"]["total"] == 2
    assert [p.name for p in tmp_path.iterdir()] == ["register.json"]  # no temporary left


def test_a_write_that_fails_leaves_the_old_file(tmp_path: Path, monkeypatch) -> None:
    import os

    from reminder.report.formats import write

    target = tmp_path / "r.csv"
    target.write_bytes(b"old")

    def broken(*_a: object) -> None:
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        write(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.csv"]


def test_json_schema_keys_are_stable(scripted: Path, capsys) -> None:
    doc = json.loads(run(capsys, scripted, "--format", "json"))
    assert list(doc) == ["schema", "version", "generated", "day", "scope", "register",
                         "departments", "card"]
    item = doc["register"]["departments"][0]["items"][0]
    assert list(item) == ["task", "plan", "plan_title", "number", "title", "result",
                          "deadline", "window_start", "due", "first_due", "working_days_late",
                          "calendar_days_late", "bucket", "snoozed_until", "more_time_request"]
    assert list(doc["departments"]["rows"][0]) == ["id", "name", "current", "previous",
                                                   "change"]


def test_output_through_a_symbolic_link_keeps_the_link(scripted: Path, tmp_path: Path,
                                                       capsys) -> None:
    """-o names a link: its target gets the report, the link stays (a tester's -o
    /dev/stdout had replaced the device link with a file)."""
    target = tmp_path / "target.csv"
    target.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    run(capsys, scripted, "--format", "csv", "-o", str(link))
    assert link.is_symlink() and target.read_text(encoding="utf-8-sig").startswith("Department,")
