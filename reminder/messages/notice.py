"""Notices: one message to one person about one event on an item (more time asked of the
coordinator, the answer, an item reported for acceptance, accepted or returned, a
co-executor's part done). Unlike reminders they are not on a ladder; they are owed once, go
through the ledger like everything sent, and are worded from the table below. Pure.
"""

from __future__ import annotations

import html
import json
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any, Literal

from reminder.messages import i18n
from reminder.messages.model import Message, RenderedMessage

Event = Literal["more_time_asked", "more_time_approved", "more_time_denied", "reported",
                "accepted", "returned", "part_done"]
EVENTS: tuple[str, ...] = ("more_time_asked", "more_time_approved", "more_time_denied",
                           "reported", "accepted", "returned", "part_done")
# The events the coordinator answers; the Telegram channel puts the answer buttons under them.
QUESTIONS = ("more_time_asked", "reported")


@dataclass(frozen=True)
class Notice:
    """What a notice says. ``who`` is the person who acted (asked, answered, reported);
    ``request_id`` the request it is about (the coordinator answers by it)."""

    event: str
    plan_id: str
    task_id: str
    task_title: str
    due: date
    who: str
    request_id: int | None = None
    new_due: date | None = None
    note: str | None = None
    plan_language: str = "en"
    # The day more time was asked: "+N days" counts from it when the deadline had passed.
    asked_on: date | None = None
    # The ledger's key of this notice to this recipient (set when it is sent; the outbox's
    # X-Reminder-Keys and the email's Message-ID name it).
    ledger_key: str = ""

    @property
    def number(self) -> str:
        """The item as people write it: plan/task."""
        return f"{self.plan_id}/{self.task_id}"

    def to_json(self) -> str:
        """The ledger row's ``item``."""
        data: dict[str, Any] = asdict(self)
        data["due"] = self.due.isoformat()
        data["new_due"] = self.new_due.isoformat() if self.new_due else None
        data["asked_on"] = self.asked_on.isoformat() if self.asked_on else None
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, raw: str) -> Notice:
        """The inverse of to_json."""
        data = json.loads(raw)
        data["due"] = date.fromisoformat(data["due"])
        for key in ("new_due", "asked_on"):  # rows written before a key existed lack it
            data[key] = date.fromisoformat(data[key]) if data.get(key) else None
        return cls(**data)

    @property
    def extend_from(self) -> date:
        """The day "+N days" counts from: the due date, or the day of asking if later (more
        time asked after the deadline is counted from then, not from a day already past)."""
        return max(self.due, self.asked_on or self.due)


# Per language and event: the subject, the body, and what to do (by email: the command; by
# Telegram: the buttons). Fields are filled with escaped values; no gendered verb forms, as
# the one acting is often a department.
_TEXTS: dict[str, dict[str, str]] = {
    "ru": {
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
    },
    "uk": {
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
    },
    "lv": {
        "greeting": "Labdien!",
        "to": "Adresāts:",
        "more_time_asked.subject": "Lūgums pagarināt termiņu: {number}",
        "more_time_asked": "{who} lūdz pagarināt punkta {number} „{title}” termiņu (pašreizējais "
                           "termiņš: {due}).",
        "more_time_approved.subject": "Termiņš pagarināts: {number}",
        "more_time_approved": "Punkta {number} „{title}” termiņš pagarināts. Jaunais termiņš: "
                              "{new_due} (iepriekšējais: {due}). Lēmumu pieņēma: {who}.",
        "more_time_denied.subject": "Termiņa pagarinājums nav saskaņots: {number}",
        "more_time_denied": "Punkta {number} „{title}” termiņa pagarinājums nav saskaņots. Termiņš "
                            "nemainās: {due}. Lēmumu pieņēma: {who}.",
        "reported.subject": "Punkts pieņemšanai: {number}",
        "reported": "{who} ziņo, ka punkts {number} „{title}” (termiņš: {due}) ir "
                    "izpildīts. Pieņemiet to vai atdodiet pilnveidošanai.",
        "accepted.subject": "Punkts pieņemts: {number}",
        "accepted": "Punkts {number} „{title}” pieņemts un slēgts. Lēmumu pieņēma: {who}.",
        "returned.subject": "Punkts atdots pilnveidošanai: {number}",
        "returned": "Punkts {number} „{title}” atdots pilnveidošanai. Termiņš: {due}. "
                    "Lēmumu pieņēma: {who}.",
        "part_done.subject": "Daļa darba izpildīta: {number}",
        "part_done": "{who} ziņo par savas daļas izpildi punktā {number} „{title}” (termiņš: "
                     "{due}). Punktu slēdz atbildīgais izpildītājs, t. i., jūs.",
        "note": "Komentārs: {note}",
        "answer_email.more_time_asked": "Lai atbildētu, izpildiet: reminder approve {id} --to GGGG-MM-DD vai "
                                        "reminder deny {id} --note \"…\"",
        "answer_email.reported": "Lai atbildētu, izpildiet: reminder accept {id} vai reminder return {id} "
                                 "--note \"…\"",
        "answer_telegram": "Atbildiet ar pogām zemāk.",
    },
    "en": {
        "greeting": "Dear colleagues,",
        "to": "To:",
        "more_time_asked.subject": "More time requested: {number}",
        "more_time_asked": "More time has been requested for item {number} “{title}” (due {due}). "
                           "Requested by: {who}.",
        "more_time_approved.subject": "Deadline extended: {number}",
        "more_time_approved": "The deadline for item {number} “{title}” has been extended to "
                              "{new_due} (previously {due}). Decided by: {who}.",
        "more_time_denied.subject": "More time not granted: {number}",
        "more_time_denied": "The request for more time on item {number} “{title}” was not granted; "
                            "the deadline remains {due}. Decided by: {who}.",
        "reported.subject": "Item reported done: {number}",
        "reported": "Item {number} “{title}” (due {due}) has been reported done. Reported "
                    "by: {who}. Please accept it or return it for revision.",
        "accepted.subject": "Item accepted: {number}",
        "accepted": "Item {number} “{title}” has been accepted and closed. Decided by: "
                    "{who}.",
        "returned.subject": "Item returned for revision: {number}",
        "returned": "Item {number} “{title}” has been returned for revision. Deadline: "
                    "{due}. Decided by: {who}.",
        "part_done.subject": "Part done: {number}",
        "part_done": "A co-executor's part of item {number} “{title}” (due {due}) has been "
                     "reported done. Reported by: {who}. As the lead executor, you close the "
                     "item.",
        "note": "Note: {note}",
        "answer_email.more_time_asked": "To answer: reminder approve {id} --to YYYY-MM-DD or "
                                        "reminder deny {id} --note \"…\"",
        "answer_email.reported": "To answer: reminder accept {id} or reminder return {id} "
                                 "--note \"…\"",
        "answer_telegram": "Answer with the buttons below.",
    },
}


