"""The digest's chart of overdue items per department: a small PNG for the email (an inline
``cid:`` image) and the same bars made of characters for the text part and Telegram.

The PNG is written here with zlib and struct (a palette image, one byte a pixel): no imaging
library for one bar chart. It holds no text but digits: the department names are plan data in
any script, shown by the message beside the chart (numbered rows: the chart's row 3 is the
table's row 3), so the image needs no font beyond ten digits.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHART_ROWS = 12  # bars drawn; the departments after them are counted in the message
TEXT_WIDTH = 20  # characters of the longest text bar

# colours of the palette, by index
_WHITE, _BAR, _INK, _GRID = 0, 1, 2, 3
_PALETTE = bytes((255, 255, 255, 192, 57, 43, 34, 34, 34, 221, 221, 221))

# 3×5 digits, one string of rows per digit ("#" a pixel), drawn at SCALE
_DIGITS = {
    "0": ("###", "#.#", "#.#", "#.#", "###"), "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"), "3": ("###", "..#", "###", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"), "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"), "7": ("###", "..#", ".#.", ".#.", ".#."),
    "8": ("###", "#.#", "###", "#.#", "###"), "9": ("###", "#.#", "###", "..#", "###"),
}
SCALE = 2
_ROW = 22  # pixels per bar row
_BAR_H = 14
_LABEL_W = 3 * 4 * SCALE + 6  # room for a row number of up to three digits
_PLOT_W = 300
_COUNT_W = 6 * 4 * SCALE + 6  # room for a count of up to six digits
WIDTH = _LABEL_W + _PLOT_W + _COUNT_W
_PAD = 6


def chart_png(counts: Sequence[int]) -> bytes:
    """A PNG with one horizontal bar per count (at most CHART_ROWS), the longest bar for the
    largest count, each row numbered from 1 on the left and its count written at its end."""
    rows = list(counts[:CHART_ROWS])
    height = _PAD * 2 + _ROW * max(1, len(rows))
    pixels = [bytearray(WIDTH) for _ in range(height)]  # all _WHITE
    top = max(rows, default=0) or 1
    for y in range(_PAD, height - _PAD):  # the axis the bars start from
        pixels[y][_LABEL_W - 2] = _GRID
    for n, count in enumerate(rows):
        y0 = _PAD + n * _ROW + (_ROW - _BAR_H) // 2
        length = max(1, round(_PLOT_W * count / top)) if count else 0
        for y in range(y0, y0 + _BAR_H):
            pixels[y][_LABEL_W:_LABEL_W + length] = bytes([_BAR]) * length
        text_y = y0 + (_BAR_H - 5 * SCALE) // 2
        _text(pixels, str(n + 1), _LABEL_W - 6 - _text_width(str(n + 1)), text_y)
        _text(pixels, str(count), _LABEL_W + length + 4, text_y)
    return encode_png(WIDTH, height, pixels)


def _text_width(text: str) -> int:
    return len(text) * 4 * SCALE - SCALE


def _text(pixels: list[bytearray], text: str, x: int, y: int) -> None:
    for k, char in enumerate(text):
        for dy, line in enumerate(_DIGITS[char]):
            for dx, mark in enumerate(line):
                if mark == "#":
                    for sy in range(SCALE):
                        row = pixels[y + dy * SCALE + sy]
                        start = x + k * 4 * SCALE + dx * SCALE
                        row[start:start + SCALE] = bytes([_INK]) * SCALE


def encode_png(width: int, height: int, rows: Sequence[bytes | bytearray]) -> bytes:
    """A palette PNG (bit depth 8) of ``rows``, each ``width`` palette indices."""
    raw = b"".join(b"\x00" + bytes(r) for r in rows)  # filter 0 (none) before each row

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    return (PNG_SIGNATURE
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0))
            + chunk(b"PLTE", _PALETTE)
            + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b""))


def text_bar(count: int, top: int, width: int = TEXT_WIDTH) -> str:
    """``count`` as a bar of "█" out of ``width`` for ``top`` (at least one for any count), the
    fallback of the chart where no image is shown."""
    if count <= 0 or top <= 0:
        return ""
    return "█" * max(1, round(width * count / top))
