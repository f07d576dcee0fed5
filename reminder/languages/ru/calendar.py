"""Russian: Calendar feed labels (reminder.calendar): event descriptions and the feed's name."""

from __future__ import annotations

WORDS: dict[str, str] = {
    "deadline": "Срок по плану",
    "window": "Период",
    "lead": "Ответственный исполнитель",
    "co": "Соисполнители",
    "role": "Ваша роль",
    "status": "Статус",
    "open": "открыт",
    "reported": "отчёт ожидает приёмки",
    "done": "выполнено",
    "cancelled": "отменено",
    "plan_closed": "план закрыт",
    "plan_archived": "план в архиве",
    "removed": "задача удалена из плана",
    "window_event": "период",
    "all": "все планы",
    "feed": "Напоминания",
}
