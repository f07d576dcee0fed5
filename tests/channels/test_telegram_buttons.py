"""The buttons under a Telegram reminder: one set per item, each labelled so that the quarters
of one recurring task can be told apart."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from reminder.channels.telegram.buttons import answer_buttons, buttons, decode
from reminder.messages.model import Message, Recipient
from reminder.messages.notice import Notice
from tests.messages.test_render import make_item, make_message


@pytest.mark.parametrize(("lang", "expected"), [
    ("ru", ["✅ 4.2 (31.03.2023)", "✅ 4.2 (30.06.2023)", "✅ 5.1: выполнено"]),
    # English readers are not left to guess a day-month order
    ("en", ["✅ 4.2 (31 Mar 2023)", "✅ 4.2 (30 Jun 2023)", "✅ 5.1: done"]),
])
def test_quarters_of_one_task_get_buttons_labelled_with_their_due_date(
        lang: str, expected: list[str]) -> None:
    quarters = [make_item(ledger_key=f"q{n}", task_id="4.2", stage="overdue", due=due,
                          days_left=-9, working_days_late=5)
                for n, due in enumerate((date(2023, 3, 31), date(2023, 6, 30)))]
    single = make_item(ledger_key="x", task_id="5.1")
    rows = buttons(make_message(*quarters, single), lang)
    done = [label for row in rows for label, _ in row if label.startswith("✅")]
    # short enough to share a row with "more time" on a phone: the period says which
    assert done == expected
    tokens = {decode(data).token for row in rows for _, data in row}  # type: ignore[union-attr]
    assert len(tokens) == 3  # each button acts on its own occurrence


@pytest.mark.parametrize(("lang", "more"), [
    ("ru", "⏳ Запросить продление"), ("uk", "⏳ Попросити продовження"),
    ("lv", "⏳ Lūgt pagarinājumu"), ("en", "⏳ Ask for more time"),
])
def test_the_more_time_button_asks_for_an_extension(lang: str, more: str) -> None:
    rows = buttons(make_message(make_item()), lang)
    assert rows[0][1][0] == more


@pytest.mark.parametrize(("lang", "expected"), [
    ("uk", ["✅ +7 дн. (до 13.10.2023)", "✅ +14 дн. (до 20.10.2023)",
            "✅ +30 дн. (до 05.11.2023)", "❌ Відмовити"]),
    ("en", ["✅ +7 days (to 13 Oct 2023)", "✅ +14 days (to 20 Oct 2023)",
            "✅ +30 days (to 5 Nov 2023)", "❌ Deny"]),
])
def test_the_coordinators_approve_buttons_name_the_new_date(lang: str,
                                                            expected: list[str]) -> None:
    notice = Notice(event="more_time_asked", plan_id="p", task_id="2.1", task_title="T",
                    due=date(2023, 10, 6), who="Dept", request_id=7)
    message = Message(recipient=Recipient(id="c", name="C", language=lang),
                      send_at=datetime(2023, 10, 1, 9), items=(), kind="notice", notice=notice)
    assert [label for row in answer_buttons(message, lang) for label, _ in row] == expected
