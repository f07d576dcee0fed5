"""Which language a deadline cell is written in, from its letters and its words.

The letters and the starting scores are each pack's ``detect`` table (reminder.languages); this
module only counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from reminder import languages
from reminder.deadlines.tokens import Token


@dataclass(frozen=True, slots=True)
class _Script:
    letters: re.Pattern[str]  # any letter of the script's languages
    marks: tuple[tuple[str, re.Pattern[str]], ...]  # language -> its own letters, if any
    prior: dict[str, float]  # language -> its starting score, in pack order (copied per cell)


@lru_cache(maxsize=4)
def _scripts(langs: tuple[str, ...]) -> tuple[_Script, ...]:
    # Scripts in the order of their first pack; a script's class is its languages' alphabets.
    by_script: dict[str, list[str]] = {}
    for lang in langs:
        by_script.setdefault(languages.table(lang, "detect", "SCRIPT"), []).append(lang)
    out = []
    for members in by_script.values():
        alphabet = "".join(languages.table(lang, "detect", "ALPHABET") for lang in members)
        marks = tuple((lang, re.compile(f"[{letters}]")) for lang in members
                      for letters in [languages.table(lang, "detect", "LETTERS")] if letters)
        prior = {lang: float(languages.table(lang, "detect", "PRIOR")) for lang in members}
        out.append(_Script(re.compile(f"[{alphabet}]"), marks, prior))
    return tuple(out)


_last: tuple[tuple[str, ...], tuple[_Script, ...]] = ((), ())  # the packs in use -> their scripts


def _remember(langs: tuple[str, ...]) -> tuple[_Script, ...]:
    # Built again only when the packs in use change (a test adding a pack): no hashing per cell.
    global _last
    _last = (langs, _scripts(langs))
    return _last[1]


def detect_language(tokens: list[Token], text: str) -> str | None:
    """A language of reminder.languages.LANGUAGES, or None when the cell has no words to tell by.

    ``text`` is the normalised (lower-case) cell.
    """
    langs = languages.LANGUAGES
    scripts = _last[1] if _last[0] is langs else _remember(langs)
    for script in scripts:
        if script.letters.search(text):
            break
    else:
        return None
    votes = script.prior.copy()
    for lang, mark in script.marks:
        if mark.search(text):
            votes[lang] += 3
    for t in tokens:
        if t.lex is not None and (sole := t.lex.sole) in votes:
            votes[sole] += 1
    return max(votes, key=votes.__getitem__)
