"""Text normalisation shared by the tokenizer and the word tables."""

from __future__ import annotations

import re

_DASHES = str.maketrans({c: "-" for c in "‐‑‒–—―−﹘﹣－"} | {c: "'" for c in "’ʼ`´‘"}
                        | {c: " - " for c in "→⟶➔➝➞⇒"}  # "17 May → 30 June": a range
                        | {c: " " for c in "\u00a0\u2007\u202f\u2009\t\r\n"}
                        | {c: None for c in "\u00ad\u200b\u200c\u200d\u2060\ufeff"}
                        | {"ё": "е", "Ё": "Е", "«": " ", "»": " ", '"': " ", "“": " ",
                           "”": " ", "„": " "})
# Footnote markers: "<1>", "[2]", "*", superscript digits.
_FOOTNOTES = re.compile(r"<\d{1,3}>|\[\d{1,3}\]|\*+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+")
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")


def words_of(phrase: str) -> list[str]:
    """The words of a table phrase, normalised as the tokenizer normalises cells."""
    return _WORD.findall(phrase.lower().translate(_DASHES))


def normalise(text: str) -> str:
    """Lower case, one kind of dash and apostrophe, no footnote markers, single spaces."""
    return _FOOTNOTES.sub(" ", text.translate(_DASHES).lower())


