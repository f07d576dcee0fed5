"""The digest's "needs a person" lines are data (kind and values) worded in the digest's
language by the word tables (templates/words/<lang>.txt); the values stay data (escaped in
HTML); digests queued before the lines were structured still render."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest

from reminder.messages.digest import NEED_KINDS, Digest, Need
from reminder.messages.i18n import LANGUAGES
from reminder.messages.render import check_templates, need_lines, render, sample_needs
from tests.messages.test_render import make_item, make_message, plain

NEEDS = (
    Need.of("deadline_unknown", task="roadmap-003/9.9", deadline="по мере <b>необходимости</b>"),
    Need.of("no_deadline", task="roadmap-003/9.8"),
    Need.of("no_contact", executor="nobody", name="Без контактов"),
    Need.of("dead_chat_alone", executor="chatonly", name="Комитет с одним чатом", chat="3003",
            since="2023-09-12", reason="Forbidden: bot was blocked by the user"),
    Need.of("delivery_failed", recipient="chatonly", channel="telegram",
            error="Telegram chat 3003: Forbidden: bot was blocked by the user"),
)


def _digest(*needs: Need) -> Digest:
    return Digest(at=datetime(2023, 9, 18, 8), since=None, overdue=(), due_soon=(), closed=(),
                  extended=(), needs_a_person=needs)


def test_the_lines_are_in_the_digests_language() -> None:
    message = make_message(make_item(stage="overdue", days_left=-3, working_days_late=2),
                           kind="digest")
    text = plain(render(message, digest=_digest(*NEEDS)).text)
    section = text.split("Требуется внимание координатора\n", 1)[1]
    assert section.splitlines()[:5] == [
        "• roadmap-003/9.9: по сроку «по мере <b>необходимости</b>» нельзя определить дату — укажите её",
        "• roadmap-003/9.8: срок ещё не указан — укажите его",
        "• nobody (Без контактов): нет ни электронной почты, ни Telegram",
        "• chatonly (Комитет с одним чатом): Telegram-чат 3003 недоступен с 12 сентября "
        "2023 г. (Forbidden: bot was blocked by the user); других контактов нет, напоминания "
        "никто не получает: добавьте адрес электронной почты или привяжите чат командой "
        "`reminder link chatonly`",
        "• chatonly: не доставлено (Telegram): Telegram chat 3003: Forbidden: bot was blocked "
        "by the user",
    ]
    assert "deadline" not in section and "no email" not in section


@pytest.mark.parametrize(("lang", "words"), [
    ("uk", "строк ще не вказано"), ("lv", "termiņš vēl nav norādīts"),
    ("en", "no deadline set — please set one"),
])
def test_each_language_has_its_words(lang: str, words: str) -> None:
    assert any(words in line for line in need_lines(NEEDS, lang))


def test_plan_text_in_a_line_is_escaped_in_html() -> None:
    message = make_message(make_item(stage="overdue", days_left=-3, working_days_late=2),
                           kind="digest")
    rendered = render(message, digest=_digest(*NEEDS))
    for body in (rendered.html, rendered.telegram_html):
        assert "по мере &lt;b&gt;необходимости&lt;/b&gt;" in body
        assert "<b>необходимости</b>" not in body


def test_status_lines_are_english_with_iso_dates() -> None:
    # `reminder status` prints, and --json returns, the lines as before: English, ISO dates.
    assert need_lines(NEEDS[2:], "en", iso_dates=True) == [
        "nobody (Без контактов): no email or Telegram contact",
        "chatonly (Комитет с одним чатом): Telegram chat 3003 unreachable since 2023-09-12 "
        "(Forbidden: bot was blocked by the user); no contact left, nobody receives its "
        "reminders: add an email, or link a chat with `reminder link chatonly`",
        "chatonly via telegram: delivery failed: Telegram chat 3003: Forbidden: bot was "
        "blocked by the user",
    ]


def test_the_digest_keeps_the_structure_and_reads_old_rows() -> None:
    digest = _digest(*NEEDS)
    assert Digest.from_json(digest.to_json()) == digest
    # a digest queued in the ledger before this change holds English lines: shown as they are
    old = {**digest.to_json(), "needs_a_person": ["p/1: deadline 'x' gives no date (unknown)"]}
    (need,) = Digest.from_json(old).needs_a_person
    assert need_lines((need,), "ru") == ["p/1: deadline 'x' gives no date (unknown)"]


def test_every_kind_has_words_in_every_language() -> None:
    assert {n.kind for n in sample_needs()} == set(NEED_KINDS)
    for lang in LANGUAGES:
        lines = need_lines(sample_needs(), lang)
        assert len(lines) == len(NEED_KINDS) and all(lines)
        assert not any(re.search(r"\{\w+\}", line) for line in lines), lines


def test_a_deployments_words_are_used_and_checked(tmp_path: Path) -> None:
    words = tmp_path / "words"
    words.mkdir()
    builtin = Path(__file__).parents[2] / "reminder" / "languages" / "ru" / "messages.txt"
    text = builtin.read_text(encoding="utf-8")
    (words / "ru.txt").write_text(text.replace("срок ещё не указан", "нет срока"),
                                  encoding="utf-8")
    assert need_lines(NEEDS[1:2], "ru", templates_dir=tmp_path) == [
        "roadmap-003/9.8: нет срока — укажите его"]
    (words / "ru.txt").write_text(text.replace("{task}: срок ещё", "{tsak}: срок ещё"),
                                  encoding="utf-8")
    problems = check_templates(tmp_path)
    assert any(p.startswith("words/ru.txt: needs.no_deadline: ") and "{tsak}" in p
               for p in problems), problems


def test_a_digest_without_structured_lines_still_renders() -> None:
    digest = SimpleNamespace(closed=(), extended=(), needs_a_person=("free text <line>",))
    message = make_message(make_item(stage="overdue", days_left=-3, working_days_late=2),
                           kind="digest")
    assert "• free text <line>" in plain(render(message, digest=digest).text)
