"""`reminder parse`: JSON Lines in order with SPEC.md's exact fields, a table, clear errors."""

from __future__ import annotations

import io
import json

import pytest

from reminder.cli import main

FIELDS = {"text", "kind", "start", "end", "occurrences", "rrule", "offset", "approximate", "lang",
          "notes"}


def test_stdin_gives_one_json_object_per_line_in_order(monkeypatch, capsys) -> None:
    lines = ["IV квартал", "", "щоквартально", "нечто непонятное", "2024. gada 1. pusgadā"]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines) + "\n"))
    assert main(["parse", "--period", "2020", "--json", "-"]) == 0
    out = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [o["text"] for o in out] == lines
    assert all(set(o) == FIELDS for o in out)
    assert out[0]["kind"] == "window" and (out[0]["start"], out[0]["end"]) == ("2020-10-01",
                                                                                "2020-12-31")
    assert out[1]["kind"] == "unknown"
    assert [o["end"] for o in out[2]["occurrences"]] == ["2020-03-31", "2020-06-30", "2020-09-30",
                                                         "2020-12-31"]
    assert out[2]["rrule"].startswith("FREQ=MONTHLY;INTERVAL=3")
    assert out[3]["kind"] == "unknown" and out[3]["notes"]
    assert out[4]["lang"] == "lv"


def test_phrases_as_arguments_print_a_readable_table(capsys) -> None:
    assert main(["parse", "--period", "2023", "2 – 3 квартал 2023 года", "до 1 июля"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "window" in out[0] and "2023-04-01 .. 2023-09-30" in out[0]
    assert "by 2023-07-01" in out[1]


def test_language_can_be_given(capsys) -> None:
    assert main(["parse", "--period", "2020", "--lang", "uk", "--json", "IV квартал"]) == 0
    assert json.loads(capsys.readouterr().out)["lang"] == "uk"


@pytest.mark.parametrize("period", ["20xx", "2025-2020", "2020-13-01..2021-01-01", ""])
def test_a_bad_period_is_a_clear_error_without_traceback(period: str, capsys) -> None:
    assert main(["parse", "--period", period, "IV квартал"]) == 2
    err = capsys.readouterr().err
    assert "--period" in err and "Traceback" not in err


def test_a_school_year_period(capsys) -> None:
    # "2020/2021" is 1 September 2020 .. 31 August 2021: a year-less June is the one inside it.
    assert main(["parse", "--period", "2020/2021", "--json", "до 1 июня", "IV квартал"]) == 0
    first, second = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert (first["kind"], first["start"], first["end"]) == ("by", "2020-09-01", "2021-06-01")
    assert (second["start"], second["end"]) == ("2020-10-01", "2020-12-31")


@pytest.mark.parametrize("period", ["2020/2022", "2020/"])
def test_a_school_year_of_two_years_not_in_a_row_is_a_clear_error(period: str, capsys) -> None:
    assert main(["parse", "--period", period, "IV квартал"]) == 2
    err = capsys.readouterr().err
    assert "--period" in err and "Traceback" not in err
