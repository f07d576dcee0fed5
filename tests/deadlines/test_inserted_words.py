"""Property: a word that can move a date, inserted into a phrase the parser reads right, is
either understood (the dates change) or flagged (approximate, or no date, with a note naming it).

An ordinal ("третьего", "second"), "following"/"следующего", "second month", or a reporting or
tax-period word changes which day is meant. If the parser ignored it and still printed the old
dates as certain, a reminder would fire on a wrong day with nobody told.
"""

from __future__ import annotations

import pytest

from reminder.deadlines import parse
from tests.deadlines.judge import Row, load, verdict

# Per language: words and two-word groups that change a date's meaning wherever they stand.
# English "tax" or "fiscal" alone ("tax return") names no period; "tax year" does.
INSERTS = {
    "ru": ["третьего", "второго", "следующего", "второго месяца", "отчетного", "налогового года",
           "последующего"],
    "uk": ["третього", "другого", "наступного", "другого місяця", "звітного", "податкового року"],
    "lv": ["otrā", "trešā", "sekojošā", "otrā mēneša", "pārskata", "taksācijas"],
    "en": ["third", "second", "following", "second month", "reporting year", "tax year",
           "fiscal quarter"],
}

# dev.tsv's dated rows the parser reads right: the phrases the words are inserted into.
BASES = [r for r in load("dev.tsv") if r.kind in ("window", "by", "recurring")
         and verdict(r, parse(r.phrase, r.period)) is None]


# An ordinal right after the numeral of the same value only repeats it ("II второе полугодие"):
# the answer is still the base one, and the parser may read either.
SAME_VALUE = {"второго": {"2", "ii", "іі"}, "другого": {"2", "ii", "іі"}, "otrā": {"2.", "ii"},
              "второго месяца": set(), "третьего": {"3", "iii", "ііі"},
              "третього": {"3", "iii", "ііі"}, "trešā": {"3.", "iii"}, "second": {"2", "ii"},
              "third": {"3", "iii"}}


# An ordinal before a stage word numbers the stage ("второго этап"), which names no date.
STAGES = {"этап", "етап", "posms", "stage", "phase"}


def _variants(row: Row) -> list[tuple[Row, str, str]]:
    words = row.phrase.split()
    out = []
    for word in INSERTS[row.lang]:
        for at in range(len(words) + 1):
            if at and words[at - 1].lower() in SAME_VALUE.get(word, set()):
                continue
            if at < len(words) and words[at].lower() in STAGES:
                continue
            phrase = " ".join([*words[:at], word, *words[at:]])
            out.append((row, word, phrase))
    return out


CASES = [v for r in BASES for v in _variants(r)]


def _dates(d) -> tuple:
    return d.kind, d.start, d.end, tuple(d.occurrences)


def test_there_are_enough_cases() -> None:
    assert len(BASES) > 80
    assert {r.lang for r in BASES} == {"ru", "uk", "lv", "en"}
    assert len(CASES) > 3000


@pytest.mark.parametrize("lang", sorted(INSERTS))
def test_an_inserted_date_word_is_understood_or_flagged(lang: str) -> None:
    silent = []
    for row, _word, phrase in (c for c in CASES if c[0].lang == lang):
        base = parse(row.phrase, row.period)
        got = parse(phrase, row.period)
        flagged = got.approximate or got.kind in ("unknown", "event", "ongoing")
        if flagged and got.notes:
            continue
        if _dates(got) != _dates(base):
            continue  # the word was read: the dates moved
        silent.append(phrase)
    assert not silent, f"{len(silent)} silent, e.g. {silent[:8]}"
