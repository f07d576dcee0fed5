"""Wording from the native-speaker review that depends on the item or the count: how an item's
number is written, a range labelled apart from a single day, and openings that agree in number
with the items they introduce. Expected strings by hand."""

from __future__ import annotations

import dataclasses

import pytest

from reminder.messages.render import render
from tests.messages.test_wording import message, plain, quarter_item


@pytest.mark.parametrize(("lang", "text_line", "telegram_line"), [
    ("ru", "• п. 2.1. Провести консультации", "▫️ <b>п. 2.1.</b> Провести консультации"),
    ("uk", "• п. 2.1. Провести консультации", "▫️ <b>п. 2.1.</b> Провести консультации"),
    # Latvian writes the number alone ("2.1."), with no label and no space before it
    ("lv", "• 2.1. Провести консультации", "▫️ <b>2.1.</b> Провести консультации"),
    ("en", "• Item 2.1. Провести консультации", "▫️ <b>Item 2.1.</b> Провести консультации"),
])
def test_an_items_number_is_written_as_the_language_writes_it(lang: str, text_line: str,
                                                               telegram_line: str) -> None:
    rendered = render(message(quarter_item(), lang=lang))
    assert text_line + "\n" in rendered.text
    assert telegram_line + "\n" in rendered.telegram_html
    assert "<strong>" + text_line[2:] + "</strong>" in rendered.html
    assert "p. 2.1" not in rendered.text and "  2.1" not in rendered.text


@pytest.mark.parametrize(("lang", "ranged", "single"), [
    ("ru", "Срок: 1 июля – 2 октября 2023 г. (осталось 6 дней)",
     "Срок: 2 октября 2023 г. (осталось 6 дней)"),
    ("uk", "Строк: 1 липня – 2 жовтня 2023 р. (залишилося 6 днів)",
     "Строк: 2 жовтня 2023 р. (залишилося 6 днів)"),
    ("lv", "Izpildes laiks: 2023. gada 1. jūlijs – 2. oktobris (vēl 6 dienas)",
     "Termiņš: 2023. gada 2. oktobris (vēl 6 dienas)"),
    ("en", "Timeframe: 1 July – 2 October 2023 (6 days left)",
     "Deadline: 2 October 2023 (6 days left)"),
])
def test_a_range_of_days_is_labelled_apart_from_a_single_deadline(lang: str, ranged: str,
                                                                   single: str) -> None:
    with_window = render(message(quarter_item(), lang=lang))
    one_day = render(message(quarter_item(window_start=None), lang=lang))
    for body in (with_window.text, with_window.telegram_html):
        assert ranged in plain(body)
    assert ranged.split(":")[0] + ": <strong>" in with_window.html
    for body in (one_day.text, one_day.telegram_html):
        assert single in plain(body)


OVERDUE = dict(stage="overdue", days_left=-3, working_days_late=2, window_start=None)


@pytest.mark.parametrize(("lang", "stage", "one", "several"), [
    ("ru", "overdue",
     "Срок исполнения истёк, а отметки о выполнении нет. Просим сообщить о ходе исполнения или "
     "направить просьбу о продлении срока.",
     "Сроки исполнения истекли, а отметок о выполнении нет. Просим сообщить о ходе исполнения "
     "или направить просьбу о продлении срока."),
    ("uk", "overdue",
     "Строк виконання минув, але про виконання не повідомлено. Просимо поінформувати про стан "
     "виконання або подати прохання про продовження строку.",
     "Строки виконання минули, але про виконання не повідомлено. Просимо поінформувати про стан "
     "виконання або подати прохання про продовження строку."),
    ("lv", "overdue",
     "Izpildes termiņš ir beidzies, bet izpilde nav atzīmēta. Lūdzam informēt par izpildes "
     "gaitu vai iesniegt lūgumu pagarināt termiņu.",
     "Izpildes termiņi ir beigušies, bet izpilde nav atzīmēta. Lūdzam informēt par izpildes "
     "gaitu vai iesniegt lūgumu pagarināt termiņus."),
    ("en", "overdue",
     "This item is past its deadline and has not been reported done. Please report on progress "
     "or ask for more time.",
     "These items are past their deadlines and have not been reported done. Please report on "
     "progress or ask for more time."),
    ("ru", "upcoming", "Напоминаем о приближающемся сроке исполнения.",
     "Напоминаем о приближающихся сроках исполнения."),
    ("uk", "upcoming", "Нагадуємо про строк виконання, що наближається.",
     "Нагадуємо про строки виконання, що наближаються."),
    ("lv", "upcoming", "Atgādinām, ka tuvojas izpildes termiņš.",
     "Atgādinām, ka tuvojas izpildes termiņi."),
    ("en", "upcoming", "This deadline is approaching.", "These deadlines are approaching."),
])
def test_an_opening_agrees_in_number_with_its_items(lang: str, stage: str, one: str,
                                                    several: str) -> None:
    changes = OVERDUE if stage == "overdue" else {}
    first = quarter_item(**changes)
    second = dataclasses.replace(first, ledger_key="k2", task_id="2.2")
    single = render(message(first, lang=lang))
    double = render(message(first, second, lang=lang))
    for body in (single.text, single.html, single.telegram_html):
        assert one in body and several not in body
    for body in (double.text, double.html, double.telegram_html):
        assert several in body and one not in body


@pytest.mark.parametrize(("lang", "one", "several"), [
    ("ru", "Напоминание о сроке — 2.1. Провести консультации",
     "Напоминание о сроках — 2 пункта"),
    ("uk", "Нагадування про строк — 2.1. Провести консультации",
     "Нагадування про строки — 2 пункти"),
    ("lv", "Atgādinājums par termiņu — 2.1. Провести консультации",
     "Atgādinājums par termiņiem — 2 punkti"),
])
def test_an_upcoming_subject_agrees_in_number(lang: str, one: str, several: str) -> None:
    first = quarter_item()
    second = dataclasses.replace(first, ledger_key="k2", task_id="2.2")
    assert render(message(first, lang=lang)).subject == one
    assert render(message(first, second, lang=lang)).subject == several
