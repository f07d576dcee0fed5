"""A configuration that cannot work stops `reminder run` and `reminder tick` before they start,
with one line per problem and a non-zero exit, never a traceback: a database that cannot be
reached (its password never shown), a state directory that cannot be written, a database
written by a newer version (in every command that opens the store), templates that do not
render (file:line: message). A SIGHUP bringing such templates is refused and the daemon
goes on rendering with the last good ones."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlalchemy import create_engine, text

from reminder.channels.outbox import read_outbox
from reminder.cli import main
from reminder.cli._engine import load_for_sending
from reminder.daemon import Daemon
from tests.store.cli_fixture import make_deployment

ROOT = Path(__file__).resolve().parents[1]
MSK = ZoneInfo("Europe/Moscow")


def _reminder(*args: str) -> subprocess.CompletedProcess[str]:
    """The command as a user runs it: its own process, its real stderr."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("NOTIFY_SOCKET", None)
    return subprocess.run([sys.executable, "-m", "reminder", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def _one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert "Traceback" not in err and len(lines) == 1, err
    return lines[0]


def _set(conf: Path, key: str, value: str) -> None:
    text_ = conf.read_text(encoding="utf-8")
    conf.write_text(text_.replace("state_dir: state\n", f"state_dir: state\n{key}: {value}\n")
                    if key != "state_dir" else text_.replace("state_dir: state\n",
                                                             f"state_dir: {value}\n"),
                    encoding="utf-8")


@pytest.mark.parametrize("command", ["run", "tick"])
def test_a_database_that_cannot_be_reached_is_one_line_without_the_password(
        tmp_path: Path, command: str) -> None:
    conf = make_deployment(tmp_path)
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    _set(conf, "database", f'"postgresql+psycopg://reminder:s3cret-pw@127.0.0.1:{port}/plans"')
    done = _reminder(command, "--config", str(conf))
    line = _one_line(done.stderr)
    assert done.returncode == 1
    assert line.startswith("reminder: database postgresql+psycopg://reminder:***@127.0.0.1")
    assert "cannot connect" in line and "Connection refused" in line
    assert "s3cret-pw" not in done.stderr + done.stdout


@pytest.mark.parametrize("command", ["run", "tick"])
@pytest.mark.parametrize("where", ["a file", "under a file"])
def test_a_state_directory_that_cannot_be_written_is_one_line(
        tmp_path: Path, command: str, where: str) -> None:
    conf = make_deployment(tmp_path)
    blocker = tmp_path / "occupied"
    blocker.write_text("not a folder\n", encoding="utf-8")
    state = blocker if where == "a file" else blocker / "state"
    _set(conf, "state_dir", str(state))
    done = _reminder(command, "--config", str(conf))
    # the configuration's own check may find it first ("invalid configuration:" and the
    # problem's line), else the daemon's start-up does: either way one problem, one line
    err = done.stderr.replace("reminder: invalid configuration:\n", "")
    line = _one_line(err)
    assert done.returncode != 0 and str(blocker) in line, line


@pytest.mark.parametrize("argv", [
    ["run"], ["tick"], ["status"], ["plan", "--from", "2023-09-01", "--until", "2023-10-01"],
    ["done", "roadmap-003/1.2"], ["link", "kok"], ["preview", "--recipient", "kok"],
], ids=lambda a: a[0])
def test_a_database_from_a_newer_version_is_refused_by_every_command_that_opens_it(
        tmp_path: Path, argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    conf = make_deployment(tmp_path)
    assert main(["status", "--config", str(conf)]) == 0  # creates and migrates the database
    capsys.readouterr()
    db = create_engine(f"sqlite:///{tmp_path / 'state' / 'reminder.sqlite'}")
    with db.begin() as c:  # what a later release's migration leaves behind
        c.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    db.dispose()
    assert main([argv[0], "--config", str(conf), *argv[1:]]) == 2
    line = _one_line(capsys.readouterr().err)
    assert "revision 0099" in line and "does not know" in line
    assert "upgrade reminder" in line and "restore a backup" in line


BROKEN = {
    "syntax": (b"{% extends \"email/ru/_layout.txt\" %}\n{% block intro %}\n"
               b"{% if items %}Hello\n{% endblock %}\n", 4, "Encountered unknown tag"),
    "undefined": (b"{% extends \"email/ru/_layout.txt\" %}\n{% block intro %}\n"
                  b"Dear {{ recipient_nickname }}\n{% endblock %}\n", 3,
                  "'recipient_nickname' is undefined"),
    "not utf-8": (b"{% extends \"email/ru/_layout.txt\" %}\n{% block intro %}\n"
                  b"\xcd\xe0\xef\xee\xec\xe8\xed\xe0\xe5\xec\n{% endblock %}\n", 3, "not UTF-8"),
}


def _templates(conf: Path, upcoming: bytes) -> Path:
    folder = conf.parent / "templates" / "email" / "ru"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "upcoming.txt").write_bytes(upcoming)
    if "templates:" not in conf.read_text(encoding="utf-8"):
        _set(conf, "templates", "templates/")
    return folder / "upcoming.txt"


@pytest.mark.parametrize("command", ["run", "tick"])
@pytest.mark.parametrize("kind", list(BROKEN))
def test_templates_that_do_not_render_stop_run_and_tick_with_file_and_line(
        tmp_path: Path, command: str, kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    conf = make_deployment(tmp_path)
    body, line, message = BROKEN[kind]
    file = _templates(conf, body)
    assert main([command, "--config", str(conf)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert f"{file}:{line}: " in err and message in err, err
    assert not (tmp_path / "state" / "reminder.sqlite").exists()  # stopped before starting


def test_sighup_with_broken_templates_keeps_rendering_with_the_last_good_ones(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    conf = make_deployment(tmp_path)
    good = (b"{% extends \"email/ru/_layout.txt\" %}\n{% block intro %}"
            b"GOOD-TEMPLATE{% endblock %}\n")
    file = _templates(conf, good)

    def _upcoming() -> list[dict[str, str]]:  # the 14-day reminders (kok's and kef's)
        return [m for m in read_outbox(tmp_path / "state" / "outbox")
                if "|before-14" in m["X-Reminder-Keys"]]

    async def _until(cond, timeout: float = 20.0) -> None:  # type: ignore[no-untyped-def]
        for _ in range(int(timeout / 0.05)):
            if cond():
                return
            await asyncio.sleep(0.05)
        raise AssertionError("condition not reached in time")

    async def scenario() -> None:
        d = Daemon(conf, lambda p: load_for_sending(str(p)))
        task = asyncio.create_task(d.run())
        await _until(lambda: d.ticks >= 1)
        file.write_bytes(BROKEN["syntax"][0])  # edited in place, then SIGHUP
        os.kill(os.getpid(), signal.SIGHUP)
        await _until(lambda: d.ticks >= 2)
        assert not task.done()
        # 09:00: the 14-day reminders go out, rendered with the templates that were checked
        await _until(lambda: len(_upcoming()) >= 2)
        d.request_stop()
        assert await asyncio.wait_for(task, 15) == 0

    with time_machine.travel(datetime(2023, 9, 12, 8, 59, 57, tzinfo=MSK), tick=True):
        asyncio.run(scenario())
    assert f"{file}:4: " in caplog.text and "keeping the running configuration" in caplog.text
    bodies = [m["body"] for m in _upcoming()]
    assert len(bodies) == 2 and all("GOOD-TEMPLATE" in b for b in bodies), bodies
