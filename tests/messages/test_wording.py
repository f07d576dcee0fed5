"""Wording users read: what the plan said beside the computed date, the recipient's part in the
task, no doubled full stops, and the reviewed table of samples. Expected strings by hand."""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import date, datetime
from types import SimpleNamespace

import pytest

from reminder.messages import i18n, samples
from reminder.messages.as_planned import moved, only_the_date, phrase
from reminder.messages.model import Item, Message, Recipient
from reminder.messages.render import KINDS, render, sample_message
from reminder.store.ledger import item_from_json, item_to_json


def plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\xa0", " ")


def quarter_item(**changes: object) -> Item:
    """Q3 2023: nominally Saturday 30 September, moved to Monday 2 October."""
    base = Item(ledger_key="k", stage="upcoming", plan_id="p", plan_title="План", task_id="2.1",
                task_title="Провести консультации", result=None,
                window_start=date(2023, 7, 1), due=date(2023, 10, 2), days_left=6,
                working_days_late=None, role="lead", lead_name="Министерство", others=(),
                plan_language="ru", deadline_text="3 квартал 2023",
                nominal_due=date(2023, 9, 30))
    return dataclasses.replace(base, **changes)


def message(*items: Item, lang: str = "ru", kind: str = "reminder") -> Message:
    return Message(Recipient("r", "Адресат", lang), datetime(2023, 9, 26, 9, 0), items,
                   kind=kind)  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "shown"), [
    ("30.09.2023", False), ("до 30.09.2023", False), ("30.9.2023.", False),
    ("2023-09-30", False), ("до 30 сентября 2023 года", False), ("30 сентября 2023 г.", False),
    ("до 30 вересня 2023 р.", False), ("by 30 September 2023", False),
    ("September 30, 2023", False), ("2023. gada 30. septembris", False),
    ("3 квартал 2023", True), ("до конца сентября 2023", True), ("ежегодно до 30 сентября", True),
    ("30.09.2024", True),  # another date than the one computed: worth seeing
    ("līdz 2023. gada 30. septembrim", True),  # the dative is not recognised: shown, harmless
])
def test_a_phrase_that_only_writes_the_date_is_left_out(text: str, shown: bool) -> None:
    assert only_the_date(text, date(2023, 9, 30)) is not shown
    assert phrase(text, date(2023, 9, 30)) == (text if shown else "")


def test_which_way_a_due_day_was_moved() -> None:
    assert moved(date(2023, 9, 30), date(2023, 10, 2)) == "next"
    assert moved(date(2023, 9, 30), date(2023, 9, 29)) == "previous"
    assert moved(date(2023, 9, 29), date(2023, 9, 29)) == ""
    assert moved(None, date(2023, 9, 29)) == ""


@pytest.mark.parametrize(("lang", "line"), [
    ("ru", "В плане: «3 квартал 2023» → 30 сентября 2023 г.; это нерабочий день, поэтому срок "
           "перенесён на следующий рабочий день"),
    ("uk", "У плані: «3 квартал 2023» → 30 вересня 2023 р.; це неробочий день, тому строк "
           "перенесено на наступний робочий день"),
    ("lv", "Plānā: „3 квартал 2023” → 2023. gada 30. septembris; tā nav darba diena, tāpēc "
           "termiņš pārcelts uz nākamo darba dienu"),
    ("en", "The plan says: “3 квартал 2023” → 30 September 2023; that is not a working day, so "
           "the deadline is moved to the next working day"),
])
def test_every_channel_shows_what_the_plan_said_and_the_move(lang: str, line: str) -> None:
    rendered = render(message(quarter_item(), lang=lang))
    for body in (rendered.text, rendered.html, rendered.telegram_html):
        assert line in plain(body), body


@pytest.mark.parametrize(("lang", "line"), [
    ("ru", "В плане: 30 сентября 2023 г.; это нерабочий день, поэтому срок перенесён на "
           "следующий рабочий день"),
    ("en", "The plan says: 30 September 2023; that is not a working day, so the deadline "
           "is moved to the next working day"),
])
def test_a_moved_day_is_told_even_when_the_phrase_is_only_the_date(lang: str,
                                                                   line: str) -> None:
    text = plain(render(message(quarter_item(deadline_text="до 30.09.2023"), lang=lang)).text)
    assert line in text and "30.09.2023" not in text


def test_nothing_is_added_when_the_plan_gave_the_very_date() -> None:
    item = quarter_item(deadline_text="до 02.10.2023", nominal_due=date(2023, 10, 2))
    text = render(message(item)).text
    assert "В плане" not in text and "перенес" not in text


