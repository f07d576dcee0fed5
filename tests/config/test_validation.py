"""Schema errors: every one reported at once, each with its file, line and key path."""

from __future__ import annotations

import pytest

from tests.config.conftest import EXECUTORS, PLAN, REMINDER, Write, findings

BAD_PLAN = """\
id: lugansk-2020
title: План заходів на 2020 рік
period: 20x0
language: de
tasks:
  - id: "1.1"
    title: Проведення конкурсу
    due: 2020-12-31
    executors: [ДМК]
  - id: "1.2"
    title: Організація навчань
    deadlin: протягом року
    status: finished
    executors:
      - {name: ДМК, role: boss}
  - id: "1.3"
    due: 2020-02-30
  - [not, a, task]
"""


def test_all_errors_of_a_plan_at_once_with_lines(write: Write) -> None:
    path = write(plans={"lugansk-2020.yaml": BAD_PLAN})
    assert findings(path) == [
        "plans/lugansk-2020.yaml:3: period: error: period '20x0' is not a year (2020), a range "
        "of years (2023-2025), a school year (2020/2021) or two dates (2019-08-12..2020-10-31)",
        "plans/lugansk-2020.yaml:4: language: error: must be 'ru', 'uk', 'lv' or 'en' "
        "(got 'de')",
        "plans/lugansk-2020.yaml:12: tasks[1].deadlin: error: unknown key; did you mean "
        "'deadline'?",
        "plans/lugansk-2020.yaml:13: tasks[1].status: error: must be 'open', 'done' or "
        "'cancelled' (got 'finished')",
        "plans/lugansk-2020.yaml:15: tasks[1].executors[0].role: error: must be 'lead', 'co', "
        "'partner' or 'involved' (got 'boss')",
        "plans/lugansk-2020.yaml:16: tasks[2].title: error: required key is missing",
        "plans/lugansk-2020.yaml:17: tasks[2].due: error: must be a date written YYYY-MM-DD, "
        "e.g. 2020-12-31: day value is outside expected range (got '2020-02-30')",
        "plans/lugansk-2020.yaml:18: tasks[3]: error: expected a mapping of keys (id, section, "
        "title, result, deadline, start, due, confirmed, executors, policy, status), got a list",
    ]


# (file, text with one mistake, expected finding); the other files are the valid defaults.
CASES = [
    ("reminder.yaml", REMINDER + "timezone2: UTC\n",
     "reminder.yaml:6: timezone2: error: unknown key; did you mean 'timezone'?"),
    ("reminder.yaml", REMINDER + "sms: {}\n",
     "reminder.yaml:6: sms: error: unknown key; allowed here: timezone, country, state_dir, "
     "database, directory, plans, templates, secretariat, policy, digest, channels"),
    ("reminder.yaml", REMINDER.replace("Europe/Kyiv", "Europe/Kiev2"),
     "reminder.yaml:1: timezone: error: 'Europe/Kiev2' is not an IANA time zone"),
    ("reminder.yaml", REMINDER.replace("country: UA", "country: XX"),
     "reminder.yaml:2: country: error: 'XX' is not a country the holidays calendar knows"),
    ("reminder.yaml", REMINDER.replace("country: UA\n", ""),
     "reminder.yaml:1: country: error: required key is missing"),
    ("reminder.yaml", REMINDER + "policy: {send_time: '9 am'}\n",
     "reminder.yaml:6: policy.send_time: error: must be a time written HH:MM, e.g. 09:00 "
     "(got '9 am')"),
    ("lugansk-2020.yaml", PLAN.replace("due: 2020-12-31", "due: 31.12.2020"),
     "plans/lugansk-2020.yaml:8: tasks[0].due: error: must be a date written YYYY-MM-DD, "
     "e.g. 2020-12-31 (got '31.12.2020')"),
    ("reminder.yaml", REMINDER + "policy:\n  before: [3, 0]\n",
     "reminder.yaml:7: policy.before: error: days before the due date must be 1 or more"),
    ("reminder.yaml",
     REMINDER + "policy:\n  escalate: [{after: 5, to: sec}, {after: 2, to: sec}]\n",
     "reminder.yaml:7: policy.escalate: error: escalation steps must have strictly increasing"),
    ("reminder.yaml", REMINDER + "digest: {cron: '0 8 * *'}\n",
     "reminder.yaml:6: digest.cron: error: '0 8 * *' needs five crontab fields"),
    ("reminder.yaml", REMINDER + "digest: {cron: '0 25 * * mon'}\n",
     "reminder.yaml:6: digest.cron: error: '0 25 * * mon' is not a crontab expression"),
    ("reminder.yaml", REMINDER + "channels:\n  email: {host: h, from: x@example.org, tls: tsl}\n",
     "reminder.yaml:7: channels.email.tls: error: must be 'none', 'starttls' or 'ssl' "
     "(got 'tsl')"),
    ("reminder.yaml", REMINDER + "channels:\n  email:\n    host: h\n    from: nobody\n",
     "reminder.yaml:9: channels.email.from: error: 'nobody' is not an email address"),
    ("reminder.yaml", REMINDER + "channels:\n  telegram: {}\n",
     "reminder.yaml:7: channels.telegram: error: token_env (an environment variable) or "
     "token_credential (a file in $CREDENTIALS_DIRECTORY) is required"),
    ("reminder.yaml", REMINDER + "channels:\n  telegram: {token_env: T, api_url: ftp://x}\n",
     "reminder.yaml:7: channels.telegram.api_url: error: 'ftp://x' is not an http(s) URL"),
    ("reminder.yaml", "- a\n- b\n",
     "reminder.yaml:1: error: expected a mapping of keys (timezone, country"),
    ("executors.yaml", EXECUTORS + "    phone: 123\n",
     "executors.yaml:22: executors[3].phone: error: unknown key; allowed here: id, name, "
     "aliases, language, email, telegram, supervisor, partner"),
    ("executors.yaml", EXECUTORS.replace("[sec@example.org]", "[sec@example]"),
     "executors.yaml:5: executors[0].email[0]: error: 'sec@example' is not an email address"),
    ("executors.yaml", EXECUTORS + "    telegram: [-1001, '@chan_x', 'not a chat']\n",
     "executors.yaml:22: executors[3].telegram[2]: error: 'not a chat' is not a Telegram chat"),
    ("executors.yaml", EXECUTORS.replace("id: dmk", "id: d m k"),
     "executors.yaml:6: executors[1].id: error: string should match pattern"),
    ("lugansk-2020.yaml", PLAN + "    policy: {before_unit: weeks}\n",
     "plans/lugansk-2020.yaml:11: tasks[0].policy.before_unit: error: must be 'working' or "
     "'calendar' (got 'weeks')"),
    ("lugansk-2020.yaml", PLAN.replace("due: 2020-12-31", "start: 2020-12-31\n    due: 2020-01-01"),
     "plans/lugansk-2020.yaml:6: tasks[0]: error: start 2020-12-31 is after due 2020-01-01"),
    ("lugansk-2020.yaml", PLAN.replace("title: Проведення конкурсу", "title:"),
     "plans/lugansk-2020.yaml:7: tasks[0].title: error: has no value"),
    ("lugansk-2020.yaml", PLAN.replace('period: "2020"', 'period: "2025-2023"'),
     "plans/lugansk-2020.yaml:3: period: error: period '2025-2023': the first year is after"),
    ("lugansk-2020.yaml", PLAN.replace("language: uk", "language: uk\ntimezone: Europe/Lugansk"),
     "plans/lugansk-2020.yaml:5: timezone: error: 'Europe/Lugansk' is not an IANA time zone "
     "(e.g. Europe/Kyiv)"),
    # a folder of the zone database, not a zone: a finding, not a traceback
    ("lugansk-2020.yaml", PLAN.replace("language: uk", "language: uk\ntimezone: Europe"),
     "plans/lugansk-2020.yaml:5: timezone: error: 'Europe' is not an IANA time zone"),
    ("reminder.yaml", REMINDER.replace("Europe/Kyiv", "Europe"),
     "reminder.yaml:1: timezone: error: 'Europe' is not an IANA time zone"),
    ("lugansk-2020.yaml", PLAN.replace("language: uk", "language: uk\nstatus: finished"),
     "plans/lugansk-2020.yaml:5: status: error: must be 'open', 'closed' or 'archived' "
     "(got 'finished')"),
]


