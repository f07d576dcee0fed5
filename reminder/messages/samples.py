"""Every message kind rendered in every language, for review: ``python -m reminder.messages.samples``
writes docs/message-samples.md (``--check`` only compares). A test regenerates the file and
fails when the committed one differs, so a change of wording is seen in review.

The samples are fixed data (plan text in each language, fixed dates), rendered by the real
templates; nothing here reads a clock, a database or the network.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from reminder.messages import i18n
from reminder.messages.digest import Answered, DepartmentCount, Digest, DigestEntry, Need
from reminder.messages.model import Item, Message, Recipient, Role, Stage
from reminder.messages.notice import Notice
from reminder.messages.render import render

DOC = Path(__file__).resolve().parents[2] / "docs" / "message-samples.md"

# Plan text as each language's plans write it: (plan, tasks, results, executors, deadlines).
_PLAN = {
    "ru": "План действий по развитию гражданского общества на 2023 год",
    "uk": "План заходів з розвитку громадянського суспільства на 2023 рік",
    "lv": "Pilsoniskās sabiedrības attīstības rīcības plāns 2023. gadam",
    "en": "Civil society development action plan 2023",
}
_TASKS = {
    "ru": ("Провести публичные консультации с общественными организациями",
           "Подготовить ежеквартальный отчёт о ходе реализации плана",
           "Обновить реестр социально ориентированных НКО."),
    "uk": ("Провести публічні консультації з громадськими організаціями",
           "Підготувати щоквартальний звіт про хід виконання плану",
           "Оновити реєстр громадських об'єднань."),
    "lv": ("Organizēt publisko apspriešanu ar nevalstiskajām organizācijām",
           "Sagatavot ceturkšņa pārskatu par plāna izpildi",
           "Atjaunināt sabiedriskā labuma organizāciju reģistru."),
    "en": ("Hold public consultations with civil society organisations",
           "Prepare the quarterly report on the plan's progress",
           "Update the register of public benefit organisations."),
}
_RESULT = {"ru": "Отчёт о консультациях направлен в секретариат",
           "uk": "Звіт про консультації надіслано до секретаріату",
           "lv": "Pārskats par apspriešanu nosūtīts sekretariātam",
           "en": "Consultation report sent to the secretariat"}
_PEOPLE = {  # lead, co-executor, partner, supervisor, secretariat
    "ru": ("Департамент внутренней политики", "Управление по делам молодёжи",
           "Ассоциация «Гражданский форум»", "Заместитель министра", "Секретариат плана"),
    "uk": ("Департамент внутрішньої політики", "Управління у справах молоді",
           "Асоціація «Громадський форум»", "Заступник міністра", "Секретаріат плану"),
    "lv": ("Iekšpolitikas departaments", "Jaunatnes lietu nodaļa",
           "Biedrība „Pilsoniskais forums”", "Ministra vietnieks", "Plāna sekretariāts"),
    "en": ("Department of Internal Policy", "Youth Affairs Unit",
           "Civic Forum Association", "Deputy Minister", "Plan secretariat"),
}
_QUARTER = {"ru": "3 квартал 2023", "uk": "ІІІ квартал 2023 року", "lv": "2023. gada 3. ceturksnis",
            "en": "Q3 2023"}
_QUARTERLY = {"ru": "ежеквартально, до последнего числа квартала",
              "uk": "щоквартально, до останнього дня кварталу",
              "lv": "reizi ceturksnī, līdz ceturkšņa pēdējai dienai",
              "en": "quarterly, by the last day of the quarter"}
_AS_NEEDED = {"ru": "по мере необходимости", "uk": "за потреби", "lv": "pēc vajadzības",
              "en": "as needed"}
_NOTE = {"ru": "по просьбе исполнителя: ждём данные министерства",
         "uk": "на прохання виконавця: очікуємо дані міністерства",
         "lv": "pēc izpildītāja lūguma: gaidām ministrijas datus",
         "en": "at the executor's request: waiting for the ministry's data"}
_DENIED = {"ru": "отчёт нужен к заседанию совета, перенести нельзя",
           "uk": "звіт потрібен до засідання ради, перенести не можна",
           "lv": "pārskats vajadzīgs padomes sēdei, pārcelt nevar",
           "en": "the report is needed for the council meeting and cannot wait"}
_MISSING = {"ru": "приложите протоколы консультаций", "uk": "додайте протоколи консультацій",
            "lv": "pievienojiet apspriešanas protokolus", "en": "attach the consultation minutes"}
_BY_DATE = {"ru": "до 29.09.2023", "uk": "до 29.09.2023", "lv": "līdz 29.09.2023.",
            "en": "by 29.09.2023"}


@dataclass(frozen=True)
class Sample:
    """One message of the table: what it shows, and the message itself."""

    title: str
    message: Message


def _item(lang: str, stage: Stage, role: Role, task: int, **changes: object) -> Item:
    lead, co, partner, _, _ = _PEOPLE[lang]
    base = Item(
        ledger_key=f"sample/{stage}/{task}/{role}", stage=stage, plan_id="cs-2023",
        plan_title=_PLAN[lang], task_id=f"2.{task}", task_title=_TASKS[lang][task - 1],
        result=_RESULT[lang] if task == 1 else None, window_start=None,
        due=date(2023, 9, 29), days_left=0, working_days_late=None, role=role,
        lead_name=lead, others=tuple(n for n in (co, partner) if n != changes.get("_me")),
        plan_language=lang, deadline_text=_BY_DATE[lang], nominal_due=date(2023, 9, 29))
    changes.pop("_me", None)
    return replace(base, **changes)  # type: ignore[arg-type]


def _quarter_item(lang: str, stage: Stage, role: Role, **changes: object) -> Item:
    """Task 2.1: "3rd quarter", nominally Saturday 30 September, moved to Monday 2 October."""
    return _item(lang, stage, role, 1, window_start=date(2023, 7, 1), due=date(2023, 10, 2),
                 nominal_due=date(2023, 9, 30), deadline_text=_QUARTER[lang], **changes)


def _quarters(lang: str, role: Role, on: date) -> list[Item]:
    """Task 2.2, quarterly: its first two quarters both overdue (one line of the message)."""
    return [_item(lang, "overdue", role, 2, ledger_key=f"sample/q{n}", window_start=None,
                  due=due, nominal_due=due, deadline_text=_QUARTERLY[lang],
                  days_left=(due - on).days, working_days_late=late)
            for n, (due, late) in enumerate(((date(2023, 3, 31), 127), (date(2023, 6, 30), 64)))]


def _message(lang: str, who: int, on: date, items: list[Item], **kw: object) -> Message:
    recipient = Recipient(id=f"r{who}", name=_PEOPLE[lang][who], language=lang,
                          emails=("a@example.org",), telegram_chats=("1",))
    return Message(recipient, datetime(on.year, on.month, on.day, 9, 0), tuple(items),
                   **kw)  # type: ignore[arg-type]


def samples(lang: str) -> list[Sample]:
    """The messages of the table in ``lang``, in the order a plan's life meets them."""
    lead, _, partner = 0, 1, 2
    jul3, sep26, sep29, oct4 = (date(2023, 7, 3), date(2023, 9, 26), date(2023, 9, 29),
                                date(2023, 10, 4))
    late = {"working_days_late": 1, "days_left": -5}
    return [
        Sample("Opening notice to a partner (by agreement)", _message(lang, partner, jul3, [
            _quarter_item(lang, "opens", "partner", days_left=91, _me=_PEOPLE[lang][2])])),
        Sample("Upcoming, to the lead", _message(lang, lead, sep26, [
            _item(lang, "upcoming", "lead", 3, days_left=3),
            _quarter_item(lang, "upcoming", "lead", days_left=6)])),
        Sample("Due today, to the lead", _message(lang, lead, sep29, [
            _item(lang, "due", "lead", 3)])),
        Sample("Overdue, to the lead, with a recurring task's quarters on one line",
               _message(lang, lead, oct4, [*_quarters(lang, "lead", oct4),
                                           _item(lang, "overdue", "lead", 3, **late)])),
        Sample("Escalation to the lead's supervisor", _message(lang, 3, date(2023, 11, 1), [
            _item(lang, "escalation", "supervisor", 3, days_left=-33,
                  working_days_late=21)])),
        Sample("Escalation to the secretariat", _message(lang, 4, date(2023, 11, 1), [
            _item(lang, "escalation", "secretariat", 3, days_left=-33, working_days_late=22),
            _quarter_item(lang, "escalation", "secretariat", days_left=-30,
                          working_days_late=22)])),
        Sample("First-load summary: a plan loaded after some dates had passed",
               _message(lang, lead, oct4, [*_quarters(lang, "lead", oct4),
                                           _item(lang, "overdue", "lead", 3, **late),
                                           _quarter_item(lang, "overdue", "lead",
                                                         days_left=-2, working_days_late=2)])),
        Sample("Catch-up after an outage", _message(lang, lead, date(2023, 9, 28), [
            _item(lang, "upcoming", "lead", 3, days_left=1, catch_up=True)])),
        Sample("Escalation to the supervisor while more time is asked for",
               _message(lang, 3, date(2023, 11, 1), [
                   _item(lang, "escalation", "supervisor", 3, days_left=-33,
                         working_days_late=21, more_time_asked=date(2023, 10, 30))])),
        _digest(lang),
        *_notices(lang),
    ]


