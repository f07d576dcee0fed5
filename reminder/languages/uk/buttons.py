"""Ukrainian: Telegram button labels (reminder.channels.telegram.buttons)."""

from __future__ import annotations

# "{days}": the snooze's length in words, with the plural form its number takes ("💤 3 дня").
# "date": how a button writes a date (a CLDR pattern): short, as the language writes dates in a
# narrow space ("06.10.2023"; English readers take "6 Oct 2023", not a day-month order guess).
LABELS: dict[str, str] = {
    "done": "✅ {task}: виконано",
    "more": "⏳ Попросити продовження",
    "snooze": "💤 {days}",
    "date": "dd.MM.y",
}

# The coordinator's answer buttons under a notice.
ANSWER_LABELS: dict[str, str] = {
    "approve": "✅ +{n} дн. (до {date})",
    "deny": "❌ Відмовити",
    "accept": "✅ Прийняти",
    "return": "↩ Повернути на доопрацювання",
}