@pytest.mark.parametrize(("file", "text", "expected"), CASES)
def test_each_mistake_is_located(write: Write, file: str, text: str, expected: str) -> None:
    if file == "reminder.yaml":
        path = write(reminder=text)
    elif file == "executors.yaml":
        path = write(executors=text)
    else:
        path = write(plans={file: text})
    found = findings(path)
    assert any(f.startswith(expected) for f in found), "\n".join(found)


def test_errors_in_every_file_are_reported_together(write: Write) -> None:
    path = write(
        reminder=REMINDER + "policy: {on_due: maybe}\n",
        executors=EXECUTORS + "    languge: uk\n",
        plans={"lugansk-2020.yaml": PLAN + "    owner: me\n"},
    )
    found = findings(path)
    assert [f.split(": error")[0] for f in found if ": error:" in f] == [
        "executors.yaml:22: executors[3].languge",
        "plans/lugansk-2020.yaml:11: tasks[0].owner",
        "reminder.yaml:6: policy.on_due",
    ]


def test_numbers_where_text_is_expected_are_text(write: Write) -> None:
    plan = PLAN.replace('id: "1.1"', "id: 1.10").replace('period: "2020"', "period: 2020")
    path = write(plans={"lugansk-2020.yaml": plan})
    from reminder.config import load_config

    config = load_config(path, env={})
    (task,) = config.tasks()
    assert task.key == "lugansk-2020/1.10"
    assert str(config.plans[0].period) == "2020"


def test_empty_keys_mean_the_default(write: Write) -> None:
    plan = PLAN.replace("tasks:", "policy:\nsource:\ntasks:") + "    policy:\n    result:\n"
    plan += '  - id: "1.2"\n    title: Без виконавців\n    due: 2020-05-01\n    executors:\n'
    path = write(reminder=REMINDER + "policy:\ndigest:\nchannels:\n", plans={"p.yaml": plan})
    from reminder.config import load_config

    config = load_config(path, env={})
    first, second = config.tasks()
    assert first.policy == config.policy and second.assignments == ()


def test_a_plans_status_and_zone_are_read_and_default_to_open_and_the_deployments(
        write: Write) -> None:
    from reminder.config import load_config

    riga = PLAN.replace("lugansk-2020", "riga").replace(
        "language: uk", "language: uk\ntimezone: Europe/Riga\nstatus: closed")
    path = write(plans={"lugansk-2020.yaml": PLAN, "riga.yaml": riga})
    config = load_config(path, env={})
    plans = {p.id: (p.status, p.timezone, str(config.zone_of(p.id))) for p in config.plans}
    assert plans == {"lugansk-2020": ("open", None, "Europe/Kyiv"),
                     "riga": ("closed", "Europe/Riga", "Europe/Riga")}
