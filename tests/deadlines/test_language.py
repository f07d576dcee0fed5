"""Which language a cell is in, when the cell itself can tell."""

from __future__ import annotations

import pytest

from reminder.deadlines import parse


@pytest.mark.parametrize(("phrase", "lang"), [
    ("ежеквартально", "ru"), ("в течение года", "ru"), ("до 1 июля 2024 г.", "ru"),
    ("протягом року", "uk"), ("щоквартально", "uk"), ("ІІ півріччя", "uk"),
    ("до 31 грудня 2021 року", "uk"), ("2024. gada 1. pusgadā", "lv"), ("reizi gadā", "lv"),
    ("līdz gada beigām", "lv"), ("by 1 July 2024", "en"), ("quarterly", "en"),
    ("31.12.2023", None), ("2024", None),
])
def test_detected_language(phrase: str, lang: str | None) -> None:
    assert parse(phrase, 2024).lang == lang


def test_a_given_language_wins() -> None:
    assert parse("IV квартал", 2020, "uk").lang == "uk"
