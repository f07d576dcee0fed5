"""Rendering: languages, Babel wording, overrides, and plan text that tries to be markup."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reminder.messages import i18n
from reminder.messages.model import Item, Message, Recipient
from reminder.messages.render import (
    KINDS,
    SUBJECT_MAX,
    builtin_templates_dir,
    check_templates,
    render,
    sample_message,
)


def plain(text: str) -> str:
    """Babel puts narrow no-break spaces in dates ("2023\u202fг."); compare with plain ones."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


def make_item(**changes: object) -> Item:
    base = Item(
        ledger_key="occ-1/dmk/upcoming/email",
        stage="upcoming",
        plan_id="roadmap-2023",
        plan_title="Дорожная карта 2023",
        task_id="1.2",
        task_title="Провести семинар",
        result="Отчёт в секретариат",
        window_start=date(2023, 7, 1),
        due=date(2023, 9, 30),
        days_left=3,
        working_days_late=None,
        role="lead",
        lead_name="Министерство",
        others=("Городской совет", "НКО «Пример»"),
        plan_language="ru",
    )
    return dataclasses.replace(base, **changes)


def make_message(*items: Item, language: str = "ru", kind: str = "reminder") -> Message:
    recipient = Recipient(id="dmk", name="Департамент", language=language, emails=("a@x.org",))
    return Message(recipient=recipient, send_at=datetime(2023, 9, 27, 9, 0),
                   items=items or (make_item(),), kind=kind)  # type: ignore[arg-type]


def test_babel_wording_in_each_language() -> None:
    assert plain(i18n.long_date(date(2023, 9, 30), "ru")) == "30 сентября 2023 г."
    assert i18n.short_date(date(2023, 9, 30), "lv") == "30. septembris"
    assert i18n.days_left(3, "ru") == "осталось 3 дня"
    assert i18n.days_left(5, "ru") == "осталось 5 дней"
    assert i18n.days_left(21, "ru") == "остался 21 день"
    assert i18n.days_left(2, "uk") == "залишилося 2 дні"
    assert i18n.days_left(11, "uk") == "залишилося 11 днів"
    assert i18n.working_days(1, "en") == "1 working day"
    assert i18n.working_days(3, "lv") == "3 darba dienas"
    assert i18n.items_count(22, "uk") == "22 пункти"


def test_russian_reminder_shows_every_field() -> None:
    rendered = render(make_message())
    assert rendered.subject == "Напоминание о сроке — 1.2. Провести семинар"
    for part in ("Провести семинар", "Дорожная карта 2023", "п. 1.2",
                 "1 июля – 30 сентября 2023 г.", "осталось 3 дня", "Отчёт в секретариат",
                 "ответственный исполнитель",
                 "Городской совет, НКО «Пример»"):
        assert part in plain(rendered.text)
        assert part in plain(rendered.telegram_html)
    assert "осталось 3 дня" in rendered.html


def test_recipient_language_wins_then_plan_language() -> None:
    assert "Термін" not in render(make_message(language="uk")).text
    assert "Строк:" in render(make_message(language="uk")).text
    lv_plan = make_item(plan_language="lv", days_left=5)
    assert "vēl 5 dienas" in render(make_message(lv_plan, language="")).text
    assert "vēl 5 dienas" in render(make_message(lv_plan, language="de")).text
    odd_plan = make_item(plan_language="xx", days_left=5)
    assert "5 days left" in render(make_message(odd_plan, language="de")).text


def test_overdue_and_escalation_say_how_late() -> None:
    late = make_item(stage="overdue", days_left=-10, working_days_late=6)
    esc = make_item(stage="escalation", days_left=-20, working_days_late=14, role="supervisor")
    rendered = render(make_message(late, esc, language="uk"))
    assert rendered.subject.startswith("Ескалація")  # the most urgent stage names the message
    assert "Прострочено на 6 робочих днів" in rendered.text
    assert "Прострочено на 14 робочих днів" in rendered.text
    assert "Відповідальний виконавець: Министерство" in rendered.text
    assert "Інформуємо вас як куратора відповідального виконавця." in rendered.text


