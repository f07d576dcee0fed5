"""`reminder check`: every problem printed, a summary line, the exit code, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from reminder.cli import cmd_check, main
from reminder.config import Problem
from tests.config.conftest import EXECUTORS, PLAN, REMINDER, Write

EXAMPLE = Path(__file__).parents[2] / "config" / "example" / "reminder.yaml"


def run(capsys: pytest.CaptureFixture[str], path: Path | str) -> tuple[int, list[str], str]:
    code = main(["check", "--config", str(path)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    lines = [line.replace(str(Path(path).parent) + "/", "") for line in out.splitlines()]
    return code, lines, err


@pytest.mark.parametrize(
    ("reminder", "executors", "plan", "code", "summary"),
    [
        (REMINDER, EXECUTORS, PLAN, 0, "OK: 1 plan, 1 task; no problems found"),
        # warnings only: exit 0
        (REMINDER, EXECUTORS, PLAN.replace("due: 2020-12-31", "deadline: колись потім"), 0,
         "OK: 1 plan, 1 task; 0 errors, 1 warning"),
        # no secretariat while the built-in ladder escalates to it: that step is skipped
        (REMINDER.replace("secretariat: sec\n", ""), EXECUTORS, PLAN, 0,
         "OK: 1 plan, 1 task; 0 errors, 1 warning"),
        # ... but a ladder that the file itself writes may not name the missing secretariat
        (REMINDER.replace("secretariat: sec\n", "")
         + "policy:\n  escalate: [{after: 15, to: secretariat}]\n", EXECUTORS, PLAN, 1,
         "FAILED: 1 error, 1 warning"),
        # errors: exit 1, all of them counted
        (REMINDER + "bogus: 1\n", EXECUTORS + "    bogus: 2\n", PLAN + "    bogus: 3\n", 1,
         "FAILED: 3 errors, 0 warnings"),
        ("timezone: [", EXECUTORS, PLAN, 1, "FAILED: 1 error, 0 warnings"),
    ],
)
def test_exit_code_and_summary(write: Write, capsys, reminder, executors, plan, code, summary):
    got, lines, _ = run(capsys, write(reminder=reminder, executors=executors,
                                      plans={"p.yaml": plan}))
    assert (got, lines[-1]) == (code, summary)


def test_strict_fails_on_warnings(write: Write, capsys) -> None:
    path = write(plans={"p.yaml": PLAN.replace("due: 2020-12-31", "deadline: колись потім")})
    assert main(["check", "--config", str(path)]) == 0
    assert main(["check", "--strict", "--config", str(path)]) == 1
    assert main(["check", "--strict", "--config", str(write(plans={"p.yaml": PLAN}))]) == 0
    capsys.readouterr()


def test_every_problem_is_printed_with_place(write: Write, capsys) -> None:
    path = write(reminder=REMINDER + "bogus: 1\n", plans={"p.yaml": PLAN + "    bogus: 3\n"})
    code, lines, _ = run(capsys, path)
    assert code == 1
    assert lines == [
        "plans/p.yaml:11: tasks[0].bogus: error: unknown key; allowed here: id, section, title, "
        "result, deadline, start, due, confirmed, executors, policy, status",
        "reminder.yaml:6: bogus: error: unknown key; allowed here: timezone, country, state_dir, "
        "database, directory, plans, templates, secretariat, policy, digest, channels, ledger, "
        "calendar",
        "FAILED: 2 errors, 0 warnings",
    ]


def test_missing_config_file(tmp_path: Path, capsys) -> None:
    code, lines, _ = run(capsys, tmp_path / "nope.yaml")
    assert code == 1
    assert lines == ["nope.yaml: error: file not found", "FAILED: 1 error, 0 warnings"]


@pytest.mark.parametrize(
    ("name", "kind"),
    [("plans/lugansk-2020.yaml", "a plan file"), ("executors.yaml", "an executors directory")],
)
def test_wrong_kind_of_file(write: Write, capsys, name: str, kind: str) -> None:
    path = write().parent / name
    assert main(["check", "--config", str(path)]) == 1
    assert f"{path}:1: error: this is {kind}, not a deployment file" in capsys.readouterr().out


def test_extra_checks_add_findings_and_cannot_crash_it(write: Write, capsys, monkeypatch):
    def complains(config):
        return [Problem("templates/email/ru/due.html", 3, "", "'x' is undefined")]

    def crashes(config):
        raise RuntimeError("boom")

    monkeypatch.setattr(cmd_check, "CHECKS", [*cmd_check.CHECKS, complains, crashes])
    code, lines, _ = run(capsys, write())
    assert code == 1
    assert "templates/email/ru/due.html:3: error: 'x' is undefined" in lines
    assert any("error: crashes failed: RuntimeError('boom')" in line for line in lines)


def test_executor_without_contact_is_a_warning(write: Write, capsys) -> None:
    plan = PLAN.replace("Департамент масових комунікацій облдержадміністрації",
                        "{name: ІГС, role: lead}")
    code, lines, _ = run(capsys, write(plans={"p.yaml": plan}))
    assert code == 0
    # Without email and Telegram every message is written to the outbox: true today, and
    # what changes once a channel is configured.
    assert lines[0] == ("executors.yaml:17: executors[3]: warning: 'igs' has no email or "
                        "telegram: its reminders (first: lugansk-2020/1.1) go to the outbox "
                        "folder, as every message does while no email or Telegram channel is "
                        "configured; once one is, nobody receives them")


EMAIL = ("channels:\n  email: {host: smtp.example.org, tls: none, "
         "from: 'Plans <plans@example.org>'}\n")
TELEGRAM = "channels:\n  telegram: {token_env: REMINDER_TEST_TOKEN}\n"
BOTH = EMAIL + "  telegram: {token_env: REMINDER_TEST_TOKEN}\n"
IGS_LEADS = PLAN.replace("Департамент масових комунікацій облдержадміністрації",
                         "{name: ІГС, role: lead}")
NEEDS = ('they are listed under "needs a person" in the digest and in `reminder status`')


@pytest.mark.parametrize(
    ("channels", "executors", "expected"),
    [
        # email only: a department without an address is reached by nothing
        (EMAIL, EXECUTORS, [
            "executors.yaml:17: executors[3]: warning: 'igs' has no email address (email is "
            "the only channel configured): nobody receives its reminders (first: "
            f"lugansk-2020/1.1); {NEEDS}"]),
        # email only: a Telegram chat in the directory is no way to reach anyone
        (EMAIL, EXECUTORS.replace("    partner: true\n", "    telegram: [1234]\n"
                                                      "    partner: true\n"), [
            "executors.yaml:17: executors[3]: warning: 'igs' has no email address (its "
            "Telegram chats are not used: Telegram is not configured): nobody receives its "
            f"reminders (first: lugansk-2020/1.1); {NEEDS}"]),
        # Telegram only: email addresses are not used, a chat linked with the bot would be
        (TELEGRAM, EXECUTORS.replace("    email: [sec@example.org]\n", "    telegram: [1]\n")
         .replace("    partner: true\n", "    telegram: [2]\n    partner: true\n"), [
            "executors.yaml:6: executors[1]: warning: 'dmk' has no Telegram chat (its email "
            "addresses are not used: email is not configured): nobody receives its reminders "
            "(first: lugansk-2020/2.1) unless a chat was linked with `reminder link dmk`; "
            f"{NEEDS}"]),
        # both: the message goes by Telegram, else email; with neither, to nobody
        (BOTH, EXECUTORS, [
            "executors.yaml:17: executors[3]: warning: 'igs' has no email address or Telegram "
            "chat: nobody receives its reminders (first: lugansk-2020/1.1) unless a chat was "
            f"linked with `reminder link igs`; {NEEDS}"]),
        # the secretariat unreachable: digests and final escalations fail
        (EMAIL, EXECUTORS.replace("    email: [sec@example.org]\n", ""), [
            "executors.yaml:2: executors[0]: warning: the secretariat 'sec' has no email "
            "address (email is the only channel configured): nobody receives the digests or the "
            "escalations to the secretariat; `reminder status` lists them as failed "
            "deliveries",
            "executors.yaml:16: executors[3]: warning: 'igs' has no email address (email is "
            "the only channel configured): nobody receives its reminders (first: "
            f"lugansk-2020/1.1); {NEEDS}"]),
    ],
)
def test_contact_warnings_say_what_the_engine_does(write: Write, capsys, monkeypatch,
                                                   channels, executors, expected) -> None:
    monkeypatch.setenv("REMINDER_TEST_TOKEN", "1:test")
    plan = IGS_LEADS + PLAN.split("tasks:\n", 1)[1].replace('"1.1"', '"2.1"')
    code, lines, _ = run(capsys, write(reminder=REMINDER + channels, executors=executors,
                                       plans={"p.yaml": plan}))
    assert (code, lines[:-1]) == (0, expected)


@pytest.mark.parametrize(
    ("executors", "expected"),
    [
        (EXECUTORS.replace("    email: [sec@example.org]\n", "", 1),
         "executors.yaml:2: executors[0]: warning: the secretariat 'sec' has no email or "
         "telegram: digests go to the outbox folder, as every message does while no email or "
         "Telegram channel is configured; once one is, nobody receives them"),
        (EXECUTORS.replace("    supervisor: sec\n", "", 1),
         "executors.yaml:6: executors[1]: warning: 'dmk' leads lugansk-2020/1.1 but has no "
         "supervisor: the escalation after 5 working days late is skipped"),
    ],
)
def test_reachability_warnings(write: Write, capsys, executors: str, expected: str) -> None:
    code, lines, _ = run(capsys, write(executors=executors))
    assert (code, lines) == (0, [expected, "OK: 1 plan, 1 task; 0 errors, 1 warning"])


def test_the_example_deployment_passes(capsys) -> None:
    code, lines, _ = run(capsys, EXAMPLE)
    assert code == 0, "\n".join(lines)
    assert lines[-1].startswith("OK")
    plans = sorted((EXAMPLE.parent / "plans").glob("*.yaml"))
    if plans:  # written by `reminder import` from the seeds; every one must load
        from reminder.config import load_config

        loaded = load_config(EXAMPLE, env={})
        assert {p.file.name for p in loaded.plans} == {p.name for p in plans}
        assert all(a.executor for t in loaded.tasks() for a in t.assignments)
