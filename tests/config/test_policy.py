"""The effective policy of a task: built-in defaults < reminder.yaml < plan < task."""

from __future__ import annotations

from datetime import time

import pytest

from reminder.config import Escalation, Policy, PolicyOverride, load_config
from reminder.schedule import policy as schedule_policy
from tests.config.conftest import PLAN, REMINDER, Write, findings

DEPLOYMENT_POLICY = """\
policy:
  send_time: "08:30"
  before: [10, 2]
  overdue_every: 3
"""

PLAN_POLICY = "policy: {before: [7, 1], on_due: false}\ntasks:"
PLAN_WITH_OVERRIDES = PLAN.replace("tasks:", PLAN_POLICY) + """\
  - id: "1.2"
    title: З власною політикою
    due: 2020-06-30
    executors: [dmk]
    policy:
      before: [30]
      before_unit: calendar
      escalate: [{after: 2, to: sec}]
"""


def test_overrides_merge_key_by_key(write: Write) -> None:
    config = load_config(
        write(reminder=REMINDER + DEPLOYMENT_POLICY, plans={"p.yaml": PLAN_WITH_OVERRIDES}),
        env={},
    )
    plain, own = config.tasks()
    assert config.policy.send_time == time(8, 30)
    # the plan's keys win over the deployment's; the rest is inherited
    assert plain.policy.before == (7, 1)
    assert plain.policy.on_due is False
    assert plain.policy.send_time == time(8, 30)
    assert plain.policy.overdue_every == 3
    assert plain.policy.escalate == Policy().escalate  # built-in default
    # the task's keys win over the plan's; lists are replaced, not appended
    assert own.policy.before == (30,)
    assert own.policy.before_unit == "calendar"
    assert own.policy.on_due is False  # from the plan
    assert own.policy.escalate == (Escalation(after=2, to="sec"),)
    assert config.policy_for("lugansk-2020", "1.2") == own.policy
    with pytest.raises(KeyError):
        config.policy_for("lugansk-2020", "9.9")


def test_the_configuration_validates_into_the_schedules_policy(write: Write) -> None:
    config = load_config(write(plans={"p.yaml": PLAN_WITH_OVERRIDES}), env={})
    plain, own = config.tasks()
    # no adapter between the YAML and the engine: the loaded policy is the one the planner takes
    assert type(config.policy) is schedule_policy.Policy
    assert type(own.policy) is schedule_policy.Policy
    assert type(own.policy.escalate[0]) is schedule_policy.Escalation
    assert type(config.plans[0].entry.policy) is schedule_policy.PolicyOverride
    # values: equal policies are equal and hash alike, so they can key a cache
    assert {config.policy, Policy()} == {Policy()}
    assert plain.policy == Policy(before=(7, 1), on_due=False)
    assert Policy.from_json(own.policy.to_json()) == own.policy


@pytest.mark.parametrize(
    ("overrides", "key", "value"),
    [
        ([], "before", (14, 3, 1)),
        ([{"before": [1, 14, 3, 3]}], "before", (14, 3, 1)),  # order and repeats do not matter
        ([{"before": [5]}, {"before": None}], "before", (5,)),  # null = inherit
        ([{"due_shift": "previous"}, {"due_shift": "none"}], "due_shift", "none"),
        ([{"overdue_every": 0}], "overdue_every", None),  # 0: no overdue repeats
        ([{"overdue_every": 0}, {"overdue_every": None}], "overdue_every", None),
        ([{"overdue_every": 0}, {"overdue_every": 2}], "overdue_every", 2),
        ([{"send_time": "9:30"}], "send_time", time(9, 30)),  # the hour as people write it
        ([{"escalate": []}], "escalate", ()),  # no escalation at all
    ],
)
def test_merged(overrides: list[dict], key: str, value: object) -> None:
    policy = Policy().merged(*(PolicyOverride.model_validate(o) for o in overrides))
    assert getattr(policy, key) == value