def test_digest_groups_late_items_by_department() -> None:
    items = (
        make_item(stage="overdue", days_left=-3, working_days_late=2, lead_name="Б-департамент",
                  task_id="2.1"),
        make_item(stage="overdue", days_left=-3, working_days_late=2, lead_name="А-департамент",
                  task_id="2.2"),
        make_item(stage="upcoming"),
    )
    text = render(make_message(*items, language="en", kind="digest")).text
    assert text.index("А-департамент") < text.index("Б-департамент") < text.index("Due soon")
    assert "Plan digest, 27 September 2023: 2 overdue, 1 due soon" in render(
        make_message(*items, language="en", kind="digest")).subject


@pytest.mark.parametrize("title", [
    "<script>alert(1)</script> & <b>bold</b>",
    "{{ 7*7 }} {% raw %} {% endraw %} {# comment #}",
    "line one\nline two\r\nSubject: injected\n\nbody",
])
def test_plan_text_is_data_never_markup(title: str) -> None:
    item = make_item(task_title=title, result=title, plan_title=title, others=(title,))
    rendered = render(make_message(item))
    assert "\n" not in rendered.subject and "\r" not in rendered.subject
    for body in (rendered.html, rendered.telegram_html):
        assert "<script>" not in body and "<b>bold</b>" not in body
    if "<script>" in title:
        assert "&lt;script&gt;" in rendered.html and "&lt;script&gt;" in rendered.telegram_html
    if "{{" in title:
        assert "{{ 7*7 }}" in rendered.text and "49" not in rendered.text
        assert "{% raw %}" in rendered.telegram_html
    if "Subject:" in title:
        assert "line one line two Subject: injected body" in rendered.text


def test_very_long_text_keeps_subject_and_telegram_items_short() -> None:
    huge = "Очень длинное название " * 500  # about 11 KB
    rendered = render(make_message(make_item(task_title=huge, result=huge, plan_title=huge)))
    assert len(rendered.subject) <= SUBJECT_MAX and rendered.subject.endswith("…")
    assert len(rendered.telegram_html) < 4096
    assert huge.strip() in rendered.text  # email carries the full text


def test_deployment_folder_overrides_file_by_file(tmp_path: Path) -> None:
    (tmp_path / "email" / "ru").mkdir(parents=True)
    (tmp_path / "email" / "ru" / "upcoming.subject.txt").write_text(
        "[Минфин] {{ items[0].task_title }}", encoding="utf-8")
    rendered = render(make_message(), templates_dir=tmp_path)
    assert rendered.subject == "[Минфин] Провести семинар"
    assert "осталось 3 дня" in rendered.text  # other files still come from the built-in set


def test_check_templates_passes_builtin_and_reports_broken_override(tmp_path: Path) -> None:
    assert builtin_templates_dir().is_dir()
    assert check_templates() == []
    (tmp_path / "telegram" / "lv").mkdir(parents=True)
    (tmp_path / "telegram" / "lv" / "due.html").write_text("{{ no_such_thing }}", encoding="utf-8")
    (tmp_path / "email" / "en").mkdir(parents=True)
    (tmp_path / "email" / "en" / "digest.txt").write_text("{% if %}", encoding="utf-8")
    problems = check_templates(tmp_path)
    assert any("telegram/lv/due.html" in p and "no_such_thing" in p for p in problems)
    assert any("email/en/digest.txt" in p for p in problems)
    assert len(problems) == 2


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_kind_and_language_renders(kind: str, lang: str) -> None:
    rendered = render(sample_message(kind, lang))
    assert rendered.subject and "\n" not in rendered.subject
    assert rendered.html.startswith("<!DOCTYPE html>") and f'lang="{lang}"' in rendered.html
    assert "&lt;with&gt;" in rendered.telegram_html


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400), st.text(max_size=100))
def test_no_plan_text_ever_adds_markup_or_header_lines(title: str, result: str) -> None:
    # Prefixes keep every optional line present, so both renders have the same layout.
    title, result = "a" + title, "b" + result
    neutral = render(make_message(make_item(task_title="X", result="Y", plan_title="Z",
                                            others=("W",))))
    rendered = render(make_message(make_item(task_title=title, result=result,
                                             plan_title=title, others=(result,))))
    assert "\n" not in rendered.subject and "\r" not in rendered.subject
    for field in ("html", "telegram_html"):
        assert getattr(rendered, field).count("<") == getattr(neutral, field).count("<")


