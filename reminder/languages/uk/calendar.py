"""Ukrainian: Calendar feed labels (reminder.calendar): event descriptions and the feed's name."""

from __future__ import annotations

WORDS: dict[str, str] = {
    "deadline": "Строк за планом",
    "window": "Період",
    "lead": "Відповідальний виконавець",
    "co": "Співвиконавці",
    "role": "Ваша роль",
    "status": "Статус",
    "open": "відкрито",
    "reported": "звіт очікує прийняття",
    "done": "виконано",
    "cancelled": "скасовано",
    "plan_closed": "план закрито",
    "plan_archived": "план в архіві",
    "removed": "завдання вилучено з плану",
    "window_event": "період",
    "all": "усі плани",
    "feed": "Нагадування",
}
