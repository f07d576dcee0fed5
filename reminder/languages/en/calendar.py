"""English: Calendar feed labels (reminder.calendar): event descriptions and the feed's name."""

from __future__ import annotations

WORDS: dict[str, str] = {
    "deadline": "Deadline in the plan",
    "window": "Window",
    "lead": "Lead executor",
    "co": "Co-executors",
    "role": "Your role",
    "status": "Status",
    "open": "open",
    "reported": "reported, awaiting acceptance",
    "done": "done",
    "cancelled": "cancelled",
    "plan_closed": "the plan is closed",
    "plan_archived": "the plan is archived",
    "removed": "the task was removed from the plan",
    "window_event": "window",
    "all": "all plans",
    "feed": "Reminders",
}
