"""The pure builder: summaries cut to their limit, labels in the plan's language, and the
calendar.folder key read relative to state_dir."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import vobject

from reminder.calendar.build import Entry, Member, feed, summary
from reminder.config.loader import load_config
from tests.calendar.deployment import make_deployment


def entry(title: str, language: str = "en", **kw: object) -> Entry:
    fields: dict = dict(plan_id="p", plan_title="Plan", plan_status="open", language=language,
                        task_id="1", title=title, deadline_text=None, task_removed=False,
                        seq=0, window_start=None, due=date(2027, 5, 4), status="open",
                        team=(Member("a", "Agency", "lead"),), revision=0, changed_at=None)
    fields.update(kw)
    return Entry(**fields)


@pytest.mark.parametrize(("title", "expected"), [
    ("Short", "p/1: Short"),
    ("  two\n lines\tand  tabs ", "p/1: two lines and tabs"),
    ("x" * 75, "p/1: " + "x" * 75),  # 80 characters: not cut
    ("x" * 76, "p/1: " + "x" * 74 + "…"),
    ("word " * 30, "p/1: " + ("word " * 15).rstrip() + "…"),  # no space before the ellipsis
])
def test_summary_is_one_line_cut_to_80_characters(title: str, expected: str) -> None:
    got = summary(entry(title))
    assert got == expected and len(got) <= 80


@pytest.mark.parametrize(("language", "lead", "status"), [
    ("en", "Lead executor: Agency (a)", "Status: open"),
    ("ru", "Ответственный исполнитель: Agency (a)", "Статус: открыт"),
    ("uk", "Відповідальний виконавець: Agency (a)", "Статус: відкрито"),
    ("lv", "Atbildīgais izpildītājs: Agency (a)", "Statuss: atvērts"),
    ("de", "Lead executor: Agency (a)", "Status: open"),  # no words for it: English
])
def test_the_description_speaks_the_plans_language(language: str, lead: str,
                                                     status: str) -> None:
    data = feed([entry("T", language)], "n", None)
    text = vobject.readOne(data.decode()).vevent.description.value
    assert text.splitlines()[2:4] == [lead, status]


def test_no_entries_is_a_valid_empty_calendar() -> None:
    cal = vobject.readOne(feed([], "Empty; really, empty", None).decode())
    assert cal.contents["x-wr-calname"][0].value == "Empty; really, empty"
    assert "vevent" not in cal.contents


def test_calendar_folder_is_relative_to_state_dir(tmp_path: Path) -> None:
    cfg = load_config(make_deployment(tmp_path), today=date(2027, 1, 10))
    assert cfg.calendar_dir == tmp_path / "state" / "feeds"


def test_control_and_direction_characters_of_plan_text_are_left_out() -> None:
    """RFC 5545 allows no control characters in TEXT (a tester found an escape and U+202E
    copied into SUMMARY and DESCRIPTION)."""
    data = feed([entry("Звіт \x1b[31mчервоний\x1b[0m \u202eтекст")], "x")
    assert b"\x1b" not in data and "\u202e".encode() not in data
    assert "Звіт [31mчервоний[0m текст".encode() in data.replace(b"\r\n ", b"")
