"""The deadline parser: a cell of a plan -> what it means as dates (deadlines/SPEC.md).

``parse`` is a pure function of the text, the plan period and an optional language: no I/O and no
clock. One grammar reads every language; languages differ only in the word tables of ``words/``.
"""

from __future__ import annotations

from functools import lru_cache

from reminder.deadlines.grammar import read
from reminder.deadlines.interpret import interpret
from reminder.deadlines.language import detect_language
from reminder.deadlines.model import KINDS, Deadline, Occurrence, Period
from reminder.deadlines.modifiers import find
from reminder.deadlines.normal import normalise
from reminder.deadlines.tokens import tokenize

__all__ = ["KINDS", "Deadline", "Occurrence", "Period", "detect_language", "parse"]

# Longer cells are not deadlines but prose; reading only their head keeps parsing linear.
MAX_CHARS = 2000


def parse(text: str, period: Period | str | int, lang: str | None = None) -> Deadline:
    """What ``text`` means as dates, read against the plan ``period``.

    ``period`` is a Period, a year (2020), "2023-2025" or "2019-08-12..2020-10-31"; without a
    plan the caller passes the current year. Never raises on any text: what is not understood
    comes back as kind ``unknown`` with a note.
    """
    return _parse(text, Period.parse(period), lang)


def _unreadable(text: str, lang: str | None, exc: Exception) -> Deadline:
    # The last guard of "never an exception": a cell the grammar trips on is shown to a person.
    return Deadline(text=text, kind="unknown", lang=lang,
                    notes=(f"could not be read ({type(exc).__name__}: {exc})",))


@lru_cache(maxsize=4096)
def _parse(text: str, period: Period, lang: str | None) -> Deadline:
    # Plans repeat the same few phrases hundreds of times; the result is immutable, so cache it.
    raw = text if isinstance(text, str) else str(text)
    try:
        return _read(raw, period, lang)
    except (ValueError, OverflowError, IndexError, KeyError) as exc:
        return _unreadable(raw, lang, exc)


def _read(raw: str, period: Period, lang: str | None) -> Deadline:
    head = raw[:MAX_CHARS]
    normal = normalise(head)
    tokens = tokenize(normal)
    language = lang or detect_language(tokens, normal)
    elements, leftover = read(tokens)
    deadline = interpret(raw, elements, leftover, period, language, find(tokens))
    typos = [f"read {t.text!r} as {t.value!r}" for t in tokens if t.typo]
    if typos:  # a corrected spelling is said, never silent
        deadline = deadline._replace(notes=(*deadline.notes, *typos))
    if len(raw) > MAX_CHARS:
        deadline = deadline._replace(
            notes=(*deadline.notes, f"only the first {MAX_CHARS} characters were read"))
    return deadline