def _notices(lang: str) -> list[Sample]:
    """One notice of each event: the coordinator is asked, the executor told the answer."""
    lead, co, _, _, secretariat = _PEOPLE[lang]
    due, later = date(2023, 9, 29), date(2023, 10, 13)
    asked = {"who": lead, "request_id": 7}
    answered = {"who": secretariat, "request_id": 7}
    events: list[tuple[str, str, int, dict[str, object]]] = [
        ("Notice: more time asked, to the coordinator", "more_time_asked", 4,
         {**asked, "note": _NOTE[lang]}),
        ("Notice: more time approved, to the executor", "more_time_approved", 0,
         {**answered, "new_due": later}),
        ("Notice: more time denied, to the executor", "more_time_denied", 0,
         {**answered, "note": _DENIED[lang]}),
        ("Notice: an item reported done, to the coordinator (close: accept)", "reported", 4,
         asked),
        ("Notice: a reported item accepted, to the lead", "accepted", 0, answered),
        ("Notice: a reported item returned, to the lead", "returned", 0,
         {**answered, "note": _MISSING[lang]}),
        ("Notice: a co-executor's part done, to the lead", "part_done", 0,
         {"who": co}),
    ]
    return [Sample(title, _message(lang, to, date(2023, 9, 27), [], kind="notice",
                                   notice=Notice(event=event, plan_id="cs-2023", task_id="2.3",
                                                 task_title=_TASKS[lang][2], due=due,
                                                 plan_language=lang, **extra)))  # type: ignore[arg-type]
            for title, event, to, extra in events]


