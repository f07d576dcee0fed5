"""The digest's figures and changes over a scripted history: per department open and overdue
items with their ageing buckets, what changed between two digests (newly overdue, closed,
extended with the reason, requests answered), and a digest with nothing to say, one line or
not sent. Expected values are counted by hand on the Russian calendar of autumn 2023 (no
holidays in September and October)."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from reminder.channels.outbox import OutboxChannel, read_outbox
from reminder.messages.digest import Answered, DepartmentCount, Digest
from reminder.messages.render import render
from reminder.store import actions, requests
from reminder.store.digests import META_KEY, digest_of
from reminder.store.models import LedgerRow, MetaRow, OccurrenceRow
from reminder.tick import EngineSettings, tick
from tests.store.helpers import MSK, deployment, do_sync, msk, task

MINFIN = (("minfin", "lead"),)


def _settings(dep, when_empty: str = "line") -> EngineSettings:  # type: ignore[no-untyped-def]
    return EngineSettings("Europe/Moscow", "sec", {"outbox": OutboxChannel(dep.outbox_dir)},
                          render, digest_cron="0 8 * * mon", due_soon_days=14,
                          digest_when_empty=when_empty)


def _daily(engine: Engine, dep, start: date, end: date,  # type: ignore[no-untyped-def]
           when_empty: str = "line") -> None:
    day = start
    while day <= end:
        asyncio.run(tick(engine, _settings(dep, when_empty),
                         msk(day.year, day.month, day.day, 8, 5), "w", lease=timedelta(0)))
        day += timedelta(days=1)


def _digests(engine: Engine) -> list[Digest]:
    with Session(engine) as s:
        rows = s.exec(select(LedgerRow).where(col(LedgerRow.step) == "digest")
                      .order_by(col(LedgerRow.id)))
        return [digest_of(r.item or "") for r in rows]


def _occurrence(engine: Engine, key: str) -> int:
    with Session(engine) as s:
        occ = s.exec(select(OccurrenceRow).where(col(OccurrenceRow.task_key) == key)).one()
        assert occ.id is not None
        return occ.id


def test_counts_and_changes_across_two_digests(engine: Engine, tmp_path: Path) -> None:
    dep = deployment(tmp_path, (
        task("1.1"), task("1.2"),  # Минэкономразвития, due Monday 2 October
        task("3.1", due=date(2023, 10, 13), deadline=None),
        task("2.1", executors=MINFIN, due=date(2023, 9, 1), deadline=None),
        task("2.2", executors=MINFIN, due=date(2023, 9, 22), deadline=None),
        task("4.1", executors=MINFIN, due=date(2023, 12, 29), deadline=None),
        task("5.1", executors=(("minfin", "co"),), due=date(2023, 9, 29), deadline=None),
    ))
    do_sync(engine, dep, msk(2023, 9, 1))
    _daily(engine, dep, date(2023, 9, 29), date(2023, 10, 2))  # 29 Sep starts the clock
    [first] = _digests(engine)
    # Monday 2 October: 2.1 is 21 working days late (4 weeks of September and the Monday),
    # 2.2 six (25-29 September and the Monday), 5.1 one; 1.1 and 1.2 are due that day.
    # most overdue first: a department with none comes last
    assert first.departments == (
        DepartmentCount("minfin", "Минфин", 3, 2, (0, 1, 1)),
        DepartmentCount(None, "—", 1, 1, (1, 0, 0)),
        DepartmentCount("minek", "Минэкономразвития", 3, 0, (0, 0, 0)),
    )
    assert first.buckets == (1, 1, 1) and first.overdue_total == 3
    # the first digest compares with the first tick (29 September, when 5.1 was due, not late)
    assert [e.task_id for e in first.newly_overdue] == ["5.1"]

    actions.done(engine, "roadmap-003/1.2", None, "report filed", msk(2023, 10, 3, 12))
    actions.extend(engine, "roadmap-003/3.1", date(2023, 10, 20), "waiting for data", None,
                   msk(2023, 10, 4, 12), MSK)
    req, _ = requests.ask_more_time(engine, _occurrence(engine, "roadmap-003/2.1"), "minfin",
                                    "bot", msk(2023, 10, 4, 13), "sec", "need a month")
    assert req.id is not None
    requests.deny(engine, req.id, "the council meets on the 20th", msk(2023, 10, 5, 10),
                  "cli", by="sec")
    _daily(engine, dep, date(2023, 10, 3), date(2023, 10, 9))
    second = _digests(engine)[1]
    # Monday 9 October: 1.1 five working days late (3-6 and 9 October), 5.1 six, 2.2 eleven,
    # 2.1 twenty-six; 1.2 is done, 3.1 moved to 20 October (open, due soon).
    assert second.departments == (
        DepartmentCount("minfin", "Минфин", 3, 2, (0, 1, 1)),
        DepartmentCount("minek", "Минэкономразвития", 2, 1, (1, 0, 0)),
        DepartmentCount(None, "—", 1, 1, (0, 1, 0)),
    )
    assert [(dep_, [(e.task_id, e.working_days_late) for e in group])
            for dep_, group in second.overdue] == [
        ("Минфин", [("2.1", 26), ("2.2", 11)]), ("Минэкономразвития", [("1.1", 5)]),
        ("—", [("5.1", 6)])]
    # since the digest of 2 October: 1.1 became overdue (5.1 was overdue already then)
    assert [(e.task_id, e.due) for e in second.newly_overdue] == [("1.1", date(2023, 10, 2))]
    assert [(e.task_id, e.note) for e in second.closed] == [("1.2", "report filed")]
    assert [(e.task_id, e.due, e.note) for e in second.extended] == [
        ("3.1", date(2023, 10, 20), "waiting for data")]
    assert second.answered == (Answered("roadmap-003", "2.1", "Мероприятие 2.1", "more_time",
                                        "denied", "Минфин", "Секретариат",
                                        "the council meets on the 20th", None),)
    assert [e.task_id for e in second.due_soon] == ["3.1"]
    text = render_text(second)
    assert "Просрочено после предыдущей сводки" in text
    assert "Ответы на запросы после предыдущей сводки" in text
    assert "продление (Минфин): отказано (Секретариат)" in text


def render_text(d: Digest) -> str:
    from reminder.messages.model import Message, Recipient

    message = Message(Recipient("sec", "Секретариат", "ru"), d.at, d.items("sec"),
                      kind="digest", digest=d)
    return render(message).text


def test_an_item_reopened_after_the_last_digest_is_newly_overdue(engine: Engine,
                                                                 tmp_path: Path) -> None:
    dep = deployment(tmp_path, (task("2.1", executors=MINFIN, due=date(2023, 9, 1),
                                     deadline=None),))
    do_sync(engine, dep, msk(2023, 9, 1))
    actions.done(engine, "roadmap-003/2.1", None, "sent", msk(2023, 9, 20, 12))
    _daily(engine, dep, date(2023, 9, 29), date(2023, 10, 2))
    actions.reopen(engine, "roadmap-003/2.1", None, "the report was incomplete",
                   msk(2023, 10, 4, 12), MSK)
    _daily(engine, dep, date(2023, 10, 3), date(2023, 10, 9))
    first, second = _digests(engine)
    assert first.overdue_total == 0
    # due long before the last digest, but closed then: overdue again since
    assert [e.task_id for e in second.newly_overdue] == ["2.1"]


def test_a_digest_with_nothing_to_say_is_one_line(engine: Engine, tmp_path: Path) -> None:
    # open, but due months away: no news
    dep = deployment(tmp_path, (task("9.1", due=date(2024, 6, 28), deadline=None),))
    do_sync(engine, dep, msk(2023, 9, 1))
    _daily(engine, dep, date(2023, 9, 29), date(2023, 10, 2))
    [d] = _digests(engine)
    assert d.empty and d.departments == (
        DepartmentCount("minek", "Минэкономразвития", 1, 0, (0, 0, 0)),)
    [sent] = [f for f in read_outbox(dep.outbox_dir) if f["X-Reminder-Kind"] == "digest"]
    assert sent["Subject"] == "Сводка об исполнении планов на 2 октября 2023 г.: новостей нет"
    assert sent["body"] == ("Просроченных пунктов нет, сроки не приближаются, после предыдущей сводки "
                            "ничего не изменилось.\n\n")
    assert "X-Reminder-Images" not in sent  # nothing overdue: no chart


def test_a_digest_with_nothing_to_say_is_not_sent_under_skip(engine: Engine,
                                                             tmp_path: Path) -> None:
    dep = deployment(tmp_path, (task("9.1", due=date(2023, 10, 27), deadline=None),))
    do_sync(engine, dep, msk(2023, 9, 1))
    _daily(engine, dep, date(2023, 9, 29), date(2023, 10, 9), when_empty="skip")
    assert _digests(engine) == []
    with Session(engine) as s:  # each Monday handled all the same: no digest owed later
        meta = s.get(MetaRow, META_KEY)
        assert meta is not None and meta.value == "2023-10-09T08:00:00+03:00"
    # Monday 16 October: 9.1 is due within 14 days, so there is something to say
    _daily(engine, dep, date(2023, 10, 10), date(2023, 10, 16), when_empty="skip")
    [d] = _digests(engine)
    assert [e.task_id for e in d.due_soon] == ["9.1"]
    assert d.since is not None and d.since.isoformat() == "2023-10-09T08:00:00+03:00"