def fill(pattern: str, values: dict[str, str]) -> str:
    """``pattern.format(**values)`` without a doubled full stop where a value that ends in one
    ("29 вересня 2023 р.") stands before the pattern's own."""
    for key, value in values.items():
        if value.endswith("."):
            pattern = pattern.replace("{" + key + "}.", "{" + key + "}")
    return pattern.format(**values)


def notice_language(message: Message) -> str:
    """The recipient's language, else the plan's."""
    assert message.notice is not None
    return i18n.pick_language(message.recipient.language, message.notice.plan_language)


def render_notice(message: Message) -> RenderedMessage:
    """A notice message as email subject, text and HTML, and Telegram HTML; plan text (the
    title, names, notes) is escaped in the HTML bodies and cut to one line everywhere."""
    from reminder.messages.render import SUBJECT_MAX, one_line

    notice = message.notice
    assert notice is not None
    lang = notice_language(message)
    words = _TEXTS[lang]
    # the title is quoted: its own closing full stop would sit inside the quotes
    values = {"number": notice.number, "title": one_line(notice.task_title, 200).rstrip("."),
              "who": one_line(notice.who, 120), "due": i18n.long_date(notice.due, lang),
              "new_due": i18n.long_date(notice.new_due, lang),
              "note": one_line(notice.note or "", 500), "id": str(notice.request_id or "")}

    def lines(escape: bool) -> list[str]:
        vals = {k: html.escape(v, quote=False) for k, v in values.items()} if escape else values
        out = [fill(words[notice.event], vals)]
        if notice.note:
            out.append(fill(words["note"], vals))
        return out

    to = f"{words['to']} {one_line(message.recipient.name, 120)}"
    plain = lines(False)
    answer = words.get(f"answer_email.{notice.event}")
    text = "\n\n".join([f"{words['greeting']}\n{to}", *plain]
                       + ([answer.format(**values)] if answer else [])) + "\n"
    escaped = lines(True)
    body_html = f"<p>{words['greeting']}<br>{html.escape(to, quote=False)}</p>" + "".join(
        f"<p>{line}</p>" for line in escaped)
    if answer:
        body_html += f"<p><code>{html.escape(answer.format(**values), quote=False)}</code></p>"
    telegram = "\n\n".join(escaped + ([words["answer_telegram"]]
                                      if notice.event in QUESTIONS else []))
    subject = words[f"{notice.event}.subject"].format(**values)
    return RenderedMessage(subject=one_line(subject, SUBJECT_MAX), text=text,
                           html=f"<html><body>{body_html}</body></html>",
                           telegram_html=telegram)
