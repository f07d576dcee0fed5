"""Ukrainian: the words of an email action link's confirmation page (reminder.web):
what the link will do, its button, and what came of it. ``{number}``, ``{until}`` are
filled with the item's values (escaped by the page's template).
"""

from __future__ import annotations

WORDS: dict[str, str] = {
    "title": "Нагадування",
    "item": "Пункт",
    "plan": "План",
    "due": "Строк",
    "ask_done": "Позначити пункт {number} виконаним?",
    "ask_more_time": "Попросити координатора продовжити строк пункту {number}?",
    "ask_snooze": "Призупинити ваші нагадування про пункт {number} на 7 днів?",
    "do_done": "Так, виконано",
    "do_more_time": "Попросити продовження",
    "do_snooze": "Призупинити на 7 днів",
    "done": "Пункт {number} позначено виконаним. Дякуємо.",
    "reported": "Про виконання пункту {number} повідомлено; координатор його прийме.",
    "part_done": "Вашу частину пункту {number} відзначено; пункт закриває відповідальний "
                 "виконавець.",
    "snoozed": "Нагадувань вам про пункт {number} не буде до {until}.",
    "asked": "Ваше прохання продовжити строк пункту {number} надіслано координатору.",
    "asked_again": "Продовження за пунктом {number} уже запитано; координатор ще не відповів.",
    "used": "Це посилання вже використано: нічого не змінено.",
    "gone": "Пункт {number} для вас більше не відкритий: нічого не змінено.",
    "expired": "Строк дії посилання минув: нічого не змінено. У наступному нагадуванні будуть "
               "нові посилання.",
    "forged": "Посилання недійсне: нічого не змінено.",
}
