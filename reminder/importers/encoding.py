"""Decode a text document whose encoding nobody stated.

Plans arrive as UTF-8, UTF-8 with a BOM, or in the Windows code page of the office that wrote
them (Windows-1251 for Cyrillic, Windows-1257 for Latvian). Every single-byte code page
decodes any bytes, so the choice is made by plausibility: the decoded text must be mostly
letters of one script, not the box-drawing and symbol soup a wrong code page produces.
"""

from __future__ import annotations

import codecs
import unicodedata

from reminder.importers.model import ImportFailed

# Tried in this order after UTF-8; a candidate must look like text to be accepted.
_FALLBACKS: tuple[tuple[str, str], ...] = (
    ("cp1251", "Windows-1251"),
    ("cp1257", "Windows-1257"),
)


def _plausibility(text: str) -> float:
    """Share of characters that ordinary prose is made of (letters, digits, punctuation)."""
    if not text:
        return 0.0
    good = 0
    for ch in text:
        cat = unicodedata.category(ch)
        if cat[0] in "LNZ" or ch in "\t\r\n" or cat in ("Po", "Pd", "Ps", "Pe", "Pi", "Pf"):
            good += 1
    return good / len(text)


def _word_score(text: str) -> float:
    """Share of words that look like words: one script, and Latin words mostly plain ASCII.

    A wrong code page puts Cyrillic letters inside Latin words (Latvian read as Windows-1251)
    or turns every Cyrillic letter into an accented Latin one (Russian read as Windows-1257).
    """
    good = words = 0
    for word in text.split():
        letters = [c for c in word if c.isalpha()]
        if len(letters) < 3:
            continue
        words += 1
        cyr = sum(1 for c in letters if "\u0400" <= c <= "\u04ff")
        accented = sum(1 for c in letters if not c.isascii())
        if cyr == len(letters) or (cyr == 0 and accented <= 0.4 * len(letters)):
            good += 1
    return good / words if words else 0.0


def decode(data: bytes) -> tuple[str, str | None]:
    """Decode document bytes; return the text and a note when it was not plain UTF-8.

    Raises ImportFailed for binary data or bytes no known encoding makes sense of.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace"), "UTF-8 with BOM"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "UTF-16"
    if b"\x00" in data[:4096]:
        raise ImportFailed("binary data, not a text document")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    best: tuple[float, str, str] | None = None
    for codec, label in _FALLBACKS:
        text = data.decode(codec, errors="replace")
        score = min(_plausibility(text), _word_score(text))
        if best is None or score > best[0]:
            best = (score, text, label)
    if best is None or best[0] < 0.8:
        raise ImportFailed("not UTF-8, and no Windows code page gives readable text")
    return best[1], f"decoded as {best[2]} (not UTF-8)"
