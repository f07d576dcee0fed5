"""`load_config`: read `reminder.yaml`, its directory and plans, and report every finding."""

from __future__ import annotations

import errno
import glob
import os
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from reminder.config.crosscheck import (
    check_coordinator,
    check_directory,
    check_escalation,
    unknown_id_message,
)
from reminder.config.deployment import DeploymentFile, Policy
from reminder.config.directory import Directory, DirectoryFile, salvage_directory
from reminder.config.loaded import Config, Plan
from reminder.config.plans import NameUse, PlanContext, load_plan, unknown_name_problems
from reminder.config.problems import ConfigError, Problem, sort_problems
from reminder.config.secrets import fill_secret, strip_inline_secrets
from reminder.config.validate import validate
from reminder.config.yamlsource import LineMap, YamlDocument, read_yaml

_GLOB_CHARS = frozenset("*?[")


def _absolute(base: Path, value: str) -> Path:
    # normpath rather than resolve(): a symlinked state folder stays as the admin wrote it.
    return Path(os.path.normpath(base.absolute() / Path(value).expanduser()))


def _database_url(value: str | None, base: Path, state_dir: Path) -> str:
    if value is None:
        return f"sqlite:///{state_dir / 'reminder.sqlite'}"
    prefix = "sqlite:///"
    rest = value[len(prefix):]
    if value.startswith(prefix) and rest and not rest.startswith(("/", ":memory:")):
        # SQLAlchemy reads a relative SQLite path against the working directory; we promise
        # paths relative to the file.
        return prefix + str(_absolute(base, rest))
    return value


def _fallback(data: Any) -> tuple[str | None, list[str], Policy, str]:
    """Best-effort pieces of an invalid reminder.yaml, so its plans can still be checked."""
    data = data if isinstance(data, dict) else {}
    directory = data.get("directory", "executors.yaml")
    plans = data.get("plans")
    plans = [plans] if isinstance(plans, str) else plans if isinstance(plans, list) else []
    try:
        policy = Policy.model_validate(data.get("policy") or {})
    except ValueError:
        policy = Policy()
    country = data.get("country")
    return (directory if isinstance(directory, str) else None,
            [p for p in plans if isinstance(p, str)], policy,
            country if isinstance(country, str) else "")


def _other_kind(data: Any) -> str | None:
    if not isinstance(data, dict) or "timezone" in data or "plans" in data:
        return None
    if "tasks" in data:
        return "a plan file"
    if set(data) == {"executors"}:
        return "an executors directory"
    return None


def _plan_files(doc: YamlDocument, base: Path, patterns: list[str]) -> tuple[list[Path], list]:
    files: list[Path] = []
    problems: list[Problem] = []
    for i, pattern in enumerate(patterns):
        full = str(base / Path(pattern).expanduser())  # "./" is dropped: plans/x.yaml
        if _GLOB_CHARS & set(pattern):
            found, refused = [], False
            for match in sorted(Path(p) for p in glob.glob(full, recursive=True)):
                why = _not_a_plan_file(match)
                if why is None:
                    found.append(match)
                elif not (match.is_dir() and match.suffix.lower() not in (".yaml", ".yml")):
                    # a folder `plans/**` walks through is no mistake; `x.yaml/` is
                    problems.append(doc.problem(("plans", i), f"{match}: {why}"))
                    refused = True
            if not found and not refused:
                problems.append(doc.problem(("plans", i), f"{full} matches no files", "warning"))
        else:
            found = [Path(full)]
            why = _not_a_plan_file(found[0])
            if why is not None:
                problems.append(doc.problem(("plans", i), f"{full}: {why}"))
                found = []
        files += [f for f in found if f not in files]
    return files, problems


def _not_a_plan_file(path: Path) -> str | None:
    """Why ``path`` cannot be read as a plan file, or None when it is a file."""
    try:
        if path.is_file():
            return None
        if path.is_dir():
            return "is a folder, not a plan file (name its files: plans/*.yaml)"
        if path.is_symlink():
            os.stat(path)  # raises: a loop, or a link to nothing
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a loop of symbolic links"
        if exc.errno == errno.ENOENT:
            return "a symbolic link to a file that does not exist"
        return f"cannot be read ({exc.strerror or exc})"
    return "file not found"


