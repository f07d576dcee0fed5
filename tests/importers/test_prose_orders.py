"""Prose orders (tester 12): officials in brackets, partners addressed first, heading lines."""

from __future__ import annotations

from datetime import date

import pytest

from reminder.deadlines.model import Period
from reminder.importers.prose import prose_tasks

WRITTEN = date(2024, 1, 15)


def _tasks(lines: list[str], lang: str) -> list[tuple[str, str | None, list[tuple[str, str]]]]:
    tasks = prose_tasks(lines, Period.year(2024), lang, WRITTEN)
    return [(t.id, t.deadline, [(e.name, e.role) for e in t.executors]) for t in tasks]


@pytest.mark.parametrize(("lang", "line", "deadline", "executors"), [
    ("uk", "1. Відділ освіти (Коваленко О. П.) до 1 червня 2024 року підготувати звіт.",
     "до 1 червня 2024 року", [("Відділ освіти", "lead")]),
    ("uk", "1. Відділ освіти (О.П. Коваленко) до 1 червня 2024 року підготувати звіт.",
     "до 1 червня 2024 року", [("Відділ освіти", "lead")]),
    ("ru", "1. Управление культуры (Сидоров И.И.) подготовить до 1 марта 2024 года план.",
     "до 1 марта 2024 года", [("Управление культуры", "lead")]),
    # "(по согласованию)" after a dative addressee: a partner; the next body leads
    ("ru", "1. Центру «Развитие» (по согласованию), комитету по культуре до 1 марта 2024 года "
           "провести форум.",
     "до 1 марта 2024 года", [("Центр «Развитие»", "partner"), ("комитет по культуре", "lead")]),
])
def test_official_in_brackets_and_partner_first(lang, line, deadline, executors):
    assert _tasks([line], lang) == [("1", deadline, executors)]


@pytest.mark.parametrize(("lang", "heading"), [
    ("uk", "Про організацію роботи з підготовки до нового навчального року у 2024 році"),
    ("ru", "О подготовке к отопительному сезону 2024 года"),
    ("lv", "Par rīcības plāna izpildi 2024. gadā"),
])
def test_order_heading_is_not_a_task(lang, heading):
    body = {"uk": "1. Відділу освіти до 1 березня 2024 року подати звіт.",
            "ru": "1. Отделу образования до 1 марта 2024 года представить отчёт.",
            "lv": "1. Finanšu ministrijai līdz 2024. gada 1. martam iesniegt ziņojumu."}[lang]
    assert [t[0] for t in _tasks([heading, body], lang)] == ["1"]


def test_a_dated_english_sentence_starting_with_on_is_still_a_task():
    """"On" followed by a date opens a commitment, not a heading."""
    tasks = _tasks(["On 15 May 2024 the Data Protection Agency will publish the report."], "en")
    assert [(t[1], t[2]) for t in tasks] == [
        ("On 15 May 2024", [("Data Protection Agency", "lead")])]
