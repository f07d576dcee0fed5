"""The one Policy model: defaults, checks, the stored JSON, overrides derived from its fields."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import time
from typing import Annotated, Any

import pytest
from pydantic import AfterValidator, BaseModel, ValidationError

from reminder.schedule.policy import Escalation, Policy, PolicyOverride, override_model

# What the store writes for the default policy (sync keeps this JSON with each task and
# fingerprints it): the format may not drift by accident, or every task looks changed.
STORED_DEFAULT = (
    '{"before": [14, 3, 1], "before_unit": "working", "close": "direct", "coordinator": null, '
    '"due_shift": "next", '
    '"escalate": [{"after": 5, "to": "supervisor"}, {"after": 15, "to": "secretariat"}], '
    '"first_load": "summary", '
    '"notice_on_open": true, "on_due": true, "overdue_every": 7, "overdue_later_after": 28, '
    '"overdue_later_every": 30, "overdue_stop_after": 365, "send_time": "09:00", '
    '"working_days_only": true}'
)
# What versions before the overdue reminders thinned out wrote: it loads as today's default
# (a deployment upgraded gets the thinning and the stop), and each task is re-planned once.
STORED_BEFORE_THINNING = (
    '{"before": [14, 3, 1], "before_unit": "working", "due_shift": "next", '
    '"escalate": [{"after": 5, "to": "supervisor"}, {"after": 15, "to": "secretariat"}], '
    '"notice_on_open": true, "on_due": true, "overdue_every": 7, "send_time": "09:00", '
    '"working_days_only": true}'
)


def test_defaults() -> None:
    p = Policy()
    assert p.send_time == time(9, 0)
    assert p.working_days_only is True
    assert p.due_shift == "next"
    assert p.notice_on_open is True
    assert p.before == (14, 3, 1)
    assert p.before_unit == "working"
    assert p.on_due is True
    assert p.overdue_every == 7
    assert [(e.after, e.to) for e in p.escalate] == [(5, "supervisor"), (15, "secretariat")]


def test_stored_json_is_unchanged_and_loads() -> None:
    assert json.dumps(Policy().to_json(), sort_keys=True) == STORED_DEFAULT
    assert Policy.from_json(json.loads(STORED_DEFAULT)) == Policy()
    assert Policy.from_json(json.loads(STORED_BEFORE_THINNING)) == Policy()
    # a row with repeats off and its own ladder, as the old dataclass wrote it
    old = {"send_time": "10:30", "working_days_only": False, "due_shift": "previous",
           "notice_on_open": False, "before": [7, 1], "before_unit": "calendar",
           "on_due": False, "overdue_every": None, "escalate": [{"after": 2, "to": "deputy"}]}
    loaded = Policy.from_json(old)
    assert loaded == Policy(send_time=time(10, 30), working_days_only=False,
                            due_shift="previous", notice_on_open=False, before=(7, 1),
                            before_unit="calendar", on_due=False, overdue_every=None,
                            escalate=(Escalation(2, "deputy"),))
    assert loaded.to_json() == {**old, "overdue_later_after": 28, "overdue_later_every": 30,
                                "overdue_stop_after": 365, "first_load": "summary",
                                "coordinator": None, "close": "direct"}  # new keys
    assert Policy.from_json({}) == Policy.from_json(None) == Policy()


def test_a_value_compared_and_hashed() -> None:
    same = [Policy(), Policy(before=[1, 3, 14, 3]), Policy.from_json(Policy().to_json())]
    assert len(set(same)) == 1
    assert Policy(overdue_every=0) == Policy(overdue_every=None)  # one spelling of "none"
    assert hash(Policy(overdue_every=0)) == hash(Policy(overdue_every=None))
    assert Policy(on_due=False) != Policy()
    assert Escalation(5, "supervisor") == Escalation(after=5, to="supervisor")
    assert len({Escalation(5, "x"), Escalation(5, "x")}) == 1
    with pytest.raises(ValidationError):
        Policy().on_due = False  # type: ignore[misc]


@pytest.mark.parametrize(
    ("values", "key", "expected"),
    [
        ({"send_time": "9:00"}, "send_time", time(9, 0)),  # as people write nine o'clock
        ({"send_time": "18:45"}, "send_time", time(18, 45)),
        ({"before": [1, 14, 3, 14]}, "before", (14, 3, 1)),
        ({"before": []}, "before", ()),
        ({"overdue_every": 0}, "overdue_every", None),
        ({"overdue_every": 1}, "overdue_every", 1),
        ({"escalate": [{"after": 1, "to": 12}]}, "escalate", (Escalation(1, "12"),)),
    ],
)
def test_values_are_read_as_meant(values: dict[str, Any], key: str, expected: object) -> None:
    assert getattr(Policy.model_validate(values), key) == expected


BAD = [
    ({"send_time": "9 am"}, ("send_time",)),
    ({"before": [3, 0]}, ("before",)),
    ({"before": [3, "x"]}, ("before", 1)),
    ({"before": 3}, ("before",)),
    ({"escalate": [{"after": 5, "to": "a"}, {"after": 5, "to": "b"}]}, ("escalate",)),
    ({"escalate": [{"after": 5, "to": "a"}, {"after": 0, "to": "b"}]}, ("escalate", 1, "after")),
    ({"escalate": [{"after": 5, "to": "a b"}]}, ("escalate", 0, "to")),
    ({"escalate": [{"after": 5}]}, ("escalate", 0, "to")),
    ({"overdue_every": -1}, ("overdue_every",)),
    ({"due_shift": "later"}, ("due_shift",)),
    ({"before_unit": "weeks"}, ("before_unit",)),
    ({"befor": [1]}, ("befor",)),
]


@pytest.mark.parametrize(("values", "loc"), BAD)
def test_the_policy_and_its_override_refuse_the_same_values(
    values: dict[str, Any], loc: tuple[str | int, ...]
) -> None:
    for model in (Policy, PolicyOverride):
        with pytest.raises(ValidationError) as caught:
            model.model_validate(values)
        assert [e["loc"] for e in caught.value.errors()] == [loc], model


def test_override_keys_are_the_policy_keys() -> None:
    assert list(PolicyOverride.model_fields) == list(Policy.model_fields)
    assert all(f.default is None for f in PolicyOverride.model_fields.values())
    # an override keeps 0 (a set key: "no repeats"), as None there means "inherit"
    assert PolicyOverride.model_validate({"overdue_every": 0}).overdue_every == 0


def test_merged() -> None:
    base = Policy(overdue_every=3)
    assert base.merged() is base and base.merged(None, {}) is base
    p = base.merged({"before": [1, 7], "send_time": "08:15",
                     "escalate": [{"after": 2, "to": "secretariat"}]},
                    PolicyOverride(on_due=False, before=None), {"overdue_every": 0})
    assert p.before == (7, 1) and p.send_time == time(8, 15) and p.on_due is False
    assert p.escalate == (Escalation(2, "secretariat"),)
    assert p.overdue_every is None
    assert Policy.from_json(p.to_json()) == p
    with pytest.raises(ValueError, match="befor"):
        Policy().merged({"befor": [1]})
    with pytest.raises(ValueError, match="strictly increasing"):
        Policy().merged({"escalate": [{"after": 2, "to": "a"}, {"after": 1, "to": "b"}]})


def _weekdays(value: tuple[int, ...]) -> tuple[int, ...]:
    if any(not 0 <= d <= 6 for d in value):
        raise ValueError("weekdays are 0 (Monday) to 6")
    return value


class _WithQuietDays(Policy):
    """A policy with one key more, written once, as a new key would be."""

    quiet_days: Annotated[tuple[int, ...], AfterValidator(_weekdays)] = ()


def test_a_new_key_is_one_field() -> None:
    override: type[BaseModel] = override_model(_WithQuietDays)
    assert set(override.model_fields) == set(Policy.model_fields) | {"quiet_days"}
    # the override gets the key, optional and with the key's own check
    assert override.model_validate({}).quiet_days is None  # type: ignore[attr-defined]
    with pytest.raises(ValidationError, match="weekdays"):
        override.model_validate({"quiet_days": [7]})
    # merging, the stored JSON and equality need nothing more
    p = _WithQuietDays().merged({"quiet_days": [5, 6]}, {"quiet_days": None})
    assert p.quiet_days == (5, 6)
    assert p.to_json()["quiet_days"] == [5, 6]
    assert _WithQuietDays.from_json(p.to_json()) == p
    assert _WithQuietDays.from_json({}) != p


def test_the_schedule_imports_no_configuration() -> None:
    # The policy is the pure core's: loading it must not drag in the YAML side or the store.
    code = ("import sys, reminder.schedule.policy\n"
            "print(sorted(m for m in sys.modules if m.startswith(('reminder.config', "
            "'reminder.messages', 'reminder.store', 'reminder.channels'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
