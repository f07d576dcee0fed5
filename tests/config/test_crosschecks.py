"""Checks across keys and files: ids, executors, supervisors, secretariat, plan files."""

from __future__ import annotations

import pytest

from reminder.config import load_config
from tests.config.conftest import EXECUTORS, PLAN, REMINDER, Write, findings

TWO_TASKS = PLAN + """\
  - id: "1.1"
    title: Ще раз
    due: 2020-06-30
    executors:
      - {name: Департамент масових комунікацій облдерж адміністрації, role: lead}
      - {name: Департамент соціального захисту, role: co}
      - {name: ІГС (за згодою), role: partner}
"""

CASES = [
    # duplicate task id, with the first one's line
    (None, None, {"lugansk-2020.yaml": TWO_TASKS},
     "plans/lugansk-2020.yaml:11: tasks[1].id: error: duplicate task id '1.1' (first on line 6)"),
    # an executor not in the directory, with the closest entries
    (None, None, {"lugansk-2020.yaml": TWO_TASKS},
     "plans/lugansk-2020.yaml:15: tasks[1].executors[0].name: error: 'Департамент масових "
     "комунікацій облдерж адміністрації' is not in the executors directory (add it, or an "
     "alias); used by lugansk-2020/1.1; closest: dmk (Департамент масових комунікацій облдержадміністрації)"),
    (None, None, {"lugansk-2020.yaml": TWO_TASKS},
     "plans/lugansk-2020.yaml:16: tasks[1].executors[1].name: error: 'Департамент соціального "
     "захисту' is not in the executors directory (add it, or an alias); used by "
     "lugansk-2020/1.1; closest: social"),
    # two leads
    (None, None, {"lugansk-2020.yaml": PLAN.replace(
        "      - Департамент масових комунікацій облдержадміністрації\n",
        "      - {name: dmk, role: lead}\n      - {name: social, role: lead}\n")},
     "plans/lugansk-2020.yaml:11: tasks[0].executors[1].role: error: more than one lead"),
    # supervisors and the secretariat must exist
    (None, EXECUTORS.replace("supervisor: sec", "supervisor: secc", 1), None,
     "executors.yaml:11: executors[1].supervisor: error: 'secc' is not an executor id; "
     "did you mean 'sec'?"),
    (None, EXECUTORS.replace("supervisor: sec", "supervisor: dmk", 1), None,
     "executors.yaml:11: executors[1].supervisor: error: an executor cannot supervise itself"),
    (REMINDER.replace("secretariat: sec", "secretariat: secretariat"), None, None,
     "reminder.yaml:5: secretariat: error: 'secretariat' is not an executor id in the "
     "directory"),
    (REMINDER.replace("secretariat: sec\n", ""), None, None,
     "reminder.yaml:1: warning: no `secretariat`: digests go to nobody"),
    (REMINDER.replace("secretariat: sec\n", "")
     + "policy:\n  escalate: [{after: 3, to: secretariat}]\n",
     None, None,
     "reminder.yaml:6: policy.escalate[0].to: error: escalates to the secretariat, but "
     "reminder.yaml names no `secretariat`"),
    (None, None, {"lugansk-2020.yaml": PLAN.replace(
        "tasks:", "policy:\n  escalate: [{after: 3, to: boss}]\ntasks:")},
     "plans/lugansk-2020.yaml:6: policy.escalate[0].to: error: 'boss' is not supervisor, "
     "secretariat or an executor id"),
    # the coordinator who answers requests is an executor of the directory
    (REMINDER + "policy:\n  coordinator: secc\n", None, None,
     "reminder.yaml:7: policy.coordinator: error: 'secc' is not an executor id in the "
     "directory; did you mean 'sec'?"),
    (None, None, {"lugansk-2020.yaml": PLAN.replace(
        "tasks:", "policy:\n  coordinator: office\n  close: accept\ntasks:")},
     "plans/lugansk-2020.yaml:6: policy.coordinator: error: 'office' is not an executor id "
     "in the directory"),
    (None, None, {"lugansk-2020.yaml": PLAN.replace(
        "tasks:", "policy:\n  close: approve\ntasks:")},
     "plans/lugansk-2020.yaml:6: policy.close: error:"),
    # an invalid `close` beside an unknown coordinator hides neither
    (None, None, {"lugansk-2020.yaml": PLAN.replace(
        "tasks:", "policy:\n  close: acept\n  coordinator: nobody-here\ntasks:")},
     "plans/lugansk-2020.yaml:6: policy.close: error:"),
    (None, None, {"lugansk-2020.yaml": PLAN.replace(
        "tasks:", "policy:\n  close: acept\n  coordinator: nobody-here\ntasks:")},
     "plans/lugansk-2020.yaml:7: policy.coordinator: error: 'nobody-here' is not an executor "
     "id in the directory"),
    (REMINDER.replace("secretariat: sec\n", "") + "policy:\n  close: accept\n", None, None,
     "plans/lugansk-2020.yaml:6: tasks[0].id: warning: close: accept, but no coordinator"),
    # the directory: duplicate ids and names two entries share
    (None, EXECUTORS + "  - {id: dmk, name: Інше, language: uk}\n", None,
     "executors.yaml:22: executors[4].id: error: duplicate executor id (first on line 6)"),
    (None, EXECUTORS + "  - {id: dmk2, name: Інше, aliases: [дмк], language: uk}\n", None,
     "executors.yaml:22: executors[4].aliases[0]: error: 'дмк' also names 'dmk': plans could "
     "not tell the two apart"),
    # files that are not there
    (REMINDER.replace("plans/*.yaml", "plan/*.yaml"), None, None,
     "reminder.yaml:4: plans[0]: warning: plan/*.yaml matches no files"),
    (REMINDER.replace("plans/*.yaml", "plans/missing.yaml"), None, None,
     "reminder.yaml:4: plans[0]: error: plans/missing.yaml: file not found"),
    (REMINDER.replace("executors.yaml", "people.yaml"), None, None,
     "reminder.yaml:3: directory: error: people.yaml: file not found"),
    (REMINDER + "templates: tpl/\n", None, None,
     "reminder.yaml:6: templates: error:"),
    # one plan id in two files
    (None, None, {"a.yaml": PLAN, "b.yaml": PLAN},
     "plans/b.yaml:1: id: error: plan id 'lugansk-2020' is also used by"),
]


