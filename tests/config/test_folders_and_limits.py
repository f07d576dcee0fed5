"""What `reminder check` says about the folders the daemon writes in, plan files that are not
files, databases it cannot use, files too big to be plans, and dates outside the supported
range: each one line at the key that names it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reminder.config import collect
from reminder.config.yamlsource import MAX_BYTES
from tests.config.conftest import PLAN, REMINDER, Write


def findings(path: Path) -> list[str]:
    """Every finding, with the deployment's folder left out of the paths."""
    _, problems = collect(path)
    return [str(p).replace(f"{path.parent}/", "") for p in problems]


def test_state_dir_that_is_a_file_is_an_error(write: Write) -> None:
    path = write(reminder=REMINDER + "state_dir: var\n")
    (path.parent / "var").write_text("not a folder", encoding="utf-8")
    assert findings(path) == ["reminder.yaml:6: state_dir: error: var is a file, not a folder"]


def test_the_default_state_dir_that_is_a_file_is_named_as_the_default(write: Write) -> None:
    path = write()
    (path.parent / "state").write_text("", encoding="utf-8")
    assert findings(path) == ["reminder.yaml:1: state_dir: error: state is a file, not a folder "
                              "(the default: ./state next to this file)"]


def test_state_dir_under_a_file_cannot_be_created(write: Write) -> None:
    path = write(reminder=REMINDER + "state_dir: executors.yaml/state\n")
    assert findings(path) == [
        "reminder.yaml:6: state_dir: error: executors.yaml is a file, so the folder "
        "executors.yaml/state cannot be created"]


def test_a_state_dir_this_user_cannot_write_is_only_a_warning(
        write: Write, monkeypatch: pytest.MonkeyPatch) -> None:
    """The daemon may run as another user than whoever runs check (tests run as root, so the
    permission is denied by hand)."""
    path = write(reminder=REMINDER + "state_dir: var\n")
    (path.parent / "var").mkdir()
    denied = path.parent / "var"
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == denied
                        else real(p, mode))
    config, problems = collect(path)
    assert config is not None  # loads: a warning only
    [problem] = [str(p) for p in problems]
    assert problem.startswith(f"{path}:6: state_dir: warning: {denied}: this user, ")
    assert problem.endswith("cannot write in it; the user the daemon runs as must be able to "
                            "write it")


def test_an_outbox_or_database_folder_that_is_a_file_is_an_error(write: Write) -> None:
    path = write(reminder=REMINDER + "database: sqlite:///notes.txt/r.sqlite\n"
                 "channels:\n  outbox: {path: notes.txt/outbox}\n")
    (path.parent / "notes.txt").write_text("", encoding="utf-8")
    (path.parent / "state").mkdir()  # a relative outbox is inside state_dir
    (path.parent / "state" / "notes.txt").write_text("", encoding="utf-8")
    assert findings(path) == [
        "reminder.yaml:6: database: error: notes.txt is a file, not a folder",
        "reminder.yaml:8: channels.outbox.path: error: state/notes.txt is a file, so the "
        "folder state/notes.txt/outbox cannot be created"]


@pytest.mark.parametrize(("url", "shown"), [
    ("mysql://u:s3cret@db/reminder", "mysql://"),
    ("postgresql://u:s3cret@db/reminder", "postgresql://"),  # psycopg2: not installed
    ("foo://bar", "foo://"),
])
def test_a_database_reminder_cannot_use_is_an_error_without_its_password(
        write: Write, url: str, shown: str) -> None:
    path = write(reminder=REMINDER + f'database: "{url}"\n')
    assert findings(path) == [
        f"reminder.yaml:6: database: error: {shown} is not a database reminder supports: "
        "write sqlite:///path or postgresql+psycopg://user@host/database"]


def test_a_plan_glob_matching_a_folder_a_loop_or_a_dangling_link_says_so(write: Write) -> None:
    path = write(plans={})
    plans = path.parent / "plans"
    (plans / "folder.yaml").mkdir()
    (plans / "a.yaml").symlink_to("b.yaml")
    (plans / "b.yaml").symlink_to("a.yaml")
    (plans / "gone.yaml").symlink_to("nowhere.yaml")
    (plans / "notes").mkdir()  # a folder `**` would walk through: no finding
    assert findings(path) == [
        "reminder.yaml:4: plans[0]: error: plans/a.yaml: a loop of symbolic links",
        "reminder.yaml:4: plans[0]: error: plans/b.yaml: a loop of symbolic links",
        "reminder.yaml:4: plans[0]: error: plans/folder.yaml: is a folder, not a plan file "
        "(name its files: plans/*.yaml)",
        "reminder.yaml:4: plans[0]: error: plans/gone.yaml: a symbolic link to a file that "
        "does not exist"]


def test_a_plan_named_as_a_folder_says_it_is_a_folder(write: Write) -> None:
    path = write(reminder=REMINDER.replace("plans: [plans/*.yaml]", "plans: [plans]"))
    assert findings(path) == [
        "reminder.yaml:4: plans[0]: error: plans: is a folder, not a plan file "
        "(name its files: plans/*.yaml)"]


def test_a_file_too_big_for_a_plan_is_refused_before_it_is_parsed(write: Write) -> None:
    path = write(plans={"huge.yaml": PLAN + "#" * MAX_BYTES + "\n"})
    assert findings(path) == ["plans/huge.yaml: error: larger than 4 MB, far more than a plan "
                              "or directory holds; split it into several files"]


def test_too_many_values_without_aliases_is_not_called_an_alias_bomb(write: Write) -> None:
    many = "".join(f"  - {{id: t{i}, title: T}}\n" for i in range(70_000))  # 3 values each
    path = write(plans={"many.yaml": "id: many\ntitle: M\nlanguage: uk\ntasks:\n" + many})
    [finding] = findings(path)
    assert finding.startswith("plans/many.yaml:")
    assert finding.endswith("error: invalid YAML: more than 200,000 values, far more than a "
                            "plan holds; split it into several files")


@pytest.mark.parametrize(("line", "key", "value"), [
    ("    due: 9999-12-25", "tasks[0].due", "9999-12-25"),
    ("    due: 0001-01-01", "tasks[0].due", "0001-01-01"),
    ("    start: 1999-12-31", "tasks[0].start", "1999-12-31"),
])
def test_task_dates_outside_the_supported_range_are_errors(
        write: Write, line: str, key: str, value: str) -> None:
    plan = PLAN.replace("    due: 2020-12-31", line)
    path = write(plans={"p.yaml": plan})
    assert findings(path) == [f"plans/p.yaml:8: {key}: error: {value} is outside the supported "
                              "range 2000-01-01 .. 2099-12-31"]


def test_a_period_outside_the_supported_range_is_an_error(write: Write) -> None:
    path = write(plans={"p.yaml": PLAN.replace('period: "2020"', 'period: "9990"')
                        .replace("due: 2020-12-31", "deadline: IV квартал")})
    assert findings(path) == ["plans/p.yaml:3: period: error: period '9990' is outside the "
                              "supported range 2000-01-01 .. 2099-12-31"]


def test_a_relative_outbox_lies_inside_state_dir_not_beside_the_yaml(write: Write,
                                                                     tmp_path: Path) -> None:
    state = tmp_path / "var" / "lib" / "reminder"
    path = write(reminder=REMINDER + f"state_dir: {state}\n"
                 + "channels:\n  outbox: {path: out}\n")
    config, problems = collect(path, today=None)
    assert config is not None, problems
    assert config.outbox_dir == state / "out"
