"""Text, CSV, Markdown and HTML plans; encodings; prose and protocols; what is not a plan."""

from __future__ import annotations

import pytest

from reminder.importers.cleanup import clean_text
from reminder.importers.encoding import decode
from reminder.importers.importer import import_document
from reminder.importers.model import ImportFailed
from reminder.importers.yaml_out import render
from tests.importers.conftest import TODAY, by_id, names

RU_PLAN = (
    "План мероприятий по поддержке НКО на 2024 год\n\n"
    "№\tНаименование мероприятия\tСрок исполнения\tИсполнитель\n"
    "1.\tПоддержка НКО\t\t\n"
    "1.1\tКонкурс субсидий\tIV квартал\tКомитет по печати; Общественная палата (по согласованию)\n"
    "1.2\tСеминары\tежеквартально\tКомитет по печати с привлечением ресурсных центров\n"
)


def test_windows_1251_text_imports_with_a_note(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes(RU_PLAN.encode("cp1251"))
    result = import_document(path, today=TODAY)
    assert any("Windows-1251" in n for n in result.notes)
    tasks = by_id(result.plan.tasks)
    assert tasks["1.1"].deadline == "IV квартал"
    assert names(tasks["1.1"]) == ["Комитет по печати", "Общественная палата"]
    assert tasks["1.2"].section == "1. Поддержка НКО"
    assert result.plan.period == "2024"


def test_utf8_bom_is_noted_and_stripped(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes(b"\xef\xbb\xbf" + RU_PLAN.encode())
    result = import_document(path, today=TODAY)
    assert result.plan.title == "План мероприятий по поддержке НКО на 2024 год"
    assert any("BOM" in n for n in result.notes)


@pytest.mark.parametrize("codec", ["cp1251", "cp1257", "utf-8"])
def test_decode_picks_the_code_page_that_reads(codec):
    text = {
        "cp1251": "Срок исполнения: IV квартал, Комитет общественных коммуникаций",
        "cp1257": "Atbildīgie un termiņi tiks noteikti, kad darbu uzsāks darba grupas",
        "utf-8": "Строк виконання: протягом року; Департамент масових комунікацій",
    }[codec]
    decoded, note = decode(text.encode(codec))
    assert decoded == text
    assert (note is None) == (codec == "utf-8")


def test_csv_with_semicolons_and_english_header(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text(
        "No.;Action;Expected result;Deadline;Responsible\n"
        "1;Publish open data;Data portal updated;by 30 June 2025;"
        "Ministry of Justice, NGO Council (by agreement)\n"
        "2;\"Train staff; twice\";100 trained;Q3 2025;Department of Health\n",
        encoding="utf-8",
    )
    result = import_document(path, lang="en", today=TODAY)
    tasks = by_id(result.plan.tasks)
    assert list(tasks) == ["1", "2"]
    assert tasks["1"].deadline == "by 30 June 2025"
    assert [(e.name, e.role) for e in tasks["1"].executors] == [
        ("Ministry of Justice", "lead"), ("NGO Council", "partner")
    ]
    assert tasks["2"].title == "Train staff; twice"
    assert result.plan.language == "en"


# (file name, content): a title line above a ";" or tab table, as exported from a spreadsheet
CSV_WITH_TITLE = (
    "План заходів відділу культури на 2024 рік\n"
    "№{d}Найменування заходу{d}Строк виконання{d}Відповідальні\n"
    "1{d}Провести семінар{d}до 1 березня 2024 року{d}Відділ культури, сім'ї та молоді\n"
    "2{d}Підготувати звіт{d}IV квартал{d}Управління освіти\n"
)


@pytest.mark.parametrize(("name", "delimiter"), [
    ("plan.csv", ";"), ("plan.tsv", "\t"), ("plan.txt", ";"), ("plan.txt", "\t"),
    ("plan.csv", ","), ("plan.txt", ","),
])
def test_delimited_table_under_a_title_line(tmp_path, name, delimiter):
    """Tester 14/15: the title line is the plan's title (and names its period); the table
    below it is read whatever the delimiter and whether the file is called .csv or .txt."""
    path = tmp_path / name
    text = CSV_WITH_TITLE.format(d=delimiter)
    if delimiter == ",":
        text = text.replace("Відділ культури, сім'ї та молоді", "\"Відділ культури, сім'ї та молоді\"")
    path.write_text(text, encoding="utf-8")
    result = import_document(path, today=TODAY)
    plan = result.plan
    assert result.mode == "table"
    assert plan.title == "План заходів відділу культури на 2024 рік"
    assert plan.period == "2024"
    assert (plan.language, plan.country) == ("uk", "UA")
    tasks = by_id(plan.tasks)
    assert list(tasks) == ["1", "2"]
    assert tasks["1"].deadline == "до 1 березня 2024 року"
    assert [(e.name, e.role) for e in tasks["1"].executors] == [
        ("Відділ культури, сім'ї та молоді", "lead")]


def test_csv_title_names_the_country(tmp_path):
    """Country detection reads a CSV's title row, as it reads a document's head."""
    path = tmp_path / "plan.csv"
    path.write_text("План мероприятий Республики Казахстан на 2024 год\n"
                    "№;Мероприятие;Срок;Исполнитель\n1;Семинар;до 1 марта 2024 г.;Министерство "
                    "культуры\n", encoding="utf-8")
    plan = import_document(path, today=TODAY).plan
    assert (plan.title, plan.country) == ("План мероприятий Республики Казахстан на 2024 год", "KZ")


def test_partner_named_first_hands_the_lead_on_with_a_comment(tmp_path):
    """Tester 13: the lead moving past a "(за згодою)" name is said in the YAML, and a row of
    partners only is warned."""
    path = tmp_path / "plan.csv"
    path.write_text("№;Захід;Строк;Виконавці\n"
                    "1;Семінар;IV квартал;Управління освіти (за згодою), Департамент фінансів\n"
                    "2;Форум;III квартал;ГО «Світанок» (за згодою)\n", encoding="utf-8")
    result = import_document(path, today=TODAY)
    tasks = by_id(result.plan.tasks)
    assert [(e.name, e.role) for e in tasks["1"].executors] == [
        ("Управління освіти", "partner"), ("Департамент фінансів", "lead")]
    assert tasks["1"].comments["executors"] == [
        "lead: 'Департамент фінансів', the first name that is not a partner ('Управління "
        "освіти' comes first but is a partner): check who answers for the task"]
    assert tasks["2"].comments["executors"] == [
        "no lead executor (all are partners or involved): choose one"]
    yaml_text = render(result.plan)
    assert "# lead: 'Департамент фінансів', the first name that is not a partner" in yaml_text


def test_prose_with_commas_is_not_read_as_a_csv(tmp_path):
    """Sentences with commas do not keep the same count line after line: still prose."""
    path = tmp_path / "order.txt"
    path.write_text("ПРИКАЗ\n15 января 2024 года\n"
                    "1. Комитету по культуре, совместно с отделом образования, до 1 марта 2024 "
                    "года провести семинар.\n"
                    "2. Отделу образования до 1 апреля 2024 года подготовить отчёт, план и "
                    "смету.\n", encoding="utf-8")
    assert import_document(path, today=TODAY).mode == "prose"


def test_markdown_pipe_table_with_html_cells(tmp_path):
    path = tmp_path / "plan.md"
    path.write_text(
        "# Darba plāns 2025. gadam\n\n"
        "| Nr. | Pasākums | Termiņš | Atbildīgie |\n"
        "|---|---|---|---|\n"
        "| 1. | <b>Sagatavot</b> ziņojumu<ul><li>par NVO</li><li>par fondu</li></ul> | "
        "2025. gada 1. pusgadā | Valsts kanceleja; Finanšu ministrija |\n",
        encoding="utf-8",
    )
    result = import_document(path, today=TODAY)
    (task,) = result.plan.tasks
    assert task.title == "Sagatavot ziņojumu\npar NVO\npar fondu"
    assert task.deadline == "2025. gada 1. pusgadā"
    assert names(task, "lead") == ["Valsts kanceleja"]
    assert result.plan.period == "2025" and result.plan.language == "lv"


def test_clean_text_lists_and_markup():
    assert clean_text("<p>Один.</p> <p>Два.</p>") == "Один.\nДва."
    assert clean_text(" - izstrādāt A; - identificēt B. ") == "- izstrādāt A;\n- identificēt B."
    assert clean_text("**ПЛАН**по&nbsp;обеспечению") == "ПЛАН по обеспечению"


def test_protocol_instructions_become_tasks(tmp_path):
    path = tmp_path / "protocol.txt"
    path.write_text(
        "ПРОТОКОЛ заседания рабочей группы от 1 февраля 2024 г.\n\n"
        "1. Министерству финансов Российской Федерации совместно с Минэкономразвития России "
        "в срок до 15 марта 2024 г. представить в Правительство предложения по субсидиям.\n"
        "2. Принять к сведению информацию о ходе работы.\n"
        "3. Поручить Комитету по печати до 1 апреля 2024 г. подготовить доклад.\n",
        encoding="utf-8",
    )
    result = import_document(path, today=TODAY)
    tasks = by_id(result.plan.tasks)
    assert list(tasks) == ["1", "3"]
    assert tasks["1"].deadline.endswith("до 15 марта 2024 г.")
    assert [(e.name, e.role) for e in tasks["1"].executors] == [
        ("Министерство финансов Российской Федерации", "lead"),
        ("Минэкономразвития России", "co"),
    ]
    assert names(tasks["3"]) == ["Комитет по печати"]
    assert tasks["3"].deadline == "до 1 апреля 2024 г."


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        ("Просто письмо без сроков и таблиц. Спасибо.\n".encode(), "not a plan"),
        (
            "№\tНаименование мероприятия\tИсполнитель\n1\tСеминар\tКомитет по печати\n".encode(),
            "no deadline column",
        ),
        (b"\x00\x01\x02\x03binary", "binary"),
    ],
)
def test_what_is_not_a_plan_says_why(tmp_path, content, message):
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    with pytest.raises(ImportFailed, match=message):
        import_document(path, today=TODAY)


def test_missing_file(tmp_path):
    with pytest.raises(ImportFailed, match="no such file"):
        import_document(tmp_path / "nope.docx", today=TODAY)


def test_unknown_deadline_is_flagged_not_dropped(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(RU_PLAN.replace("ежеквартально", "по мере готовности кабинета"),
                    encoding="utf-8")
    task = by_id(import_document(path, today=TODAY).plan.tasks)["1.2"]
    assert task.deadline == "по мере готовности кабинета"
    assert any("not understood" in n or "partly" in n for n in task.comments["deadline"])


def test_roman_sections_and_bracket_numbers(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(
        "План мероприятий на 2025 год\n\n"
        "№\tМероприятие\tСрок\tОтветственный\n"
        "I.\tОрганизационные мероприятия\t\t\n"
        "1)\tУтвердить состав рабочей группы\tI квартал\tАппарат губернатора\n"
        "Раздел II. Информационные мероприятия\t\t\t\n"
        "2)\tОбновить сайт\tежемесячно\tКомитет по печати\n",
        encoding="utf-8",
    )
    tasks = by_id(import_document(path, today=TODAY).plan.tasks)
    assert list(tasks) == ["1", "2"]
    assert tasks["1"].section == "I. Организационные мероприятия"
    assert tasks["2"].section == "Раздел II. Информационные мероприятия"
    assert tasks["2"].deadline == "ежемесячно"


def test_html_table_with_rowspan_and_colspan(tmp_path):
    path = tmp_path / "plan.html"
    path.write_text(
        "<html><head><title>x</title><style>td{}</style></head><body>"
        "<h1>План заходів на 2022 рік</h1>"
        "<table><tr><th>№</th><th>Захід</th><th>Строк виконання</th><th>Виконавці</th></tr>"
        "<tr><td colspan='4'><b>1. Підтримка ІГС</b></td></tr>"
        "<tr><td>1.1</td><td>Конкурс<br>проєктів</td><td rowspan='2'>протягом року</td>"
        "<td>Департамент освіти;<br>ІГС (за згодою)</td></tr>"
        "<tr><td>1.2</td><td>Форум</td><td>Управління культури</td></tr>"
        "</table></body></html>",
        encoding="utf-8",
    )
    result = import_document(path, today=TODAY)
    assert result.plan.title == "План заходів на 2022 рік" and result.plan.period == "2022"
    tasks = by_id(result.plan.tasks)
    assert tasks["1.1"].title == "Конкурс\nпроєктів"
    assert tasks["1.1"].section == "1. Підтримка ІГС"
    assert tasks["1.2"].deadline == "протягом року"  # from the rowspan
    assert names(tasks["1.2"]) == ["Управління культури"]
    assert [(e.name, e.role) for e in tasks["1.1"].executors] == [
        ("Департамент освіти", "lead"), ("ІГС", "partner")
    ]


def test_separate_co_executors_column(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(
        "Rīcības plāns 2025.-2026. gadam\n\n"
        "Nr.\tPasākums\tIzpildes termiņš\tAtbildīgā institūcija\tLīdzatbildīgās institūcijas\n"
        "1.1.\tIzstrādāt vadlīnijas\t2025. gada 1. pusgadā\tValsts kanceleja\t"
        "Tieslietu ministrija, biedrība \"Latvijas Pilsoniskā alianse\" (pēc saskaņošanas)\n",
        encoding="utf-8",
    )
    plan = import_document(path, today=TODAY).plan
    (task,) = plan.tasks
    assert plan.period == "2025-2026"
    assert [(e.name, e.role) for e in task.executors] == [
        ("Valsts kanceleja", "lead"),
        ("Tieslietu ministrija", "co"),
        ("Latvijas Pilsoniskā alianse", "partner"),
    ]


PROSE = [
    ("Рекомендовать органам местного самоуправления до 1 июня 2024 г. утвердить планы.", "ru",
     "до 1 июня 2024 г.", [("органы местного самоуправления", "lead")]),
    ("Департаменту освіти і науки облдержадміністрації до 01.03.2024 підготувати звіт.", "uk",
     "до 01.03.2024", [("Департамент освіти і науки облдержадміністрації", "lead")]),
    ("Uzdot Valsts kancelejai līdz 2024. gada 1. martam sagatavot ziņojumu.", "lv",
     "līdz 2024. gada 1. martam", [("Valsts kanceleja", "lead")]),
    ("The Ministry of Justice will publish the draft law by 30 June 2025.", "en",
     "by 30 June 2025", [("Ministry of Justice", "lead")]),
]


@pytest.mark.parametrize(("sentence", "lang", "deadline", "executors"), PROSE,
                         ids=[p[1] for p in PROSE])
def test_instruction_in_each_language(tmp_path, sentence, lang, deadline, executors):
    path = tmp_path / "minutes.txt"
    path.write_text(f"Minutes of 10 January 2024\n\n{sentence}\n", encoding="utf-8")
    (task,) = import_document(path, lang=lang, today=TODAY).plan.tasks
    assert task.deadline == deadline
    assert [(e.name, e.role) for e in task.executors] == executors


def test_flat_numbering_keeps_an_empty_row_as_a_task(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(
        "План мероприятий на 2025 год\n\n"
        "№\tМероприятие\tСрок\tОтветственный\n"
        "1\tСеминар\tI квартал\tКомитет по печати\n"
        "2\tФорум\t\t\n"
        "3\tКонкурс\tIV квартал\tКомитет по печати\n",
        encoding="utf-8",
    )
    tasks = by_id(import_document(path, today=TODAY).plan.tasks)
    assert list(tasks) == ["1", "2", "3"]
    assert tasks["3"].section is None
    assert any("not yet set" in n for n in tasks["2"].comments["deadline"])
