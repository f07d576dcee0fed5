"""Every language pack provides exactly the tables the schema knows, with the right types and
keys; a misspelt table or a missing key is a problem naming the pack, the table and the key."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import reminder.languages as languages
from reminder.languages.schema import check_pack

AddPack = Callable[[str, dict[str, list[tuple[str, str]]]], Path]


@pytest.mark.parametrize("lang", languages.LANGUAGES)
def test_each_pack_in_use_matches_the_schema(lang: str) -> None:
    assert check_pack(lang) == []


def test_the_packs_on_disk_are_the_languages_in_use() -> None:
    folder = Path(languages.__file__).parent
    packs = {p.name for p in folder.iterdir() if (p / "__init__.py").is_file()}
    assert packs == {"ru", "uk", "lv", "en"}
    assert languages.LANGUAGES == ("ru", "uk", "lv", "en")


def test_a_broken_pack_is_told_table_by_table(add_pack: AddPack) -> None:
    add_pack("de", {
        "deadlines.py": [("MONTHS = {", "MONTSH = {")],
        "bot.py": [('    "no_items": "No open items.",\n', "")],
        "notices.py": [('"Item accepted: {number}"', '"Item accepted: {nmber}"'),
                       ('    "answer_telegram": "Answer with the buttons below.",\n', "")],
        "dates.py": [('DAYS: dict[str, str] = {"one": "{n} day", "other": "{n} days"}',
                      'DAYS: dict[str, str] = {"one": "{n} Tag", "few": "{n} Tage"}')],
        "buttons.py": [("ANSWER_LABELS", "ANSWER_LABEL")],
    })
    assert sorted(check_pack("de")) == sorted([
        "pack de: deadlines.MONTHS: missing",
        "pack de: deadlines.MONTSH: unknown table (a misspelt name?)",
        "pack de: bot.TEXTS: missing key 'no_items'",
        "pack de: notices.TEXTS: missing key 'answer_telegram'",
        "pack de: notices.TEXTS: key 'accepted.subject' has fields ['nmber'], the reference en "
        "has ['number']",
        "pack de: dates.DAYS: missing key 'other'",
        "pack de: dates.DAYS: unknown key 'few' (plural categories of de: one, other)",
        "pack de: buttons.ANSWER_LABELS: missing",
        "pack de: buttons.ANSWER_LABEL: unknown table (a misspelt name?)",
    ])


def test_a_month_left_out_is_named(add_pack: AddPack) -> None:
    add_pack("de", {"deadlines.py": [('    5: ["may"],\n', "")]})
    assert check_pack("de") == ["pack de: deadlines.MONTHS: missing key 5"]


def test_a_language_without_a_package_is_told() -> None:
    assert check_pack("xx") == ["pack xx: no package reminder/languages/xx/"]