def _load_directory(doc: YamlDocument, base: Path, name: str | None,
                    ) -> tuple[Directory | None, Path, YamlDocument | None, list[Problem]]:
    """The directory (None when it cannot be read or validated), its path, document, findings."""
    if name is None:
        return None, base, None, []
    path = base / Path(name).expanduser()
    if not path.is_file():
        default = isinstance(doc.data, dict) and "directory" not in doc.data
        hint = " (the default; name the executors file with `directory:`)" if default else ""
        return None, path, None, [doc.problem(("directory",), f"{path}: file not found{hint}")]
    ddoc = read_yaml(path)
    if ddoc.data is None:
        return None, path, ddoc, ddoc.problems
    parsed, problems = validate(DirectoryFile, ddoc)
    if parsed is None:
        # A key error in one entry must not hide the plans' unknown names: the entries are
        # read as far as they can be, and names are matched against that.
        salvaged = salvage_directory(ddoc.data)
        if salvaged is None:
            return None, path, ddoc, ddoc.problems + problems
        directory, found = check_directory(ddoc, salvaged)
        return directory, path, ddoc, ddoc.problems + problems + found
    directory, found = check_directory(ddoc, parsed)
    return directory, path, ddoc, ddoc.problems + found


def _with_secrets(settings: DeploymentFile, doc: YamlDocument, env: Mapping[str, str],
                  ) -> tuple[DeploymentFile, list[Problem]]:
    problems: list[Problem] = []
    channels = settings.channels
    updates: dict[str, Any] = {}
    for name, secret in (("email", "password"), ("telegram", "token")):
        section = getattr(channels, name)
        if section is not None:
            updates[name], found = fill_secret(section, secret, env, ("channels", name),
                                               doc.problem)
            problems += found
    channels = channels.model_copy(update=updates)
    return settings.model_copy(update={"channels": channels}), problems


def _check_deployment(settings: DeploymentFile, doc: YamlDocument, directory: Directory | None,
                      ) -> list[Problem]:
    problems: list[Problem] = []
    sid = settings.secretariat
    # Only a ladder the user wrote is checked: the built-in one is not a mistake in the file
    # (its step to a secretariat that does not exist is left out by the engine).
    written = "escalate" in settings.policy.model_fields_set
    if sid is None:
        skipped = [s.after for s in settings.policy.escalate if s.to == "secretariat"]
        also = (f", and the built-in escalation to the secretariat ({skipped[0]} working days "
                "late) is skipped") if skipped and not written else ""
        problems.append(doc.problem((), f"no `secretariat`: digests go to nobody{also}",
                                    "warning"))
    if directory is None:
        return problems
    if sid is not None and directory.get(sid) is None:
        problems.append(doc.problem(("secretariat",), unknown_id_message(
            "an executor id in the directory", sid, list(directory.by_id))))
    if written:
        problems += check_escalation(settings.policy.escalate, directory, sid is not None, doc,
                                     ("policy",))
    return problems


def _load_plans(files: list[Path], ctx: PlanContext) -> tuple[list[Plan], list[Problem]]:
    plans: list[Plan] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    unknown: list[NameUse] = []  # one error per unknown name, whichever plans use it
    for file in files:
        plan, found, pdoc = load_plan(file, str(file), ctx, unknown)
        problems += found
        if plan is None:
            continue
        if plan.id in seen:
            problems.append(pdoc.problem(("id",), f"plan id {plan.id!r} is also used by "
                                                  f"{seen[plan.id]}"))
        seen.setdefault(plan.id, str(file))
        plans.append(plan)
    return plans, problems + unknown_name_problems(unknown, ctx.directory)


