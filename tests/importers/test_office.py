"""DOCX and XLSX plans built by the tests: merged cells, pages, repeated headers."""

from __future__ import annotations

import pytest

from reminder.importers.docx_reader import read_docx
from reminder.importers.importer import import_document
from reminder.importers.model import ImportFailed, Table
from tests.importers.builders import build_docx, build_xlsx
from tests.importers.conftest import TODAY, by_id, names

DOSVITA = "Департамент освіти облдержадміністрації"
KULTURA = "Управління культури облдержадміністрації"


def test_docx_reader_resolves_merged_cells(tmp_path):
    doc = read_docx(build_docx(tmp_path / "plan.docx"))
    first = next(b for b in doc.blocks if isinstance(b, Table))
    cells = [r.cells for r in first.rows]
    assert cells[2] == ["1. Підтримка ініціатив громадськості", "", "", ""]  # spans the table
    assert cells[3][2] == cells[4][2] == "протягом року"  # merged down two rows
    assert cells[3][3] == f"{DOSVITA}\n{KULTURA} (за згодою)"  # one line per paragraph


def test_docx_plan_split_over_pages(tmp_path):
    result = import_document(build_docx(tmp_path / "plan.docx"), today=TODAY)
    plan = result.plan
    assert [t.id for t in plan.tasks] == ["1.1", "1.2", "1.3", "2.1"]
    assert plan.period == "2021" and plan.language == "uk"
    assert plan.title == (
        "ПЛАН ЗАХОДІВ щодо розвитку громадянського суспільства в області на 2021 рік"
    )
    tasks = by_id(plan.tasks)
    assert tasks["1.1"].section == "1. Підтримка ініціатив громадськості"
    assert tasks["1.1"].deadline == tasks["1.2"].deadline == "протягом року"
    assert [(e.name, e.role) for e in tasks["1.1"].executors] == [
        (DOSVITA, "lead"), (KULTURA, "partner")
    ]
    # the row cut by the page break, and the repeated header is not a task
    assert tasks["1.3"].title == "Видання довідника громадського активіста"
    assert tasks["1.3"].deadline == "IV квартал"
    assert names(tasks["2.1"], "partner") == ["ІГС"]


def test_xlsx_plan_with_merged_ranges(tmp_path):
    result = import_document(build_xlsx(tmp_path / "plan.xlsx"), today=TODAY)
    plan = result.plan
    assert plan.title == "План мероприятий по поддержке НКО на 2023-2025 годы"
    assert plan.period == "2023-2025" and plan.language == "ru" and plan.country == "RU"
    assert [t.id for t in plan.tasks] == ["1.1", "1.2", "2.1"]
    tasks = by_id(plan.tasks)
    assert tasks["1.2"].deadline == "2023 год"  # from the range merged down
    assert tasks["1.1"].section == "1. Информационная поддержка"
    assert tasks["2.1"].section == "2. Имущественная поддержка"
    assert [(e.name, e.role) for e in tasks["1.1"].executors] == [
        ("Комитет по печати", "lead"), ("Общественная палата", "partner")
    ]
    assert names(tasks["1.2"], "involved") == ["СМИ"]
    assert tasks["1.1"].result == "Проведено 4 семинара"


@pytest.mark.parametrize("content", [b"PK\x03\x04 this is no zip", b"\x00\x01garbage" * 50,
                                     b"hello, not a word document"])
def test_broken_docx_is_a_clear_error(tmp_path, content):
    path = tmp_path / "broken.docx"
    path.write_bytes(content)
    with pytest.raises(ImportFailed, match="DOCX"):
        import_document(path, today=TODAY)


def test_broken_xlsx_is_a_clear_error(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(ImportFailed, match="XLSX"):
        import_document(path, today=TODAY)


def test_docx_title_from_a_heading_style(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("Утверждено распоряжением")
    d.add_heading("Развитие НКО Псковской области в 2024 году", level=0)
    d.add_paragraph("Пояснительная записка к плану.")
    table = d.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Мероприятие", "Срок", "Исполнитель"],
                          strict=True):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ["Форум НКО", "IV квартал", "Комитет"],
                          strict=True):
        cell.text = text
    path = tmp_path / "plan.docx"
    d.save(str(path))
    plan = import_document(path, today=TODAY).plan
    assert plan.title == "Развитие НКО Псковской области в 2024 году"
    assert [(t.id, t.deadline) for t in plan.tasks] == [("1", "IV квартал")]


