"""Dates and ranges as native writers set them, per language; expected strings written by hand."""

from __future__ import annotations

from datetime import date

import pytest

from reminder.messages import i18n


def plain(text: str) -> str:
    """Babel puts a narrow no-break space before "г." / "р."; compare with plain spaces."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


SAME_MONTH = (date(2016, 9, 11), date(2016, 9, 20))
ACROSS_MONTHS = (date(2016, 9, 28), date(2016, 10, 5))
ACROSS_YEARS = (date(2016, 12, 28), date(2017, 1, 5))


@pytest.mark.parametrize(("lang", "span", "expected"), [
    ("lv", SAME_MONTH, "2016. gada 11.–20. septembris"),
    ("lv", ACROSS_MONTHS, "2016. gada 28. septembris – 5. oktobris"),
    ("lv", ACROSS_YEARS, "2016. gada 28. decembris – 2017. gada 5. janvāris"),
    ("en", SAME_MONTH, "11–20 September 2016"),
    ("en", ACROSS_MONTHS, "28 September – 5 October 2016"),
    ("en", ACROSS_YEARS, "28 December 2016 – 5 January 2017"),
    ("ru", SAME_MONTH, "11–20 сентября 2016 г."),
    ("ru", ACROSS_MONTHS, "28 сентября – 5 октября 2016 г."),
    ("ru", ACROSS_YEARS, "28 декабря 2016 г. – 5 января 2017 г."),
    ("uk", SAME_MONTH, "11–20 вересня 2016 р."),
    ("uk", ACROSS_MONTHS, "28 вересня – 5 жовтня 2016 р."),
    ("uk", ACROSS_YEARS, "28 грудня 2016 р. – 5 січня 2017 р."),
])
def test_a_window_is_a_range_as_the_language_writes_it(lang: str, span: tuple[date, date],
                                                       expected: str) -> None:
    assert plain(i18n.window(*span, lang)) == expected


@pytest.mark.parametrize(("lang", "expected"), [
    ("ru", "30 сентября 2023 г."),
    ("uk", "30 вересня 2023 р."),
    ("lv", "2023. gada 30. septembris"),
    ("en", "30 September 2023"),
])
def test_a_lone_date_and_a_window_without_a_start(lang: str, expected: str) -> None:
    day = date(2023, 9, 30)
    assert plain(i18n.long_date(day, lang)) == expected
    assert plain(i18n.window(None, day, lang)) == expected
    assert plain(i18n.window(day, day, lang)) == expected  # a one-day window is that day


@pytest.mark.parametrize(("lang", "expected"), [
    ("ru", "31 марта, 30 июня, 29 сентября 2023 г.; 29 марта 2024 г."),
    ("uk", "31 березня, 30 червня, 29 вересня 2023 р.; 29 березня 2024 р."),
    ("lv", "2023. gada 31. marts, 30. jūnijs, 29. septembris; 2024. gada 29. marts"),
    ("en", "31 March, 30 June, 29 September 2023; 29 March 2024"),
])
def test_the_due_dates_of_a_recurring_task_name_each_year_once(lang: str,
                                                               expected: str) -> None:
    dues = [date(2023, 3, 31), date(2023, 6, 30), date(2023, 9, 29), date(2024, 3, 29)]
    assert plain(i18n.dates(dues, lang)) == expected


@pytest.mark.parametrize(("lang", "n", "expected"), [
    ("ru", 1, "1 день"), ("ru", 2, "2 дня"), ("ru", 5, "5 дней"), ("ru", 11, "11 дней"),
    ("ru", 21, "21 день"), ("ru", 22, "22 дня"),
    ("uk", 1, "1 день"), ("uk", 3, "3 дні"), ("uk", 5, "5 днів"), ("uk", 21, "21 день"),
    ("lv", 1, "1 diena"), ("lv", 2, "2 dienas"), ("lv", 10, "10 dienu"), ("lv", 21, "21 diena"),
    ("en", 1, "1 day"), ("en", 2, "2 days"), ("en", 21, "21 days"),
])
def test_day_counts_take_the_plural_form_of_their_number(lang: str, n: int,
                                                         expected: str) -> None:
    assert i18n.days(n, lang) == expected
