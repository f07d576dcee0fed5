"""What a language pack must provide: its modules, their tables, each table's type and keys.

``check_pack(lang)`` lists what is wrong with one pack, each problem naming the pack, the
table and the key ("pack uk: bot.TEXTS: missing key 'linked'"); the tests run it over every pack
in use. Tables whose keys are the same in every language (bot texts, notices, labels) take the
reference pack's keys; tables of word forms by plural category take the language's CLDR
categories. A table name the schema does not know is a problem too: a misspelt name would
otherwise contribute nothing, silently.
"""

from __future__ import annotations

import string
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from reminder import languages

Check = Callable[[str, Any], list[str]]  # (lang, value) -> problems, "key ..." phrases


def _is(kind: type | tuple[type, ...]) -> Check:
    def check(lang: str, value: Any) -> list[str]:
        names = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
        return [] if isinstance(value, kind) else [f"is a {type(value).__name__}, not a {names}"]
    return check


def _words(lang: str, value: Any) -> list[str]:
    # a list or tuple of lower-case phrases
    if not isinstance(value, list | tuple):
        return [f"is a {type(value).__name__}, not a list of words"]
    return [f"word {w!r} is not a lower-case string" for w in value
            if not isinstance(w, str) or w != w.lower()]


def _word_map(keys: set[Any] | None = None) -> Check:
    # value -> words; with ``keys``, exactly those values
    def check(lang: str, value: Any) -> list[str]:
        if not isinstance(value, dict):
            return [f"is a {type(value).__name__}, not a dict"]
        out = [f"key {k!r}: {p}" for k, words in value.items() for p in _words(lang, words)]
        if keys is not None:
            out += [f"missing key {k!r}" for k in sorted(keys - value.keys(), key=str)]
            out += [f"unknown key {k!r}" for k in sorted(value.keys() - keys, key=str)]
        return out
    return check


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _like_reference(concern: str, name: str, same_fields: bool = True) -> Check:
    # a dict with exactly the reference pack's keys, each a string with the same {fields}
    def check(lang: str, value: Any) -> list[str]:
        if not isinstance(value, dict):
            return [f"is a {type(value).__name__}, not a dict"]
        ref: dict[str, Any] = languages.table(languages.REFERENCE, concern, name)
        out = [f"missing key {k!r}" for k in ref if k not in value]
        out += [f"unknown key {k!r}" for k in value if k not in ref]
        for key, text in value.items():
            if not isinstance(text, str):
                out.append(f"key {key!r} is a {type(text).__name__}, not a str")
            elif same_fields and key in ref and _fields(text) != _fields(ref[key]):
                out.append(f"key {key!r} has fields {sorted(_fields(text))}, the reference "
                           f"{languages.REFERENCE} has {sorted(_fields(ref[key]))}")
        return out
    return check


def _plural(lang: str, value: Any) -> list[str]:
    # word forms by CLDR plural category: "other" always, no category the language lacks
    from babel import Locale

    if not isinstance(value, dict):
        return [f"is a {type(value).__name__}, not a dict"]
    known = {"other", *Locale.parse(lang).plural_form.tags}
    out = [] if "other" in value else ["missing key 'other'"]
    out += [f"unknown key {k!r} (plural categories of {lang}: {', '.join(sorted(known))})"
            for k in value if k not in known]
    return out


def _exact_keys(keys: tuple[str, ...]) -> Check:
    def check(lang: str, value: Any) -> list[str]:
        if not isinstance(value, dict):
            return [f"is a {type(value).__name__}, not a dict"]
        return ([f"missing key {k!r}" for k in keys if k not in value]
                + [f"unknown key {k!r}" for k in value if k not in keys])
    return check


def _by_meaning(name: str) -> Check:
    # meaning -> words, the reference pack's meanings in the reference pack's order
    def check(lang: str, value: Any) -> list[str]:
        if not isinstance(value, dict):
            return [f"is a {type(value).__name__}, not a dict"]
        ref = list(languages.table(languages.REFERENCE, "importer", name))
        out = [f"missing key {k!r}" for k in ref if k not in value]
        out += [f"unknown key {k!r}" for k in value if k not in ref]
        if not out and list(value) != ref:
            out.append(f"keys are not in the reference order {ref}")
        out += [f"key {k!r}: {p}" for k, words in value.items() if k in ref
                for p in _words(lang, words)]
        return out
    return check


def _deadlines() -> dict[str, Check]:
    from reminder.deadlines.lexicon import _LISTS, _MAPS

    out: dict[str, Check] = {"LANG": _is(str)}
    out |= {attr: _words for attr in _LISTS.values()}
    out |= {attr: _word_map() for attr in _MAPS.values()}
    out["MONTHS"] = _word_map(set(range(1, 13)))  # every month, in every form the plans use
    out["WEEKDAYS"] = _word_map(set(range(7)))
    return out


