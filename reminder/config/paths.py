"""Whether the folders the daemon writes in can be folders it writes in.

`state_dir` holds the SQLite database, its lock file and (by default) the outbox. A
`state_dir` that names a file, or sits under one, can never work, whoever runs the daemon:
`reminder check` reports it as an error. A folder this user cannot write (or create) may be
fine for the service's own user (a coordinator running `reminder check` is often someone
else), so check only warns; the commands that write (tick, status, done, ...) refuse it
with one line, since they would fail on their first write.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Kind = Literal["not-a-folder", "not-writable"]


@dataclass(frozen=True)
class FolderProblem:
    """Why a folder cannot be written: ``not-a-folder`` is a mistake for every user,
    ``not-writable`` only for the user asking (``os.geteuid()``)."""

    kind: Kind
    message: str


def _who() -> str:
    try:
        import pwd

        return f"{pwd.getpwuid(os.geteuid()).pw_name} (uid {os.geteuid()})"
    except (ImportError, KeyError):
        return f"uid {os.geteuid()}" if hasattr(os, "geteuid") else "this user"


def _writable(path: Path) -> bool:
    # A folder is written in by creating files: it needs write and search permission.
    return os.access(path, os.W_OK | os.X_OK)


def folder_problem(path: Path) -> FolderProblem | None:
    """Why ``path`` cannot be a folder this user writes in (creating it if missing), or None.

    Walks up from ``path`` to the first part that exists: a file there means the folder can
    never be made; a folder there must be writable by this user.
    """
    current = path
    while True:
        try:
            st = current.stat()
        except FileNotFoundError:
            pass
        except NotADirectoryError:
            pass  # a part above is a file: found when the walk reaches it
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                return FolderProblem("not-a-folder", f"{current}: a loop of symbolic links")
            return FolderProblem("not-writable", f"{current}: cannot be read "
                                                 f"({exc.strerror or exc})")
        else:
            import stat

            if not stat.S_ISDIR(st.st_mode):
                if current == path:
                    return FolderProblem("not-a-folder", f"{path} is a file, not a folder")
                return FolderProblem("not-a-folder", f"{current} is a file, so the folder "
                                                     f"{path} cannot be created")
            if _writable(current):
                return None
            if current == path:
                return FolderProblem("not-writable", f"{path}: this user, {_who()}, cannot "
                                                     "write in it")
            return FolderProblem("not-writable", f"{path} does not exist and this user, "
                                                 f"{_who()}, cannot create it in {current}")
        parent = current.parent
        if parent == current:
            return None
        current = parent


def database_file(url: str) -> Path | None:
    """The file of a ``sqlite:///`` URL (None for other databases and in-memory SQLite)."""
    if not url.startswith("sqlite"):
        return None
    path = url.split("///", 1)[1] if "///" in url else ""
    if not path or path.startswith(":memory:"):
        return None
    return Path(path.split("?", 1)[0])
