"""Deadlines in plan files: parsed against the plan period, flagged when not understood."""

from __future__ import annotations

from datetime import date

import pytest

from reminder.config import load_config
from tests.config.conftest import PLAN, Write, findings


def plan_with(task_lines: str, period: str = '"2020"') -> str:
    head = PLAN.split("  - id:")[0].replace('"2020"', period)
    return head + '  - id: "1.1"\n    title: Захід\n    executors: [dmk]\n' + task_lines


@pytest.mark.parametrize(
    ("task", "kind", "start", "end"),
    [
        ("    deadline: IV квартал\n", "window", date(2020, 10, 1), date(2020, 12, 31)),
        ("    deadline: протягом року\n", "window", date(2020, 1, 1), date(2020, 12, 31)),
        # explicit dates win over the text
        ("    deadline: IV квартал\n    due: 2020-11-15\n", "by", date(2020, 1, 1),
         date(2020, 11, 15)),
        ("    deadline: IV квартал\n    start: 2020-11-01\n    due: 2020-11-15\n", "window",
         date(2020, 11, 1), date(2020, 11, 15)),
        ("    deadline: IV квартал\n    start: 2020-11-01\n", "window", date(2020, 11, 1),
         date(2020, 12, 31)),
    ],
)
def test_deadline_is_parsed(write: Write, task: str, kind: str, start: date, end: date) -> None:
    (t,) = load_config(write(plans={"p.yaml": plan_with(task)}), env={}).tasks()
    assert (t.deadline.kind, t.deadline.start, t.deadline.end) == (kind, start, end)


def test_recurring_deadline_has_its_occurrences(write: Write) -> None:
    (t,) = load_config(write(plans={"p.yaml": plan_with("    deadline: щоквартально\n")}),
                       env={}).tasks()
    assert t.deadline.kind == "recurring"
    assert t.deadline.due_dates == [date(2020, 3, 31), date(2020, 6, 30), date(2020, 9, 30),
                                    date(2020, 12, 31)]


@pytest.mark.parametrize(
    ("task", "period", "expected"),
    [
        ("    deadline: когда-нибудь потом\n", '"2020"',
         "plans/p.yaml:9: tasks[0].deadline: warning: deadline 'когда-нибудь потом' was not "
         "understood"),
        ("    deadline: IV квартал 2021 року\n", '"2020"',
         "plans/p.yaml:9: tasks[0].deadline: warning: due 2021-12-31 is outside the plan "
         "period 2020"),
        ("    deadline: 2023-2030 гг.\n", '"2023-2025"',
         "plans/p.yaml:9: tasks[0].deadline: warning: due 2030-12-31 is outside the plan "
         "period 2023-2025"),
        ("    due: 2019-05-01\n", '"2020"',
         "plans/p.yaml:9: tasks[0].due: warning: due 2019-05-01 is outside the plan period"),
        ("", '"2020"',
         "plans/p.yaml:6: tasks[0]: warning: no deadline: nobody is reminded until one is set"),
        ("    deadline: щоквартально\n    start: 2020-02-01\n", '"2020"',
         "plans/p.yaml:10: tasks[0].start: warning: start is set, but neither `due` nor the "
         "deadline text gives a due date"),
    ],
)
def test_deadline_warnings(write: Write, task: str, period: str, expected: str) -> None:
    found = findings(write(plans={"p.yaml": plan_with(task, period)}))
    assert any(f.startswith(expected) for f in found), "\n".join(found)
    assert not any(": error:" in f for f in found), found


def test_plan_without_period_uses_the_given_year(write: Write) -> None:
    text = plan_with("    deadline: IV квартал\n").replace('period: "2020"\n', "")
    path = write(plans={"p.yaml": text})
    config = load_config(path, env={}, today=date(2026, 3, 1))
    assert str(config.plans[0].period) == "2026"
    assert next(config.tasks()).deadline.end == date(2026, 12, 31)
    assert any(p.message == "no period: read as the current year 2026" for p in config.problems)
    # without a date to take the year from, a missing period is an error, not a guess
    assert "plans/p.yaml:1: id: error: period is required" in findings(path)


def test_closed_tasks_get_no_warnings_open_ones_without_executors_do(write: Write) -> None:
    text = plan_with("    deadline: колись потім\n    status: done\n") + (
        '  - id: "1.2"\n    title: Нічий\n    due: 2020-05-01\n'
        '  - id: "1.3"\n    title: Пізніше\n'
    )
    assert findings(write(plans={"p.yaml": text})) == [
        "plans/p.yaml:11: tasks[1]: warning: no executors: nobody is reminded about this task",
        "plans/p.yaml:14: tasks[2]: warning: no deadline and no executors yet: nobody is "
        "reminded until they are set",
    ]


def test_open_task_with_only_partners_has_no_lead(write: Write) -> None:
    """Tester 13: a partner is asked, not answerable; a task naming only partners (and
    involved bodies) is owned by nobody, and `reminder check` says so, for open tasks only."""
    text = plan_with("    deadline: IV квартал\n") + (
        '  - id: "1.2"\n    title: Семінар\n    deadline: IV квартал\n    executors:\n'
        '      - {name: dmk, role: partner}\n      - {name: dmk, role: involved}\n'
        '  - id: "1.3"\n    title: Звіт\n    deadline: IV квартал\n    status: done\n'
        '    executors:\n      - {name: dmk, role: partner}\n'
    )
    assert findings(write(plans={"p.yaml": text})) == [
        "plans/p.yaml:13: tasks[1].executors: warning: no lead: every executor is a partner or "
        "involved; make one `lead` (the body answerable for the task)",
    ]