def _notices(lang: str, value: Any) -> list[str]:
    from reminder.messages.notice import EVENTS

    out = _like_reference("notices", "TEXTS")(lang, value)
    if isinstance(value, dict):
        out += [f"missing key {k!r} (event {e})" for e in EVENTS for k in (e, f"{e}.subject")
                if k not in value and f"missing key {k!r}" not in out]
    return out


def _range(lang: str, value: Any) -> list[str]:
    out = _exact_keys(("month", "year", "years"))(lang, value)
    if isinstance(value, dict):
        out += [f"key {k!r} is not (pattern or None, dash, pattern or None)" for k, v in value.items()
                if not (isinstance(v, tuple) and len(v) == 3 and isinstance(v[1], str))]
    return out


def _list(lang: str, value: Any) -> list[str]:
    ok = isinstance(value, tuple) and len(value) == 2 and value[1] in ("first", "last")
    return [] if ok else ["is not (short pattern, 'first' or 'last')"]


_STRINGS = _is(tuple)
SCHEMA: dict[str, Callable[[], dict[str, Check]]] = {
    "deadlines": _deadlines,
    "detect": lambda: {"SCRIPT": _is(str), "ALPHABET": _is(str), "LETTERS": _is(str),
                       "PRIOR": _is((int, float))},
    "importer": lambda: {
        "HEADER_WORDS": _by_meaning("HEADER_WORDS"), "DEADLINE_PARTS": _by_meaning("DEADLINE_PARTS"),
        "KV_KEYS": _by_meaning("KV_KEYS"),
        **{name: _words for name in (
            "PARTNER_MARKERS", "INVOLVED_MARKERS", "CO_MARKERS", "OWNER_TAILS", "LEGAL_FORMS",
            "ORG_WORDS", "PEOPLE_WORDS", "INSTRUCTION_VERBS", "FROM_WORDS", "SET_LATER",
            "ITEM_MARKERS", "TITLE_WORDS", "YEAR_WORDS", "FUTURE_WORDS", "STANDALONE_WORDS",
            "HEADING_WORDS")},
        "PLURAL_HEADS": _is(dict), "DATIVE_HEADS": _is(dict), "COUNTRY_WORDS": _is(dict),
        "ROMANISATION": _is(dict), "DATIVE_ADJECTIVE_ENDINGS": _STRINGS,
        "DATIVE_ADJECTIVE_SINGULAR": _STRINGS,
        "ARTICLES": _is(frozenset), "COUNTRY": _is(str), "LETTERS": _is(str)},
    "bot": lambda: {"TEXTS": _like_reference("bot", "TEXTS")},
    "notices": lambda: {"TEXTS": _notices},
    "buttons": lambda: {"LABELS": _like_reference("buttons", "LABELS", same_fields=False),
                        "ANSWER_LABELS": _like_reference("buttons", "ANSWER_LABELS")},
    "dates": lambda: {"DAYS": _plural, "WORKING_DAYS": _plural, "LEFT": _plural, "ITEMS": _plural,
                      "ROLES": _like_reference("dates", "ROLES"), "LONG": _is(str),
                      "SHORT_DATE": _is(str), "RANGE": _range, "LIST": _list,
                      "BY_WORDS": _words, "YEAR_WORDS": _words},
    "calendar": lambda: {"WORDS": _like_reference("calendar", "WORDS")},
    "web": lambda: {"WORDS": _like_reference("web", "WORDS")},
}
"""concern (module of the pack) -> table name -> its check."""


def _public(module: ModuleType) -> set[str]:
    # the module's tables: upper-case names not starting with "_" (helpers are "_NOUN" etc.)
    return {n for n in vars(module) if n.isupper() and not n.startswith("_")}


def check_pack(lang: str) -> list[str]:
    """Every problem of the pack ``lang``, as "pack <lang>: <concern>.<TABLE>: <problem>"."""
    import importlib

    out: list[str] = []
    try:
        package = importlib.import_module(f"{languages.__name__}.{lang}")
    except ModuleNotFoundError:
        return [f"pack {lang}: no package reminder/languages/{lang}/"]
    folder = Path(next(iter(package.__path__)))
    extra = sorted(p.stem for p in folder.glob("*.py") if p.stem not in SCHEMA and p.stem != "__init__")
    out += [f"pack {lang}: {name}.py: unknown module (the concerns are {', '.join(SCHEMA)})"
            for name in extra]
    if languages.messages_path(lang) is None and lang in languages.LANGUAGES:
        out.append(f"pack {lang}: {languages.MESSAGES_FILE}: missing")
    for concern, make in SCHEMA.items():
        try:
            module = languages.module(lang, concern)
        except ModuleNotFoundError:
            out.append(f"pack {lang}: {concern}.py: missing")
            continue
        checks = make()
        present = _public(module)
        out += [f"pack {lang}: {concern}.{name}: missing" for name in checks if name not in present]
        out += [f"pack {lang}: {concern}.{name}: unknown table (a misspelt name?)"
                for name in sorted(present - checks.keys())]
        for name, check in checks.items():
            if name in present:
                out += [f"pack {lang}: {concern}.{name}: {p}"
                        for p in check(lang, getattr(module, name))]
    return out
