"""The words of an action link's confirmation page, per language (the recipient's): what the
link will do, its button, and what came of it; they live in the language packs
(reminder/languages/<lang>/web.py). `{number}`, `{due}`, `{until}` are filled with the item's
values (escaped by the page's template)."""

from __future__ import annotations

from reminder.languages import LANGUAGES, REFERENCE, Table

WORDS: Table[dict[str, str]] = Table("web", "WORDS")


def say(lang: str, key: str, **values: str) -> str:
    """The sentence ``key`` in ``lang`` (the reference language's for one without a pack),
    filled."""
    text = WORDS[lang if lang in LANGUAGES else REFERENCE][key]
    for name, value in values.items():
        text = text.replace("{" + name + "}", value)
    return text
