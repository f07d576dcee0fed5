"""Word's automatic list numbers, counted as Word shows them."""

from __future__ import annotations

from docx.oxml import parse_xml

from reminder.importers.docx_numbering import Numbering, _Level

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _p(num_id: str, ilvl: int) -> object:
    return parse_xml(
        f'<w:p {W}><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/>'
        "</w:numPr></w:pPr></w:p>"
    )


def test_multilevel_counters_restart_deeper_levels():
    numbering = Numbering(levels={"7": {
        0: _Level("upperRoman", 1, "%1."),
        1: _Level("decimal", 1, "%1.%2."),
        2: _Level("russianLower", 1, "%3)"),
    }})
    sequence = [(0), (1), (1), (2), (2), (0), (1), (2)]
    labels = [numbering.label(_p("7", level)) for level in sequence]
    assert labels == ["I.", "I.1.", "I.2.", "а)", "б)", "II.", "II.1.", "а)"]


def test_bullets_and_unnumbered_paragraphs():
    numbering = Numbering(levels={"3": {0: _Level("bullet", 1, "•")}})
    assert numbering.label(_p("3", 0)) == "-"
    assert numbering.label(parse_xml(f"<w:p {W}/>")) is None
    assert numbering.label(_p("0", 0)) is None  # numId 0 switches numbering off
    assert numbering.label(_p("99", 0)) is None  # a list the document does not define


def test_start_value_and_two_lists_count_apart():
    numbering = Numbering(levels={"1": {0: _Level("decimal", 5, "%1.")},
                                  "2": {0: _Level("lowerLetter", 1, "%1)")}})
    got = [numbering.label(_p(n, 0)) for n in ("1", "2", "1", "2")]
    assert got == ["5.", "a)", "6.", "b)"]