def test_docx_automatic_numbering_in_the_number_column(tmp_path):
    # Word keeps "1.", "2." of a "List Number" column out of the text: the reader counts them.
    import docx

    d = docx.Document()
    d.add_paragraph("План заходів на 2022 рік")
    table = d.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ["№", "Захід", "Строк виконання"], strict=True):
        cell.text = text
    for title, deadline in (("Форум", "IV квартал"), ("Семінар", "II квартал"),
                            ("Конкурс", "протягом року")):
        row = table.add_row()
        row.cells[0].paragraphs[0].style = d.styles["List Number"]
        row.cells[1].text, row.cells[2].text = title, deadline
    path = tmp_path / "numbered.docx"
    d.save(str(path))
    plan = import_document(path, today=TODAY).plan
    assert [(t.id, t.title, t.deadline) for t in plan.tasks] == [
        ("1", "Форум", "IV квартал"), ("2", "Семінар", "II квартал"),
        ("3", "Конкурс", "протягом року"),
    ]


def test_docx_second_part_with_other_columns_and_an_annex(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("План мероприятий на 2025 год")
    for header, rows in (
        (["№", "Мероприятие", "Срок", "Исполнитель"],
         [["1", "Семинар", "I квартал", "Комитет по печати"]]),
        (["№", "Мероприятие", "Ожидаемый результат", "Срок", "Исполнитель"],
         [["2", "Форум", "Проведен форум", "III квартал", "Общественная палата"]]),
        (["№", "Мероприятие", "Сумма, тыс. руб."], [["1", "Семинар", "100"]]),  # annex
    ):
        table = d.add_table(rows=0, cols=len(header))
        for values in (header, *rows):
            for cell, text in zip(table.add_row().cells, values, strict=True):
                cell.text = text
        d.add_paragraph("")
    path = tmp_path / "two-parts.docx"
    d.save(str(path))
    tasks = import_document(path, today=TODAY).plan.tasks
    assert [(t.id, t.deadline, t.result) for t in tasks] == [
        ("1", "I квартал", None), ("2", "III квартал", "Проведен форум")
    ]


@pytest.mark.parametrize(("build", "name", "ids", "kind"), [
    (build_xlsx, "plan.docx", ["1.1", "1.2", "2.1"], "an Excel workbook (XLSX)"),
    (build_docx, "plan.xlsx", ["1.1", "1.2", "1.3", "2.1"], "a Word document (DOCX)"),
    (build_xlsx, "plan.csv", ["1.1", "1.2", "2.1"], "an Excel workbook (XLSX)"),
])
def test_a_file_named_as_another_format_is_read_as_what_it_is(tmp_path, build, name, ids,
                                                             kind):
    """A workbook saved as .docx (or the reverse, or renamed .csv) is read by its content,
    and a note says what it really is (openpyxl alone refuses a name not ending in .xlsx)."""
    source = build(tmp_path / ("built.xlsx" if build is build_xlsx else "built.docx"))
    path = source.rename(tmp_path / name)
    result = import_document(path, today=TODAY)
    assert [t.id for t in result.plan.tasks] == ids
    assert f"{name} is {kind}, whatever its name says: read as {kind[-5:-1]}" in result.notes


@pytest.mark.parametrize(("name", "content", "message"), [
    ("plan.csv", bytes(range(256)) * 8, "binary data, not a text document"),
    ("plan.docx", b"\x00\x01\x02garbage" * 50,
     "neither a Word document (DOCX) nor text: binary data, not a text document"),
    ("plan.xlsx", b"PK\x03\x04" + b"\x00" * 100,
     "not a readable Excel workbook (XLSX): a damaged ZIP archive"),
    ("plan.docx", None, "a ZIP archive holding neither a Word document (DOCX) nor an Excel "
                        "workbook (XLSX)"),
    ("plan.odt", "odt", "an OpenDocument file (LibreOffice .odt/.ods): save it as DOCX or "
                        "XLSX"),
])
def test_what_is_no_office_document_says_what_it_is(tmp_path, name, content, message):
    import io
    import zipfile

    if content is None or content == "odt":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            if content == "odt":
                archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
            archive.writestr("content.xml", "<office:document-content/>")
        content = buffer.getvalue()
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportFailed) as caught:
        import_document(path, today=TODAY)
    assert str(caught.value).startswith(message)


def test_a_text_file_named_docx_that_holds_no_plan_says_it_is_text(tmp_path):
    path = tmp_path / "letter.docx"
    path.write_text("Добрый день! Высылаем материалы.", encoding="utf-8")
    with pytest.raises(ImportFailed) as caught:
        import_document(path, today=TODAY)
    assert str(caught.value).endswith("(letter.docx is not a Word document (DOCX) but a text "
                                      "file: read as text)")


def test_a_document_too_big_to_be_a_plan_is_refused_unread(tmp_path, monkeypatch):
    from reminder.importers import importer

    monkeypatch.setattr(importer, "MAX_BYTES", 1000)
    path = tmp_path / "big.csv"
    path.write_text("a;b\n" * 300, encoding="utf-8")
    with pytest.raises(ImportFailed, match="larger than 0 MB: not a plan document"):
        import_document(path, today=TODAY)
