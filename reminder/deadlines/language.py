"""Which language a deadline cell is written in, from its letters and its words."""

from __future__ import annotations

import re

from reminder.deadlines.tokens import Token

_UK_LETTERS = re.compile("[іїєґ]")
_RU_LETTERS = re.compile("[ыэъ]")
_LV_LETTERS = re.compile("[āēīūčšžģķļņ]")
_CYRILLIC = re.compile("[а-яёіїєґ]")
_LATIN = re.compile("[a-zāēīūčšžģķļņ]")


def detect_language(tokens: list[Token], text: str) -> str | None:
    """``ru``, ``uk``, ``lv``, ``en``, or None when the cell has no words to tell by.

    ``text`` is the normalised (lower-case) cell.
    """
    if _CYRILLIC.search(text):
        votes = {"ru": 0.5, "uk": 0.0}  # Cyrillic without Ukrainian letters or words is Russian
        if _UK_LETTERS.search(text):
            votes["uk"] += 3
        if _RU_LETTERS.search(text):
            votes["ru"] += 3
    elif _LATIN.search(text):
        votes = {"lv": 0.0, "en": 0.0}
        if _LV_LETTERS.search(text):
            votes["lv"] += 3
    else:
        return None
    for t in tokens:
        if t.lex is not None and (sole := t.lex.sole) in votes:
            votes[sole] += 1
    return max(votes, key=votes.__getitem__)
