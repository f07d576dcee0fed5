"""Every worked example of SPEC.md (dev.tsv, copied here so a clone is self-contained)."""

from __future__ import annotations

import pytest

from reminder.deadlines import parse
from tests.deadlines.judge import Row, load, verdict

ROWS = load("dev.tsv")


def test_the_table_is_the_full_set() -> None:
    assert len(ROWS) >= 162
    assert {r.lang for r in ROWS} == {"ru", "uk", "lv", "en"}


@pytest.mark.parametrize("row", ROWS, ids=str)
def test_dev_example(row: Row) -> None:
    # As `reminder parse` is run by the scorer: the language is detected, not given.
    got = parse(row.phrase, row.period)
    assert verdict(row, got) is None, verdict(row, got)


@pytest.mark.parametrize("row", ROWS, ids=str)
def test_dev_example_with_its_language(row: Row) -> None:
    got = parse(row.phrase, row.period, row.lang)
    assert verdict(row, got) is None, verdict(row, got)
    assert got.lang == row.lang
