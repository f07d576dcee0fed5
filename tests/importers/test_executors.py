"""The responsibility splitter on real cells, in all four languages."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from reminder.importers.executors import split_executors, split_top_level
from reminder.importers.words import INVOLVED_MARKERS

L, C, P, INV = "lead", "co", "partner", "involved"

CASES: list[tuple[str, list[tuple[str, str]]]] = [
    # ru, seed 003: ";" separates, so commas stay inside names
    (
        "Комитет по местному самоуправлению, межнациональным и межконфессиональным отношениям "
        "Ленинградской области; Комитет по сохранению культурного наследия Ленинградской области",
        [
            ("Комитет по местному самоуправлению, межнациональным и межконфессиональным "
             "отношениям Ленинградской области", L),
            ("Комитет по сохранению культурного наследия Ленинградской области", C),
        ],
    ),
    (
        "Комитет общественных коммуникаций Ленинградской области с привлечением ресурсных "
        "центров НКО Ленинградской области; Комитет по печати Ленинградской области",
        [
            ("Комитет общественных коммуникаций Ленинградской области", L),
            ("ресурсных центров НКО Ленинградской области", INV),
            ("Комитет по печати Ленинградской области", C),
        ],
    ),
    (
        "Комитет общественных коммуникаций Ленинградской области, главы администраций "
        "муниципальных районов/городского округа Ленинградской области, Общественная палата "
        "Ленинградской области",
        [
            ("Комитет общественных коммуникаций Ленинградской области", L),
            ("главы администраций муниципальных районов/городского округа Ленинградской области",
             C),
            ("Общественная палата Ленинградской области", C),
        ],
    ),
    (
        "Министерство финансов и Министерство экономического развития (по согласованию)",
        [("Министерство финансов", L), ("Министерство экономического развития", P)],
    ),
    (
        "Минтруд России\nРосстат (по согласованию)\nАНО «Центр поддержки НКО»",
        [("Минтруд России", L), ("Росстат", P), ("Центр поддержки НКО", C)],
    ),
    # uk, seed 004
    (
        "Департамент масових комунікацій облдержадміністрації, виконкоми міських рад міст "
        "обласного значення (за згодою), райдержадміністрації, ІГС (за згодою), об'єднані "
        "територіальні громади (за згодою)",
        [
            ("Департамент масових комунікацій облдержадміністрації", L),
            ("виконкоми міських рад міст обласного значення", P),
            ("райдержадміністрації", C),
            ("ІГС", P),
            ("об'єднані територіальні громади", P),
        ],
    ),
    (
        "Департаменти: масових комунікацій, соціального захисту населення "
        "облдержадміністрації, ІГС (за згодою)",
        [
            ("Департамент масових комунікацій облдержадміністрації", L),
            ("Департамент соціального захисту населення облдержадміністрації", C),
            ("ІГС", P),
        ],
    ),
    (
        "Департамент масових комунікацій облдержадміністрації, Головне територіальне "
        "управління юстиції в Луганській області (за згодою)",
        [
            ("Департамент масових комунікацій облдержадміністрації", L),
            ("Головне територіальне управління юстиції в Луганській області", P),
        ],
    ),
    (
        "Управління освіти облдержадміністрації із залученням громадських організацій (за "
        "згодою)",
        [
            ("Управління освіти облдержадміністрації", L),
            ("громадських організацій", INV),
        ],
    ),
    # lv
    (
        'Biedrība "Dienvidlatgales NVO atbalsta centrs"',
        [("Dienvidlatgales NVO atbalsta centrs", L)],
    ),
    (
        "Valsts kanceleja; Kultūras ministrija; biedrība \"Latvijas Pilsoniskā alianse\" "
        "(pēc saskaņošanas)",
        [
            ("Valsts kanceleja", L),
            ("Kultūras ministrija", C),
            ("Latvijas Pilsoniskā alianse", P),
        ],
    ),
    (
        "Tieslietu ministrija, Finanšu ministrija, piesaistot nevalstiskās organizācijas",
        [
            ("Tieslietu ministrija", L),
            ("Finanšu ministrija", C),
            ("nevalstiskās organizācijas", INV),
        ],
    ),
    # en
    (
        "Ministry of Justice; Ministry of Finance (by agreement); Office of the Prime Minister "
        "with the involvement of civil society organisations",
        [
            ("Ministry of Justice", L),
            ("Ministry of Finance", P),
            ("Office of the Prime Minister", C),
            ("civil society organisations", INV),
        ],
    ),
    ("Department of Health, NGO Council", [("Department of Health", L), ("NGO Council", C)]),
    (
        "1. Минфин России;\n2. Минэкономразвития России и др.",
        [("Минфин России", L), ("Минэкономразвития России", C)],
    ),
    ("- Valsts kanceleja\n- NVO (pēc saskaņošanas)", [("Valsts kanceleja", L), ("NVO", P)]),
    # a piece after a comma with no body noun continues the name before it (tester 11)
    ("Відділ культури, сім'ї та молоді", [("Відділ культури, сім'ї та молоді", L)]),
    (
        "Управление образования, науки и молодёжной политики, Комитет по культуре",
        [("Управление образования, науки и молодёжной политики", L),
         ("Комитет по культуре", C)],
    ),
    (
        "Управління освіти, відділ культури, об'єднані територіальні громади (за згодою)",
        [("Управління освіти", L), ("відділ культури", C),
         ("об'єднані територіальні громади", P)],
    ),
    ("Nodaļa kultūras, sporta un jaunatnes jautājumos, Finanšu ministrija",
     [("Nodaļa kultūras, sporta un jaunatnes jautājumos", L), ("Finanšu ministrija", C)]),
    ("Department of Culture, youth and sport", [("Department of Culture, youth and sport", L)]),
]


@pytest.mark.parametrize(("cell", "expected"), CASES, ids=[c[0][:30] for c in CASES])
def test_split_executors(cell, expected):
    assert [(e.name, e.role) for e in split_executors(cell)] == expected


def test_partner_first_leaves_no_lead():
    # the caller flags this for a person rather than promoting a partner to lead
    assert [(e.name, e.role) for e in split_executors("ІГС (за згодою)")] == [("ІГС", P)]


def test_empty_cell_names_nobody():
    assert split_executors("  ") == []


def test_top_level_split_ignores_brackets_and_quotes():
    assert split_top_level('A (b, c), D «e, f», "g, h", I', ",") == [
        "A (b, c)", "D «e, f»", '"g, h"', "I"
    ]


_WORD = st.text(alphabet="абвгдежзиклмнопрстуфхцчшщыэюяіїєāēīūšžabcdefghijklmnoprstuvz",
                min_size=2, max_size=10)
_NAME = st.lists(_WORD, min_size=1, max_size=5).map(lambda ws: " ".join(ws).capitalize())


@settings(max_examples=200, deadline=None)
@given(
    people=st.lists(st.tuples(_NAME, st.booleans()), min_size=1, max_size=6),
    separator=st.sampled_from(["; ", ";\n", "\n", ", "]),
)
def test_joined_names_come_back_with_their_roles(people, separator):
    # conjunction words and legal forms are names' own business: keep them out of this test
    assume(all(not set(n.lower().split()) & {"и", "і", "та", "un", "and", "й"} for n, _ in people))
    # nor role phrases ("iesaistot": involving), which make what follows an involved body
    assume(not any(m in f" {n.lower()} " for n, _ in people for m in
                   (f" {w} " for w in INVOLVED_MARKERS)))
    cell = separator.join(f"{n} (за згодою)" if partner else n for n, partner in people)
    expected = []
    have_lead = False
    for name, partner in people:
        role = "partner" if partner else ("co" if have_lead else "lead")
        have_lead = have_lead or not partner
        expected.append((name, role))
    assert [(e.name, e.role) for e in split_executors(cell)] == expected
