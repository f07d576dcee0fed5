"""The effective policy of a task: built-in defaults < reminder.yaml < plan < task."""

from __future__ import annotations

from datetime import time

import pytest

from reminder.config import EscalationStep, Policy, PolicyOverride, load_config
from tests.config.conftest import PLAN, REMINDER, Write

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
    assert plain.policy.before == [7, 1]
    assert plain.policy.on_due is False
    assert plain.policy.send_time == time(8, 30)
    assert plain.policy.overdue_every == 3
    assert plain.policy.escalate == Policy().escalate  # built-in default
    # the task's keys win over the plan's; lists are replaced, not appended
    assert own.policy.before == [30]
    assert own.policy.before_unit == "calendar"
    assert own.policy.on_due is False  # from the plan
    assert own.policy.escalate == [EscalationStep(after=2, to="sec")]
    assert config.policy_for("lugansk-2020", "1.2") == own.policy
    with pytest.raises(KeyError):
        config.policy_for("lugansk-2020", "9.9")


@pytest.mark.parametrize(
    ("overrides", "key", "value"),
    [
        ([], "before", [14, 3, 1]),
        ([{"before": [1, 14, 3, 3]}], "before", [14, 3, 1]),  # order and repeats do not matter
        ([{"before": [5]}, {"before": None}], "before", [5]),  # null = inherit
        ([{"due_shift": "previous"}, {"due_shift": "none"}], "due_shift", "none"),
        ([{"overdue_every": 0}], "overdue_every", 0),
        ([{"send_time": "9:30"}], "send_time", time(9, 30)),  # the hour as people write it
    ],
)
def test_merged(overrides: list[dict], key: str, value: object) -> None:
    policy = Policy().merged(*(PolicyOverride.model_validate(o) for o in overrides))
    assert getattr(policy, key) == value


def test_override_keys_are_the_policy_keys() -> None:
    assert set(PolicyOverride.model_fields) == set(Policy.model_fields)
