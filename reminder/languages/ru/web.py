"""Russian: the words of an email action link's confirmation page (reminder.web):
what the link will do, its button, and what came of it. ``{number}``, ``{until}`` are
filled with the item's values (escaped by the page's template).
"""

from __future__ import annotations

WORDS: dict[str, str] = {
    "title": "Напоминание",
    "item": "Пункт",
    "plan": "План",
    "due": "Срок",
    "ask_done": "Отметить пункт {number} выполненным?",
    "ask_more_time": "Попросить координатора продлить срок пункта {number}?",
    "ask_snooze": "Приостановить ваши напоминания о пункте {number} на 7 дней?",
    "do_done": "Да, выполнено",
    "do_more_time": "Попросить продление",
    "do_snooze": "Приостановить на 7 дней",
    "done": "Пункт {number} отмечен выполненным. Спасибо.",
    "reported": "О выполнении пункта {number} сообщено; координатор его примет.",
    "part_done": "Ваша часть пункта {number} отмечена; пункт закрывает ответственный исполнитель.",
    "snoozed": "Напоминаний вам о пункте {number} не будет до {until}.",
    "asked": "Ваша просьба продлить срок пункта {number} отправлена координатору.",
    "asked_again": "Продление по пункту {number} уже запрошено; координатор ещё не ответил.",
    "used": "Эта ссылка уже использована: ничего не изменено.",
    "gone": "Пункт {number} для вас больше не открыт: ничего не изменено.",
    "expired": "Срок действия ссылки истёк: ничего не изменено. В следующем напоминании будут "
               "новые ссылки.",
    "forged": "Ссылка недействительна: ничего не изменено.",
}