def test_digest_shows_closed_extended_and_what_needs_a_person() -> None:
    from types import SimpleNamespace

    entry = SimpleNamespace(plan_id="roadmap-2023", plan_title="Дорожная карта", task_id="4.2",
                            task_title="Опубликовать <отчёт>", due=date(2023, 12, 1),
                            note="ждём данные\nминистерства")
    digest = SimpleNamespace(closed=(entry,), extended=(entry,),
                             needs_a_person=("roadmap-2023/5.1: срок не распознан",))
    items = (make_item(stage="overdue", days_left=-3, working_days_late=2),)
    rendered = render(make_message(*items, kind="digest"), digest=digest)
    text = plain(rendered.text)
    assert "Закрыто после предыдущей сводки\n• roadmap-2023 4.2. Опубликовать <отчёт>" in text
    assert "новый срок 1 декабря 2023 г. (ждём данные министерства)" in text
    assert "Требуется внимание координатора\n• roadmap-2023/5.1: срок не распознан" in text
    assert "Опубликовать &lt;отчёт&gt;" in rendered.html
    assert "<b>Продлены сроки</b>" in rendered.telegram_html
    plain_digest = render(make_message(*items, kind="digest"))  # without extras: no sections
    assert "Продлены сроки" not in plain_digest.text


def test_a_digest_carried_on_the_message_shows_its_sections() -> None:
    # The engine puts the Digest on the Message; the daemon renders without passing it again.
    from dataclasses import replace
    from types import SimpleNamespace

    entry = SimpleNamespace(plan_id="lugansk-2020", plan_title="План заходів", task_id="2.1",
                            task_title="Публічні консультації", due=date(2020, 12, 31),
                            note="звіт подано")
    digest = SimpleNamespace(closed=(entry,), extended=(), needs_a_person=())
    items = (make_item(stage="overdue", days_left=-3, working_days_late=2),)
    message = replace(make_message(*items, kind="digest"), digest=digest)
    text = plain(render(message).text)
    assert "Закрыто после предыдущей сводки\n• lugansk-2020 2.1. Публічні консультації" in text


def test_an_edited_template_is_read_again_after_a_reload(tmp_path: Path) -> None:
    # Templates are not stat()ed per message; a reload (SIGHUP) clears the cache.
    from reminder.messages.render import environment

    subject = tmp_path / "email" / "ru" / "due.subject.txt"
    subject.parent.mkdir(parents=True)
    subject.write_text("Первая тема", encoding="utf-8")
    message = make_message(make_item(stage="due", days_left=0))
    assert render(message, templates_dir=tmp_path).subject == "Первая тема"
    subject.write_text("Вторая тема", encoding="utf-8")
    environment.cache_clear()
    assert render(message, templates_dir=tmp_path).subject == "Вторая тема"


@pytest.mark.parametrize(("lang", "subject"), [
    ("ru", "Просрочено — 2 пункта (всего 7)"),
    ("uk", "Прострочено — 2 пункти (усього 7)"),
    ("lv", "Nokavēts termiņš — 2 punkti (kopā 7)"),
    ("en", "Overdue — 2 items (7 in all)"),
])
def test_the_subject_counts_the_items_of_its_own_kind(lang: str, subject: str) -> None:
    late = [make_item(ledger_key=f"late-{i}", task_id=f"2.{i}", stage="overdue", days_left=-9,
                      working_days_late=7) for i in range(2)]
    soon = [make_item(ledger_key=f"soon-{i}", task_id=f"3.{i}") for i in range(5)]
    assert render(make_message(*late, *soon, language=lang)).subject == subject
    one = render(make_message(late[0], *soon, language=lang)).subject
    assert "2.0. Провести семинар" in one and "7" not in one.split("(")[0]


