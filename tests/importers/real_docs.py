"""Plan documents laid out as real public plans are, with the tasks a coordinator expects.

The layouts and wording follow published plans and orders: the Russian two-row header with
"Срок исполнения" merged over its parts and an "Ответственный исполнитель" column (regional
anti-corruption and development plans), Ukrainian oblast plans whose narrow columns hyphenate
"Виконавець", a Latvian action plan with "Atbildīgā institūcija" / "Līdzatbildīgās
institūcijas" and sections numbered I, II with items restarting at 1, and orders ("наказ",
"приказ", "rīkojums") whose items address a body and list dated sub-items. Each document is
built here (DOCX with python-docx, XLSX with openpyxl, text) and comes with its expected tasks,
written by hand: id, deadline text, lead, co-executors.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import docx
import openpyxl


@dataclass(frozen=True)
class Expected:
    """A task as the coordinator expects it from the document."""

    id: str
    deadline: str | None
    lead: str | None
    co: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()


@dataclass(frozen=True)
class RealDoc:
    """A document builder and what importing it must give."""

    name: str
    build: Callable[[Path], Path]
    tasks: tuple[Expected, ...]
    notes: dict[str, str] = field(default_factory=dict)  # task id -> a comment it must carry


def _cells(row, values: list[str]) -> None:  # type: ignore[no-untyped-def]
    for cell, value in zip(row.cells, values, strict=False):
        if value:
            cell.text = value


# --- ru: a two-row header, "Срок исполнения" over "начало | окончание" ----------------------
def build_ru_two_row_docx(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("ПЛАН")
    d.add_paragraph("мероприятий по противодействию коррупции в Министерстве спорта на 2024 год")
    t = d.add_table(rows=2, cols=5)
    top, sub = t.rows[0], t.rows[1]
    for col in (0, 1, 4):  # merged down over the sub-header row
        top.cells[col].merge(sub.cells[col])
    top.cells[2].merge(top.cells[3])  # merged across over "начало | окончание"
    t.cell(0, 0).text = "№ п/п"
    t.cell(0, 1).text = "Наименование мероприятия"
    t.cell(0, 2).text = "Срок исполнения"
    t.cell(0, 4).text = "Ответственный исполнитель"
    t.cell(1, 2).text = "начало"
    t.cell(1, 3).text = "окончание"
    _cells(t.add_row(), ["1", "2", "3", "4", "5"])
    section = t.add_row()
    section.cells[0].merge(section.cells[4]).text = "1. Организационные мероприятия"
    for values in (
        ["1.1", "Разработка и утверждение плана работы комиссии по противодействию коррупции",
         "01.02.2024", "01.03.2024", "Отдел кадров; Иванов И.И."],
        ["1.2", "Мониторинг изменений антикоррупционного законодательства",
         "I квартал 2024 г.", "IV квартал 2024 г.", "Юридический отдел"],
        # no number, but its own deadline and executor: a task of its own
        ["", "Подготовка обзора изменений законодательства для руководителей подразделений",
         "", "30.06.2024", "Юридический отдел"],
    ):
        _cells(t.add_row(), values)
    section = t.add_row()
    section.cells[0].merge(section.cells[4]).text = "2. Антикоррупционное просвещение"
    for values in (
        ["2.1", "Проведение семинаров для старшеклассников", "01.09.2024", "20.12.2024",
         "лицеи 1, 2, 3, Управление образования"],
        ["2.2", "Конкурс социальной рекламы «Скажи коррупции нет»", "", "до 1 ноября 2024 г.",
         "ГУ «Школа № 1, 2, 3»"],
    ):
        _cells(t.add_row(), values)
    d.save(str(path))
    return path


RU_TWO_ROW = RealDoc("ru-two-row.docx", build_ru_two_row_docx, (
    Expected("1.1", "01.02.2024 – 01.03.2024", "Отдел кадров", ("Иванов И.И.",)),
    Expected("1.2", "I квартал 2024 г. – IV квартал 2024 г.", "Юридический отдел"),
    Expected("1.2a", "30.06.2024", "Юридический отдел"),
    Expected("2.1", "01.09.2024 – 20.12.2024", "лицеи 1, 2, 3", ("Управление образования",)),
    Expected("2.2", "до 1 ноября 2024 г.", "ГУ «Школа № 1, 2, 3»"),
))


# --- uk: header words hyphenated in narrow columns --------------------------------------------
def build_uk_hyphenated_docx(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("ПЛАН ЗАХОДІВ")
    d.add_paragraph("щодо взаємодії з інститутами громадянського суспільства на 2024 рік")
    t = d.add_table(rows=1, cols=4)
    head = t.rows[0].cells
    head[0].text = "№ з/п"
    head[1].text = "Найменування за-"
    head[1].add_paragraph("ходу")  # the word goes on in the cell's next line
    head[2].text = "Строк вико-нання"
    head[3].text = "Викона-"
    head[3].add_paragraph("вець")
    for values in (
        ["1", "Проведення засідань громадської ради при облдержадміністрації", "щокварталу",
         "Відділ комунікацій з громадськістю"],
        ["2", "Оновлення розділу «Громадянське суспільство» на офіційному вебсайті",
         "до 01.03.2024", "Шумак Т.В., відділ інформаційної діяльності"],
        ["3", "Проведення щорічного форуму громадських організацій", "II квартал 2024 року",
         "Департамент масових комунікацій; Обласна рада (за згодою)"],
    ):
        _cells(t.add_row(), values)
    d.save(str(path))
    return path


UK_HYPHENATED = RealDoc("uk-hyphenated.docx", build_uk_hyphenated_docx, (
    Expected("1", "щокварталу", "Відділ комунікацій з громадськістю"),
    Expected("2", "до 01.03.2024", "Шумак Т.В.", ("відділ інформаційної діяльності",)),
    Expected("3", "II квартал 2024 року", "Департамент масових комунікацій",
             partners=("Обласна рада",)),
))


# --- lv: sections I, II with numbering restarting at 1; hyphenated "institū-cija" -------------
def build_lv_sections_xlsx(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Rīcības plāns atvērtas pārvaldības veicināšanai 2024.–2025. gadam"])
    ws.merge_cells("A1:E1")
    ws.append(["Nr. p. k.", "Pasākums", "Atbildīgā institū-\ncija",
               "Līdzatbildīgās institūcijas", "Izpildes termiņš"])
    rows: list[list[str]] = [
        ["I. Sabiedrības līdzdalība"],
        ["1.", "Izstrādāt vadlīnijas sabiedrības līdzdalībai attīstības plānošanā",
         "Valsts kanceleja",
         'Tieslietu ministrija, Biedrība "Latvijas Pilsoniskā alianse" (pēc saskaņošanas)',
         "2024. gada II ceturksnis"],
        ["2.", "Organizēt apmācības valsts pārvaldes darbiniekiem", "Valsts administrācijas skola",
         "", "līdz 2024. gada 31. decembrim"],
        ["II. Pārskatatbildība"],
        ["1.", "Publicēt pārskatu par plāna izpildi", "Valsts kanceleja", "",
         "2025. gada 1. jūlijs"],
        ["2.", "Izvērtēt plāna izpildi un sagatavot priekšlikumus", "Valsts kanceleja",
         "Finanšu ministrija", "2025. gada sākumā"],
    ]
    for values in rows:
        ws.append(values)
        if len(values) == 1:
            ws.merge_cells(f"A{ws.max_row}:E{ws.max_row}")
    wb.save(str(path))
    return path


LV_SECTIONS = RealDoc("lv-sections.xlsx", build_lv_sections_xlsx, (
    Expected("I.1", "2024. gada II ceturksnis", "Valsts kanceleja", ("Tieslietu ministrija",),
             ("Latvijas Pilsoniskā alianse",)),
    Expected("I.2", "līdz 2024. gada 31. decembrim", "Valsts administrācijas skola"),
    Expected("II.1", "2025. gada 1. jūlijs", "Valsts kanceleja"),
    Expected("II.2", "2025. gada sākumā", "Valsts kanceleja", ("Finanšu ministrija",)),
), notes={"II.2": "an approximate reading"})


# --- ru: "Исполнители" over "ответственный | соисполнители"; sections "Раздел 1", "Раздел 2" ---
def build_ru_executor_groups_xlsx(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["План мероприятий по развитию местного самоуправления на 2023 год"])
    ws.merge_cells("A1:E1")
    ws.append(["№", "Наименование мероприятия", "Срок", "Исполнители", None])
    ws.append([None, None, None, "ответственный", "соисполнители"])
    for col in "ABC":
        ws.merge_cells(f"{col}2:{col}3")
    ws.merge_cells("D2:E2")
    rows: list[list[str]] = [
        ["Раздел 1. Нормативное обеспечение"],
        ["1", "Подготовка проекта постановления о территориальном общественном самоуправлении",
         "III квартал 2023 г.", "Комитет по местному самоуправлению", "Юридическое управление"],
        ["2", "Внесение изменений в положение о старостах", "до 30.09.2023",
         "Комитет по местному самоуправлению", ""],
        ["Раздел 2. Информационное сопровождение"],
        ["1", "Освещение деятельности ТОС в средствах массовой информации", "ежеквартально",
         "Комитет общественных коммуникаций", "СО НКО (по согласованию)"],
    ]
    for values in rows:
        ws.append(values)
        if len(values) == 1:
            ws.merge_cells(f"A{ws.max_row}:E{ws.max_row}")
    wb.save(str(path))
    return path


RU_EXECUTOR_GROUPS = RealDoc("ru-executor-groups.xlsx", build_ru_executor_groups_xlsx, (
    Expected("1.1", "III квартал 2023 г.", "Комитет по местному самоуправлению",
             ("Юридическое управление",)),
    Expected("1.2", "до 30.09.2023", "Комитет по местному самоуправлению"),
    Expected("2.1", "ежеквартально", "Комитет общественных коммуникаций",
             partners=("СО НКО",)),
), notes={"1.1": "read as: 2023-07-01..2023-09-30, due Mon 2 Oct 2023 (30 Sep is a Saturday)"})


# --- orders: an addressee item, dated sub-items ------------------------------------------------
UK_ORDER_TEXT = """\
НАКАЗ
від 15 січня 2024 року № 12
Про організацію роботи зі зверненнями громадян
НАКАЗУЮ:
1. Керівникам структурних підрозділів:
1.1. До 01.03.2024 забезпечити оновлення інформації про порядок прийому громадян на \
офіційному вебсайті.
1.2. Щокварталу до 5 числа місяця, що настає за звітним кварталом, подавати інформацію про \
розгляд звернень.
2. Відділу документообігу до 15 лютого 2024 року підготувати узагальнену довідку.
3. Контроль за виконанням цього наказу залишаю за собою.
"""

RU_ORDER_TEXT = """\
ПРИКАЗ
от 10 января 2024 г. № 5
О мерах по повышению открытости министерства
ПРИКАЗЫВАЮ:
1. Руководителям структурных подразделений: 1.1. В срок до 01.03.2024 обеспечить \
актуализацию сведений на официальном сайте; 1.2. Ежеквартально до 10 числа месяца, \
следующего за отчетным кварталом, представлять отчет о рассмотрении обращений.
2. Комитету экономики в срок до 15 марта 2024 г. представить предложения по плану.
3. Контроль за исполнением настоящего приказа оставляю за собой.
"""

LV_ORDER_TEXT = """\
Ministru kabineta rīkojums Nr. 238
Rīgā 2024. gada 10. janvārī
Par Atvērtās pārvaldības rīcības plānu
1. Ministrijām:
1.1. līdz 2024. gada 1. martam nodrošināt informācijas publicēšanu savās tīmekļvietnēs;
1.2. līdz 2024. gada 1. jūlijam iesniegt Valsts kancelejā informāciju par plāna izpildi.
2. Vides aizsardzības un reģionālās attīstības ministrijai līdz 2026. gada 1. martam \
iesniegt Ministru kabinetā ziņojumu par plāna īstenošanas gaitu.
"""


def _text(content: str) -> Callable[[Path], Path]:
    def build(path: Path) -> Path:
        path.write_text(content, encoding="utf-8")
        return path

    return build


UK_ORDER = RealDoc("uk-order.txt", _text(UK_ORDER_TEXT), (
    Expected("1.1", "До 01.03.2024", "Керівники структурних підрозділів"),
    Expected("1.2", "Щокварталу до 5 числа місяця, що настає за звітним кварталом",
             "Керівники структурних підрозділів"),
    Expected("2", "до 15 лютого 2024 року", "Відділ документообігу"),
))
RU_ORDER = RealDoc("ru-order.txt", _text(RU_ORDER_TEXT), (
    Expected("1.1", "В срок до 01.03.2024", "Руководители структурных подразделений"),
    Expected("1.2", "Ежеквартально до 10 числа месяца, следующего за отчетным кварталом",
             "Руководители структурных подразделений"),
    Expected("2", "в срок до 15 марта 2024 г.", "Комитет экономики"),
))
LV_ORDER = RealDoc("lv-order.txt", _text(LV_ORDER_TEXT), (
    Expected("1.1", "līdz 2024. gada 1. martam", "Ministrijas"),
    Expected("1.2", "līdz 2024. gada 1. jūlijam", "Ministrijas"),
    Expected("2", "līdz 2026. gada 1. martam",
             "Vides aizsardzības un reģionālās attīstības ministrija"),
))

# Orders naming the responsible official in brackets after the body, a partner addressed in
# the dative first, and a dated heading line (tester 12).
UK_ORDER_OFFICIALS_TEXT = """\
НАКАЗ
від 15 січня 2024 року № 7
Про організацію роботи з підготовки закладів освіти до нового навчального року у 2024 році
НАКАЗУЮ:
1. Відділ загальної середньої освіти (Коваленко О.П.) до 1 червня 2024 року підготувати \
звіт про готовність закладів.
2. Комунальному закладу «Центр професійного розвитку педагогічних працівників» (за згодою), \
відділу культури до 1 березня 2024 року забезпечити проведення семінару.
"""

RU_ORDER_OFFICIALS_TEXT = """\
ПРИКАЗ
от 12 января 2024 г. № 3
О подготовке образовательных организаций к новому учебному году в 2024 году
ПРИКАЗЫВАЮ:
1. Отдел общего образования (Петрова А.А.) до 1 июня 2024 года подготовить сводный отчёт.
2. МКУ «Центр обеспечения деятельности» (Кузнецов В.В.) обеспечить до 1 августа 2024 года \
ремонт школ.
"""

UK_ORDER_OFFICIALS = RealDoc("uk-order-officials.txt", _text(UK_ORDER_OFFICIALS_TEXT), (
    Expected("1", "до 1 червня 2024 року", "Відділ загальної середньої освіти"),
    # written as in the text, lower case: the directory folds case when it matches names
    Expected("2", "до 1 березня 2024 року", "відділ культури",
             partners=("Комунальний заклад «Центр професійного розвитку педагогічних "
                       "працівників»",)),
))
RU_ORDER_OFFICIALS = RealDoc("ru-order-officials.txt", _text(RU_ORDER_OFFICIALS_TEXT), (
    Expected("1", "до 1 июня 2024 года", "Отдел общего образования"),
    Expected("2", "до 1 августа 2024 года", "МКУ «Центр обеспечения деятельности»"),
))

ALL = (RU_TWO_ROW, UK_HYPHENATED, LV_SECTIONS, RU_EXECUTOR_GROUPS, UK_ORDER, RU_ORDER,
       LV_ORDER, UK_ORDER_OFFICIALS, RU_ORDER_OFFICIALS)
