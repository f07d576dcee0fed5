"""What the plan said about a deadline, beside the date the engine computed from it.

A message shows the plan's own phrase ("3 квартал 2023", "протягом року") when it says more
than the date itself, and says when the due day was moved off a weekend or holiday. A phrase
that only writes the date ("до 30.09.2023", "30 September 2023") would repeat the deadline
line, so it is left out. Pure; the phrase is plan text, flattened to one line by the caller
and escaped by the templates like any plan text.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Literal

from babel.dates import format_date

from reminder.languages import merged
from reminder.messages.i18n import LANGUAGES

# Words a plan writes before a date that only says "by" (in any of the languages: a plan's
# phrase is in the plan's language, not the reader's), and the year words written after it.
# Each pack's dates.BY_WORDS and dates.YEAR_WORDS, joined.
_BY_WORDS: tuple[str, ...] = merged("dates", "BY_WORDS")
_YEAR_WORDS: tuple[str, ...] = merged("dates", "YEAR_WORDS")
# Date patterns that spell out the month, per language (Babel's month names in each case).
_NAMED = ("d MMMM y", "d MMMM", "MMMM d, y", "y. 'gada' d. MMMM", "d. MMMM y")
_SPACES = re.compile(r"\s+")
_EDGES = re.compile(r"^[\s\"'«»“”„.,:;()-]+|[\s\"'«»“”„.,:;()-]+$")

Moved = Literal["", "next", "previous"]


def phrase(flat: str, nominal: date | None) -> str:
    """The plan's deadline phrase (already flattened to one line) to show: "" when there is
    none or it only writes the nominal due date."""
    if not flat or (nominal is not None and only_the_date(flat, nominal)):
        return ""
    return flat


def moved(nominal: date | None, due: date | None) -> Moved:
    """Which way the due day was moved off a non-working day: "next", "previous" or ""."""
    if nominal is None or due is None or nominal == due:
        return ""
    return "next" if due > nominal else "previous"


def only_the_date(text: str, day: date) -> bool:
    """True when ``text`` is ``day`` written out and nothing more: "30.09.2023", "до
    30 сентября 2023 года", "by 30 September 2023", "2023. gada 30. septembris"."""
    words = _normal(text)
    for by in _BY_WORDS:
        if words.startswith(by + " "):
            words = words[len(by) + 1:]
            break
    for year_word in _YEAR_WORDS:
        if words.endswith(" " + year_word):
            words = words[: -len(year_word) - 1]
            break
    return words in _forms(day)


def _normal(text: str) -> str:
    text = text.replace("\u202f", " ").replace("\xa0", " ").lower()
    return _EDGES.sub("", _SPACES.sub(" ", text))


@lru_cache(maxsize=1024)
def _forms(day: date) -> frozenset[str]:
    """``day`` as plans write it: numerically, and with the month named in each language."""
    d, m, y = day.day, day.month, day.year
    numeric = {f"{dd}{sep}{mm}{sep}{y}" for dd in (str(d), f"{d:02}")
               for mm in (str(m), f"{m:02}") for sep in "./-"} | {day.isoformat()}
    named = {_normal(format_date(day, pattern, locale=lang))
             for lang in LANGUAGES for pattern in _NAMED}
    return frozenset(numeric | {_EDGES.sub("", n) for n in named})
