"""Helpers the deadline word tables of the packs are written with (``forms``, ``compounds``).

Kept apart from reminder.deadlines so that a pack can be imported on its own: importing the
grammar builds the lexicon, which imports every pack.
"""

from __future__ import annotations

from collections.abc import Iterable


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
