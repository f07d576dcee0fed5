"""Real-style plan cells beyond SPEC.md's worked examples (regression*.tsv, dev.tsv's format).

They cover what real cells do that the examples barely show: dash and spacing variants,
capitals, footnote markers, remarks in brackets, times of day, several deadlines in one cell,
Roman numerals in Cyrillic letters, Latvian and English forms, school years, stages, number
words in durations, schedules kept elsewhere.
"""

from __future__ import annotations

import pytest

from reminder.deadlines import parse
from tests.deadlines.judge import Row, load, verdict

ROWS = [r for n in range(1, 12) for r in load(f"regression{n if n > 1 else ''}.tsv")]


def test_every_kind_and_language_is_covered() -> None:
    assert {r.kind for r in ROWS} == {"window", "by", "recurring", "ongoing", "event", "unknown"}
    assert {r.lang for r in ROWS} == {"ru", "uk", "lv", "en"}


@pytest.mark.parametrize("row", ROWS, ids=str)
def test_plan_phrase(row: Row) -> None:
    got = parse(row.phrase, row.period)
    assert verdict(row, got) is None, verdict(row, got)
