"""`reminder requests`, `approve`, `deny`, `accept`, `return` on a copy of the example
deployment: what the coordinator sees and what the executor is then told (the example's
channel is the outbox folder). Task 2.1 of lugansk-2020 is "протягом року": due Thursday
31 December 2020."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, select

from reminder.cli import main
from reminder.store import requests
from reminder.store.db import open_store
from reminder.store.models import OccurrenceRow, RequestRow

EXAMPLE = Path(__file__).resolve().parents[2] / "config" / "example"
KYIV = ZoneInfo("Europe/Kyiv")
NOW = "2020-12-01T10:00"
TASK = "lugansk-2020/2.1"


@pytest.fixture
def deployment(tmp_path: Path) -> Path:
    target = tmp_path / "example"
    shutil.copytree(EXAMPLE, target, ignore=shutil.ignore_patterns("state"))
    config = target / "reminder.yaml"
    assert main(["tick", "--config", str(config), "--now", NOW]) == 0
    return config


def _ask(config: Path, kind: str = "more_time") -> int:
    """What the bot does when the lead presses its button."""
    engine = open_store(f"sqlite:///{config.parent / 'state' / 'reminder.sqlite'}")
    try:
        with Session(engine) as s:
            occ = s.exec(select(OccurrenceRow).where(OccurrenceRow.task_key == TASK)).one()
        when = datetime(2020, 12, 1, 10, 30, tzinfo=KYIV)
        if kind == "more_time":
            req, _ = requests.ask_more_time(engine, occ.id or 0, "luhansk-dmk",
                                            "telegram:luhansk-dmk:1", when, "secretariat",
                                            "чекаємо даних від районів")
        else:
            req = requests.report_done(engine, occ.id or 0, "luhansk-dmk",
                                       "telegram:luhansk-dmk:1", when, "secretariat")
        return req.id or 0
    finally:
        engine.dispose()


def _state(config: Path) -> tuple[OccurrenceRow, list[RequestRow]]:
    engine = open_store(f"sqlite:///{config.parent / 'state' / 'reminder.sqlite'}")
    try:
        with Session(engine) as s:
            occ = s.exec(select(OccurrenceRow).where(OccurrenceRow.task_key == TASK)).one()
            return occ, list(s.exec(select(RequestRow)))
    finally:
        engine.dispose()


def _outbox(config: Path) -> str:
    return "\n".join(p.read_text() for p in sorted((config.parent / "state" / "outbox")
                                                   .rglob("*.txt")))


def test_the_coordinator_lists_and_approves_and_the_executor_is_told(
        deployment: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rid = _ask(deployment)
    capsys.readouterr()
    assert main(["requests", "--config", str(deployment), "--now", NOW]) == 0
    listed = capsys.readouterr().out
    assert f"#{rid}  more time" in listed and f"{TASK}  due 2020-12-31" in listed
    assert "чекаємо даних від районів" in listed and "[approve/deny]" in listed
    assert main(["approve", str(rid), "--days", "14", "--note", "до кінця січня не треба",
                 "--config", str(deployment), "--now", NOW]) == 0
    assert f"approved: {TASK} now due 2021-01-14" in capsys.readouterr().out
    occ, reqs = _state(deployment)
    assert occ.due == date(2021, 1, 14) and reqs[0].status == "approved"
    assert main(["tick", "--config", str(deployment), "--now", NOW]) == 0
    told = _outbox(deployment)
    assert "Строк продовжено: lugansk-2020/2.1" in told  # the notice's subject
    # answering twice is refused, with the request's state
    assert main(["deny", str(rid), "--note", "ні", "--config", str(deployment),
                 "--now", NOW]) == 2
    assert f"request {rid} is approved already" in capsys.readouterr().err
    assert main(["requests", "--config", str(deployment), "--now", NOW]) == 0
    assert "no requests awaiting an answer" in capsys.readouterr().out


def test_approving_to_a_date_not_later_than_the_due_date_is_refused(
        deployment: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rid = _ask(deployment)
    assert main(["approve", str(rid), "--to", "2020-12-30", "--config", str(deployment),
                 "--now", NOW]) == 2
    assert "not later than the current due date 2020-12-31" in capsys.readouterr().err
    occ, reqs = _state(deployment)
    assert occ.due == date(2020, 12, 31) and reqs[0].status == "pending"


@pytest.mark.parametrize(("args", "message"), [
    (["deny", "99"], "no request 99"),
    (["accept", "1"], "request 1 asks for more time: approve or deny it"),
    (["return", "1", "--note", " "], "return needs a --note"),
    (["approve", "x1", "--days", "3"], "'x1' is not a request number"),
])
def test_mistakes_are_one_line_and_change_nothing(
        deployment: Path, capsys: pytest.CaptureFixture[str], args: list[str],
        message: str) -> None:
    _ask(deployment)
    extra = [] if "--note" in args or args[0] == "approve" else ["--note", "n"]
    assert main([*args, *extra, "--config", str(deployment), "--now", NOW]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert _state(deployment)[1][0].status == "pending"


def test_a_reported_item_is_returned_with_a_note_then_accepted(
        deployment: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rid = _ask(deployment, "acceptance")
    assert _state(deployment)[0].status == "reported"
    assert main(["return", str(rid), "--note", "додайте звіт районів",
                 "--config", str(deployment), "--now", NOW]) == 0
    occ, reqs = _state(deployment)
    assert occ.status == "open" and occ.next_at is not None
    assert (reqs[0].status, reqs[0].answer_note) == ("returned", "додайте звіт районів")
    rid2 = _ask(deployment, "acceptance")
    assert main(["accept", str(rid2), "--config", str(deployment), "--now", NOW]) == 0
    assert _state(deployment)[0].status == "done"
    assert main(["tick", "--config", str(deployment), "--now", NOW]) == 0
    told = _outbox(deployment)
    assert "Пункт повернуто на доопрацювання" in told and "Пункт прийнято" in told


def test_a_question_answered_before_it_went_out_is_never_sent(
        deployment: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`reminder done` withdraws the request before the next tick: the coordinator is not
    asked to answer a request that is closed."""
    _ask(deployment)
    assert main(["done", TASK, "--config", str(deployment), "--now", NOW]) == 0
    assert main(["tick", "--config", str(deployment), "--now", NOW]) == 0
    assert "Прохання продовжити строк" not in _outbox(deployment)
    assert _state(deployment)[1][0].status == "withdrawn"


def test_approving_to_a_day_already_past_is_refused(
        deployment: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rid = _ask(deployment)
    # due 31 December 2020; on 10 January 2021 a new date of 5 January has passed already
    assert main(["approve", str(rid), "--to", "2021-01-05", "--config", str(deployment),
                 "--now", "2021-01-10T10:00"]) == 2
    assert "--to 2021-01-05 has passed already (today is 2021-01-10)" in capsys.readouterr().err
    assert _state(deployment)[1][0].status == "pending"
