"""Latvian: Counts, role names and date patterns for the messages (reminder.messages.i18n).

Word forms are keyed by CLDR plural category (Babel picks the category); categories the language
never produces are left out, and a missing one falls back to "other".
"""

from __future__ import annotations

DAYS: dict[str, str] = {"zero": "{n} dienu", "one": "{n} diena", "other": "{n} dienas"}

WORKING_DAYS: dict[str, str] = {
    "zero": "{n} darba dienu",
    "one": "{n} darba diena",
    "other": "{n} darba dienas",
}

# "осталось 3 дня": the verb agrees with the number where the language makes it.
LEFT: dict[str, str] = {"other": "vēl {days}"}

ITEMS: dict[str, str] = {"zero": "{n} punktu", "one": "{n} punkts", "other": "{n} punkti"}

# A person's part in a task, as a message names it.
ROLES: dict[str, str] = {
    "lead": "atbildīgais izpildītājs",
    "co": "līdzizpildītājs",
    "partner": "pēc saskaņošanas",
    "involved": "iesaistītais",
    "supervisor": "pārraugs",
    "secretariat": "sekretariāts",
}

# The whole date (a CLDR pattern).
LONG: str = "y. 'gada' d. MMMM"

# A range by what its two dates share (month, year, nothing): (pattern of the first date,
# dash, pattern of the last date); None: the long date.
RANGE: dict[str, tuple[str | None, str, str | None]] = {
    "month": ("y. 'gada' d.", "–", "d. MMMM"),
    "year": (None, " – ", "d. MMMM"),
    "years": (None, " – ", None),
}

# A list of due dates of one year: (short pattern, which one is written long: first/last).
LIST: tuple[str, str] = ("d. MMMM", "first")

# Day and month without the year.
SHORT_DATE: str = "d. MMMM"

# Words a plan writes before a date that only says "by", and the year words written after
# it: a phrase that is only the date is not repeated beside the deadline line
# (reminder.messages.as_planned).
BY_WORDS: tuple[str, ...] = ("līdz", "ne vēlāk kā")
YEAR_WORDS: tuple[str, ...] = ("gada", "gadā")
