"""Secrets come from the environment or $CREDENTIALS_DIRECTORY and never show anywhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from reminder.cli import main
from reminder.config import load_config
from tests.config.conftest import REMINDER, Write, findings

EMAIL = """\
channels:
  email:
    host: smtp.example.org
    username: reminder@example.org
    password_env: REMINDER_SMTP_PASSWORD
    from: "Plan office <reminder@example.org>"
  telegram:
    token_credential: telegram-token
"""
SECRET = "hunter2-very-secret"
TOKEN = "123456:ABC-token-value"


@pytest.fixture
def creds(tmp_path: Path) -> Path:
    folder = tmp_path / "creds"
    folder.mkdir()
    (folder / "telegram-token").write_text(TOKEN + "\n", encoding="utf-8")
    return folder


def test_secrets_are_read_and_hidden(write: Write, creds: Path) -> None:
    env = {"REMINDER_SMTP_PASSWORD": SECRET, "CREDENTIALS_DIRECTORY": str(creds)}
    config = load_config(write(reminder=REMINDER + EMAIL), env=env)
    email, telegram = config.channels.email, config.channels.telegram
    assert email is not None and telegram is not None
    assert email.password is not None and email.password.get_secret_value() == SECRET
    assert telegram.token is not None and telegram.token.get_secret_value() == TOKEN
    for shown in (repr(config), str(config), repr(config.settings), str(email),
                  config.settings.model_dump_json(), str(config.settings.model_dump())):
        assert SECRET not in shown and TOKEN not in shown


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, ["reminder.yaml:10: channels.email.password_env: error: environment variable "
              "REMINDER_SMTP_PASSWORD is not set",
              "reminder.yaml:13: channels.telegram.token_credential: error: credential "
              "'telegram-token' cannot be read: $CREDENTIALS_DIRECTORY is not set"]),
        ({"REMINDER_SMTP_PASSWORD": " ", "CREDENTIALS_DIRECTORY": "/nonexistent"},
         ["reminder.yaml:10: channels.email.password_env: error: environment variable "
          "REMINDER_SMTP_PASSWORD is empty",
          "reminder.yaml:13: channels.telegram.token_credential: error: credential file "
          "/nonexistent/telegram-token does not exist"]),
    ],
)
def test_missing_secret_names_the_variable(write: Write, env: dict, expected: list) -> None:
    found = findings(write(reminder=REMINDER + EMAIL), env=env)
    for line in expected:
        assert any(f.startswith(line) for f in found), "\n".join(found)


def test_secret_written_in_yaml_is_refused_without_echoing_it(write: Write) -> None:
    text = REMINDER + EMAIL.replace("password_env: REMINDER_SMTP_PASSWORD",
                                    f"password: {SECRET}")
    found = findings(write(reminder=text), env={"CREDENTIALS_DIRECTORY": "/x"})
    assert any(f.startswith("reminder.yaml:10: channels.email.password: error: secrets never "
                            "go in YAML") for f in found), found
    assert not any(SECRET in f for f in found)


def test_check_never_prints_a_secret(write: Write, creds: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("REMINDER_SMTP_PASSWORD", SECRET)
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(creds))
    path = write(reminder=REMINDER + EMAIL + "bogus: 1\n")
    assert main(["check", "--config", str(path)]) == 1
    out = capsys.readouterr()
    assert "bogus: error: unknown key" in out.out
    assert SECRET not in out.out + out.err and TOKEN not in out.out + out.err


def test_one_secret_source_only(write: Write) -> None:
    text = REMINDER + EMAIL.replace(
        "password_env: REMINDER_SMTP_PASSWORD",
        "password_env: A\n    password_credential: b",
    )
    found = findings(write(reminder=text))
    assert any("give either password_env or password_credential, not both" in f for f in found)
