"""Ukrainian: Notices (reminder.messages.notice): per event its subject, body and how to answer; fields
are filled with escaped values; no gendered verb forms, as the one acting is often a department.
"""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "greeting": "Добрий день!",
    "to": "Адресат:",
    "more_time_asked.subject": "Прохання продовжити строк: {number}",
    "more_time_asked": "{who} просить продовжити строк виконання пункту {number} «{title}» "
                       "(чинний строк — {due}).",
    "more_time_approved.subject": "Строк продовжено: {number}",
    "more_time_approved": "Строк виконання пункту {number} «{title}» продовжено до {new_due} "
                          "(попередній строк — {due}). Рішення: {who}.",
    "more_time_denied.subject": "Продовження не погоджено: {number}",
    "more_time_denied": "Продовження строку виконання пункту {number} «{title}» не погоджено. "
                        "Строк не змінюється: {due}. Рішення: {who}.",
    "reported.subject": "Пункт на приймання: {number}",
    "reported": "{who} повідомляє, що пункт {number} «{title}» (строк {due}) виконано. "
                "Прийміть його або поверніть на доопрацювання.",
    "accepted.subject": "Пункт прийнято: {number}",
    "accepted": "Пункт {number} «{title}» прийнято й закрито. Рішення: {who}.",
    "returned.subject": "Пункт повернуто на доопрацювання: {number}",
    "returned": "Пункт {number} «{title}» повернуто на доопрацювання. Строк: {due}. "
                "Рішення: {who}.",
    "part_done.subject": "Частину роботи виконано: {number}",
    "part_done": "{who} повідомляє про виконання своєї частини пункту {number} "
                 "«{title}» (строк {due}). Закриває пункт відповідальний виконавець, тобто ви.",
    "note": "Коментар: {note}",
    "answer_email.more_time_asked": "Щоб відповісти, виконайте: reminder approve {id} --to РРРР-ММ-ДД "
                                    "або reminder deny {id} --note \"…\"",
    "answer_email.reported": "Щоб відповісти, виконайте: reminder accept {id} або reminder return {id} "
                             "--note \"…\"",
    "answer_telegram": "Дайте відповідь кнопками нижче.",
}
