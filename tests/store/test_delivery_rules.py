"""How the engine treats what channels report: a dead chat falls back to the recipient's other
channels in the same tick, one address reached counts as sent, transient failures are retried
later, permanent ones recorded with the reason."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from reminder.channels.base import DeadContact, DeliveryError, PermanentError, TransientError
from reminder.messages.model import Message, Recipient, RenderedMessage
from reminder.messages.render import render
from reminder.store.models import LedgerRow
from reminder.tick import EngineSettings, channel_for, plan_due, tick
from tests.store.helpers import deployment, do_sync, msk, task


def Dead(reason: str) -> DeadContact:
    return DeadContact(reason, "a")


class Fake:
    """A channel whose behaviour per address is scripted: None sends, an exception fails."""

    max_length = None

    def __init__(self, name: str, script: dict[str, list[DeliveryError | None]],
                 addresses: tuple[str, ...] = ("a",)) -> None:
        self.name, self.script, self._addresses = name, script, addresses
        self.sent: list[tuple[str, str, tuple[str, ...]]] = []

    def addresses(self, recipient: Recipient) -> tuple[str, ...]:
        return self._addresses

    async def send(self, message: Message, rendered: RenderedMessage, address: str) -> None:
        plan = self.script.get(address, [])
        outcome = plan.pop(0) if plan else None
        if outcome is not None:
            raise outcome
        self.sent.append((message.recipient.id, address,
                          tuple(i.ledger_key for i in message.items)))

    async def aclose(self) -> None:
        return None


def _run(engine: Engine, channels: dict, when):  # type: ignore[no-untyped-def]
    cfg = EngineSettings("Europe/Moscow", "sec", channels, render)
    return asyncio.run(tick(engine, cfg, when, "w", lease=None))


def _rows(engine: Engine) -> dict[tuple[str, str], LedgerRow]:
    with Session(engine) as s:
        # rungs a catching-up reminder spoke for are recorded as superseded: not deliveries
        return {(r.recipient_id, r.channel): r for r in s.exec(select(LedgerRow))
                if r.status != "superseded"}


ONE = (("minek", "lead"),)


def test_a_dead_chat_falls_back_to_the_other_channel_in_the_same_tick(
        engine: Engine, tmp_path: Path) -> None:
    tg = Fake("telegram", {"a": [Dead("bot was blocked by the user")]})
    mail = Fake("email", {})
    do_sync(engine, deployment(tmp_path, (task("1.1", executors=ONE),)), msk(2023, 9, 1))
    # planned when the department could only be reached on Telegram...
    plan_due(engine, EngineSettings("Europe/Moscow", "sec", {"telegram": tg}, render),
             msk(2023, 9, 12))
    # ...sent after its email was added: the blocked bot sends it there, in this tick
    _run(engine, {"telegram": tg, "email": mail}, msk(2023, 9, 12, 9, 1))
    rows = _rows(engine)
    assert rows[("minek", "telegram")].status == "failed"
    assert rows[("minek", "telegram")].error == "bot was blocked by the user"
    assert rows[("minek", "email")].status == "sent" and len(mail.sent) == 1
    # planned while both reach minek: Telegram alone carries it, the dead chat hands it to
    # email once, and nobody hears it twice
    tg.script["a"] = [Dead("chat not found")]
    _run(engine, {"telegram": tg, "email": mail}, msk(2023, 9, 27))
    assert len(mail.sent) == 2
    with Session(engine) as s:
        before3 = sorted((r.channel, r.status) for r in s.exec(select(LedgerRow))
                         if r.step == "before-3")
    assert before3 == [("email", "sent"), ("telegram", "failed")]


def test_one_channel_per_recipient_telegram_then_email_then_outbox(
        engine: Engine, tmp_path: Path) -> None:
    def cfg(**channels: Fake) -> EngineSettings:
        return EngineSettings("Europe/Moscow", "sec", dict(channels), render)

    someone = Recipient(id="x", name="X", language="ru")
    tg, mail = Fake("telegram", {}), Fake("email", {})
    outbox, nowhere = Fake("outbox", {}), Fake("telegram", {}, addresses=())
    assert channel_for(cfg(email=mail, telegram=tg), someone) == "telegram"
    assert channel_for(cfg(email=mail, telegram=nowhere), someone) == "email"
    assert channel_for(cfg(email=mail, telegram=tg), someone, exclude="telegram") == "email"
    assert channel_for(cfg(outbox=outbox), someone) == "outbox"
    assert channel_for(cfg(telegram=nowhere), someone) is None

    do_sync(engine, deployment(tmp_path, (task("1.1", executors=ONE),)), msk(2023, 9, 1))
    _run(engine, {"email": mail, "telegram": tg}, msk(2023, 9, 12))
    assert list(_rows(engine)) == [("minek", "telegram")]
    assert len(tg.sent) == 1 and mail.sent == []


def test_no_address_left_on_a_channel_is_a_dead_contact(engine: Engine, tmp_path: Path) -> None:
    tg = Fake("telegram", {}, addresses=("chat",))
    mail = Fake("email", {})
    do_sync(engine, deployment(tmp_path, (task("1.1", executors=ONE),)), msk(2023, 9, 1))
    plan_due(engine, EngineSettings("Europe/Moscow", "sec", {"telegram": tg}, render),
             msk(2023, 9, 12))
    tg._addresses = ()  # its only chat was found dead since
    _run(engine, {"telegram": tg, "email": mail}, msk(2023, 9, 12, 9, 1))
    rows = _rows(engine)
    assert rows[("minek", "telegram")].status == "failed"
    assert "no address" in (rows[("minek", "telegram")].error or "")
    assert rows[("minek", "email")].status == "sent" and len(mail.sent) == 1


def test_one_address_reached_is_sent_transient_failures_are_retried(
        engine: Engine, tmp_path: Path) -> None:
    mail = Fake("email", {"x": [PermanentError("550 no such user")],
                          "y": [None]}, addresses=("x", "y"))
    do_sync(engine, deployment(tmp_path, (task("1.1", executors=ONE),)), msk(2023, 9, 1))
    _run(engine, {"email": mail}, msk(2023, 9, 12))
    assert _rows(engine)[("minek", "email")].status == "sent"

    flaky = Fake("email", {"a": [TransientError("421 try later"), None]})
    _run(engine, {"email": flaky}, msk(2023, 9, 27))
    row = next(r for r in _rows(engine).values() if r.step == "before-3")
    assert row.status == "pending" and row.send_at > msk(2023, 9, 27)  # backs off
    assert row.error == "421 try later"
    _run(engine, {"email": flaky}, msk(2023, 9, 27) + timedelta(hours=2))
    row = next(r for r in _rows(engine).values() if r.step == "before-3")
    assert row.status == "sent" and row.attempts == 2 and len(flaky.sent) == 1


def test_a_permanent_failure_is_recorded_with_its_reason(engine: Engine,
                                                         tmp_path: Path) -> None:
    mail = Fake("email", {"a": [PermanentError("550 mailbox unavailable")]})
    do_sync(engine, deployment(tmp_path, (task("1.1", executors=ONE),)), msk(2023, 9, 1))
    report = _run(engine, {"email": mail}, msk(2023, 9, 12))
    row = _rows(engine)[("minek", "email")]
    assert (row.status, row.error) == ("failed", "550 mailbox unavailable")
    # what `reminder tick` turns into exit 1: given up, not to be retried
    assert (report.failed, report.given_up, report.unrenderable) == (1, 1, 0)


def test_a_transient_failure_is_counted_as_retried_not_given_up(engine: Engine,
                                                                tmp_path: Path) -> None:
    mail = Fake("email", {"a": [TransientError("451 try later")]})
    do_sync(engine, deployment(tmp_path, (task("1.1", executors=ONE),)), msk(2023, 9, 1))
    report = _run(engine, {"email": mail}, msk(2023, 9, 12))
    assert (report.failed, report.given_up) == (1, 0)
