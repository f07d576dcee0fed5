"""The per-language deadline word tables, as the grammar knew them before the language packs.

The tables are each pack's ``deadlines`` module (reminder/languages/<lang>/deadlines.py): data
only, as the grammar in ``reminder.deadlines`` never branches on a language. A table maps a
category to the word forms (every grammatical case a plan may use) or to multi-word phrases,
all in lower case. The helpers they are written with are in reminder.languages.inflect.
"""

from __future__ import annotations

from reminder.languages import LANGUAGES
from reminder.languages.inflect import compounds, forms

__all__ = ["LANGUAGES", "compounds", "forms"]
