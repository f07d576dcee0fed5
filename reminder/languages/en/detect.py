"""English: how a deadline cell is told to be in this language (reminder.deadlines.language).

A cell is first given a script by its letters (the scripts are tried in the order of their first
pack in reminder.languages.LANGUAGES); then each language of that script scores PRIOR, plus 3
if the cell has one of its LETTERS, plus 1 for each word only this language uses.
"""

from __future__ import annotations

SCRIPT = "latin"
# The language's lower-case letters, as the inside of a regular-expression character class.
ALPHABET = "a-z"
# Letters only this language of its script uses (none: it is told by its words alone).
LETTERS = ""
PRIOR = 0.0
