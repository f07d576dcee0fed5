"""Localised dates, counts and role names for the templates (Babel).

Plural rules come from Babel's CLDR data (``Locale.plural_form``), so "3 дня" / "5 дней" /
"21 день" and the Latvian zero/one/other forms are right without hand-written rules; only the
word forms themselves are listed, in each language pack's ``dates`` module
(reminder/languages/<lang>/dates.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import lru_cache

from babel import Locale, localedata
from babel.dates import format_date

from reminder import languages
from reminder.languages import Table

# The languages in use when this module was imported (reminder.languages.LANGUAGES is read
# anew where it matters: which language a message is written in).
LANGUAGES: tuple[str, ...] = languages.LANGUAGES
DEFAULT_LANGUAGE = "en"

# Word forms by CLDR plural category. Categories a language never produces are omitted; a
# missing category falls back to "other".
_DAYS: Table[dict[str, str]] = Table("dates", "DAYS")
_WORKING_DAYS: Table[dict[str, str]] = Table("dates", "WORKING_DAYS")
# "осталось 3 дня": the verb agrees with the number in Russian and Ukrainian.
_LEFT: Table[dict[str, str]] = Table("dates", "LEFT")
_ROLES: Table[dict[str, str]] = Table("dates", "ROLES")
_ITEMS: Table[dict[str, str]] = Table("dates", "ITEMS")
# How dates are written, per language: the whole date, and the parts of a range. A range is
# its first date in a shorter form, a dash, and its last date, by what the two share:
# "11–20 сентября 2016 г.", "28 сентября – 5 октября 2016 г.", "28 декабря 2016 г. – 5 января
# 2017 г."; Latvian puts the year first, so its same-month range carries the month at the end:
# "2016. gada 11.–20. septembris". English is written day first, as in British usage.
_LONG: Table[str] = Table("dates", "LONG")
# scope -> (pattern of the first date, dash, pattern of the last date); None: the long date
_RANGE: Table[dict[str, tuple[str | None, str, str | None]]] = Table("dates", "RANGE")
# A list of due dates of one year: each date but one in its short form, that one long (the
# last in most languages; the first in Latvian, whose year leads). Years are set apart with
# semicolons: "31 марта, 30 июня 2023 г.; 31 марта 2024 г.".
_LIST: Table[tuple[str, str]] = Table("dates", "LIST")
# Day and month without the year: "30 сентября", "30. septembris", "30 September".
_SHORT_DATE: Table[str] = Table("dates", "SHORT_DATE")


def pick_language(*candidates: str | None) -> str:
    """The first supported language among the candidates (recipient's, then plan's), else en."""
    for lang in candidates:
        if lang:
            base = lang.replace("-", "_").split("_")[0].lower()
            if base in languages.LANGUAGES:
                return base
    return DEFAULT_LANGUAGE


@lru_cache(maxsize=16)
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


def release_locale_data() -> None:
    """Let go of the CLDR data the messages loaded (about 2 MiB per language, held by Babel
    for good otherwise). The daemon calls it after each tick: between ticks it renders nothing,
    and the next messages load their languages again in a few milliseconds. The formatted
    dates cached here are kept; they are small strings."""
    _locale.cache_clear()
    clear = getattr(localedata, "clear_caches", None)  # Babel 2.19+; its caches before that
    if clear is not None:
        clear()
    else:
        localedata._cache.clear()


def _plural(table: Mapping[str, dict[str, str]], lang: str, n: int) -> str:
    forms = table[lang]
    category = _locale(lang).plural_form(abs(n))
    return forms.get(category, forms["other"])


@lru_cache(maxsize=4096)  # pure, and the same dates recur across items
def days(n: int, lang: str) -> str:
    """'3 дня', '5 дней', '1 day'."""
    return _plural(_DAYS, lang, n).format(n=n)


@lru_cache(maxsize=4096)  # pure, and the same dates recur across items
def working_days(n: int, lang: str) -> str:
    """'2 рабочих дня', '5 working days'."""
    return _plural(_WORKING_DAYS, lang, n).format(n=n)


@lru_cache(maxsize=4096)  # pure, and the same dates recur across items
def items_count(n: int, lang: str) -> str:
    """'3 пункта', '5 пунктів', '2 items'."""
    return _plural(_ITEMS, lang, n).format(n=n)


@lru_cache(maxsize=4096)  # pure, and the same dates recur across items
def days_left(n: int, lang: str) -> str:
    """'осталось 3 дня', 'залишилося 2 дні', '1 day left'."""
    return _plural(_LEFT, lang, n).format(days=days(n, lang))


@lru_cache(maxsize=4096)  # pure, and the same dates recur across items
def long_date(value: date | None, lang: str) -> str:
    """'30 сентября 2023 г.', '2023. gada 30. septembris', '30 September 2023'."""
    if value is None:
        return ""
    return _format(value, _LONG[lang], lang)


def _format(value: date, pattern: str | None, lang: str) -> str:
    return format_date(value, pattern or _LONG[lang], locale=_locale(lang))


@lru_cache(maxsize=4096)  # pure, and the same dates recur across items
def short_date(value: date | None, lang: str) -> str:
    """Day and month only: '30 сентября', '30. septembris'."""
    if value is None:
        return ""
    return format_date(value, _SHORT_DATE[lang], locale=_locale(lang))


@lru_cache(maxsize=4096)  # pure, and the same dates recur across items
def window(start: date | None, due: date | None, lang: str) -> str:
    """The window as a range, written as the language writes ranges: '11–20 сентября 2016 г.',
    '2016. gada 28. septembris – 5. oktobris', '28 December 2016 – 5 January 2017'; just the
    due date without a start."""
    if start is None or due is None or start >= due:
        return long_date(due or start, lang)
    scope = ("years" if start.year != due.year else
             "year" if start.month != due.month else "month")
    first, dash, last = _RANGE[lang][scope]
    return f"{_format(start, first, lang)}{dash}{_format(due, last, lang)}"


def dates(values: list[date], lang: str) -> str:
    """Several due dates of one task, the year written once per year: '31 марта, 30 июня,
    30 сентября 2023 г.', '31 March, 30 June 2023; 31 March 2024', '2023. gada 31. marts,
    30. jūnijs; 2024. gada 31. marts'."""
    short, long_one = _LIST[lang]
    years: dict[int, list[date]] = {}
    for d in values:
        years.setdefault(d.year, []).append(d)
    groups = []
    for group in years.values():
        at = 0 if long_one == "first" else len(group) - 1
        groups.append(", ".join(_format(d, None if i == at else short, lang)
                                for i, d in enumerate(group)))
    return "; ".join(groups)


def role_name(role: str, lang: str) -> str:
    """The recipient's role in the task, in words."""
    return _ROLES[lang].get(role, role)
