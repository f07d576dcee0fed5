"""Executor names: normalisation, matching and suggestions (reused by the engine)."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from reminder.config import Directory, ExecutorEntry, normalise_name


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # case, spacing, line breaks
        ("Департамент масових комунікацій", "департамент  масових\nкомунікацій"),
        # abbreviations officials mix with the long forms
        ("Департамент масових комунікацій облдержадміністрації",
         "Департамент масових комунікацій ОДА"),
        ("Департамент масових комунікацій облдержадміністрації",
         "Департамент масових комунікацій обласної державної адміністрації"),
        ("райдержадміністрації", "районні державні адміністрації"),
        ("виконкоми міських рад", "виконком міських рад"),  # seed 004, row 6.1
        ("Інститути громадянського суспільства", "ІГС"),
        ("органы местного самоуправления", "ОМСУ"),
        ("социально ориентированные некоммерческие организации", "СО НКО"),
        # quotes, apostrophes and dashes of every width
        ("ГО «Громадська ініціатива Луганщини»", 'ГО "Громадська ініціатива Луганщини"'),
        ("об'єднані територіальні громади", "обʼєднані територіальні громади"),
        ("Комитет - ЛО", "Комитет — ЛО"),
        ("районов/городского округа", "районов / городского округа"),
        # role markers belong to the row, not the name
        ("ІГС (за згодою)", "ІГС"),
        ("Комитет (по согласованию)", "Комитет"),
        ("NVO (pēc saskaņošanas)", "NVO"),
        # legal form before a Latvian association's name
        ('Biedrība "Dienvidlatgales NVO atbalsta centrs"', "Dienvidlatgales NVO atbalsta centrs"),
        ("Объединённые", "объединенные"),
    ],
)
def test_same_body_same_normal_form(a: str, b: str) -> None:
    assert normalise_name(a) == normalise_name(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Департамент масових комунікацій", "Департамент соціального захисту"),
        ("Комитет по печати Ленинградской области",
         "Комитет правового обеспечения Ленинградской области"),
        ("Громадська рада при облдержадміністрації", "Громадська організація"),
    ],
)
def test_different_bodies_stay_apart(a: str, b: str) -> None:
    assert normalise_name(a) != normalise_name(b)


DIRECTORY = Directory([
    ExecutorEntry(id="dmk", name="Департамент масових комунікацій облдержадміністрації",
                  aliases=["ДМК"], language="uk"),
    ExecutorEntry(id="social", language="uk",
                  name="Департамент соціального захисту населення облдержадміністрації"),
    ExecutorEntry(id="kok", name="Комитет общественных коммуникаций Ленинградской области",
                  language="ru"),
])


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("dmk", "dmk"),
        ("ДМК", "dmk"),
        ("департамент масових комунікацій ОДА", "dmk"),
        ("Комитет общественных коммуникаций Ленинградской области;", "kok"),
        ("Департамент культури", None),
    ],
)
def test_match(name: str, expected: str | None) -> None:
    found = DIRECTORY.match(name)
    assert (found.id if found else None) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Департамент масових комунікацiй облдержадмiнiстрацiї", ["dmk"]),  # Latin i
        ("Департамент соціального захисту облдержадміністрації", ["social"]),
        ("Комитет общественных коммуникаций", ["kok"]),
        ("Міністерство фінансів", []),
    ],
)
def test_suggest_closest(name: str, expected: list[str]) -> None:
    assert [e.id for e in DIRECTORY.suggest(name)][:1] == expected


def test_clashing_names_are_recorded() -> None:
    directory = Directory([
        ExecutorEntry(id="a", name="Комитет", language="ru"),
        ExecutorEntry(id="b", name="Отдел", aliases=["КОМИТЕТ"], language="ru"),
    ])
    assert [(label, first.id, second.id) for label, first, second in directory.clashes] == [
        ("КОМИТЕТ", "a", "b")
    ]

WORDS = st.sampled_from([
    "Департамент", "облдержадміністрації", "ОДА", "обласної", "державної", "адміністрації",
    "(за згодою)", "«", "»", "'", "—", "-", "/", " ", "  ", "\n", "biedrība", "Biedrība", "НКО",
    "некоммерческие", "организации", "социально", "ориентированные", "Ё", "ё", "ІГС", ";", ".",
    "виконкоми", "виконавчий", "комітет", "органы", "местного", "самоуправления", "x",
])


@given(st.lists(WORDS, max_size=12).map(" ".join))
@example("biedrība biedrība x")
def test_normalising_twice_changes_nothing(text: str) -> None:
    once = normalise_name(text)
    assert normalise_name(once) == once


def test_load_directory_alone(tmp_path) -> None:
    from reminder.config import ConfigError, load_directory
    from tests.config.conftest import EXECUTORS

    good = tmp_path / "executors.yaml"
    good.write_text(EXECUTORS, encoding="utf-8")
    assert [e.id for e in load_directory(good)] == ["sec", "dmk", "social", "igs"]
    bad = tmp_path / "bad.yaml"
    bad.write_text(EXECUTORS.replace("supervisor: sec", "supervisor: nobody", 1) + "    x: 1\n",
                   encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_directory(bad)
    assert [str(p).replace(str(tmp_path) + "/", "") for p in caught.value.problems] == [
        "bad.yaml:22: executors[3].x: error: unknown key; allowed here: id, name, aliases, "
        "language, email, telegram, supervisor, partner",
    ]
    bad.write_text(EXECUTORS.replace("supervisor: sec", "supervisor: nobody", 1), "utf-8")
    with pytest.raises(ConfigError, match="'nobody' is not an executor id"):
        load_directory(bad)
