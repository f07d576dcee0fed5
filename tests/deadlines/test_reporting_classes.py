"""Phrase classes beyond the plain calendar, one table per class (dev.tsv's format).

- reporting_calendars.tsv: due dates counted from a reporting, financial or tax period
  ("до 20 числа месяца, следующего за отчётным", "pārskata ceturksnim sekojošā mēneša
  15. datumā", "within 90 days after the end of the financial year");
- events_set_elsewhere.tsv: deadlines another body or document sets ("в сроки, определяемые
  ...", "в установленном порядке", "throughout the heating season");
- date_lists.tsv: one day for several months ("25 февраля, мая, августа, ноября");
- ranges_and_counts.tsv: arrows, years side by side, "N мероприятий в квартал", "за N лет до
  окончания плана", school-year periods ("2020/2021");
- parts_of_periods.tsv: a part of a year as a deadline ("до середины 2024 года" is due
  30 June) next to the same part as an approximate window ("в середине 2024 года");
- misspelt_numerals.tsv: Roman numerals typed with look-alikes before a quarter or half
  ("1V квартал", "IY квартал", "Ш квартал").

The phrases are modelled on public reporting schedules (tax and statistics calendars, Latvian
VID deadlines, grant reporting rules); each expected value was written by hand from the
phrase's meaning before the parser read it.
"""

from __future__ import annotations

import csv

import pytest

from reminder.deadlines import parse
from tests.deadlines.judge import HERE, Row, load, verdict

CLASSES = ("reporting_calendars", "events_set_elsewhere", "date_lists", "ranges_and_counts",
           "offsets_before_after", "parts_of_periods", "misspelt_numerals")
ROWS = [r for name in CLASSES for r in load(f"{name}.tsv")]


def test_every_class_covers_every_language() -> None:
    for name in CLASSES:
        assert {r.lang for r in load(f"{name}.tsv")} == {"ru", "uk", "lv", "en"}, name


@pytest.mark.parametrize("row", ROWS, ids=str)
def test_class_phrase(row: Row) -> None:
    got = parse(row.phrase, row.period)
    assert verdict(row, got) is None, verdict(row, got)


@pytest.mark.parametrize("row", [r for r in load("misspelt_numerals.tsv") if r.kind != "unknown"],
                         ids=str)
def test_a_misspelt_numeral_is_read_and_said(row: Row) -> None:
    # "1V" read as "IV" moves the date a whole quarter: the reading is told to a person.
    got = parse(row.phrase, row.period)
    assert any(n.startswith("read ") and " as 'i" in n for n in got.notes), got.notes


def _never_silent() -> list[tuple[str, str, str]]:
    with open(HERE / "never_silent.tsv", encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [(r["lang"], r["period"], r["phrase"]) for r in reader]


@pytest.mark.parametrize("lang,period,phrase", _never_silent(), ids=lambda v: str(v))
def test_a_word_that_would_move_the_date_is_never_dropped_silently(
        lang: str, period: str, phrase: str) -> None:
    # Each of these holds a word ("второго", "following", "sekojošā") the parser cannot place;
    # a confident date would be a silent guess.
    got = parse(phrase, period)
    assert got.kind in ("unknown", "event") or got.approximate, got
    assert got.notes, got


@pytest.mark.parametrize("phrase,word", [
    ("в течение 10 рабочих дней", "рабочих"),
    ("протягом 10 робочих днів", "робочих"),
    ("10 darba dienu laikā", "darba"),
    ("within 10 working days", "working"),
    ("за 10 дней до начала отопительного сезона", "за"),
])
def test_an_event_offset_the_parser_cannot_apply_is_flagged(phrase: str, word: str) -> None:
    """Working days are not calendar days, and "за N до" counts back: an offset says so."""
    got = parse(phrase, 2024)
    assert got.kind == "event" and got.approximate, got
    assert any(word in n for n in got.notes), got.notes
