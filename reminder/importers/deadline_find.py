"""Find deadline phrases inside longer text with the deadline parser.

The parser reads a whole phrase; the importer needs to know where a phrase ends when it is
run together with executors ("протягом року Департамент ...") or sits inside a sentence
("Министерству X в срок до 15 марта 2024 г. представить ..."). Both are answered by trying
spans of words and keeping the longest one the parser understands, so the importer knows no
deadline grammar of its own.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reminder.deadlines.model import Deadline, Period
from reminder.importers.words import YEAR_WORDS

_MAX_WORDS = 12  # no deadline phrase in the seeds is longer than 8 words
_TOKEN = re.compile(r"\S+")
_TRIM = " ,;:—–-"
# Words that may open a deadline phrase before its first number ("в срок до 15 марта").
_LEAD_IN = 3


@lru_cache(maxsize=8192)
def _parse(text: str, period: str, lang: str | None) -> Deadline:
    from reminder.deadlines import parse  # late: the importer loads without parsing anything

    return parse(text, period, lang)


def understand(
    text: str, period: Period | str, lang: str | None, strict: bool = True
) -> Deadline | None:
    """The parsed deadline, or None when the parser does not understand the text.

    The parser reads past words it does not know and says so in a note ("ignored: ...");
    ``strict`` refuses such readings, which is what finding where a phrase ends needs.
    """
    text = " ".join(text.split())
    if not text:
        return None
    deadline = _parse(text, str(period), lang)
    if deadline.kind == "unknown" or (strict and ignored_words(deadline)):
        return None
    return deadline


def ignored_words(deadline: Deadline) -> list[str]:
    """The words the parser skipped when it read a phrase."""
    return [n.split(":", 1)[1].strip() for n in deadline.notes if n.startswith("ignored:")]


def _starts_a_name(token: str) -> bool:
    """Whether a word could start an executor's name (capitalised or quoted)."""
    first = token.lstrip("«\"'(„“")
    return bool(first) and (first[0].isupper() or first[0] != token[0])


def split_leading(text: str, period: Period | str, lang: str | None) -> tuple[str, str] | None:
    """Split "DEADLINE REST" into the longest leading deadline phrase and the rest.

    When several prefixes parse, the one followed by a capitalised word wins: executors'
    names start with a capital, so a lenient parser cannot swallow them.
    """
    tokens = list(_TOKEN.finditer(text))
    found: list[tuple[int, str]] = []
    for k in range(1, min(len(tokens), _MAX_WORDS) + 1):
        prefix = text[: tokens[k - 1].end()].rstrip(_TRIM)
        if understand(prefix, period, lang):
            found.append((k, prefix))
    if not found:
        return None
    before_name = [f for f in found if f[0] < len(tokens) and _starts_a_name(tokens[f[0]].group())]
    k, prefix = (before_name or found)[-1]
    rest = text[tokens[k - 1].end():].strip(_TRIM) if k < len(tokens) else ""
    return prefix, rest


def _meaning(d: Deadline) -> tuple[object, ...]:
    return (d.kind, d.start, d.end, d.occurrences)


def _trim_fillers(span: str, deadline: Deadline, period: Period | str, lang: str | None) -> str:
    """Drop trailing words the parser skipped as filler ("... 2024 г. представить в").

    A word stays when dropping it changes the meaning, or when it belongs to the date as
    written (a number, an abbreviation like "г.", a year word like "года").
    """
    words = span.split()
    while len(words) > 1:
        last = words[-1]
        if any(ch.isdigit() for ch in last) or last.endswith(".") or last.lower() in YEAR_WORDS:
            break
        shorter = " ".join(words[:-1]).rstrip(_TRIM)
        reading = understand(shorter, period, lang)
        if reading is None or _meaning(reading) != _meaning(deadline):
            break
        words = words[:-1]
    # A sentence's full stop is not part of its date ("by 30 June 2025."), an abbreviation's
    # dot is ("2024 г.", "2020 р.").
    if words[-1].endswith(".") and len(words[-1].rstrip(".")) >= 3:
        words[-1] = words[-1].rstrip(".")
    return " ".join(words).rstrip(_TRIM)


def find_in_sentence(
    text: str, period: Period | str, lang: str | None, kinds: tuple[str, ...] = ("window", "by")
) -> tuple[int, int, Deadline] | None:
    """The longest deadline phrase in a sentence: (start, end) character offsets and its meaning.

    Only spans that contain a digit are tried (prose dates carry a year or a day), which keeps
    the number of parser calls proportional to the numbers in the sentence.
    """
    tokens = list(_TOKEN.finditer(text))
    starts: set[int] = set()
    for i, tok in enumerate(tokens):
        if any(ch.isdigit() for ch in tok.group()):
            starts.update(range(max(0, i - _LEAD_IN), i + 1))
    best: tuple[int, int, Deadline] | None = None
    for i in sorted(starts):
        for j in range(min(len(tokens), i + _MAX_WORDS), i, -1):
            span = text[tokens[i].start(): tokens[j - 1].end()]
            trimmed = span.rstrip(_TRIM)
            if not any(ch.isdigit() for ch in trimmed):
                continue
            deadline = understand(trimmed, period, lang)
            if deadline and deadline.kind in kinds:
                a = tokens[i].start()
                b = a + len(_trim_fillers(trimmed, deadline, period, lang))
                if best is not None and a <= best[1] and _meaning(deadline) == _meaning(best[2]):
                    # the same reading from another start ("Щокварталу до 5 числа" and "до 5
                    # числа місяця, що настає за звітним кварталом"): the phrase is both
                    best = (min(a, best[0]), max(b, best[1]), best[2])
                elif best is None or b - a > best[1] - best[0]:
                    best = (a, b, deadline)
                break
    return best