def _digest(lang: str) -> Sample:
    lead, co, _, _, secretariat = _PEOPLE[lang]
    on = datetime(2023, 10, 4, 9, 0)

    def entry(task: int, dept: str, due: date, late: int | None, note: str | None = None
              ) -> DigestEntry:
        return DigestEntry("cs-2023", _PLAN[lang], f"2.{task}", _TASKS[lang][task - 1], dept,
                           None, due, (due - on.date()).days, late, lang, note)

    digest = Digest(
        at=on, since=datetime(2023, 9, 27, 9, 0),
        # the youth unit has two quarters overdue, of which the digest lists the later one
        overdue=((co, (entry(2, co, date(2023, 6, 30), 68),)),
                 (lead, (entry(3, lead, date(2023, 9, 29), 3),))),
        due_soon=(entry(1, lead, date(2023, 10, 6), None),),
        closed=(entry(2, co, date(2023, 3, 31), None),),
        extended=(entry(1, lead, date(2023, 12, 29), None, _NOTE[lang]),),
        needs_a_person=(Need.of("deadline_event", task="cs-2023/2.4",
                                deadline=_AS_NEEDED[lang]),
                        Need.of("no_contact", executor="youth", name=co),
                        Need.of("more_time_pending", task="cs-2023/2.3", executor=lead,
                                since="2023-10-02", coordinator=_PEOPLE[lang][4],
                                request="7")),
        departments=(DepartmentCount("youth", co, 3, 2, (0, 0, 2)),
                     DepartmentCount("policy", lead, 4, 1, (1, 0, 0))),
        newly_overdue=(entry(3, lead, date(2023, 9, 29), 3),),
        answered=(Answered("cs-2023", "2.1", _TASKS[lang][0], "more_time", "approved", lead,
                           secretariat, None, date(2023, 12, 29)),
                  Answered("cs-2023", "2.2", _TASKS[lang][1], "acceptance", "returned", co,
                           secretariat, _MISSING[lang], None)))
    message = _message(lang, 4, on.date(), list(digest.items("r4")), kind="digest",
                       digest=digest)
    return Sample("Weekly digest to the secretariat", message)


def _lines(lang: str) -> Iterator[str]:
    from reminder.channels.telegram.buttons import answer_buttons, buttons

    for n, sample in enumerate(samples(lang), start=1):
        out = render(sample.message)
        yield f"### {lang} {n}. {sample.title}\n"
        yield f"Email subject: `{out.subject}`\n"
        yield "```text"
        yield out.text.rstrip("\n")
        yield "```\n"
        yield "Telegram:\n"
        yield "```html"
        yield out.telegram_html
        rows = answer_buttons(sample.message, lang) or buttons(sample.message, lang)
        if rows:
            yield ""
        for row in rows:
            yield " ".join(f"[{label}]" for label, _ in row)
        yield "```\n"


def document() -> str:
    """The whole samples file."""
    head = ["# Message samples", "",
            "Every message kind in every language, rendered by the built-in templates from",
            "fixed sample data (`reminder/messages/samples.py`). Generated: run",
            "`python -m reminder.messages.samples` after changing any wording; the tests fail",
            "while this file differs from what the templates render, so every change of wording",
            "is read here in review. Telegram bodies are shown as sent (Telegram's HTML), with",
            "the buttons under them in brackets.", ""]
    body = [line for lang in i18n.LANGUAGES for line in (f"## {lang}\n", *_lines(lang))]
    return "\n".join(head + body).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write docs/message-samples.md, or with ``--check`` say whether it is up to date."""
    parser = argparse.ArgumentParser(prog="python -m reminder.messages.samples",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if the file differs from what the templates render")
    parser.add_argument("--output", type=Path, default=DOC)
    args = parser.parse_args(argv)
    text = document()
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output}: out of date; run python -m reminder.messages.samples",
                  file=sys.stderr)
            return 1
        return 0
    args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