@pytest.mark.parametrize(("reminder", "executors", "plans", "expected"), CASES)
def test_cross_checks(write: Write, reminder, executors, plans, expected: str) -> None:
    path = write(reminder=reminder or REMINDER, executors=executors or EXECUTORS, plans=plans)
    found = [f.replace(str(path.parent) + "/", "") for f in findings(path)]
    assert any(f.startswith(expected) for f in found), "\n".join(found)


def test_names_match_by_id_normalised_name_and_alias(write: Write) -> None:
    plan = PLAN.replace("      - Департамент масових комунікацій облдержадміністрації\n", """\
      - департамент  масових комунікацій ОДА
      - {name: social, role: co}
      - {name: "«ІГС» (за згодою)", role: partner}
      - {name: дмк, role: involved}
""")
    config = load_config(write(plans={"p.yaml": plan}), env={})
    (task,) = config.tasks()
    assert [(a.executor_id, a.role) for a in task.assignments] == [
        ("dmk", "lead"), ("social", "co"), ("igs", "partner"), ("dmk", "involved")
    ]
    assert task.lead is not None and task.lead.executor_id == "dmk"


def test_first_executor_leads_unless_a_role_says_otherwise(write: Write) -> None:
    plan = PLAN.replace("      - Департамент масових комунікацій облдержадміністрації\n",
                        "      - dmk\n      - {name: social, role: lead}\n      - igs\n")
    (task,) = load_config(write(plans={"p.yaml": plan}), env={}).tasks()
    assert [(a.executor_id, a.role) for a in task.assignments] == [
        ("dmk", "co"), ("social", "lead"), ("igs", "co")
    ]


def test_paths_are_relative_to_the_file(write: Write) -> None:
    path = write(reminder=REMINDER + "state_dir: var\ndatabase: sqlite:///var/r.db\n")
    config = load_config(path, env={})
    root = path.parent.absolute()
    assert config.state_dir == root / "var"
    assert config.database_url == f"sqlite:///{root / 'var' / 'r.db'}"
    assert config.outbox_dir == root / "var" / "outbox"
    assert config.directory_path == root / "executors.yaml"
    assert config.plans[0].file.name == "lugansk-2020.yaml"
    default = load_config(write(), env={})
    assert default.database_url == f"sqlite:///{root / 'state' / 'reminder.sqlite'}"
    assert default.secretariat is not None and default.secretariat.id == "sec"


def test_a_glob_over_the_config_folder_skips_reminder_yaml_and_the_directory(write: Write):
    path = write(reminder=REMINDER.replace("plans/*.yaml", "'*.yaml'"), plans={})
    (path.parent / "plan.yaml").write_text(PLAN, encoding="utf-8")
    config = load_config(path, env={})
    assert [p.file.name for p in config.plans] == ["plan.yaml"]
    assert config.problems == ()


def test_a_valid_deployment_has_no_findings(write: Write) -> None:
    assert findings(write()) == []


@pytest.mark.parametrize(
    ("executors", "expected"),
    [
        ("executors: {}\n", ["executors.yaml:1: executors: error: must be a valid list (got {})"]),
        (None, ["reminder.yaml:3: directory: error: executors.yaml: file not found"]),
    ],
)
def test_an_unusable_directory_is_the_only_finding(write: Write, executors, expected) -> None:
    # Without a directory every executor and the secretariat would "not match" too: noise.
    assert findings(write(executors=executors)) == expected
