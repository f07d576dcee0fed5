"""Splitting a Telegram HTML body into messages Telegram accepts (4,096 characters each).

The templates separate items with a blank line and never put one inside an item, so a cut at a
blank line never separates an item from its own lines.
"""

from __future__ import annotations

import re

MAX_LENGTH = 4096
_TAG = re.compile(r"<[^>]*>")


def _cut_plain(line: str, limit: int) -> list[str]:
    """Cut an over-long line: tags are dropped (a cut must not leave one open) and no cut
    falls inside an entity such as ``&amp;``."""
    text = _TAG.sub("", line)
    pieces: list[str] = []
    while len(text) > limit:
        cut = limit
        amp = text.rfind("&", max(0, cut - 10), cut)
        if amp != -1 and ";" not in text[amp:cut]:
            cut = amp
        pieces.append(text[:cut])
        text = text[cut:]
    pieces.append(text)
    return pieces


def split_html(body: str, limit: int = MAX_LENGTH) -> list[str]:
    """Split a Telegram HTML body into messages of at most ``limit`` characters, at blank
    lines (item boundaries) first, then at line ends, and only as a last resort inside a
    line."""
    chunks: list[str] = []
    current = ""
    for block in body.split("\n\n"):
        pieces = [block]
        if len(block) > limit:
            pieces = []
            for line in block.split("\n"):
                pieces.extend(_cut_plain(line, limit) if len(line) > limit else [line])
        for piece in pieces:
            joiner = "\n\n" if piece is block else "\n"
            if current and len(current) + len(joiner) + len(piece) <= limit:
                current += joiner + piece
            else:
                if current:
                    chunks.append(current)
                current = piece
    if current.strip():
        chunks.append(current)
    return chunks or [""]
