"""The buttons under a reminder and what their presses carry, without any network or database.

Telegram limits callback data to 64 bytes, so a button carries a short action code and the
occurrence's token (reminder.store.chats.occurrence_token) instead of ids of unbounded length.
The channel puts the buttons under a message (``keyboard``); the bot (reminder.bot.app) reads a
press back with ``decode`` and resolves the token against the pressing chat's own open items.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from reminder.messages.model import Item, Message
from reminder.store.chats import ACTING_ROLES, occurrence_token

ACTIONS = ("done", "snooze", "more")
SNOOZE_DAYS = (1, 3, 7)
MAX_ITEMS_WITH_BUTTONS = 8  # more would make a wall of buttons; /tasks and /done still work

_LABELS: dict[str, dict[str, str]] = {
    "ru": {"done": "✅ {task}: выполнено", "more": "⏳ Нужно больше времени",
           "snooze": "💤 {n} дн."},
    "uk": {"done": "✅ {task}: виконано", "more": "⏳ Потрібно більше часу",
           "snooze": "💤 {n} дн."},
    "lv": {"done": "✅ {task}: izpildīts", "more": "⏳ Vajag vairāk laika",
           "snooze": "💤 {n} d."},
    "en": {"done": "✅ {task}: done", "more": "⏳ Need more time", "snooze": "💤 {n} d"},
}


def item_token(item: Item) -> str:
    """The token of the occurrence an item is about."""
    return occurrence_token(item.plan_id, item.task_id, item.due)


@dataclass(frozen=True)
class Callback:
    """A decoded button press."""

    action: str  # done | snooze | more
    token: str
    days: int = 0  # for snooze


def encode(action: str, token: str, days: int = 0) -> str:
    """Callback data: 'd:<token>', 's3:<token>', 'm:<token>' (well under 64 bytes)."""
    if action == "snooze":
        if days not in SNOOZE_DAYS:
            raise ValueError(f"snooze is for {SNOOZE_DAYS} days, not {days}")
        return f"s{days}:{token}"
    return f"{action[0]}:{token}"


def decode(data: str) -> Callback | None:
    """The button press, or None for data this bot never produced."""
    code, _, token = data.partition(":")
    if len(token) != 16 or any(c not in "0123456789abcdef" for c in token):
        return None
    if code == "d":
        return Callback("done", token)
    if code == "m":
        return Callback("more", token)
    if code.startswith("s") and code[1:].isdigit() and int(code[1:]) in SNOOZE_DAYS:
        return Callback("snooze", token, int(code[1:]))
    return None


def buttons(message: Message, lang: str) -> list[list[tuple[str, str]]]:
    """Rows of (label, callback data) for the items the recipient can act on."""
    if message.kind != "reminder":
        return []
    items = [i for i in message.items if i.role in ACTING_ROLES]
    if not items or len(items) > MAX_ITEMS_WITH_BUTTONS:
        return []
    labels = _LABELS.get(lang, _LABELS["en"])
    rows: list[list[tuple[str, str]]] = []
    repeated = {i.task_id for i in items if sum(j.task_id == i.task_id for j in items) > 1}
    for item in items:
        token = item_token(item)
        task = item.task_id[:20]
        if item.task_id in repeated and item.due is not None:
            task += f" · {item.due:%d.%m.%Y}"  # which quarter's button this is
        rows.append([(labels["done"].format(task=task), encode("done", token)),
                     (labels["more"], encode("more", token))])
        rows.append([(labels["snooze"].format(n=n), encode("snooze", token, n))
                     for n in SNOOZE_DAYS])
    return rows


def keyboard(message: Message, lang: str) -> InlineKeyboardMarkup | None:
    """The buttons as Telegram's inline keyboard, or None when the message gets none."""
    rows = buttons(message, lang)
    if not rows:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in row]
         for row in rows])
