"""What the engine's commands share: loading the configuration, opening the store, reading
dates and times from flags, all failing as UserError (a clear message, no traceback)."""

from __future__ import annotations

import argparse
import os
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from reminder.cli.errors import UserError

if TYPE_CHECKING:  # the commands that open a deployment load these, not `--help`
    from sqlalchemy.engine import Engine

    from reminder.config.loaded import Config
    from reminder.store.specs import Deployment


def add_config(parser: argparse.ArgumentParser) -> None:
    """The --config flag every engine command takes."""
    parser.add_argument("--config", required=True, metavar="PATH",
                        help="the deployment file (reminder.yaml)")


def load(path: str) -> tuple[Config, Deployment]:
    """Load and validate the configuration; every error is listed as file:line: key: message."""
    from reminder.config.loader import load_config
    from reminder.config.problems import ConfigError
    from reminder.store.deploy import deployment_from_config

    try:
        # Today as `reminder check` takes it: a plan without a period is read as this year
        # (check warns), by every command alike.
        cfg = load_config(path, today=date.today())
    except ConfigError as exc:
        lines = [str(p) for p in exc.errors] or [str(exc)]
        if len(lines) == 1:  # one mistake, one line
            raise UserError(f"invalid configuration: {lines[0]}") from None
        raise UserError("invalid configuration:\n  " + "\n  ".join(lines)) from None
    except OSError as exc:
        raise UserError(f"{path}: {exc.strerror or exc}") from None
    _check_state_dir(cfg)
    try:
        return cfg, deployment_from_config(cfg)
    except ValueError as exc:
        raise UserError(f"{path}: {exc}") from None


def _check_state_dir(cfg: Config) -> None:
    """Refuse, in one line naming the key, a state folder or SQLite folder this user cannot
    write in: every engine command writes there (the lock file, the database and its WAL),
    and would otherwise fail on its first write with the database's words for it.
    `reminder check` only warns about it: the daemon may run as another user."""
    from reminder.config.paths import database_file, folder_problem

    db = database_file(cfg.database_url)
    if db is None:  # PostgreSQL: nothing of the store's is written here
        return
    # SQLite: its lock file lives in state_dir, its WAL beside the database file
    for key, folder in (("state_dir", cfg.state_dir), ("database", db.parent)):
        found = folder_problem(folder)
        if found is not None:
            raise UserError(f"{cfg.path}: {key}: {found.message}")


def load_for_sending(path: str) -> tuple[Config, Deployment]:
    """``load``, then render every template once with sample data as `reminder check` does:
    `reminder run`, `reminder tick` and a daemon's reload refuse a configuration whose
    templates cannot render (a syntax error, an undefined name, a file that is not UTF-8),
    listing each as file:line: message, rather than start and fail on every message."""
    cfg, dep = load(path)
    problems = template_problems(cfg.templates_dir)
    if problems:
        raise UserError("templates that cannot be rendered:\n  " + "\n  ".join(problems))
    return cfg, dep


def template_problems(templates_dir: Path | None) -> list[str]:
    """`reminder check`'s template findings, each placed as ``file:line: message``: the
    check names a Jinja syntax error's file and line itself, but an undefined name or a file
    that is not UTF-8 only by template name, so those are found in the file here."""
    from reminder.messages.render import builtin_templates_dir, check_templates

    roots = [p for p in (templates_dir, builtin_templates_dir()) if p is not None]
    out = []
    for problem in check_templates(templates_dir):
        name, sep, message = problem.partition(": ")
        if not sep or ":" in name:  # already file:line (or not a template's name at all)
            out.append(problem)
            continue
        # the file Jinja reads for that name: the deployment's folder first, as it searches
        file = next((r / name for r in roots if (r / name).is_file()), None)
        if file is None:
            out.append(problem)
            continue
        line, message = _locate(file, message)
        out.append(f"{file}:{line}: {message}" if line else f"{file}: {message}")
    return out


def _locate(file: Path, message: str) -> tuple[int | None, str]:
    """The line of ``file`` a render error points at, and its message: the first undecodable
    byte, or the first line naming the undefined name or attribute."""
    data = file.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start:exc.start + 1].hex()
        return data[:exc.start].count(b"\n") + 1, f"not UTF-8 text: byte 0x{bad} ({exc.reason})"
    names = re.findall(r"'([A-Za-z_]\w*)'", message)
    if names:
        word = re.compile(rf"\b{re.escape(names[-1])}\b")
        for number, line in enumerate(text.splitlines(), 1):
            if word.search(line):
                return number, message
    return None, message


