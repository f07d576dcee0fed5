"""Words that move a date in ways the grammar may not apply, found in the tokens.

The grammar reads dates; a few words around them change those dates: "за 5 дней до" (counted
back), "рабочих дней" (working days, not calendar days), "кроме июля" (all but), "после
1 марта" (after, not by), "за IV квартал – до 20 января" (an exception to a schedule), "tbc".
``interpret`` applies the ones it can (an offset back from a single due date) and flags the
rest, so a confident date never stands beside a word that would move it.
"""

from __future__ import annotations

from dataclasses import dataclass

from reminder.deadlines.atoms import Duration
from reminder.deadlines.tokens import Token

_UNITS = {"DAYU": "D", "WEEKU": "W", "MONTHU": "M", "YEARW": "Y"}


@dataclass(frozen=True, slots=True)
class Modifiers:
    """What the tokens say beyond the dates: an offset back, and words to flag."""

    before: Duration | None = None  # "за 2 недели до", "two weeks before": counted back
    before_text: str = ""
    after: Duration | None = None  # "не позднее 2 месяцев после окончания года": counted on
    flags: tuple[str, ...] = ()  # words no reading applies: flagged when a date stands


def _length(tokens: list[Token], i: int, step: int) -> tuple[Duration, int] | None:
    """A length at ``i`` read in direction ``step``: "2 недели", "две недели", "месяц"."""
    j = i
    t = tokens[j] if 0 <= j < len(tokens) else None
    if t is None:
        return None
    if step > 0:  # "за <n> <unit>" / "за <unit>"
        n = 1
        if t.kind == "num":
            n, j = t.value, j + 1
        elif t.has("NUMW"):
            n, j = t.cat("NUMW"), j + 1
        u = tokens[j] if j < len(tokens) else None
        unit = next((v for c, v in _UNITS.items() if u is not None and u.has(c)), None)
        return (Duration(n, unit), j + 1) if unit is not None else None
    unit = next((v for c, v in _UNITS.items() if t.has(c)), None)  # "<n> <unit> before"
    if unit is None:
        return None
    p = tokens[j - 1] if j > 0 else None
    n = 1
    if p is not None and p.kind == "num":
        n = p.value
    elif p is not None and p.has("NUMW"):
        n = p.cat("NUMW")
    return Duration(n, unit), j


def _exception_clause(tokens: list[Token], i: int) -> bool:
    """"за IV квартал – до 20 января", "за декабрь – до 20 января": a part with its own date."""
    j = i + 1
    if j < len(tokens) and (tokens[j].has("ORD") or tokens[j].kind == "num"
                            or tokens[j].text.strip("ivx") == ""):
        j += 1
    if j >= len(tokens) or not (tokens[j].has("MONTH", "QUARTER", "HALF")):
        return False
    k = j + 1
    while k < len(tokens) and tokens[k].kind == "punct" and tokens[k].text in "-–,:":
        k += 1
    return k < len(tokens) and tokens[k].has("BY")


def find(tokens: list[Token]) -> Modifiers:
    """The modifiers of a tokenised phrase."""
    before: Duration | None = None
    before_text = ""
    after: Duration | None = None
    flags: list[str] = []
    n = len(tokens)
    for i, t in enumerate(tokens):
        if t.lex is None:
            continue
        if t.has("WORKDAYS") and i + 1 < n and tokens[i + 1].has("DAYU"):
            flags.append(f"{t.text} {tokens[i + 1].text}")
        elif t.has("EXCEPT", "TBC"):
            flags.append(t.text)
        elif t.has("AFTER") and i + 1 < n and (i == 0 or _length(tokens, i - 1, -1) is None) \
                and (tokens[i + 1].kind in ("date", "iso", "dm") or (
                    tokens[i + 1].kind == "num" and i + 2 < n and tokens[i + 2].has("MONTH"))):
            flags.append(t.text)  # "после 1 марта": after it, not by it
        if t.has("AFTER") and i > 1 and (got := _length(tokens, i - 1, -1)) is not None and (
                tokens[i - 2].kind == "num" or tokens[i - 2].has("NUMW")):
            after = got[0]  # a count is written: "the year following" is not one year after
        if t.has("BEFORE_LEAD"):
            got = _length(tokens, i + 1, 1)
            if got is not None and got[1] < n and tokens[got[1]].has("BY"):
                before, before_text = got[0], t.text
            elif _exception_clause(tokens, i):
                flags.append(" ".join(x.text for x in tokens[i:i + 3] if x.kind != "punct"))
        if t.has("BEFORE_TRAIL") and i > 0:
            got = _length(tokens, i - 1, -1)
            if got is not None:
                before, before_text = got[0], t.text
    return Modifiers(before, before_text, after, tuple(dict.fromkeys(flags)))
