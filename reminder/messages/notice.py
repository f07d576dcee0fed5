"""Notices: one message to one person about one event on an item (more time asked of the
coordinator, the answer, an item reported for acceptance, accepted or returned, a
co-executor's part done). Unlike reminders they are not on a ladder; they are owed once, go
through the ledger like everything sent, and are worded from each language pack's
``notices.TEXTS`` (reminder/languages/<lang>/notices.py). Pure.
"""

from __future__ import annotations

import html
import json
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any, Literal

from reminder.languages import Table
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
_TEXTS: Table[dict[str, str]] = Table("notices", "TEXTS")


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
