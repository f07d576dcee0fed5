"""Adding a language is adding a pack: a German pack, made from a copy of en in a temporary
folder and added to the registry, is checked by the schema, detected and read by the deadline
parser, and used for notices, bot replies and the message words, with no other module edited."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest

from reminder.bot.texts import TEXTS
from reminder.deadlines import lexicon, parse, tokens
from reminder.languages.schema import check_pack
from reminder.messages import render
from reminder.messages.i18n import pick_language
from reminder.messages.model import Message, Recipient
from reminder.messages.notice import Notice, render_notice

GERMAN = {
    "deadlines.py": [
        ('LANG = "en"', 'LANG = "de"'),
        ('12: ["december", "dec"]', '12: ["dezember", "dez"]'),
        ('BY = [\n    "by",', 'BY = [\n    "bis",'),
    ],
    "detect.py": [('ALPHABET = "a-z"', 'ALPHABET = "a-zäöüß"'), ('LETTERS = ""', 'LETTERS = "äöüß"')],
    "notices.py": [
        ('"greeting": "Dear colleagues,"', '"greeting": "Sehr geehrte Damen und Herren,"'),
        ('"to": "To:"', '"to": "An:"'),
        ('"More time requested: {number}"', '"Fristverlängerung beantragt: {number}"'),
    ],
    "dates.py": [('LONG: str = "d MMMM y"', 'LONG: str = "d. MMMM y"')],
    "bot.py": [('"no_items": "No open items."', '"no_items": "Keine offenen Punkte."')],
    "messages.txt": [('{% set greeting = "Dear colleagues," %}',
                      '{% set greeting = "Sehr geehrte Damen und Herren," %}')],
}

AddPack = Callable[[str, dict[str, list[tuple[str, str]]]], Path]


@pytest.fixture
def german(add_pack: AddPack, monkeypatch: pytest.MonkeyPatch) -> None:
    add_pack("de", GERMAN)
    # The parser's lexicon is built once, at import, from the packs then in use: rebuilt here
    # as a daemon started with the new pack would build it.
    monkeypatch.setattr(tokens, "LEXICON", lexicon.Lexicon())


def test_the_schema_accepts_the_new_pack(german: None) -> None:
    assert check_pack("de") == []


@pytest.mark.parametrize(("text", "lang", "due"), [
    ("bis 15 Dezember 2026", "de", date(2026, 12, 15)),
    ("by 15 December 2026", "en", date(2026, 12, 15)),  # English is still English
    ("до 15 декабря 2026 года", "ru", date(2026, 12, 15)),
])
def test_the_parser_detects_and_reads_the_new_language(german: None, text: str, lang: str,
                                                       due: date) -> None:
    deadline = parse(text, 2026)
    assert deadline.lang == lang
    assert deadline.due_dates == [due]


def test_a_notice_is_written_in_the_new_language(german: None) -> None:
    notice = Notice(event="more_time_asked", plan_id="p", task_id="2.1", task_title="Bericht",
                    due=date(2026, 12, 15), who="Referat 3", request_id=7)
    message = Message(recipient=Recipient(id="c", name="K. Weber", language="de-AT"),
                      send_at=datetime(2026, 12, 1, 9), items=(), kind="notice", notice=notice)
    rendered = render_notice(message)
    assert rendered.subject == "Fristverlängerung beantragt: p/2.1"
    assert rendered.text.startswith("Sehr geehrte Damen und Herren,\nAn: K. Weber\n")
    assert "(due 15. Dezember 2026)" in rendered.text  # en's sentence, the pack's date


def test_the_bot_and_the_message_words_come_from_the_new_pack(german: None) -> None:
    assert pick_language("de_DE") == "de"
    assert TEXTS["de"]["no_items"] == "Keine offenen Punkte."
    env = render.environment.__wrapped__(None)  # a fresh environment, not the cached one
    assert env.get_template("words/de.txt").module.greeting == "Sehr geehrte Damen und Herren,"


def test_without_the_pack_the_language_falls_back_to_english() -> None:
    assert pick_language("de_DE") == "en"
    with pytest.raises(KeyError):
        TEXTS["de"]
