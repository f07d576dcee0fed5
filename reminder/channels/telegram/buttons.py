"""The buttons under a reminder and what their presses carry, without any network or database.

Telegram limits callback data to 64 bytes, so a button carries a short action code and the
occurrence's token (reminder.store.chats.occurrence_token) instead of ids of unbounded length.
The channel puts the buttons under a message (``keyboard``); the bot (reminder.bot.app) reads a
press back with ``decode`` and resolves the token against the pressing chat's own open items.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from babel.dates import format_date
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from reminder.languages import Table
from reminder.messages import i18n
from reminder.messages.model import Item, Message
from reminder.messages.render import MAX_ITEMS_WITH_BUTTONS
from reminder.store.chats import ACTING_ROLES, occurrence_token

ACTIONS = ("done", "snooze", "more")
SNOOZE_DAYS = (1, 3, 7)
MESSAGE_LIMIT = 4096  # Telegram's limit on a message's text, after entities are parsed
PAGE_ITEMS = 10  # /tasks lines per page: a page reads on a phone without scrolling far

# "{days}": the snooze's length in words, with the plural form its number takes ("💤 3 дня").
# "date": how a button writes a date (a CLDR pattern): short, as the language writes dates in a
# narrow space ("06.10.2023"; English readers take "6 Oct 2023", not a day-month order guess).
_LABELS: Table[dict[str, str]] = Table("buttons", "LABELS")


def button_date(value: date, lang: str) -> str:
    """A date as a button writes it in ``lang``: '06.10.2023', '6 Oct 2023'."""
    labels = _LABELS.get(lang, _LABELS["en"])
    return format_date(value, labels["date"], locale=lang if lang in _LABELS else "en")


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
    lang = lang if lang in _LABELS else "en"
    labels = _LABELS[lang]
    rows: list[list[tuple[str, str]]] = []
    repeated = {i.task_id for i in items if sum(j.task_id == i.task_id for j in items) > 1}
    for item in items:
        token = item_token(item)
        task = item.task_id[:20]
        done = labels["done"].format(task=task)
        if item.task_id in repeated and item.due is not None:
            done = f"✅ {task} ({button_date(item.due, lang)})"  # which quarter's button this is
        rows.append([(done, encode("done", token)),
                     (labels["more"], encode("more", token))])
        rows.append([(labels["snooze"].format(days=i18n.days(n, lang)),
                      encode("snooze", token, n))
                     for n in SNOOZE_DAYS])
    return rows


APPROVE_DAYS = (7, 14, 30)  # the coordinator's "approve" buttons: this many days more
_ANSWER_CODES = {"approve": "qa", "deny": "qd", "accept": "qc", "return": "qr"}
_ANSWER_LABELS: Table[dict[str, str]] = Table("buttons", "ANSWER_LABELS")


@dataclass(frozen=True)
class Answer:
    """A coordinator's press under a request: approve (``days`` more), deny, accept, return."""

    verb: str
    request_id: int
    days: int = 0


def encode_answer(verb: str, request_id: int, days: int = 0) -> str:
    """Callback data of an answer button: 'qa14:<request id>', 'qd:<id>', 'qc:<id>',
    'qr:<id>'."""
    if verb == "approve" and days not in APPROVE_DAYS:
        raise ValueError(f"approve is for {APPROVE_DAYS} days, not {days}")
    return f"{_ANSWER_CODES[verb]}{days if verb == 'approve' else ''}:{request_id}"


def decode_answer(data: str) -> Answer | None:
    """The answer a press carries, or None for any other data."""
    code, _, rid = data.partition(":")
    if not rid.isdigit() or len(rid) > 12:
        return None
    for verb, prefix in _ANSWER_CODES.items():
        if verb == "approve" and code.startswith(prefix) and code[2:].isdigit() \
                and int(code[2:]) in APPROVE_DAYS:
            return Answer(verb, int(rid), int(code[2:]))
        if verb != "approve" and code == prefix:
            return Answer(verb, int(rid))
    return None


