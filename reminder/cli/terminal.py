"""What the commands print to a terminal: plan text made harmless.

Plan files carry text from documents nobody vetted. A title holding ``ESC[2J`` clears the
coordinator's screen when `reminder status` prints it; ``\\r`` overwrites the start of a line;
U+202E (right-to-left override) shows "3.2 due 2024-12-31" as something else; ``\\x07``
rings the bell. Every line built from plan text goes through `printable` before it is
printed, and every JSON line through `json_text`.

`printable` keeps ordinary text as it is: letters of every script (Cyrillic, Latvian ā č ē),
digits, punctuation, symbols, spaces (the no-break space included), and newlines where the
format has them. Everything a terminal could act on is shown as the escape Python writes for
it: ``\\x1b``, ``\\r``, ``\\x07``, ``\\u202e``. A backslash already in the text is left alone:
the output is for people, and a path such as ``C:\\plans`` should read as written.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

# Unicode general categories a terminal may act on or that do not show as themselves:
# Cc controls (C0, DEL and C1, where U+009B is an 8-bit CSI), Cf format characters (bidi
# overrides and isolates, zero-width characters, the BOM, soft hyphen), Zl/Zp line and
# paragraph separators, Cs lone surrogates (undecodable bytes), Co private use, Cn unassigned.
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})


def _unsafe(ch: str) -> bool:
    return unicodedata.category(ch) in _UNSAFE_CATEGORIES


def _escape(ch: str) -> str:
    """Python's own escape for one character: ``\\x1b``, ``\\u202e``, ``\\U000e0001``."""
    code = ord(ch)
    if code < 0x100:
        return {"\t": "\\t", "\n": "\\n", "\r": "\\r"}.get(ch, f"\\x{code:02x}")
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def printable(text: object, *, newlines: bool = False) -> str:
    """``text`` with every character a terminal could act on shown escaped.

    ``newlines=True`` keeps ``\\n`` (for multi-line output such as a message body); a ``\\r``
    is escaped either way, since it rewrites the line it ends.
    """
    s = str(text)
    if s.isascii() and s.isprintable():  # the common case: nothing to look at
        return s
    return "".join(ch if (ch == "\n" and newlines) or not _unsafe(ch) else _escape(ch)
                   for ch in s)


# In JSON output only strings can hold these characters; json.dumps(ensure_ascii=False)
# escapes C0 controls but leaves DEL, C1 controls, bidi and other format characters raw.
_NON_ASCII = re.compile(r"[^\x00-\x7e]+")


def _json_escape(match: re.Match[str]) -> str:
    out: list[str] = []
    for ch in match.group():
        code = ord(ch)
        if not _unsafe(ch):
            out.append(ch)
        elif code < 0x10000:
            out.append(f"\\u{code:04x}")
        else:  # JSON spells a supplementary character as a surrogate pair
            high, low = divmod(code - 0x10000, 0x400)
            out.append(f"\\u{0xD800 + high:04x}\\u{0xDC00 + low:04x}")
    return "".join(out)


def json_text(value: Any, **dumps: Any) -> str:
    """``json.dumps(value, ensure_ascii=False)`` with the characters a terminal could act on
    written as ``\\uXXXX`` escapes.

    The JSON means exactly what json.dumps wrote (an escape and the character are the same
    string to every JSON reader); Cyrillic and Latvian text stays readable.
    """
    text = json.dumps(value, ensure_ascii=False, **dumps)
    return _NON_ASCII.sub(_json_escape, text)