def _check_paths(settings: DeploymentFile, doc: YamlDocument, base: Path) -> list[Problem]:
    problems: list[Problem] = []
    if settings.templates and not _absolute(base, settings.templates).is_dir():
        problems.append(doc.problem(("templates",), f"{_absolute(base, settings.templates)}: "
                                                    "folder not found"))
    if settings.database is not None and "://" not in settings.database:
        problems.append(doc.problem(("database",), "not a database URL (sqlite:///path or "
                                                   "postgresql+psycopg://...)"))
    elif settings.database is not None and (why := _unsupported_database(settings.database)):
        problems.append(doc.problem(("database",), why))
    return problems + _check_folders(settings, doc, base)


def _unsupported_database(url: str) -> str | None:
    """Why ``url`` names a database reminder cannot use (the password is never shown)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        return "not a database URL (sqlite:///path or postgresql+psycopg://...)"
    if parsed.get_backend_name() == "sqlite":
        return None
    if parsed.get_backend_name() == "postgresql" and parsed.get_driver_name() == "psycopg":
        return None
    shown = parsed.render_as_string(hide_password=True).split("://", 1)[0]
    return (f"{shown}:// is not a database reminder supports: write sqlite:///path or "
            "postgresql+psycopg://user@host/database")


def _check_folders(settings: DeploymentFile, doc: YamlDocument, base: Path) -> list[Problem]:
    """state_dir, the outbox folder and an SQLite file's folder: one that is a file (or sits
    under one) is an error; one this user cannot write is a warning, since the daemon may run
    as another user (reminder/config/paths.py)."""
    from reminder.config.paths import database_file, folder_problem

    problems: list[Problem] = []
    state_dir = _absolute(base, settings.state_dir or "state")
    default = "" if settings.state_dir else " (the default: ./state next to this file)"
    found = folder_problem(state_dir)
    if found is not None:
        if found.kind == "not-a-folder":
            problems.append(doc.problem(("state_dir",), found.message + default))
        else:
            problems.append(doc.problem(("state_dir",), f"{found.message}{default}; the user "
                                        "the daemon runs as must be able to write it",
                                        "warning"))
    folders: list[tuple[tuple[str, ...], Path]] = []
    outbox = settings.channels.outbox.path
    if outbox:
        folders.append((("channels", "outbox", "path"), _absolute(state_dir, outbox)))
    if settings.calendar is not None:
        folders.append((("calendar", "folder"), _absolute(state_dir, settings.calendar.folder)))
    db = database_file(_database_url(settings.database, base, state_dir))
    if db is not None and settings.database is not None:
        if db.is_dir():
            problems.append(doc.problem(("database",), f"{db} is a folder, not a database file"))
        else:
            folders.append((("database",), db.parent))
    for key, folder in folders:
        if problems and folder.is_relative_to(state_dir):
            continue  # the state_dir's own finding says it
        found = folder_problem(folder)
        if found is not None and found.kind == "not-a-folder":
            problems.append(doc.problem(key, found.message))
        elif found is not None and key[0] in ("channels", "calendar"):  # the daemon writes
            problems.append(doc.problem(key, f"{found.message}; the user the daemon runs as "
                                        "must be able to write it", "warning"))
    return problems


def collect(
    path: str | Path, *, env: Mapping[str, str] | None = None, today: date | None = None,
    resolve_secrets: bool = True,
) -> tuple[Config | None, list[Problem]]:
    """Load everything and return ``(config, problems)``; config is None when there are errors.

    Never raises for a user's mistake. ``env`` holds the secrets' variables and
    ``CREDENTIALS_DIRECTORY`` (default: the process environment); ``today`` gives plans
    without a period their year (without it such plans are an error).
    """
    env = os.environ if env is None else env
    path = Path(path)
    base = path.parent
    doc = read_yaml(path)
    if doc.data is None:
        return None, doc.problems
    kind = _other_kind(doc.data)
    if kind:
        # A plan or directory given as --config would otherwise get a dozen "unknown key" lines.
        return None, [doc.problem((), f"this is {kind}, not a deployment file (reminder.yaml: "
                                      "timezone, country, plans, ...)")]
    problems = doc.problems + strip_inline_secrets(doc.data, doc.problem)
    settings, found = validate(DeploymentFile, doc)
    problems += found
    if settings is None:
        # Keep going with what can be read, so the plans' problems are reported in this run too.
        directory_name, patterns, policy, country = _fallback(doc.data)
        has_secretariat = True  # unknown: do not add findings that may be false
    else:
        directory_name, patterns = settings.directory, list(settings.plans)
        policy, country = settings.policy, settings.country
        has_secretariat = settings.secretariat is not None

    loaded, directory_path, ddoc, found = _load_directory(doc, base, directory_name)
    problems += found
    directory = loaded if loaded is not None else Directory()
    if settings is not None:
        problems += _check_deployment(settings, doc, loaded)
    if loaded is not None:  # as written: an invalid key beside it in `policy` hides nothing
        policy_data = doc.data.get("policy") if isinstance(doc.data, dict) else None
        coordinator = policy_data.get("coordinator") if isinstance(policy_data, dict) else None
        problems += check_coordinator(str(coordinator) if isinstance(coordinator, str | int)
                                      else None, loaded, doc, ("policy",))

    files, found = _plan_files(doc, base, patterns)
    problems += found
    # `plans: ["*.yaml"]` next to reminder.yaml would otherwise read it and the directory as plans.
    not_plans = {path.absolute(), directory_path.absolute()}
    files = [f for f in files if f.absolute() not in not_plans]
    ctx = PlanContext(directory, policy, country, today, has_secretariat, loaded is not None)
    plans, found = _load_plans(files, ctx)
    problems += found

    if settings is None:
        return None, sort_problems(problems)
    if resolve_secrets:
        settings, found = _with_secrets(settings, doc, env)
        problems += found
    problems = sort_problems(problems + _check_paths(settings, doc, base))
    if any(p.is_error for p in problems):
        return None, problems
    state_dir = _absolute(base, settings.state_dir or "state")
    outbox = settings.channels.outbox.path
    config = Config(
        path=_absolute(Path.cwd(), str(path)),
        settings=settings,
        timezone=ZoneInfo(settings.timezone),
        state_dir=state_dir,
        database_url=_database_url(settings.database, base, state_dir),
        # A relative outbox is inside state_dir, with the rest of what the daemon writes (the
        # YAML's folder may be read-only to it, as /etc/reminder is under systemd).
        outbox_dir=_absolute(state_dir, outbox) if outbox else state_dir / "outbox",
        templates_dir=_absolute(base, settings.templates) if settings.templates else None,
        directory_path=_absolute(Path.cwd(), str(directory_path)),
        directory=directory,
        plans=tuple(plans),
        problems=tuple(problems),
        directory_file=str(directory_path),
        directory_lines=ddoc.lines if ddoc is not None else LineMap(),
        # relative to state_dir, as the outbox: the daemon may not write beside the YAML
        calendar_dir=(_absolute(state_dir, settings.calendar.folder) if settings.calendar
                      else None),
    )
    return config, problems


def load_config(
    path: str | Path, *, env: Mapping[str, str] | None = None, today: date | None = None,
    resolve_secrets: bool = True,
) -> Config:
    """Load and validate the deployment at ``path``.

    Raises `ConfigError` listing every error and warning when there is any error; a returned
    Config carries its warnings in ``problems``. See `collect` for the arguments.
    """
    config, problems = collect(path, env=env, today=today, resolve_secrets=resolve_secrets)
    if config is None:
        raise ConfigError(problems)
    return config


def load_directory(path: str | Path) -> Directory:
    """Read and check an executors directory on its own (e.g. for `reminder import`).

    Raises `ConfigError` with every located problem when the file has errors.
    """
    path = Path(path)
    doc = read_yaml(path)
    if doc.data is None:
        raise ConfigError(doc.problems)
    parsed, problems = validate(DirectoryFile, doc)
    if parsed is None:
        raise ConfigError(doc.problems + problems)
    directory, found = check_directory(doc, parsed)
    problems = doc.problems + found
    if any(p.is_error for p in problems):
        raise ConfigError(problems)
    return directory
