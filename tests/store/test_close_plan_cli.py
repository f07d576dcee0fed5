"""`reminder close-plan`: the plan file's status line is the one change, the store follows at
once, `reminder status` and `reminder plan` say the plan is closed, and a mistake changes
nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reminder.cli import main
from tests.store.cli_fixture import PLAN_YAML, make_deployment

ORIGINAL = PLAN_YAML.format(deadline="2 – 3 квартал 2023 года")


@pytest.fixture
def conf(tmp_path: Path) -> Path:
    return make_deployment(tmp_path)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _plan_file(conf: Path) -> bytes:
    return (conf.parent / "plans" / "roadmap.yaml").read_bytes()


def _reminders_recorded(conf: Path) -> int:
    con = sqlite3.connect(conf.parent / "state" / "reminder.sqlite")
    try:
        (n,) = con.execute("SELECT count(*) FROM ledger WHERE occurrence_id IS NOT NULL "
                           "AND status != 'superseded'").fetchone()
        return int(n)
    finally:
        con.close()


def test_close_archive_and_reopen_edit_only_the_status_line(
        conf: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "close-plan", "roadmap-003", "--config", str(conf),
                         "--now", "2023-09-01T10:00")
    assert (code, err) == (0, "")
    path = conf.parent / "plans" / "roadmap.yaml"
    assert out == (f"plan roadmap-003: closed (was open) in {path}: no more reminders about "
                   "its items; the digest still lists those left open\n")
    assert _plan_file(conf) == ORIGINAL.replace(
        "language: ru\n", "language: ru\nstatus: closed\n").encode()

    code, out, _ = run(capsys, "close-plan", "roadmap-003", "--archive", "--config", str(conf),
                       "--now", "2023-09-01T10:00")
    assert code == 0 and "archived (was closed)" in out
    assert _plan_file(conf) == ORIGINAL.replace(
        "language: ru\n", "language: ru\nstatus: archived\n").encode()

    code, out, _ = run(capsys, "close-plan", "roadmap-003", "--reopen", "--config", str(conf),
                       "--now", "2023-09-01T10:00")
    assert code == 0 and "open (was archived)" in out
    assert _plan_file(conf) == ORIGINAL.replace(
        "language: ru\n", "language: ru\nstatus: open\n").encode()

    code, out, _ = run(capsys, "close-plan", "roadmap-003", "--reopen", "--config", str(conf))
    assert code == 0 and out.startswith("plan roadmap-003 is already open")


def test_a_closed_plan_is_shown_closed_and_its_rungs_are_not_sent(
        conf: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "close-plan", "roadmap-003", "--config", str(conf),
               "--now", "2023-09-01T10:00")[0] == 0
    code, out, _ = run(capsys, "status", "--config", str(conf), "--now", "2023-09-01T10:00")
    assert code == 0
    heads = [line for line in out.splitlines() if line.startswith("roadmap-003/")]
    assert heads == [
        "roadmap-003/1.1  [window] Мониторинг поддержки СО НКО  (plan closed)",
        "roadmap-003/1.2  [window] Обучающие семинары  (plan closed)"]
    assert "next -" in out and "next 2023" not in out
    code, out, _ = run(capsys, "plan", "--config", str(conf), "--from", "2023-09-01",
                       "--until", "2023-10-31", "--now", "2023-09-01T10:00")
    assert code == 0
    assert out == ("0 reminders from 2023-09-01 to 2023-10-31\n"
                   "plan roadmap-003 is closed: no reminders\n")
    # 12 September: the rungs `reminder plan` lists for the open plan (see test_cli.py)
    assert run(capsys, "tick", "--config", str(conf), "--now", "2023-09-12T09:00")[0] == 0
    assert _reminders_recorded(conf) == 0

    assert run(capsys, "close-plan", "roadmap-003", "--reopen", "--config", str(conf),
               "--now", "2023-09-20T10:00")[0] == 0
    code, out, _ = run(capsys, "plan", "--config", str(conf), "--from", "2023-09-20",
                       "--until", "2023-09-27", "--json", "--now", "2023-09-20T10:00")
    assert code == 0 and '"step": "before-3"' in out  # 27 September's rung is owed again
    assert run(capsys, "tick", "--config", str(conf), "--now", "2023-09-27T09:00")[0] == 0
    assert _reminders_recorded(conf) == 3  # kok and kef for 1.1, kef for 1.2


@pytest.mark.parametrize(("argv", "code", "message"), [
    (["roadmap-03"], 2, "reminder: unknown plan 'roadmap-03'; did you mean roadmap-003?"),
    (["roadmap"], 2, "reminder: unknown plan 'roadmap'; did you mean roadmap-003?"),
    (["nothing-like-it"], 2, "reminder: unknown plan 'nothing-like-it'; the plans are: "
                             "roadmap-003"),
    (["roadmap-003", "--archive", "--reopen"], 2,
     "reminder close-plan: argument --reopen: not allowed with argument --archive"),
])
def test_a_mistake_is_told_in_one_line_and_changes_nothing(
        conf: Path, capsys: pytest.CaptureFixture[str], argv: list[str], code: int,
        message: str) -> None:
    got, out, err = run(capsys, "close-plan", *argv, "--config", str(conf))
    assert (got, out) == (code, "")
    assert err.startswith(message), err
    assert _plan_file(conf) == ORIGINAL.encode()
    assert not (conf.parent / "state" / "reminder.sqlite").exists()


def test_a_plan_file_that_cannot_be_written_is_a_clear_error(
        conf: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import reminder.config.plan_edit as plan_edit

    def refused(path: Path, data: bytes) -> None:  # a read-only folder, as for another user
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(plan_edit, "write_in_place", refused)
    code, out, err = run(capsys, "close-plan", "roadmap-003", "--config", str(conf))
    assert (code, out) == (2, "")
    path = conf.parent / "plans" / "roadmap.yaml"
    assert err == f"reminder: {path}: cannot write: Permission denied\n"
    assert _plan_file(conf) == ORIGINAL.encode()
