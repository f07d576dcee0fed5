"""English: the words of an email action link's confirmation page (reminder.web):
what the link will do, its button, and what came of it. ``{number}``, ``{until}`` are
filled with the item's values (escaped by the page's template).
"""

from __future__ import annotations

WORDS: dict[str, str] = {
    "title": "Reminder",
    "item": "Item",
    "plan": "Plan",
    "due": "Deadline",
    "ask_done": "Mark item {number} done?",
    "ask_more_time": "Ask the coordinator for more time on item {number}?",
    "ask_snooze": "Pause your reminders about item {number} for 7 days?",
    "do_done": "Yes, it is done",
    "do_more_time": "Ask for more time",
    "do_snooze": "Pause for 7 days",
    "done": "Item {number} is marked done. Thank you.",
    "reported": "Item {number} is reported done; the coordinator will accept it.",
    "part_done": "Your part of item {number} is recorded; the lead executor closes the item.",
    "snoozed": "No reminders to you about item {number} until {until}.",
    "asked": "Your request for more time on item {number} went to the coordinator.",
    "asked_again": "More time on item {number} was asked for already; the coordinator has not "
                   "answered yet.",
    "used": "This link was used already: nothing more was changed.",
    "gone": "Item {number} is no longer open for you: nothing was changed.",
    "expired": "This link has expired: nothing was changed. The next reminder brings new links.",
    "forged": "This link is not valid: nothing was changed.",
}
