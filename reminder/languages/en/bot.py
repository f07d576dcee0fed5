"""English: What the bot replies (reminder.bot): plain strings with ``{}`` fields, sent as Telegram
HTML; the bot escapes the values before filling them in.
"""

from __future__ import annotations

TEXTS: dict[str, str] = {
    "not_linked": "This chat is not linked to an executor. Ask your plan coordinator for "
                  "a code and send /start CODE.",
    "bad_code": "This code is invalid, has already been used or has expired. Ask your "
                "plan coordinator for a new one.",
    "locked": "Too many invalid codes have been sent from this chat. Try again after "
              "{time} ({date}).",
    "linked": "Chat linked: <b>{name}</b>. Reminders will arrive here. Open items: /tasks",
    "no_items": "No open items.",
    "items": "Open items:",
    "item_line": "• <b>{number}</b> {title} — due {due}",
    "next_line": "; next reminder {when}",
    "done_usage": "Send /done ITEM, for example /done 2.1 (list: /tasks).",
    "unknown_item": "You have no open item “{item}”. List: /tasks",
    "ambiguous": "Several items match “{item}”: {choices}. Please specify it as plan/item.",
    "done": "Marked done: <b>{number}</b> {title}",
    "gone": "This item is no longer among your open items.",
    "which": "Item <b>{item}</b> has several open deadlines. Which one are you marking "
             "done?",
    "part_done": "Your part of item <b>{number}</b> is recorded as done. The item will be "
                 "closed by the lead executor, {lead}.",
    "more": "Your request for more time on <b>{number}</b> has been sent to the "
            "coordinator ({coordinator}). Until they reply, the deadline remains "
            "{due}; you will receive the reply here.",
    "more_nobody": "Your request for more time on <b>{number}</b> is recorded, but the "
                   "plan names no coordinator, so no one will answer it here: please "
                   "contact whoever manages the plan directly. The deadline remains {due}.",
    "more_again": "You already asked for more time on <b>{number}</b> ({date}); the "
                  "coordinator has not answered yet.",
    "reported": "Item <b>{number}</b> is reported done and awaits acceptance by the "
                "coordinator ({coordinator}). You will receive no further reminders about it.",
    "not_yours": "Only the item's coordinator can answer this request.",
    "answered": "This request has been answered already.",
    "approved": "Approved: item <b>{number}</b> is now due {due}. {who} will be told.",
    "ask_deny": "Send the reason for the refusal in one message; it will be forwarded "
                "to {who} (or send /skip to refuse without a reason).",
    "ask_return": "In one message, describe what still needs to be done; it will be "
                  "forwarded to {who}.",
    "denied": "Denied: item <b>{number}</b> stays due {due}. {who} will be told.",
    "accepted": "Accepted: item <b>{number}</b> is closed. {who} will be told.",
    "returned": "Returned for revision: item <b>{number}</b> is open again. {who} will "
                "be told.",
    "snoozed": "Your reminders about <b>{number}</b> are snoozed for {days}. Others on "
               "the item still receive theirs.",
}
