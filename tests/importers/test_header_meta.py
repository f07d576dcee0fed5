"""Column meanings, titles, periods, languages and countries, in all four languages."""

from __future__ import annotations

import pytest

from reminder.importers.header import column_meaning, find_header, is_column_numbers
from reminder.importers.meta import (
    detect_country,
    detect_language,
    find_title,
    period_from_dates,
    period_from_title,
)
from reminder.importers.model import Row, Table

MEANINGS = [
    ("№", "number"), ("№ з/п", "number"), ("Nr. p. k.", "number"), ("No.", "number"),
    ("Наименование мероприятия", "title"), ("Найменування заходу", "title"),
    ("Pasākums", "title"), ("Action", "title"),
    ("Ожидаемый результат", "result"), ("Очікуваний результат", "result"),
    ("Sagaidāmais rezultāts", "result"), ("Expected outcome", "result"),
    ("Срок исполнения", "deadline"), ("Строк виконання", "deadline"),
    ("Термін виконання", "deadline"), ("Izpildes termiņš", "deadline"), ("Deadline", "deadline"),
    ("Исполнитель (соисполнители)", "responsible"), ("Ответственный исполнитель", "responsible"),
    ("Відповідальні за виконання", "responsible"), ("Atbildīgā institūcija", "responsible"),
    ("Responsible", "responsible"),
    ("Соисполнители", "co_responsible"), ("Līdzatbildīgās institūcijas", "co_responsible"),
    ("Uzdevumi", "details"), ("Uzdevums", "title"), ("Задача", "title"), ("Задачи", "details"),
    ("Notes", None), ("Примечание", None), ("", None),
]


@pytest.mark.parametrize(("cell", "meaning"), MEANINGS)
def test_column_meaning(cell, meaning):
    assert column_meaning(cell) == meaning


def test_header_found_below_a_title_block():
    table = Table([Row(["Утверждаю", "", ""]), Row(["Мероприятие", "Срок", "Исполнитель"]),
                   Row(["1", "2", "3"])])
    assert find_header(table) == (1, {"title": 0, "deadline": 1, "responsible": 2})
    assert is_column_numbers(table.rows[2].cells)
    assert not is_column_numbers(["1", "3", "2"])


@pytest.mark.parametrize(
    ("title", "period"),
    [
        ("План заходів щодо реалізації стратегії на 2020 рік", "2020"),
        ("Darba plāns 2024.-2026. gadam", "2024-2026"),
        ("План мероприятий на 2023-2025 годы", "2023-2025"),
        ("Action plan for 2021–2023", "2021-2023"),
        ("План мероприятий на 2023 год", "2023"),
        ("Протокол № 2020 заседания", None),  # a number that is not "for the year"
        ("Дорожная карта", None),
    ],
)
def test_period_from_title(title, period):
    assert period_from_title(title) == period


def test_period_from_dates():
    assert period_from_dates("12.08.2019. – 31.10.2020.") == "2019-08-12..2020-10-31"
    assert period_from_dates("31.10.2020 - 12.08.2019") is None
    assert period_from_dates("2019") is None


def test_title_spans_lines_and_skips_the_approval_block():
    paragraphs = ["ЗАТВЕРДЖУЮ", "Голова адміністрації", "«20» грудня 2019 року", "ПЛАН ЗАХОДІВ",
                  "щодо розвитку громадянського суспільства на 2020 рік", "Інший абзац"]
    assert find_title(paragraphs) == (
        "ПЛАН ЗАХОДІВ щодо розвитку громадянського суспільства на 2020 рік"
    )
    assert find_title(["Valsts kanceleja", "ATVĒRTĀ PĀRVALDĪBA", "Nacionālais rīcības plāns"],
                      first_heading=1) == "ATVĒRTĀ PĀRVALDĪBA"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Проведення конкурсу, відповідальні: департамент", "uk"),
        ("Проведение конкурса, ответственный: комитет, объём", "ru"),
        ("Nodrošināt datos balstītu pilsoniskās sabiedrības attīstību", "lv"),
        ("Publish the open data action plan", "en"),
    ],
)
def test_detect_language(text, lang):
    assert detect_language(text) == lang


def test_country_by_language_unless_the_head_names_another():
    assert detect_country("ru", "План мероприятий Ленинградской области") == "RU"
    assert detect_country("ru", "План мероприятий Министерства юстиции Республики Беларусь") == "BY"
    assert detect_country("uk", "План заходів") == "UA"
    assert detect_country("lv", "Darba plāns") == "LV"
