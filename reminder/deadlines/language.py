"""Which language a deadline cell is written in, from its letters and its words."""

from __future__ import annotations

from reminder.deadlines.tokens import Token

_UK_LETTERS = set("іїєґ")
_RU_LETTERS = set("ыэъ")
_LV_LETTERS = set("āēīūčšžģķļņ")
_CYRILLIC = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ")
_LATIN = set("abcdefghijklmnopqrstuvwxyz") | _LV_LETTERS


def detect_language(tokens: list[Token], text: str) -> str | None:
    """``ru``, ``uk``, ``lv``, ``en``, or None when the cell has no words to tell by.

    ``text`` is the normalised (lower-case) cell.
    """
    votes = {"ru": 0.0, "uk": 0.0, "lv": 0.0, "en": 0.0}
    letters = set(text)
    if letters & _LV_LETTERS:
        votes["lv"] += 3
    if letters & _UK_LETTERS:
        votes["uk"] += 3
    if letters & _RU_LETTERS:
        votes["ru"] += 3
    cyrillic = bool(letters & _CYRILLIC)
    latin = bool(letters & _LATIN)
    for t in tokens:
        if t.lex is not None and t.lex.sole is not None:
            votes[t.lex.sole] += 1
    if cyrillic:
        votes["lv"] = votes["en"] = -1
        votes["ru"] += 0.5  # Cyrillic without Ukrainian letters or words is Russian
    elif latin:
        votes["ru"] = votes["uk"] = -1
    else:
        return None
    return max(votes, key=lambda k: votes[k])
