"""Word tables the importer reads documents with: every language pack's ``importer`` tables
(reminder/languages/<lang>/importer.py), joined.

The data lives only in the packs; this module joins them once, at import, for the code that
matches a document against all languages at once (a document's language is not known until it
is read). The code that uses them never branches on a language. A table of phrases is the packs'
phrases in ``LANGUAGES`` order without repeats; a table keyed by meaning keeps the reference
pack's meanings in order, each with every pack's words.
"""

from __future__ import annotations

from reminder import languages
from reminder.languages import merged, tables


def _by_meaning(name: str) -> dict[str, dict[str, tuple[str, ...]]]:
    # meaning -> language -> words, meanings in the packs' order ("the first meaning wins")
    per_lang: dict[str, dict[str, tuple[str, ...]]] = tables("importer", name)
    meanings = per_lang[languages.REFERENCE] if languages.REFERENCE in per_lang else next(
        iter(per_lang.values()))
    return {m: {lang: words[m] for lang, words in per_lang.items()} for m in meanings}


def _joined(name: str) -> dict[str, tuple[str, ...]]:
    # meaning -> every language's words, without repeats
    return {m: tuple(dict.fromkeys(w for words in by_lang.values() for w in words))
            for m, by_lang in _by_meaning(name).items()}


HEADER_WORDS: dict[str, dict[str, tuple[str, ...]]] = _by_meaning("HEADER_WORDS")
DEADLINE_PARTS: dict[str, dict[str, tuple[str, ...]]] = _by_meaning("DEADLINE_PARTS")
PARTNER_MARKERS: tuple[str, ...] = merged("importer", "PARTNER_MARKERS")
INVOLVED_MARKERS: tuple[str, ...] = merged("importer", "INVOLVED_MARKERS")
CO_MARKERS: tuple[str, ...] = merged("importer", "CO_MARKERS")
PLURAL_HEADS: dict[str, str] = merged("importer", "PLURAL_HEADS")
OWNER_TAILS: tuple[str, ...] = merged("importer", "OWNER_TAILS")
LEGAL_FORMS: tuple[str, ...] = merged("importer", "LEGAL_FORMS")
ORG_WORDS: tuple[str, ...] = merged("importer", "ORG_WORDS")
PEOPLE_WORDS: tuple[str, ...] = merged("importer", "PEOPLE_WORDS")
DATIVE_HEADS: dict[str, str] = merged("importer", "DATIVE_HEADS")
DATIVE_ADJECTIVE_ENDINGS: tuple[tuple[str, str], ...] = merged("importer", "DATIVE_ADJECTIVE_ENDINGS")
ARTICLES: frozenset[str] = merged("importer", "ARTICLES")
INSTRUCTION_VERBS: tuple[str, ...] = merged("importer", "INSTRUCTION_VERBS")
FROM_WORDS: tuple[str, ...] = merged("importer", "FROM_WORDS")
SET_LATER: tuple[str, ...] = merged("importer", "SET_LATER")
ITEM_MARKERS: tuple[str, ...] = merged("importer", "ITEM_MARKERS")
TITLE_WORDS: tuple[str, ...] = merged("importer", "TITLE_WORDS")
KV_KEYS: dict[str, tuple[str, ...]] = _joined("KV_KEYS")
COUNTRY_BY_LANG: dict[str, str] = tables("importer", "COUNTRY")
COUNTRY_WORDS: dict[str, str] = merged("importer", "COUNTRY_WORDS")
# Only languages that have letters of their own: the others are told apart by script.
LANG_LETTERS: dict[str, str] = {
    lang: letters for lang, letters in tables("importer", "LETTERS").items() if letters}
YEAR_WORDS: tuple[str, ...] = merged("importer", "YEAR_WORDS")
FUTURE_WORDS: tuple[str, ...] = merged("importer", "FUTURE_WORDS")
STANDALONE_WORDS: tuple[str, ...] = merged("importer", "STANDALONE_WORDS")
HEADING_WORDS: tuple[str, ...] = merged("importer", "HEADING_WORDS")
# by language: the ending alone does not tell ru from uk (only packs that have any)
DATIVE_ADJECTIVE_SINGULAR: dict[str, tuple[tuple[str, str], ...]] = {
    lang: pairs for lang, pairs in tables("importer", "DATIVE_ADJECTIVE_SINGULAR").items()
    if pairs}
