"""Grouping: everything one recipient should hear at one send time becomes one message listing
all its items across plans, never one message per item. Pure."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from reminder.messages.model import Item, Message, Recipient

# Most urgent first, so the first lines of a message are the ones that matter most.
URGENCY = {"escalation": 0, "overdue": 1, "due": 2, "upcoming": 3, "opens": 4}


def item_order(item: Item) -> tuple:
    """Sort key of items inside a message: urgency, then due date, plan and task."""
    return (URGENCY.get(item.stage, 9), item.due or date.max, item.plan_id,
            _natural(item.task_id))


def _natural(task_id: str) -> tuple:
    # "2.10" after "2.9": plan numbering compared as numbers where it is numbers.
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p)
                 for p in task_id.replace("-", ".").split("."))


def group_messages(entries: Iterable[tuple[Recipient, str, Item]], send_at: datetime
                   ) -> list[tuple[str, Message]]:
    """``(recipient, channel, item)`` triples into one message per recipient and channel,
    as ``(channel, message)`` pairs in a stable order; an item listed twice appears once."""
    groups: dict[tuple[str, str], tuple[Recipient, dict[str, Item]]] = {}
    for recipient, channel, item in entries:
        key = (recipient.id, channel)
        if key not in groups:
            groups[key] = (recipient, {})
        groups[key][1].setdefault(item.ledger_key, item)
    out = []
    for key in sorted(groups):
        recipient, items = groups[key]
        ordered = tuple(sorted(items.values(), key=item_order))
        out.append((key[1], Message(recipient, send_at, ordered)))
    return out