def test_the_phrase_is_plan_text_escaped_and_on_one_line() -> None:
    item = quarter_item(deadline_text="<b>3</b> квартал\nSubject: x & {{ 7*7 }} " + "я" * 400)
    rendered = render(message(item))
    assert "&lt;b&gt;3&lt;/b&gt; квартал Subject: x &amp; {{ 7*7 }}" in rendered.html
    assert "&lt;b&gt;3&lt;/b&gt; квартал Subject: x &amp; {{ 7*7 }}" in rendered.telegram_html
    line = next(x for x in rendered.text.splitlines() if "В плане" in x)
    assert "Subject: x & {{ 7*7 }}" in line and "я…»" in line  # cut, with its close quote


def test_a_recurring_tasks_line_shows_the_phrase_without_one_dates_move() -> None:
    quarters = [quarter_item(ledger_key=f"q{n}", stage="overdue", window_start=None, due=due,
                             nominal_due=nominal, days_left=-9, working_days_late=7,
                             deadline_text="ежеквартально")
                for n, (nominal, due) in enumerate(((date(2023, 3, 31), date(2023, 3, 31)),
                                                    (date(2023, 7, 1), date(2023, 7, 3))))]
    text = plain(render(message(*quarters)).text)
    assert "Срок: 31 марта, 3 июля 2023 г.\n  В плане: «ежеквартально»\n" in text


@pytest.mark.parametrize(("lang", "role", "line"), [
    ("ru", "partner", "Вы указаны как партнёр (по согласованию)"),
    ("uk", "partner", "Вас зазначено як партнера (за згодою)"),
    ("lv", "partner", "Jūsu loma: partneris (pēc saskaņošanas)"),
    ("en", "partner", "You are named as a partner (by agreement)"),
    ("ru", "co", "Вы — соисполнитель"),
    ("uk", "involved", "Вас залучено до виконання"),
    ("en", "lead", "You are the lead executor"),
])
def test_the_recipients_part_in_the_task_is_a_sentence(lang: str, role: str,
                                                       line: str) -> None:
    rendered = render(message(quarter_item(role=role), lang=lang))
    for body in (rendered.text, rendered.html, rendered.telegram_html):
        assert line in body
        assert "Ваша роль" not in body and "Your role" not in body


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
@pytest.mark.parametrize("role", ["supervisor", "secretariat"])
def test_an_escalation_names_no_part_for_who_oversees(lang: str, role: str) -> None:
    item = quarter_item(stage="escalation", role=role, days_left=-9, working_days_late=7)
    text = render(message(item, lang=lang)).text
    # every English part line starts "You are the/a/named"; the opening's "You are receiving"
    # says why they hear it and is no part
    for wrong in ("Вы —", "Ви —", "Jūsu loma", "You are the", "You are a", "You are named",
                  "курирующ", "куратор;"):
        assert wrong not in text


_DOUBLED = re.compile(r"(?<![.…])\.\s*\.(?![.…])|…\.")


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
@pytest.mark.parametrize("kind", KINDS)
def test_plan_text_ending_in_a_full_stop_never_gets_a_second(kind: str, lang: str) -> None:
    ends = {"task_id": "2.", "task_title": "Провести консультации.", "plan_title": "План.",
            "result": "Отчёт.", "lead_name": "Мин.", "others": ("Совет.",),
            "deadline_text": "III кв.", "nominal_due": date(2023, 9, 30)}
    sample = sample_message(kind, lang)
    items = tuple(dataclasses.replace(i, **ends) for i in sample.items)  # type: ignore[arg-type]
    entry = SimpleNamespace(plan_id="p.", plan_title="План.", task_id="3.",
                            task_title="Опубликовать.", due=date(2023, 12, 1), note="Ждём.")
    digest = SimpleNamespace(closed=(entry,), extended=(entry,), needs_a_person=("Строка.",))
    rendered = render(dataclasses.replace(sample, items=items,
                                          recipient=Recipient("r", "Ст. сектор.", lang)),
                      digest=digest if kind == "digest" else None)
    for part in (rendered.subject, rendered.text, rendered.html, rendered.telegram_html):
        assert not _DOUBLED.search(re.sub(r"<[^>]+>", "", part)), part


def test_the_items_new_fields_survive_the_ledger_and_old_rows_still_read() -> None:
    item = quarter_item()
    assert item_from_json(item_to_json(item)) == item
    old = json.loads(item_to_json(item))
    del old["deadline_text"], old["nominal_due"]  # a row written before they existed
    back = item_from_json(json.dumps(old))
    assert back.deadline_text is None and back.nominal_due is None and back.due == item.due


def test_the_committed_samples_are_what_the_templates_render() -> None:
    committed = samples.DOC.read_text(encoding="utf-8")
    assert committed == samples.document(), (
        "docs/message-samples.md is out of date: run python -m reminder.messages.samples "
        "and review the difference")
