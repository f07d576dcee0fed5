"""Word's automatic numbering, rendered as text ("1.", "1.2.", "II.", "а)").

The "№" column of many plans is an automatic list: the numbers are not in the text at all,
only a reference to a list definition. Without them every row would look like the
continuation of the row above. The counters are kept here in reading order, as Word does for
the usual case (one counter set per list, deeper levels restart when a shallower one counts).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CYRILLIC = "абвгдежзиклмнопрстуфхцчшщэюя"


@dataclass(slots=True)
class _Level:
    fmt: str = "decimal"
    start: int = 1
    text: str = "%1."


def _roman(n: int) -> str:
    out = []
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                           (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                           (4, "IV"), (1, "I")):
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _format(n: int, fmt: str) -> str:
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("russianLower", "russianUpper"):
        letter = _CYRILLIC[(n - 1) % len(_CYRILLIC)]
        return letter if fmt == "russianLower" else letter.upper()
    return str(n)


def _val(el: Any, tag: str) -> str | None:
    child = el.find(f"{_W}{tag}") if el is not None else None
    return child.get(f"{_W}val") if child is not None else None


@dataclass
class Numbering:
    """List definitions of a document and the running counters of each list."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId -> ilvl -> level
    styles: dict[str, tuple[str, int]] = field(default_factory=dict)  # styleId -> (numId, ilvl)
    counters: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, document: Any) -> Numbering:
        """Read the numbering and styles parts of a python-docx document (either may lack)."""
        numbering = cls()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return numbering
        abstract: dict[str, dict[int, _Level]] = {}
        for an in root.iterchildren(f"{_W}abstractNum"):
            levels = {}
            for lvl in an.iterchildren(f"{_W}lvl"):
                levels[int(lvl.get(f"{_W}ilvl", "0"))] = _Level(
                    fmt=_val(lvl, "numFmt") or "decimal",
                    start=int(_val(lvl, "start") or 1),
                    text=_val(lvl, "lvlText") or "",
                )
            abstract[an.get(f"{_W}abstractNumId", "")] = levels
        for num in root.iterchildren(f"{_W}num"):
            numbering.levels[num.get(f"{_W}numId", "")] = abstract.get(
                _val(num, "abstractNumId") or "", {}
            )
        for style in document.styles.element.iterchildren(f"{_W}style"):
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None and _val(num_pr, "numId"):
                ilvl = int(_val(num_pr, "ilvl") or 0)
                numbering.styles[style.get(f"{_W}styleId", "")] = (_val(num_pr, "numId") or "", ilvl)
        return numbering

    def label(self, p: Any) -> str | None:
        """The number Word shows before paragraph ``p``, counting it; None if it has none."""
        ppr = p.find(f"{_W}pPr")
        num_pr = ppr.find(f"{_W}numPr") if ppr is not None else None
        num_id, ilvl = None, 0
        if num_pr is not None:
            num_id, ilvl = _val(num_pr, "numId"), int(_val(num_pr, "ilvl") or 0)
        elif ppr is not None and _val(ppr, "pStyle") in self.styles:
            num_id, ilvl = self.styles[_val(ppr, "pStyle") or ""]
        levels = self.levels.get(num_id or "")
        if not levels or num_id == "0":
            return None
        level = levels.get(ilvl, _Level())
        if level.fmt == "none":
            return None
        if level.fmt == "bullet":
            return "-"
        counts = self.counters.setdefault(num_id or "", [0] * 9)
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = 0
        counts[ilvl] = counts[ilvl] + 1 if counts[ilvl] else level.start
        text = level.text or f"%{ilvl + 1}."
        for k in range(9):
            if f"%{k + 1}" in text:
                lvl = levels.get(k, _Level())
                n = counts[k] or lvl.start
                text = text.replace(f"%{k + 1}", _format(n, lvl.fmt))
        return text
