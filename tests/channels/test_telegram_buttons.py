"""The buttons under a Telegram reminder: one set per item, each labelled so that the quarters
of one recurring task can be told apart."""

from __future__ import annotations

from datetime import date

from reminder.channels.telegram.buttons import buttons, decode
from tests.messages.test_render import make_item, make_message


def test_quarters_of_one_task_get_buttons_labelled_with_their_due_date() -> None:
    quarters = [make_item(ledger_key=f"q{n}", task_id="4.2", stage="overdue", due=due,
                          days_left=-9, working_days_late=5)
                for n, due in enumerate((date(2023, 3, 31), date(2023, 6, 30)))]
    single = make_item(ledger_key="x", task_id="5.1")
    rows = buttons(make_message(*quarters, single), "ru")
    done = [label for row in rows for label, _ in row if label.startswith("✅")]
    # short enough to share a row with "more time" on a phone: the period says which
    assert done == ["✅ 4.2 (31.03.2023)", "✅ 4.2 (30.06.2023)", "✅ 5.1: выполнено"]
    tokens = {decode(data).token for row in rows for _, data in row}  # type: ignore[union-attr]
    assert len(tokens) == 3  # each button acts on its own occurrence
