"""Opening the database: SQLite (default, one daemon per file) or PostgreSQL (by URL).

SQLite gets WAL (readers never block the writer), a busy timeout (a second process waits
instead of failing), and ``BEGIN IMMEDIATE`` for every transaction (read-modify-write takes
the write lock up front, so two writers never deadlock on a lock upgrade).
"""

from __future__ import annotations

import fcntl
import os
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

import reminder.store.migrations as _migrations

BUSY_TIMEOUT_MS = 10_000


class StoreError(Exception):
    """The database cannot be opened or is held by another daemon (a user-facing message)."""


def make_engine(url: str) -> Engine:
    """An engine for ``url`` with the SQLite settings above applied to every connection."""
    if url.startswith("sqlite"):
        path = url.split("///", 1)[1] if "///" in url else ""
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn, _record):  # type: ignore[no-untyped-def]
            # The driver's own transaction handling would issue a deferred BEGIN; take over.
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL is durable at checkpoints
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn):  # type: ignore[no-untyped-def]
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    return create_engine(url, pool_pre_ping=True)


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration shipped in the package (run on every start)."""
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", os.path.dirname(_migrations.__file__))
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    except SQLAlchemyError as exc:
        raise StoreError(f"database {engine.url!r}: cannot migrate: {exc}") from exc


def open_store(url: str) -> Engine:
    """Open and migrate the database at ``url``."""
    try:
        engine = make_engine(url)
    except (SQLAlchemyError, ValueError, ImportError) as exc:
        raise StoreError(f"database {url!r}: {exc}") from exc
    migrate(engine)
    return engine


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """A session that commits on success and rolls back on any error: nothing half-written."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


LOCK_FILE = "reminder.lock"
DAEMON = "daemon"  # the lock holder's role when it is `reminder run` (answers WAKE_SIGNAL)
# Sent by a command that changed the database, so a sleeping daemon re-reads its schedule
# now rather than within the hour. Not SIGHUP: that reloads the YAML, which a coordinator
# may be half-way through editing.
WAKE_SIGNAL = signal.SIGUSR1


class DaemonLock:
    """An exclusive lock file in the state directory: one daemon per SQLite database.

    ``flock`` is released by the kernel when the process dies, so a crash never leaves a stale
    lock behind. The file says who holds it: ``"<pid> <role>"``, where the role is ``daemon``
    for `reminder run` (which a command that changed the database may wake: see
    ``daemon_pid``) and ``cli`` for one-off commands such as `reminder tick`.
    """

    def __init__(self, state_dir: Path, role: str = "cli") -> None:
        self.path = Path(state_dir) / LOCK_FILE
        self.role = role
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock or raise StoreError naming the process holding it."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        # daemon_pid() holds a shared lock for a few microseconds to look: try a few times
        # before concluding that somebody really holds it.
        for attempt in range(5):
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if attempt == 4:
                    words = os.read(fd, 64).decode(errors="replace").split()
                    holder = words[0] if words else "another process"
                    os.close(fd)
                    raise StoreError(
                        f"{self.path}: another reminder daemon (pid {holder}) uses this "
                        "database") from None
                time.sleep(0.02)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()} {self.role}\n".encode())
        self._fd = fd

    def release(self) -> None:
        """Give the lock up (also happens when the process exits)."""
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


def daemon_pid(state_dir: Path) -> int | None:
    """The pid of the `reminder run` holding the lock in ``state_dir``; None when the lock is
    free (the pid in a file nobody holds may belong to an unrelated process by now) or held
    by a one-off command."""
    try:
        fd = os.open(Path(state_dir) / LOCK_FILE, os.O_RDONLY)
    except OSError:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:  # held: the file names the holder
            words = os.read(fd, 64).decode(errors="replace").split()
        else:
            fcntl.flock(fd, fcntl.LOCK_UN)
            return None
    finally:
        os.close(fd)
    if len(words) == 2 and words[0].isdigit() and words[1] == DAEMON:
        return int(words[0])
    return None
