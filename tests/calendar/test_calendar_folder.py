"""The daemon's folder of feeds (`calendar: {folder: ...}`): one pass writes all.ics and one
file per executor, the same bytes `reminder calendar` gives; a pass that changed nothing
rebuilds nothing; a change (an item done) rewrites the feeds it touches; an executor gone
from the directory loses its file; a folder that cannot be written is logged, not fatal."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine

from reminder.calendar import folder as feeds
from reminder.cli import main
from reminder.cli._engine import load, opened
from reminder.daemon import Daemon
from reminder.store.actions import done
from reminder.store.db import transaction
from reminder.store.sync import sync
from tests.calendar.deployment import EXECUTORS_YAML, make_deployment

KYIV = ZoneInfo("Europe/Kyiv")
NOW = datetime(2027, 1, 10, 9, 0, tzinfo=KYIV)


def cli_feed(conf: Path, *flags: str) -> bytes:
    out = conf.parent / "cli.ics"
    assert main(["calendar", "--config", str(conf), "--now", NOW.isoformat(), "-o", str(out),
                 *flags]) == 0
    return out.read_bytes()


def test_one_daemon_pass_writes_a_feed_per_executor_and_one_for_all(tmp_path: Path) -> None:
    conf = make_deployment(tmp_path)

    async def scenario() -> None:
        d = Daemon(conf, lambda p: load(str(p)))
        task = asyncio.create_task(d.run())
        for _ in range(300):
            if d.ticks >= 1:
                break
            await asyncio.sleep(0.05)
        os.kill(os.getpid(), signal.SIGTERM)
        assert await asyncio.wait_for(task, 10) == 0

    with time_machine.travel(NOW, tick=True):
        asyncio.run(scenario())
    folder = tmp_path / "state" / "feeds"  # relative to state_dir
    assert sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) == [
        "all.ics", "executors", "executors/dmk.ics", "executors/fin.ics", "executors/sec.ics"]
    # what the command gives for the same state, byte for byte
    assert (folder / "all.ics").read_bytes() == cli_feed(conf)
    assert (folder / "executors" / "fin.ics").read_bytes() == cli_feed(conf, "--executor", "fin")
    sec = (folder / "executors" / "sec.ics").read_bytes()
    assert b"BEGIN:VEVENT" not in sec  # the secretariat has no task: an empty calendar
    assert "X-WR-CALNAME:Нагадування: Секретаріат\r\n".encode() in sec  # its language
    assert oct((folder / "all.ics").stat().st_mode & 0o777) == "0o644"
    assert not [p for p in folder.rglob(".*")]  # no temporary file left behind


@pytest.fixture
def store(tmp_path: Path):
    conf = make_deployment(tmp_path)
    _cfg, dep = load(str(conf))
    with opened(dep, lock=False) as o:
        with transaction(o.engine) as s:
            sync(s, dep, NOW)
        yield o.engine, dep, tmp_path / "feeds"


def test_an_idle_pass_rebuilds_nothing_and_a_change_rewrites_what_it_touched(
        store, monkeypatch: pytest.MonkeyPatch) -> None:
    engine, dep, folder = store
    kept = feeds.CalendarFolder(folder)
    assert kept.refresh(engine, dep, NOW) == 4  # all, dmk, fin, sec
    builds = []
    real = feeds.write_feeds
    monkeypatch.setattr(feeds, "write_feeds", lambda *a: builds.append(1) or real(*a))
    assert kept.refresh(engine, dep, NOW + timedelta(minutes=1)) == 0
    assert builds == []  # one query, no build
    before = {p.name: p.read_bytes() for p in folder.rglob("*.ics")}
    done(engine, "roadmap/1.2", None, None, NOW + timedelta(minutes=2))
    assert kept.refresh(engine, dep, NOW + timedelta(minutes=3)) == 2  # all and fin
    after = {p.name: p.read_bytes() for p in folder.rglob("*.ics")}
    assert [n for n in sorted(after) if after[n] != before[n]] == ["all.ics", "fin.ics"]
    # an hour on, built again whatever the history says: the same bytes, nothing written
    assert kept.refresh(engine, dep, NOW + timedelta(hours=2)) == 0
    assert builds == [1, 1]


def test_an_executor_gone_from_the_directory_loses_its_feed(store, tmp_path: Path) -> None:
    engine, dep, folder = store
    feeds.write_feeds(engine, folder, dep)
    (tmp_path / "executors.yaml").write_text(
        EXECUTORS_YAML.replace("  - {id: sec", "  - {id: sekr"), encoding="utf-8")
    reminder = tmp_path / "reminder.yaml"
    reminder.write_text(reminder.read_text().replace("secretariat: sec", "secretariat: sekr"))
    _cfg, smaller = load(str(tmp_path / "reminder.yaml"))
    with transaction(engine) as s:
        sync(s, smaller, NOW)
    assert feeds.write_feeds(engine, folder, smaller) == 2  # sekr.ics written, sec.ics removed
    assert sorted(p.name for p in (folder / "executors").iterdir()) == [
        "dmk.ics", "fin.ics", "sekr.ics"]


def test_a_folder_that_cannot_be_written_is_logged_once(
        store, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    engine, dep, _ = store
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    kept = feeds.CalendarFolder(blocker / "feeds")
    with caplog.at_level(logging.ERROR, logger="reminder.calendar"):
        assert kept.refresh(engine, dep, NOW) == 0
        assert kept.refresh(engine, dep, NOW + timedelta(minutes=1)) == 0
    assert [r.getMessage() for r in caplog.records] == [
        f"calendar feeds not written, trying again after the next pass: {blocker}/feeds/"
        "executors: "
        "Not a directory"]


@pytest.mark.parametrize(("given", "name"), [
    ("dmk", "dmk.ics"),
    ("luhansk-oda", "luhansk-oda.ics"),
    ("мінфін", "%D0%BC%D1%96%D0%BD%D1%84%D1%96%D0%BD.ics"),
    ("a:b?c#d", "a%3Ab%3Fc%23d.ics"),
    ("..", "...ics"),
])
def test_feed_file_names_are_safe_in_a_url_and_a_folder(given: str, name: str) -> None:
    assert feeds.file_name(given) == name

