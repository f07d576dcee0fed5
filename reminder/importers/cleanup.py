"""Turn the markup found in plan cells (HTML fragments, Markdown emphasis) into plain lines.

Converted plans carry ``<ul>``/``<p>`` fragments, ``**bold**`` and inline bullet lists
("- a; - b") inside cells. A reviewer reads the YAML, so each list item gets its own line and
no markup survives.
"""

from __future__ import annotations

import html
import re

_BREAK_TAGS = re.compile(r"<\s*(br|/p|/li|li|/tr|/div|/h\d)\b[^>]*>", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^<>]{0,400}?>")
_BOLD = re.compile(r"\*\*|__")
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")
# "...; - next item" and "...: - first item": a bullet list written on one line.
_INLINE_BULLET = re.compile(r"(?<=[;:.])\s+-\s+(?=\w)")
# "... one. 2. Two" and "... one. 2) Two": a numbered list written on one line.
_INLINE_NUMBER = re.compile(r"(?<=[.;:])\s+(?=\d{1,2}[.)]\s+[^\W\d])")
_HEADING = re.compile(r"^#{1,6}\s+")


def clean_text(text: str) -> str:
    """Plain text of a cell or paragraph: tags and emphasis gone, one list item per line."""
    if not text:
        return ""
    s = text
    if "<" in s:
        s = _BREAK_TAGS.sub("\n", s)
        s = _ANY_TAG.sub(" ", s)
    if "&" in s:
        s = html.unescape(s)
    s = _BOLD.sub(" ", s)
    if re.match(r"\s*-\s", s) or "; - " in s:
        s = _INLINE_BULLET.sub("\n- ", s)
    if re.search(r"(?:^|[.;:])\s*1[.)]\s", s):
        s = _INLINE_NUMBER.sub("\n", s)
    lines = (_SPACES.sub(" ", line).strip() for line in s.split("\n"))
    return "\n".join(line for line in lines if line)


def clean_paragraph(text: str) -> str:
    """A paragraph line: like a cell, and without a Markdown heading marker."""
    return _HEADING.sub("", clean_text(text))


def one_line(text: str) -> str:
    """The text with its lines joined by spaces (for titles and names)."""
    return " ".join(text.split())
