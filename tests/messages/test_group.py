"""One message per recipient per send time, listing all its items across plans."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from reminder.messages.group import group_messages
from reminder.messages.model import Item, Recipient

AT = datetime(2023, 9, 27, 6, 0, tzinfo=UTC)
KOK = Recipient("kok", "Комитет", "ru", ("kok@example.org",))
KEF = Recipient("kef", "Комитет экономики", "ru", ("kef@example.org",))


def item(key: str, stage: str = "upcoming", plan: str = "p1", task: str = "1.1",
         due: date = date(2023, 10, 2)) -> Item:
    return Item(ledger_key=key, stage=stage, plan_id=plan, plan_title=plan, task_id=task,  # type: ignore[arg-type]
                task_title="t", result=None, window_start=None, due=due, days_left=5,
                working_days_late=None, role="lead", lead_name=None, others=())


def test_one_message_per_recipient_and_channel_across_plans() -> None:
    entries = [
        (KOK, "email", item("1|kok|before-3", plan="p1")),
        (KEF, "email", item("1|kef|before-3", plan="p1")),
        (KOK, "email", item("7|kok|overdue-1", stage="overdue", plan="p2", task="4")),
        (KOK, "telegram", item("1|kok|before-3", plan="p1")),
        (KOK, "email", item("1|kok|before-3", plan="p1")),  # listed twice: kept once
    ]
    got = group_messages(entries, AT)
    assert [(c, m.recipient.id, len(m.items)) for c, m in got] == [
        ("email", "kef", 1), ("email", "kok", 2), ("telegram", "kok", 1)]
    kok = got[1][1]
    assert [i.stage for i in kok.items] == ["overdue", "upcoming"]  # most urgent first
    assert kok.send_at == AT


def test_items_in_natural_task_order_and_a_stable_key() -> None:
    items = [item(f"{n}|kok|due", stage="due", task=n) for n in ("2.10", "2.9", "1.1")]
    [(_, msg)] = group_messages([(KOK, "email", i) for i in items], AT)
    assert [i.task_id for i in msg.items] == ["1.1", "2.9", "2.10"]
    [(_, again)] = group_messages([(KOK, "email", i) for i in reversed(items)], AT)
    assert msg.key == again.key
    [(_, other)] = group_messages([(KOK, "email", replace(items[0], ledger_key="x"))], AT)
    assert other.key != msg.key


def test_two_digests_listing_the_same_items_are_two_messages() -> None:
    from datetime import timedelta

    from reminder.messages.digest import Digest, Need
    from reminder.messages.model import Message

    def digest(at: datetime) -> Message:
        d = Digest(at, None, (), (), (), (), (Need.of("no_contact", executor="kok", name="Kok"),))
        return Message(KOK, at, (item("digest|kok|p1/1.1@2023-10-02"),), kind="digest",
                       digest=d)

    week1, week2 = digest(AT), digest(AT + timedelta(days=7))
    assert week1.key != week2.key  # else one Message-ID, one outbox file, for both weeks
    assert digest(AT).key == week1.key  # a resend of the same digest is recognisable
