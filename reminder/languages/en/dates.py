"""English: Counts, role names and date patterns for the messages (reminder.messages.i18n).

Word forms are keyed by CLDR plural category (Babel picks the category); categories the language
never produces are left out, and a missing one falls back to "other".
"""

from __future__ import annotations

DAYS: dict[str, str] = {"one": "{n} day", "other": "{n} days"}

WORKING_DAYS: dict[str, str] = {"one": "{n} working day", "other": "{n} working days"}

# "осталось 3 дня": the verb agrees with the number where the language makes it.
LEFT: dict[str, str] = {"one": "{days} left", "other": "{days} left"}

ITEMS: dict[str, str] = {"one": "{n} item", "other": "{n} items"}

# A person's part in a task, as a message names it.
ROLES: dict[str, str] = {
    "lead": "lead executor",
    "co": "co-executor",
    "partner": "partner (by agreement)",
    "involved": "involved",
    "supervisor": "supervisor",
    "secretariat": "secretariat",
}

# The whole date (a CLDR pattern).
LONG: str = "d MMMM y"

# A range by what its two dates share (month, year, nothing): (pattern of the first date,
# dash, pattern of the last date); None: the long date.
RANGE: dict[str, tuple[str | None, str, str | None]] = {
    "month": ("d", "–", None),
    "year": ("d MMMM", " – ", None),
    "years": (None, " – ", None),
}

# A list of due dates of one year: (short pattern, which one is written long: first/last).
LIST: tuple[str, str] = ("d MMMM", "last")

# Day and month without the year.
SHORT_DATE: str = "d MMMM"

# Words a plan writes before a date that only says "by", and the year words written after
# it: a phrase that is only the date is not repeated beside the deadline line
# (reminder.messages.as_planned).
BY_WORDS: tuple[str, ...] = ("no later than", "not later than", "on or before", "by", "before", "until")
YEAR_WORDS: tuple[str, ...] = ()