def executor_id(cfg: Config, given: str) -> str:
    """The directory id --executor names (its id, or a name or alias as plans write them);
    an unknown one is refused naming the closest ids and names."""
    import difflib

    found = cfg.directory.match(given)
    if found is not None:
        return found.id
    ids = sorted(cfg.directory.by_id)
    near = difflib.get_close_matches(given, ids, n=3, cutoff=0.5)
    # deployments prefix ids by region ("luhansk-dmk"): a part of an id close to it counts
    near += [i for i in ids if i not in near and difflib.get_close_matches(
        given.casefold(), i.casefold().split("-"), n=1, cutoff=0.6)]
    near += [e.id for e in cfg.directory.suggest(given) if e.id not in near]
    if near:
        hint = "; did you mean " + ", ".join(near[:3]) + "?"
    else:
        hint = "; known: " + ", ".join(ids[:20]) + (", ..." if len(ids) > 20 else "")
    raise UserError(f"--executor: unknown executor {given!r}{hint}")


def parse_date(text: str, flag: str) -> date:
    """An ISO date from a flag, in the range the engine supports (config/limits.py)."""
    from reminder.config.limits import out_of_range

    try:
        value = date.fromisoformat(text)
    except ValueError:
        raise UserError(f"{flag}: {text!r} is not a date; write it as YYYY-MM-DD "
                        "(e.g. 2023-10-02)") from None
    if why := out_of_range(value):
        raise UserError(f"{flag}: {text} {why}")
    return value


def parse_now(text: str | None, tz: ZoneInfo) -> datetime:
    """--now as an aware instant (a time without an offset is in the deployment's zone);
    the wall clock when not given. Its day must lie in the range the engine supports: near
    year 1 or 9999 the ladder's arithmetic overflows."""
    from reminder.config.limits import out_of_range

    if text is None:
        return datetime.now(UTC)
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise UserError(f"--now: {text!r} is not an ISO date or date and time "
                        "(e.g. 2023-10-02 or 2023-10-02T09:00)") from None
    value = value if value.tzinfo else value.replace(tzinfo=tz)
    try:
        day = value.astimezone(tz).date()
    except OverflowError:  # 0001-01-01T00:00+05:00 has no instant before year 1 to land on
        day = value.date()
    if why := out_of_range(day):
        raise UserError(f"--now: {text} {why}")
    return value


@dataclass
class Opened:
    """An open store, and the daemon lock when this process holds it (SQLite)."""

    engine: Engine
    exclusive: bool  # no other daemon can be running: claims left "sending" are abandoned
    worker: str


@contextmanager
def opened(dep: Deployment, *, lock: bool = True) -> Iterator[Opened]:
    """Open (and migrate) the database; on SQLite take the state directory's lock so a tick
    and a daemon never run on one file together."""
    from sqlalchemy.exc import SQLAlchemyError

    from reminder.store.db import DaemonLock, StoreError, corrupt, damaged, open_store, redact

    url = dep.db_url
    guard = DaemonLock(dep.state_dir) if lock and url.startswith("sqlite") else None
    try:
        if guard:
            guard.acquire()
        engine = open_store(url)
    except StoreError as exc:
        if guard:
            guard.release()
        raise UserError(str(exc), exit_code=exc.exit_code) from None
    try:
        yield Opened(engine, guard is not None, f"w-{uuid.uuid4().hex[:12]}")
    except SQLAlchemyError as exc:
        if corrupt(exc):  # damaged under way: waiting will not mend it
            raise UserError(str(damaged(redact(url), exc))) from None
        # Not the user's mistake, but no traceback either: every write was one transaction,
        # so the database holds what it held before.
        detail = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        raise UserError(f"database {engine.url!r}: {detail}", exit_code=1) from None
    finally:
        engine.dispose()
        if guard:
            guard.release()


def wake_daemon(dep: Deployment) -> tuple[str, bool] | None:
    """Wake the daemon that holds this deployment's SQLite lock, so a change made from the
    command line takes effect now rather than at its next wake-up (up to an hour away).

    Returns (a line for the user, whether it was woken), or None when no daemon runs on this
    state directory. Daemons sharing PostgreSQL hold no lock here; they see the change at
    their next pass."""
    if not dep.db_url.startswith("sqlite"):
        return None
    from reminder.store.db import WAKE_SIGNAL, daemon_pid

    pid = daemon_pid(dep.state_dir)
    if pid is None:
        return None
    try:
        os.kill(pid, WAKE_SIGNAL)
    except OSError as exc:  # another user's daemon, or it has just stopped
        return (f"note: the running daemon (pid {pid}) could not be woken "
                f"({exc.strerror}); it applies the change at its next pass, within the hour",
                False)
    return f"the running daemon (pid {pid}) applies it now", True
