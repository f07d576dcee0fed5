"""Any text returns a Deadline and never raises; no pattern backtracks catastrophically."""

from __future__ import annotations

import json
import random
import signal
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reminder.deadlines import KINDS, Deadline, parse

# Text built from the pieces real cells are made of, so the grammar's deep paths are explored.
_PIECES = ["до", "с", "по", "-", "–", ",", ".", "(", ")", "IV", "ІІ", "квартал", "кв.", "2024",
           "2023", "года", "г.", "31.12.2024", "15.03", "1", "10", "31", "марта", "грудня",
           "jūlijam", "gada", "ежеквартально", "щомісяця", "числа", "следующего", "за",
           "отчетным", "раз", "в", "год", "декада", "первая", "в конце", "sākumā", "Q3", "H1",
           "by", "end", "of", "дней", "после", "постоянно", "по мере необходимости", "/",
           "2023/2024", "н.р.", "этап", "ежегодно", "понедельникам", "каждый", "второй", " "]
phrases = st.lists(st.sampled_from(_PIECES), max_size=25).map(" ".join)
periods = st.sampled_from(["2020", "2024", "2023-2025", "2019-08-12..2020-10-31", "2016-2030"])


def _well_formed(d: Deadline) -> None:
    assert d.kind in KINDS
    json.dumps(d.to_json(), ensure_ascii=False)
    for o in d.occurrences:
        assert o.start <= o.end
    if d.kind in ("window", "by"):
        assert d.end is not None and len(d.occurrences) == 1
    if d.kind == "recurring":
        assert d.occurrences
    if d.kind == "unknown":
        assert d.notes, "an unknown phrase must say why"


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=200), period=periods)
def test_any_text_gives_a_deadline(text: str, period: str) -> None:
    _well_formed(parse(text, period))


@settings(max_examples=400, deadline=None)
@given(text=phrases, period=periods)
def test_any_mix_of_deadline_words_gives_a_deadline(text: str, period: str) -> None:
    _well_formed(parse(text, period))


@pytest.mark.parametrize("text", [
    "0 месяцев 2024 года", "0000-01-01", "31.12.9999 – 15.01", "с 31.12.9999 по 15.01",
    "31.12.9999 - январь", "99999 квартал", "31.02.2024", "0 квартал", "до 00.00.0000",
    "2024-13-45", "29 февраля 2023", "с 2030 по 2020 годы", "IV-I квартал",
    "ежемесячно до 0 числа", "каждые 0 дней", "раз в 0 лет", "9999 год, ноябрь – февраль",
])
def test_odd_numbers_never_raise(text: str) -> None:
    # Found by review: each of these once raised from the calendar or from date().
    _well_formed(parse(text, "2024"))
    _well_formed(parse(text, "2024-09-01..2025-08-31"))


def test_a_period_at_the_calendar_edge_is_refused_up_front() -> None:
    from reminder.deadlines import Period

    with pytest.raises(ValueError, match="not a year"):
        Period.parse("9999")


@contextmanager
def _guard(seconds: int) -> Iterator[None]:
    """Fail instead of hanging: a catastrophic backtrack would take hours, not seconds."""

    def expired(*_: object) -> None:
        raise TimeoutError(f"parsing did not finish within {seconds} s")

    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


_ADVERSARIAL = [
    "1" * 100_000,
    "1." * 50_000,
    "1-" * 50_000,
    "12.12." * 16_000,
    "а" * 100_000,
    "п'" * 50_000,
    " " * 100_000,
    "(" * 100_000,
    "до " * 33_000,
]


@pytest.mark.parametrize("text", _ADVERSARIAL, ids=lambda t: f"{t[:6]!r}x{len(t)}")
def test_pathological_input_finishes(text: str) -> None:
    with _guard(20):
        d = parse(text, 2024)
    _well_formed(d)


def test_100kb_of_random_text() -> None:
    rng = random.Random(1)
    alphabet = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґāēīūčšž0123456789 .,-–/()'\n\t"
    text = "".join(rng.choice(alphabet) for _ in range(100_000))
    with _guard(20):
        d = parse(text, "2023-2025")
    _well_formed(d)
    assert any("first" in n for n in d.notes), "a truncated read must be said"
