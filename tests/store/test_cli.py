"""The engine's commands on a YAML deployment built in tmp_path (seed 003's shape, parsed by
the real deadline parser): what they print, their exit codes, and that bad input changes
nothing in the database."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from reminder.cli import main
from tests.store.cli_fixture import make_deployment


def db_digest(conf: Path) -> str:
    """A fingerprint of every row of every table (to prove nothing changed)."""
    import sqlite3

    con = sqlite3.connect(conf.parent / "state" / "reminder.sqlite")
    h = hashlib.sha256()
    for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                "ORDER BY name"):
        for row in con.execute(f"SELECT * FROM {table} ORDER BY 1"):
            h.update(repr(row).encode())
    con.close()
    return h.hexdigest()


@pytest.fixture
def conf(tmp_path: Path) -> Path:
    return make_deployment(tmp_path)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_seed_003_quarters_are_due_on_monday_and_reminded_14_3_1(
        conf: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "plan", "--config", str(conf), "--from", "2023-09-01",
                       "--until", "2023-10-02", "--json", "--now", "2023-08-01T10:00")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    kok = [(r["at"][:16], r["step"]) for r in rows if r["recipient"] == "kok"]
    assert kok == [("2023-09-12T09:00", "before-14"), ("2023-09-27T09:00", "before-3"),
                   ("2023-09-29T09:00", "before-1"), ("2023-10-02T09:00", "due")]
    assert {r["due"] for r in rows} == {"2023-10-02"}
    # 12 Sep: kok and kef for 1.1 and kef for 1.2 (one message with both); the partner is
    # not told of an opening before the plan was loaded; 13 Sep: nothing; 27 Sep: before-3
    # for the three again (kef's two in one message) and the secretariat's digest of Monday
    # the 25th, caught up
    for day, expect in (("2023-09-12", "3 in 2"), ("2023-09-13", "0 in 0"),
                        ("2023-09-27", "4 in 3")):
        code, out, _ = run(capsys, "tick", "--config", str(conf), "--now", f"{day}T09:00")
        assert code == 0 and f"sent {expect} " in out, out


def test_done_extend_snooze_reopen_from_the_command_line(
        conf: Path, capsys: pytest.CaptureFixture[str]) -> None:
    c = ("--config", str(conf))
    assert run(capsys, "tick", *c, "--now", "2023-09-01T09:00")[0] == 0
    code, out, _ = run(capsys, "extend", *c, "roadmap-003/1.1", "--to", "2023-10-16",
                       "--reason", "budget late", "--now", "2023-09-05T10:00")
    assert code == 0 and "due 2023-10-16: open" in out
    code, out, _ = run(capsys, "snooze", *c, "roadmap-003/1.2", "--days", "20",
                       "--now", "2023-09-05T10:00")
    assert code == 0 and "snoozed until 2023-09-25" in out and "next reminder: 2023-09-27" in out
    code, out, _ = run(capsys, "done", *c, "roadmap-003/1.2", "--note", "held",
                       "--now", "2023-09-06T10:00")
    assert code == 0 and "done; next reminder: none" in out
    code, out, _ = run(capsys, "reopen", *c, "roadmap-003/1.2", "--now", "2023-09-07T10:00")
    assert code == 0 and ": open" in out
    code, out, _ = run(capsys, "status", *c, "--task", "roadmap-003/1.1", "--now",
                       "2023-09-07T10:00")
    assert "extended by cli 2023-10-02 -> 2023-10-16: budget late" in out
    code, out, _ = run(capsys, "status", *c, "--json", "--now", "2023-09-07T10:00")
    data = json.loads(out)
    assert [o["due"] for t in data["tasks"] for o in t["occurrences"]] == [
        "2023-10-16", "2023-10-02"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("done", "roadmap-003/9.9"), "unknown task 'roadmap-003/9.9'"),
        (("done", "1.1"), "unknown task '1.1'"),
        (("extend", "roadmap-003/1.1", "--to", "02.10.2023", "--reason", "x"),
         "--to: '02.10.2023' is not a date; write it as YYYY-MM-DD"),
        (("done", "roadmap-003/1.1", "--occurrence", "2023-13-01"), "--occurrence: '2023-13-01'"),
        (("done", "roadmap-003/1.1", "--occurrence", "2023-12-31"), "no occurrence due"),
        (("tick", "--now", "yesterday"), "--now: 'yesterday' is not an ISO date"),
        (("snooze", "roadmap-003/1.1", "--days", "0"), "--days must be 1 or more"),
        (("plan", "--from", "2023-10-01", "--until", "2023-09-01"), "is before --from"),
    ],
)
def test_bad_input_is_a_clear_message_and_changes_nothing(
        conf: Path, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...],
        message: str) -> None:
    assert run(capsys, "tick", "--config", str(conf), "--now", "2023-09-12T09:00")[0] == 0
    before = db_digest(conf)
    cmd, *rest = argv
    clock = [] if "--now" in rest else ["--now", "2023-09-12T10:00"]
    code, out, err = run(capsys, cmd, "--config", str(conf), *rest, *clock)
    assert code != 0 and message in err, err
    assert "Traceback" not in err and out == ""
    assert db_digest(conf) == before


def test_invalid_configuration_names_file_line_and_key(
        conf: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "tick", "--config", str(conf), "--now", "2023-09-12T09:00")[0] == 0
    before = db_digest(conf)
    plan = conf.parent / "plans" / "roadmap.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("due: 2023-09-30",
                                                              "due: 30.09.2023"),
                    encoding="utf-8")
    code, _, err = run(capsys, "tick", "--config", str(conf), "--now", "2023-09-27T09:00")
    assert code != 0 and "invalid configuration" in err
    assert "roadmap.yaml:" in err and "due" in err and "Traceback" not in err
    assert db_digest(conf) == before


def test_a_database_held_by_another_writer_is_a_message_not_a_traceback(
        conf: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    import reminder.store.db as db

    assert run(capsys, "tick", "--config", str(conf), "--now", "2023-09-12T09:00")[0] == 0
    before = db_digest(conf)
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 200)
    blocker = sqlite3.connect(conf.parent / "state" / "reminder.sqlite", isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # someone else holds the write lock
    try:
        code, _, err = run(capsys, "done", "--config", str(conf), "roadmap-003/1.1",
                           "--now", "2023-09-12T10:00")
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert code != 0 and "database is locked" in err and "Traceback" not in err
    assert db_digest(conf) == before


def test_a_plan_without_a_period_runs_as_check_says_it_reads(
        conf: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from datetime import date

    (conf.parent / "plans" / "np.yaml").write_text(
        "id: np\ntitle: No period\nlanguage: en\ntasks:\n"
        "  - {id: '1', title: Thing, deadline: 'IV квартал', executors: [kok]}\n",
        encoding="utf-8")
    year = date.today().year
    code, out, _ = run(capsys, "check", "--config", str(conf))
    assert code == 0 and f"no period: read as the current year {year}" in out
    code, out, err = run(capsys, "tick", "--config", str(conf), "--now", f"{year}-01-10T10:00")
    assert code == 0, err
    code, out, _ = run(capsys, "status", "--config", str(conf), "--now", f"{year}-01-10T10:00",
                       "--json")
    [task] = [t for t in json.loads(out)["tasks"] if t["task"] == "np/1"]
    # the fourth quarter of this year (31 December, or the next working day)
    assert [o["due"][:7] for o in task["occurrences"]] in ([f"{year}-12"], [f"{year + 1}-01"])


def test_tick_exits_1_when_a_reminder_fails_for_good(
        conf: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import socket

    from aiosmtpd.controller import Controller

    from tests.channels.servers import Scripted

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = Controller(Scripted(rcpt="550 5.1.1 no such user"), hostname="127.0.0.1",
                        port=port)
    server.start()
    try:
        with conf.open("a", encoding="utf-8") as f:
            f.write(f"channels:\n  email: {{host: 127.0.0.1, port: {port}, tls: none, "
                    "from: 'Plans <plans@example.org>'}\n")
        code, out, err = run(capsys, "tick", "--config", str(conf), "--now",
                             "2023-09-12T09:00")
    finally:
        server.stop()
    assert code == 1, out
    assert "for good, 0 to be retried)" in out
    assert "could not be delivered and will not be retried" in err
