"""Language packs: everything one language needs, in one package per language.

``reminder/languages/<lang>/`` holds one module per concern (``deadlines``, ``detect``,
``importer``, ``bot``, ``notices``, ``buttons``, ``dates``, ``calendar``) and the message words
``messages.txt`` (Jinja, loaded as ``words/<lang>.txt``). The code that uses a table asks this
registry for it by name and never branches on a language; adding a language is adding a pack
and its code to ``LANGUAGES`` (docs/languages.md). ``reminder.languages.schema`` says which
tables each concern must provide; the tests check every pack against it.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import ModuleType
from typing import Any, Generic, TypeVar

T = TypeVar("T")

LANGUAGES: tuple[str, ...] = ("ru", "uk", "lv", "en")
"""The packs in use, in order: where languages are merged or compared, earlier ones come first
(a word two languages share is voted for in this order; ``ru`` before ``uk``)."""

REFERENCE = "en"
"""The pack whose keys every other pack must have (bot texts, notices, labels)."""

MESSAGES_FILE = "messages.txt"


def module(lang: str, concern: str) -> ModuleType:
    """The pack module of ``lang`` for ``concern`` (``module("ru", "bot")``)."""
    return importlib.import_module(f"{__name__}.{lang}.{concern}")


def table(lang: str, concern: str, name: str) -> Any:
    """One table of one pack: ``table("uk", "bot", "TEXTS")``.

    A pack that lacks it is a mistake the schema test names; here it is an AttributeError
    rather than an empty table, so nothing silently contributes nothing.
    """
    return getattr(module(lang, concern), name)


def tables(concern: str, name: str, languages: tuple[str, ...] | None = None) -> dict[str, Any]:
    """The table ``name`` of every pack in use, by language, in ``LANGUAGES`` order."""
    return {lang: table(lang, concern, name) for lang in (languages or LANGUAGES)}


def merged(concern: str, name: str, languages: tuple[str, ...] | None = None) -> Any:
    """Every pack's ``name`` joined into one: tuples concatenated without repeats (first
    occurrence kept), dicts merged with the earlier language winning a shared key."""
    parts = list(tables(concern, name, languages).values())
    if all(isinstance(p, dict) for p in parts):
        out: dict[Any, Any] = {}
        for part in parts:
            for key, value in part.items():
                out.setdefault(key, value)
        return out
    seen: dict[Any, None] = {}
    for part in parts:
        seen.update(dict.fromkeys(part))
    if all(isinstance(p, frozenset) for p in parts):
        return frozenset(seen)
    return tuple(seen)


class Table(Mapping[str, T], Generic[T]):
    """One table of every pack in use, read as ``{lang: table}`` (``TEXTS[lang][key]``).

    Looked up when read, not copied: the data lives only in the packs, and a pack added to
    ``LANGUAGES`` is seen at once. A language without a pack is a KeyError, as in a dict.
    """

    def __init__(self, concern: str, name: str) -> None:
        self.concern = concern
        self.name = name

    def __getitem__(self, lang: str) -> T:
        if lang not in LANGUAGES:
            raise KeyError(lang)
        value: T = table(lang, self.concern, self.name)
        return value

    def __iter__(self) -> Iterator[str]:
        return iter(LANGUAGES)

    def __len__(self) -> int:
        return len(LANGUAGES)

    def __repr__(self) -> str:
        return f"Table({self.concern!r}, {self.name!r})"


def messages_path(lang: str) -> Path | None:
    """The pack's message words file (``words/<lang>.txt`` to the templates), if ``lang`` is a
    language in use."""
    if lang not in LANGUAGES:
        return None
    try:
        package = importlib.import_module(f"{__name__}.{lang}")
    except ModuleNotFoundError:
        return None
    for folder in getattr(package, "__path__", ()):
        path = Path(folder) / MESSAGES_FILE
        if path.is_file():
            return path
    return None
