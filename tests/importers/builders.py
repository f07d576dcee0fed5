"""Documents the tests build: DOCX with merged cells and a table split over pages, XLSX."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
from docx.enum.text import WD_BREAK

HEADER = ["№ з/п", "Найменування заходу", "Строк виконання", "Відповідальні за виконання"]


def _fill_row(row, values: list[str]) -> None:  # type: ignore[no-untyped-def]
    for cell, value in zip(row.cells, values, strict=False):
        lines = value.split("\n")
        cell.text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)


def build_docx(path: Path) -> Path:
    """A Ukrainian plan: title over two paragraphs, column-number row, merged section row,
    a deadline merged down two rows, a multi-line executors cell, and a second table after a
    page break that repeats the header and begins with the rest of the last row."""
    d = docx.Document()
    d.add_paragraph("ПЛАН ЗАХОДІВ")
    d.add_paragraph("щодо розвитку громадянського суспільства в області на 2021 рік")
    t1 = d.add_table(rows=0, cols=4)
    for values in (HEADER, ["1", "2", "3", "4"]):
        _fill_row(t1.add_row(), values)
    section = t1.add_row()
    section.cells[0].merge(section.cells[3])  # a heading spanning the table
    section.cells[0].text = "1. Підтримка ініціатив громадськості"
    r11, r12 = t1.add_row(), t1.add_row()
    _fill_row(r11, ["1.1", "Проведення конкурсу проєктів", "", "Департамент освіти "
                    "облдержадміністрації\nУправління культури облдержадміністрації (за згодою)"])
    _fill_row(r12, ["1.2", "Проведення форуму", "", "Управління культури облдержадміністрації"])
    merged = r11.cells[2].merge(r12.cells[2])  # one deadline for both rows
    merged.text = "протягом року"
    _fill_row(t1.add_row(), ["1.3", "Видання довідника", "IV квартал",
                             "Департамент освіти облдержадміністрації"])
    d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    t2 = d.add_table(rows=0, cols=4)
    _fill_row(t2.add_row(), HEADER)  # the header repeated on the new page
    _fill_row(t2.add_row(), ["", "громадського активіста", "", ""])  # 1.3 goes on
    _fill_row(t2.add_row(), ["2.1", "Навчання представників ІГС", "III квартал",
                             "Департамент освіти облдержадміністрації, ІГС (за згодою)"])
    d.save(str(path))
    return path


def build_big_docx(path: Path, rows: int) -> Path:
    """A plan table of ``rows`` tasks in ten sections (for the benchmark and the progress)."""
    d = docx.Document()
    d.add_paragraph("План мероприятий на 2024 год")
    t = d.add_table(rows=1, cols=5)
    _fill_row(t.rows[0], ["№", "Наименование мероприятия", "Ожидаемый результат",
                          "Срок исполнения", "Исполнитель"])
    deadlines = ["I квартал", "2 – 3 квартал 2024 года", "ежеквартально", "до 15 марта 2024 г.",
                 "в течение года", "IV квартал"]
    per_section = max(1, rows // 10)
    for i in range(rows):
        s, k = divmod(i, per_section)
        if k == 0:
            row = t.add_row()
            row.cells[0].merge(row.cells[4])
            row.cells[0].text = f"{s + 1}. Раздел {s + 1}"
        _fill_row(t.add_row(), [
            f"{s + 1}.{k + 1}", f"Мероприятие номер {i + 1} по развитию НКО",
            f"Результат {i + 1}", deadlines[i % len(deadlines)],
            "Комитет общественных коммуникаций; Общественная палата (по согласованию)",
        ])
    d.save(str(path))
    return path


def build_xlsx(path: Path) -> Path:
    """A Russian plan in a sheet: merged title, merged section rows, a deadline merged down."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "План мероприятий по поддержке НКО на 2023-2025 годы"
    ws.merge_cells("A1:E1")
    ws.append([])
    ws.append(["№ п/п", "Наименование мероприятия", "Ожидаемый результат", "Срок исполнения",
               "Исполнитель"])
    ws.append(["1. Информационная поддержка"])
    ws.merge_cells("A4:E4")
    ws.append([1.1, "Семинары для НКО", "Проведено 4 семинара", "2023 год",
               "Комитет по печати; Общественная палата (по согласованию)"])
    ws.append([1.2, "Публикации о НКО", "50 публикаций", None,
               "Комитет по печати с привлечением СМИ"])
    ws.merge_cells("D5:D6")  # both rows share "2023 год"
    ws.append(["2. Имущественная поддержка"])
    ws.merge_cells("A7:E7")
    ws.append(["2.1", "Реестр помещений", "Реестр размещен", "IV квартал 2024 года",
               "Комитет по управлению имуществом"])
    wb.save(str(path))
    return path


def build_numbered_docx(path: Path, numbers: list[str], titles: list[str] | None = None) -> Path:
    """A Ukrainian plan whose number column holds ``numbers`` as the document writes them
    (item numbers that are no valid ids, repeated or empty ones), one task per number."""
    titles = titles or [f"Захід номер {i + 1}" for i in range(len(numbers))]
    d = docx.Document()
    d.add_paragraph("План заходів на 2021 рік")
    t = d.add_table(rows=0, cols=4)
    _fill_row(t.add_row(), HEADER)
    for number, title in zip(numbers, titles, strict=True):
        _fill_row(t.add_row(), [number, title, "IV квартал",
                                "Департамент освіти облдержадміністрації"])
    d.save(str(path))
    return path


def build_numbered_xlsx(path: Path, numbers: list[object]) -> Path:
    """The same plan as a sheet; numbers may be cells of any type (1.1 as a float, "1 а")."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["План мероприятий на 2023 год"])
    ws.append(["№ п/п", "Наименование мероприятия", "Срок исполнения", "Исполнитель"])
    for i, number in enumerate(numbers):
        ws.append([number, f"Мероприятие номер {i + 1}", "IV квартал",
                   "Комитет по печати"])
    wb.save(str(path))
    return path
