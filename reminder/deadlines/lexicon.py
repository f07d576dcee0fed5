"""Merges the per-language word tables into one lookup the grammar reads.

A lexeme is a word or a multi-word phrase (a tuple of normalised words) with the categories it
can play, each with a value, and the languages it comes from. The grammar asks "can this token be
a MONTH?" and never which language it is in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from reminder import languages
from reminder.deadlines.normal import words_of

# Latvian letters folded for lookup, so "julijs" finds "jūlijs". Cyrillic is left alone.
_FOLD = str.maketrans("āēīūčšžģķļņō", "aeiucszgklno")


_TYPO_TARGETS = {"FREQ", "QUARTER", "HALF", "MONTH", "ONGOING", "DURING", "YEARW", "DECADE"}


def fold(word: str) -> str:
    """The form a word is looked up by: lower case, Latvian diacritics folded."""
    return word.translate(_FOLD)


@dataclass(slots=True)
class Lexeme:
    """What one word or phrase can mean: category -> value, and the languages that use it."""

    cats: dict[str, Any] = field(default_factory=dict)
    langs: set[str] = field(default_factory=set)
    sole: str | None = None  # the one language that uses it, if only one does


# Categories whose table is a plain list of words or phrases.
_LISTS = {
    "QUARTER": "QUARTER", "HALF": "HALF", "DECADE": "DECADE", "YEARW": "YEAR",
    "MONTHU": "MONTH_UNIT", "WEEKU": "WEEK_UNIT", "DAYU": "DAY_UNIT", "HOURU": "HOUR_UNIT",
    "WORKING": "WORKING", "DOM": "DAY_OF_MONTH", "TIMES": "TIMES", "EVERY": "EVERY",
    "PER": "PER", "BY": "BY", "FROM": "FROM", "TO": "TO", "DURING": "DURING", "AFTER": "AFTER",
    "FOLLOWING": "FOLLOWING", "REPORTING": "REPORTING", "ACADEMIC": "ACADEMIC", "STAGE": "STAGE",
    "ONGOING": "ONGOING", "EVENT": "EVENT", "FILLER": "FILLER", "APPROXLY": "APPROXIMATELY",
    "LIST": "LIST", "THEN": "THEN", "WHOLE": "WHOLE", "LABEL": "LABEL", "SCHEDULE": "SCHEDULE",
    "SECTION": "SECTION", "TAXADJ": "TAX_PERIOD", "PERIODW": "PERIOD_WORDS",
    "PLANEND": "BEFORE_PLAN_END",
    # Words that move a date in ways the grammar may not apply (modifiers.py flags them)
    "WORKDAYS": "WORKING_DAYS", "EXCEPT": "EXCEPT", "BEFORE_LEAD": "BEFORE_LEAD",
    "BEFORE_TRAIL": "BEFORE_TRAIL", "TBC": "TO_BE_CONFIRMED",
}
# Categories whose table maps a value to words.
_MAPS = {
    "MONTH": "MONTHS", "ORD": "ORDINALS", "NUMW": "NUMBERS", "DURW": "DURATION_WORDS",
    "APPROX": "APPROX", "SEASON": "SEASONS", "WEEKDAY": "WEEKDAYS", "FREQ": "FREQUENCY",
    "RELYEAR": "REL_YEAR", "NTIMES": "NTIMES", "FREQ2": "EVERY_OTHER",
    "UNIT_LETTER": "UNIT_LETTERS",
}


class Lexicon:
    """All languages' words and phrases, keyed by their words."""

    def __init__(self, langs: Iterable[str] | None = None) -> None:
        self.entries: dict[tuple[str, ...], Lexeme] = {}
        # first word -> the longest phrase starting with it, so most words need one lookup
        self.reach: dict[str, int] = {}
        self.words: set[str] = set()  # every word of every entry
        self._typos: dict[str, set[str]] | None = None
        for lang in languages.LANGUAGES if langs is None else langs:
            # Every pack has every table (the schema test checks): a missing one is an error
            # here, not a language that silently contributes nothing.
            module = languages.module(lang, "deadlines")
            for cat, attr in _LISTS.items():
                for phrase in getattr(module, attr):
                    self._add(phrase, cat, True, lang)
            for cat, attr in _MAPS.items():
                for value, phrases in getattr(module, attr).items():
                    for phrase in phrases:
                        self._add(phrase, cat, value, lang)

    def _add(self, phrase: str, cat: str, value: Any, lang: str) -> None:
        words = words_of(phrase)
        # Keyed as written and with diacritics folded, so lookups need no folding on a hit.
        for key in {tuple(words), tuple(fold(w) for w in words)}:
            if key:
                self._add_key(key, cat, value, lang)

    def _add_key(self, key: tuple[str, ...], cat: str, value: Any, lang: str) -> None:
        lex = self.entries.get(key)
        if lex is None:
            lex = self.entries[key] = Lexeme()
        lex.cats.setdefault(cat, value)
        lex.langs.add(lang)
        lex.sole = lang if len(lex.langs) == 1 else None
        self.reach[key[0]] = max(self.reach.get(key[0], 1), len(key))
        self.words.update(key)

    def closest(self, word: str) -> str | None:
        """The one known word a typo of ``word`` stands for ("квартл", "ежеквартальо"), or None.

        One letter dropped, added or changed, in words of six letters or more whose first two
        letters are right; never a guess between two candidates.
        """
        if len(word) < 6:
            return None
        index = self._typo_index()
        found = {w for w in index.get(word, ())}  # a letter dropped from the known word
        for k in range(len(word)):
            shorter = word[:k] + word[k + 1:]
            found.update(index.get(shorter, ()))  # a letter changed
            if self._typo_target(shorter):  # a letter added
                found.add(shorter)
        found = {w for w in found if w[:2] == word[:2]}
        return found.pop() if len(found) == 1 else None

    def _typo_target(self, w: str) -> bool:
        # Only words whose misreading is unlikely: long, and of the kinds a deadline turns on.
        # "ученый" must not become "учебный", nor "летней" a season.
        lex = self.entries.get((w,))
        return len(w) >= 7 and lex is not None and bool(lex.cats.keys() & _TYPO_TARGETS)

    def _typo_index(self) -> dict[str, set[str]]:
        # Every known word with one letter deleted -> the words it came from (built on first use).
        if self._typos is None:
            index: dict[str, set[str]] = {}
            for w in self.words:
                if self._typo_target(w):
                    for k in range(len(w)):
                        index.setdefault(w[:k] + w[k + 1:], set()).add(w)
            self._typos = index
        return self._typos


LEXICON = Lexicon()