def answer_buttons(message: Message, lang: str) -> list[list[tuple[str, str]]]:
    """Rows of (label, callback data) under a notice that asks the coordinator something."""
    notice = message.notice
    if message.kind != "notice" or notice is None or notice.request_id is None:
        return []
    labels = _ANSWER_LABELS.get(lang, _ANSWER_LABELS["en"])
    rid = notice.request_id
    if notice.event == "more_time_asked":
        return [[(labels["approve"].format(
                    n=n, date=button_date(notice.extend_from + timedelta(days=n), lang)),
                  encode_answer("approve", rid, n))] for n in APPROVE_DAYS] + [
            [(labels["deny"], encode_answer("deny", rid))]]
    if notice.event == "reported":
        return [[(labels["accept"], encode_answer("accept", rid)),
                 (labels["return"], encode_answer("return", rid))]]
    return []


def keyboard(message: Message, lang: str) -> InlineKeyboardMarkup | None:
    """The buttons as Telegram's inline keyboard, or None when the message gets none."""
    rows = answer_buttons(message, lang) or buttons(message, lang)
    if not rows:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in row]
         for row in rows])


def page_groups(header: str, lines: list[str], limit: int = MESSAGE_LIMIT,
                per_page: int = PAGE_ITEMS) -> list[list[int]]:
    """Which of ``lines`` (by index) each page of ``paginate`` holds."""
    room = limit - len(header) - 16  # the header, newlines, " · 99/99"
    groups: list[list[int]] = [[]]
    size = 0
    for n, line in enumerate(lines):
        length = min(len(line), room)
        if groups[-1] and (len(groups[-1]) >= per_page or size + length + 1 > room):
            groups.append([])
            size = 0
        groups[-1].append(n)
        size += length + 1
    return groups


def paginate(header: str, lines: list[str], limit: int = MESSAGE_LIMIT,
             per_page: int = PAGE_ITEMS) -> list[str]:
    """``lines`` under ``header`` as pages of at most ``per_page`` lines and ``limit``
    characters each (a line longer than a page is cut with '…'). Each page but a lone one
    ends with its number ("2/5")."""
    room = limit - len(header) - 16
    groups = page_groups(header, lines, limit, per_page)
    total = len(groups)
    cut = [line if len(line) <= room else line[: room - 1] + "…" for line in lines]
    return ["\n".join([header, *(cut[i] for i in group)]
                      + ([f"{n}/{total}"] if total > 1 else []))
            for n, group in enumerate(groups, start=1)]


def item_rows(tokens: list[tuple[str, str, str]]) -> list[list[InlineKeyboardButton]]:
    """One row of buttons per (item label, due label, occurrence token) of a /tasks page:
    done, more time, snooze 3 days; so every listed item can be acted on."""
    return [[InlineKeyboardButton(f"✅ {label[:20]} · {due}", callback_data=encode("done", tok)),
             InlineKeyboardButton("⏳", callback_data=encode("more", tok)),
             InlineKeyboardButton("💤 3", callback_data=encode("snooze", tok, 3))]
            for label, due, tok in tokens]


def encode_page(page: int) -> str:
    """Callback data of a /tasks page button: 't:<page>'."""
    return f"t:{page}"


def decode_page(data: str) -> int | None:
    """The page a /tasks button asks for, or None for any other data."""
    code, _, page = data.partition(":")
    return int(page) if code == "t" and page.isdigit() and len(page) < 5 else None


def page_keyboard(page: int, total: int,
                  items: list[list[InlineKeyboardButton]] | None = None
                  ) -> InlineKeyboardMarkup | None:
    """A /tasks page's buttons: its items' rows (``item_rows``), then previous/next (none for
    a single page)."""
    rows = list(items or [])
    if total <= 1:
        return InlineKeyboardMarkup(rows) if rows else None
    row = []
    if page > 0:
        row.append(InlineKeyboardButton(f"◀ {page}/{total}", callback_data=encode_page(page - 1)))
    if page + 1 < total:
        row.append(InlineKeyboardButton(f"{page + 2}/{total} ▶",
                                        callback_data=encode_page(page + 1)))
    return InlineKeyboardMarkup([*rows, row])