@pytest.mark.parametrize(("role", "words"), [
    ("secretariat", "Просим взять исполнение на контроль."),
    ("supervisor", "Информируем вас как куратора ответственного исполнителя."),
    # a named executor
    ("lead", "Информируем вас в соответствии с порядком эскалации, установленным планом."),
])
def test_an_escalation_addresses_each_recipient_in_their_own_capacity(role: str,
                                                                      words: str) -> None:
    item = make_item(stage="escalation", role=role, days_left=-9, working_days_late=15)
    rendered = render(make_message(item))
    text = rendered.text
    for body in (text, rendered.html, rendered.telegram_html):  # each channel says the same
        assert words in body
    assert "как курирующему" not in text
    assert "Ваша роль" not in text
    if role != "lead":  # the supervisor and the secretariat have no part in the task to name
        assert "Вы —" not in text


def test_terminal_escapes_and_bidi_overrides_never_reach_a_message() -> None:
    title = ("Quarterly \x1b[2J\u202eevil \x1b[31mRED\x1b[0m\u2066 report\x1b]0;pwned\x07"
             "\x9b31m")
    rendered = render(make_message(make_item(task_title=title, plan_title="Plan \u202eX")))
    for part in (rendered.subject, rendered.text, rendered.html, rendered.telegram_html):
        assert not any(ch in part for ch in "\x1b\u202e\u2066"), repr(part)
        assert "31m" not in part and "[0m" not in part and "pwned" not in part
    assert "Quarterly evil RED report" in rendered.text


def test_a_digest_names_each_items_lead_and_leaves_out_an_empty_due_soon() -> None:
    late = make_item(stage="overdue", days_left=-3, working_days_late=2, role="secretariat",
                     lead_name="Міністерство")
    rendered = render(make_message(late, language="uk", kind="digest"))
    for part in (rendered.text, rendered.html, rendered.telegram_html):
        assert "Міністерство" in part  # the department the late item is listed under
        assert "Ваша роль" not in part and "Ви —" not in part  # the secretariat has no role
        assert "Наближається строк" not in part and "Незабаром строк" not in part


def test_the_open_quarters_of_one_recurring_task_are_one_line() -> None:
    quarters = [make_item(ledger_key=f"q{n}", task_id="4.2", stage="overdue",
                          window_start=None, due=due, days_left=-(90 - 30 * n),
                          working_days_late=60 - 20 * n)
                for n, due in enumerate((date(2023, 3, 31), date(2023, 6, 30),
                                         date(2023, 9, 29)))]
    other = make_item(ledger_key="x", task_id="5.1", stage="overdue", days_left=-2,
                      working_days_late=2)
    rendered = render(make_message(*quarters, other))
    text = plain(rendered.text)
    assert text.count("п. 4.2.") == 1 and text.count("п. 5.1.") == 1
    assert "Срок: 31 марта, 30 июня, 29 сентября 2023 г." in text
    assert "Просрочено на 60 рабочих дней" in text  # worded from the most late quarter
    assert rendered.subject == "Просрочено — 2 пункта"
    en = plain(render(make_message(*quarters, language="en")).text)
    assert "31 March, 30 June, 29 September 2023" in en


def test_a_telegram_message_too_long_for_buttons_says_how_to_act() -> None:
    many = [make_item(ledger_key=f"k{n}", task_id=f"7.{n}") for n in range(9)]
    assert "/tasks" in render(make_message(*many)).telegram_html
    assert "/tasks" not in render(make_message(*many[:8])).telegram_html
