"""The word tables, tested apart from the grammar: each form means what it should."""

from __future__ import annotations

import pytest

from reminder.deadlines.grammar import roman
from reminder.deadlines.normal import normalise
from reminder.deadlines.tokens import tokenize

MONTH_FORMS = [
    ("января", 1), ("январе", 1), ("февраля", 2), ("марте", 3), ("мая", 5), ("июне", 6),
    ("августа", 8), ("сентябре", 9), ("декабрь", 12), ("січня", 1), ("лютого", 2),
    ("березні", 3), ("травня", 5), ("червня", 6), ("липні", 7), ("серпня", 8), ("вересні", 9),
    ("жовтня", 10), ("листопада", 11), ("грудні", 12), ("janvārī", 1), ("februārim", 2),
    ("martā", 3), ("aprīļa", 4), ("maijā", 5), ("jūnijam", 6), ("jūlija", 7), ("augustā", 8),
    ("septembrī", 9), ("oktobra", 10), ("novembrim", 11), ("decembrī", 12), ("julija", 7),
    ("January", 1), ("Sept", 9), ("DECEMBER", 12),
]


@pytest.mark.parametrize(("word", "month"), MONTH_FORMS)
def test_month_forms(word: str, month: int) -> None:
    (tok,) = tokenize(normalise(word))
    assert tok.cat("MONTH") == month


@pytest.mark.parametrize(("text", "value"), [
    ("I", 1), ("II", 2), ("III", 3), ("IV", 4), ("ІV", 4), ("ІІІ", 3), ("ІІ", 2), ("XII", 12),
    ("iv", 4), ("IIII", None), ("VV", None), ("квартал", None),
])
def test_roman_numerals_in_latin_and_cyrillic_letters(text: str, value: int | None) -> None:
    assert roman(text.lower()) == value


@pytest.mark.parametrize(("phrase", "category"), [
    ("по мере необходимости", "EVENT"), ("за потреби", "EVENT"), ("pēc vajadzības", "EVENT"),
    ("as needed", "EVENT"), ("на постоянной основе", "ONGOING"), ("постійно", "ONGOING"),
    ("pastāvīgi", "ONGOING"), ("не позднее", "BY"), ("не пізніше", "BY"), ("līdz", "BY"),
    ("reizi ceturksnī", "FREQ"), ("щоквартально", "FREQ"), ("quarterly", "FREQ"),
    ("весь период", "WHOLE"), ("н.р.", "ACADEMIC"),
])
def test_phrases_are_one_token(phrase: str, category: str) -> None:
    (tok,) = [t for t in tokenize(normalise(phrase)) if t.kind != "punct"]
    assert tok.has(category)


def test_dashes_apostrophes_and_footnotes_are_normalised() -> None:
    assert normalise("2 – 3 квартал<1>").split() == normalise("2 - 3 квартал").split()
    assert normalise("п’ять*") == "п'ять "


@pytest.mark.parametrize(("typo", "meant"), [
    ("ежеквартальо", "ежеквартально"), ("квартл", "квартал"), ("сентяря", "сентября"),
    ("постояно", "постоянно"), ("ежемесчно", "ежемесячно"),
])
def test_a_typo_of_a_deadline_word_is_read_and_said(typo: str, meant: str) -> None:
    from reminder.deadlines import parse

    assert any(f"as {meant!r}" in n for n in parse(typo, 2025).notes)


@pytest.mark.parametrize("word", ["ученый", "летней", "учебному", "марка", "проекта"])
def test_ordinary_words_are_not_corrected_into_deadline_words(word: str) -> None:
    from reminder.deadlines import parse

    assert not any(n.startswith("read ") for n in parse(f"IV квартал {word}", 2025).notes)
