"""Secrets named in the YAML (``*_env``, ``*_credential``) and read from the environment.

A secret's value is held only in a pydantic ``SecretStr`` (printed as ``**********``) and never
appears in a finding: findings name the variable or the file, not what is in it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, SecretStr

from reminder.config.problems import Problem

# Keys a coordinator might be tempted to write a secret under, per channel.
SECRET_KEYS: dict[str, str] = {"email": "password", "telegram": "token"}

Locate = Callable[[tuple[str | int, ...], str], Problem]


def strip_inline_secrets(data: Any, locate: Locate) -> list[Problem]:
    """Remove secrets written straight into ``channels`` and report each (without its value)."""
    problems: list[Problem] = []
    web = data.get("web") if isinstance(data, dict) else None
    if isinstance(web, dict) and "secret" in web:
        del web["secret"]
        problems.append(locate(("web", "secret"), "secrets never go in YAML: name an environment "
                               "variable with secret_env, or a file in $CREDENTIALS_DIRECTORY "
                               "with secret_credential"))
    channels = data.get("channels") if isinstance(data, dict) else None
    if not isinstance(channels, dict):
        return problems
    for channel, key in SECRET_KEYS.items():
        section = channels.get(channel)
        if isinstance(section, dict) and key in section:
            del section[key]
            problems.append(locate(
                ("channels", channel, key),
                f"secrets never go in YAML: name an environment variable with {key}_env, "
                f"or a file in $CREDENTIALS_DIRECTORY with {key}_credential",
            ))
    return problems


def read_secret(
    env_name: str | None, credential: str | None, env: Mapping[str, str]
) -> tuple[SecretStr | None, str | None]:
    """The secret's value, or None and a message saying which variable or file is missing."""
    if env_name:
        value = env.get(env_name)
        if value is None:
            return None, f"environment variable {env_name} is not set"
        if not value.strip():
            return None, f"environment variable {env_name} is empty"
        return SecretStr(value.strip()), None
    if credential:
        folder = env.get("CREDENTIALS_DIRECTORY")
        if not folder:
            return None, (
                f"credential {credential!r} cannot be read: $CREDENTIALS_DIRECTORY is not set "
                "(systemd sets it for LoadCredential=)"
            )
        path = Path(folder) / credential
        try:
            value = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None, f"credential file {path} does not exist"
        except (OSError, UnicodeDecodeError) as exc:
            return None, f"credential file {path} cannot be read ({type(exc).__name__})"
        if not value.strip():
            return None, f"credential file {path} is empty"
        return SecretStr(value.strip()), None
    return None, None


def fill_secret(
    model: BaseModel, name: str, env: Mapping[str, str], path: tuple[str | int, ...],
    locate: Locate,
) -> tuple[BaseModel, list[Problem]]:
    """``model`` with its ``name`` secret read from ``<name>_env`` or ``<name>_credential``."""
    env_key, cred_key = f"{name}_env", f"{name}_credential"
    value, missing = read_secret(getattr(model, env_key), getattr(model, cred_key), env)
    if missing:
        key = env_key if getattr(model, env_key) else cred_key
        return model, [locate((*path, key), missing)]
    if value is None:
        return model, []
    return model.model_copy(update={name: value}), []
