"""Opening the database: SQLite (default, one daemon per file) or PostgreSQL (by URL).

SQLite gets WAL (readers never block the writer), a busy timeout (a second process waits
instead of failing), and ``BEGIN IMMEDIATE`` for every transaction (read-modify-write takes
the write lock up front, so two writers never deadlock on a lock upgrade).
"""

from __future__ import annotations

import fcntl
import os
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


class DaemonLock:
    """An exclusive lock file in the state directory: one daemon per SQLite database.

    ``flock`` is released by the kernel when the process dies, so a crash never leaves a stale
    lock behind.
    """

    def __init__(self, state_dir: Path) -> None:
        self.path = Path(state_dir) / "reminder.lock"
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock or raise StoreError naming the process holding it."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode(errors="replace").strip() or "another process"
            os.close(fd)
            raise StoreError(
                f"{self.path}: another reminder daemon (pid {holder}) uses this database"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd

    def release(self) -> None:
        """Give the lock up (also happens when the process exits)."""
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
