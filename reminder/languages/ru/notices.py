"""Russian: Notices (reminder.messages.notice): per event its subject, body and how to answer; fields
are filled with escaped values; no gendered verb forms, as the one acting is often a department.
"""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "greeting": "Добрый день!",
    "to": "Адресат:",
    "more_time_asked.subject": "Просьба продлить срок: {number}",
    "more_time_asked": "{who} просит продлить срок по пункту {number} «{title}» (текущий срок "
                       "— {due}).",
    "more_time_approved.subject": "Срок продлён: {number}",
    "more_time_approved": "Срок по пункту {number} «{title}» продлён до {new_due} (прежний срок — "
                          "{due}). Решение: {who}.",
    "more_time_denied.subject": "Продление не согласовано: {number}",
    "more_time_denied": "Продление срока по пункту {number} «{title}» не согласовано. Срок "
                        "остаётся прежним: {due}. Решение: {who}.",
    "reported.subject": "Пункт на приёмку: {number}",
    "reported": "{who} сообщает, что пункт {number} «{title}» (срок {due}) выполнен. "
                "Примите его или верните на доработку.",
    "accepted.subject": "Пункт принят: {number}",
    "accepted": "Пункт {number} «{title}» принят и закрыт. Решение: {who}.",
    "returned.subject": "Пункт возвращён на доработку: {number}",
    "returned": "Пункт {number} «{title}» возвращён на доработку. Срок: {due}. "
                "Решение: {who}.",
    "part_done.subject": "Часть работы выполнена: {number}",
    "part_done": "{who} сообщает о выполнении своей части пункта {number} «{title}» "
                 "(срок {due}). Закрывает пункт ответственный исполнитель, то есть вы.",
    "note": "Комментарий: {note}",
    "answer_email.more_time_asked": "Чтобы ответить, выполните: reminder approve {id} --to ГГГГ-ММ-ДД "
                                    "или reminder deny {id} --note \"…\"",
    "answer_email.reported": "Чтобы ответить, выполните: reminder accept {id} или reminder return {id} "
                             "--note \"…\"",
    "answer_telegram": "Ответьте кнопками ниже.",
}
