"""Helpers the per-language deadline word tables are written with.

The tables themselves are each pack's ``deadlines`` module (reminder/languages/<lang>/): data
only, as the grammar in ``reminder.deadlines`` never branches on a language. A table maps a
category to the word forms (every grammatical case a plan may use) or to multi-word phrases,
all in lower case. ``forms(stem, endings)`` spells out inflected forms.
"""

from __future__ import annotations

from collections.abc import Iterable

from reminder.languages import LANGUAGES

__all__ = ["LANGUAGES", "compounds", "forms"]


def forms(stems: str | Iterable[str], endings: Iterable[str]) -> list[str]:
    """Every stem joined with every ending: ``forms("квартал", ["", "а"])``."""
    if isinstance(stems, str):
        stems = [stems]
    ends = list(endings)
    return [s + e for s in stems for e in ends]


def compounds(
    numbers: dict[int, list[str]], units: dict[str, str], endings: Iterable[str]
) -> dict[tuple[int, str], list[str]]:
    """Number-prefixed adjectives: {"трех": 3} x {"недельн": "W"} -> (3, "W"): "трехнедельный"."""
    ends = list(endings)
    out: dict[tuple[int, str], list[str]] = {}
    for n, prefixes in numbers.items():
        for stem, unit in units.items():
            out.setdefault((n, unit), []).extend(forms([p + stem for p in prefixes], ends))
    return out
