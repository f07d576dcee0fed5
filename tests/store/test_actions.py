"""Actions from the command line on a recurring task: one that could mean several open
occurrences asks which (listing their due dates) and changes nothing; with --occurrence it
acts on that one only."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from reminder.deadlines.model import Deadline, Occurrence
from reminder.store import actions
from reminder.store.models import OccurrenceRow
from tests.store.helpers import MSK, deployment, do_sync, msk, task

QUARTERLY = Deadline("ежеквартально", "recurring", date(2023, 1, 1), date(2023, 12, 31), tuple(
    Occurrence(date(2023, m, 1), d) for m, d in (
        (1, date(2023, 3, 31)), (4, date(2023, 6, 30)), (7, date(2023, 9, 29)))), lang="ru")


def _states(engine: Engine) -> list[str]:
    with Session(engine) as s:
        return [o.status for o in sorted(s.exec(select(OccurrenceRow)), key=lambda o: o.due)]


@pytest.mark.parametrize("act", [
    lambda e, on: actions.done(e, "roadmap-003/4.2", on, None, msk(2023, 10, 5)),
    lambda e, on: actions.snooze(e, "roadmap-003/4.2", 3, on, msk(2023, 10, 5), MSK),
], ids=["done", "snooze"])
def test_a_recurring_task_without_occurrence_asks_which(engine: Engine, tmp_path: Path,
                                                        act) -> None:  # type: ignore[no-untyped-def]
    do_sync(engine, deployment(tmp_path, (task("4.2", deadline=QUARTERLY),)), msk(2023, 1, 2))
    with pytest.raises(actions.ActionError) as err:
        act(engine, None)
    assert "3 open occurrences (due 2023-03-31, 2023-06-30, 2023-09-29)" in str(err.value)
    assert "--occurrence" in str(err.value)
    assert _states(engine) == ["open", "open", "open"]
    act(engine, date(2023, 6, 30))
    if _states(engine) != ["open", "open", "open"]:  # done: only the second quarter closed
        assert _states(engine) == ["open", "done", "open"]