def test_override_keys_are_the_policy_keys() -> None:
    assert set(PolicyOverride.model_fields) == set(Policy.model_fields)
    assert all(f.default is None for f in PolicyOverride.model_fields.values())


def test_null_in_the_deployment_policy_is_the_default(write: Write) -> None:
    # In the YAML null inherits; for reminder.yaml that is the built-in default, also for
    # overdue_every, whose None in a Policy would mean "no overdue repeats".
    policy = "policy:\n  before:\n  overdue_every:\n  escalate:\n"
    config = load_config(write(reminder=REMINDER + policy), env={})
    assert config.policy == Policy()
    assert config.policy.overdue_every == 7


def test_overdue_every_zero_turns_repeats_off_at_every_level(write: Write) -> None:
    plan = PLAN.replace("tasks:", "policy: {overdue_every: 0}\ntasks:")
    config = load_config(write(reminder=REMINDER + DEPLOYMENT_POLICY, plans={"p.yaml": plan}),
                         env={})
    (task,) = config.tasks()
    assert not task.policy.overdue_every
    assert task.policy.to_json()["overdue_every"] is None  # as the store has always kept it


@pytest.mark.parametrize(
    ("reminder", "plan_policy", "expected"),
    [
        ("policy:\n  before: [3, x]\n", None,
         "reminder.yaml:7: policy.before[1]: error: must be a valid integer"),
        ("policy:\n  before: 3\n", None,
         "reminder.yaml:7: policy.before: error: must be a valid list (got 3)"),
        ("policy:\n  overdue_every: -1\n", None,
         "reminder.yaml:7: policy.overdue_every: error: must be greater than or equal to 0"),
        ("policy:\n  escalate: [{after: 5, to: sec}, {after: 0, to: sec}]\n", None,
         "reminder.yaml:7: policy.escalate[1].after: error: must be greater than or equal to 1"),
        ("policy:\n  escalate:\n    - {after: 5, too: sec}\n", None,
         "reminder.yaml:8: policy.escalate[0].too: error: unknown key; did you mean 'to'?"),
        ("policy:\n  due_shift: later\n", None,
         "reminder.yaml:7: policy.due_shift: error: must be 'next', 'previous' or 'none'"),
        ("policy:\n  befor: [1]\n", None,
         "reminder.yaml:7: policy.befor: error: unknown key; did you mean 'before'?"),
        (None, "{escalate: [{after: 3, to: sec}, {after: 3, to: dmk}]}",
         "plans/lugansk-2020.yaml:11: tasks[0].policy.escalate: error: escalation steps must "
         "have strictly increasing `after` days"),
        (None, "{escalate: [{after: 3, to: sec}, {after: 0, to: dmk}]}",
         "plans/lugansk-2020.yaml:11: tasks[0].policy.escalate[1].after: error: must be "
         "greater than or equal to 1"),
        (None, "{before: [2, 0]}",
         "plans/lugansk-2020.yaml:11: tasks[0].policy.before: error: days before the due date "
         "must be 1 or more"),
        (None, "{send_time: '25:00'}",
         "plans/lugansk-2020.yaml:11: tasks[0].policy.send_time: error: must be a time written "
         "HH:MM"),
        (None, "{overdue: 3}",
         "plans/lugansk-2020.yaml:11: tasks[0].policy.overdue: error: unknown key; did you mean "
         "'overdue_every'?"),
    ],
)
def test_policy_errors_keep_their_key_paths(write: Write, reminder: str | None,
                                            plan_policy: str | None, expected: str) -> None:
    plans = None if plan_policy is None else {
        "lugansk-2020.yaml": PLAN + f"    policy: {plan_policy}\n"}
    found = findings(write(reminder=REMINDER + (reminder or ""), plans=plans))
    assert any(f.startswith(expected) for f in found), "\n".join(found)
