"""Opening the database: SQLite (default, one daemon per file) or PostgreSQL (by URL).

SQLite gets WAL (readers never block the writer), a busy timeout (a second process waits
instead of failing), and ``BEGIN IMMEDIATE`` for every transaction (read-modify-write takes
the write lock up front, so two writers never deadlock on a lock upgrade).

PostgreSQL may be shared by several daemons. What only one of them may do at a time takes an
advisory lock (``pg_advisory_lock``) whose key is one of ``LOCK_*`` below paired with a hash of
the schema in use, so deployments kept in separate schemas of one database never wait for
each other: the migrations (here), the sync of the YAML (reminder.store.sync), and the
Telegram bot's poller (``SessionLock``, held by the daemon running the bot).
"""

from __future__ import annotations

import ast
import fcntl
import os
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, event, func, select, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlmodel import Session

import reminder.store.migrations as _migrations

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig

BUSY_TIMEOUT_MS = 10_000
# The first half of every advisory lock key this program takes ("REM" and a purpose), so it
# cannot collide with another application's locks on the same server.
_LOCK_SPACE = 0x52454D00
LOCK_MIGRATIONS = _LOCK_SPACE + 1
LOCK_SYNC = _LOCK_SPACE + 2
LOCK_TELEGRAM_BOT = _LOCK_SPACE + 3


class StoreError(Exception):
    """The database cannot be opened or is held by another daemon (a user-facing message, one
    line, never with a password). ``exit_code``: 2 for what the user must change, 1 for what
    may pass by itself (a database server that cannot be reached now)."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def redact(url: str) -> str:
    """``url`` as it may be shown or logged: with the password replaced by ``***``."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return "<database URL>"  # not even parseable: better say nothing of what it holds


def db_error(exc: BaseException) -> str:
    """The first line of a database error (the driver's message, without SQLAlchemy's
    "Background on this error" footer or the SQL statement)."""
    detail = str(getattr(exc, "orig", None) or exc).strip()
    return detail.splitlines()[0] if detail else type(exc).__name__


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


def read_only_engine(url: str) -> Engine:
    """An engine whose sessions can only read (the web view's pages): SQLite with
    ``query_only`` and a deferred BEGIN (a reader takes no write lock, so it never waits for
    a tick or makes one wait), PostgreSQL with read-only transactions. The store must exist
    and be migrated already (the daemon opens it with `open_store` first)."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn, _record):  # type: ignore[no-untyped-def]
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            cur.execute("PRAGMA query_only=ON")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn):  # type: ignore[no-untyped-def]
            conn.exec_driver_sql("BEGIN")  # one snapshot for the page's queries

        return engine
    return create_engine(url, pool_pre_ping=True,
                         connect_args={"options": "-c default_transaction_read_only=on"})


def _alembic_config() -> AlembicConfig:
    from alembic.config import Config as AlembicConfig  # Alembic only when migrating

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", os.path.dirname(_migrations.__file__))
    return cfg


def _lock_key(purpose: int) -> tuple[object, object]:
    """The two halves of an advisory lock key: the purpose, and the schema in use (the
    migrations of two deployments in two schemas of one database do not wait for each
    other)."""
    return purpose, func.hashtext(func.coalesce(func.current_schema(), ""))


def xact_lock(session: Session | Connection, purpose: int) -> None:
    """On PostgreSQL, wait for the advisory lock ``purpose`` until the end of the current
    transaction (released by its commit or rollback); nothing on SQLite, whose writers are
    serialised by ``BEGIN IMMEDIATE`` already."""
    bind = session.get_bind() if isinstance(session, Session) else session
    if bind.dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(*_lock_key(purpose))))


def known_revisions() -> tuple[set[str], str]:
    """The revisions this version's migrations know, and the newest of them."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config())
    return {r.revision for r in script.walk_revisions()}, script.get_current_head() or "?"


def check_revision(url: str, current: str | None) -> None:
    """Refuse a database whose schema a newer version of reminder wrote: this code would
    misread it, and Alembic would only say it cannot locate the revision."""
    from reminder import __version__

    known, head = known_revisions()
    if current is not None and current not in known:
        raise StoreError(
            f"database {redact(url)}: its schema is at revision {current}, which this version "
            f"of reminder ({__version__}, schema revisions up to {head}) does not know: a newer "
            "reminder wrote it; upgrade reminder to that version, or restore a backup taken "
            "before the upgrade")


@lru_cache(maxsize=1)
def head_revision() -> str | None:
    """The newest schema revision this package ships, read from the migration files
    themselves (their ``revision = ...`` and ``down_revision = ...`` lines) without importing
    Alembic, which with Mako and Pygments behind it costs about 11 MiB of a daemon that never
    migrates again after its first start. None when the files do not name exactly one head
    (branches): then Alembic decides. A test holds this to Alembic's own head."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (Path(_migrations.__file__).parent / "versions").glob("*.py"):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            target, value = ((node.targets[0], node.value) if isinstance(node, ast.Assign)
                             and len(node.targets) == 1 else
                             (node.target, node.value) if isinstance(node, ast.AnnAssign)
                             else (None, None))
            if not isinstance(target, ast.Name) or value is None:
                continue
            if target.id == "revision":
                revisions.add(ast.literal_eval(value))
            elif target.id == "down_revision":
                down = ast.literal_eval(value)
                parents.update([down] if isinstance(down, str) else down or ())
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def needs_upgrade(engine: Engine) -> bool:
    """Whether the schema differs from the head this package ships (``head_revision``): read
    from ``alembic_version`` with one plain query, so that a start on a current database
    never imports Alembic. True when the table is missing or unreadable, and for a revision
    this version does not know: ``migrate`` then does the work, or says what is wrong."""
    head = head_revision()
    if head is None:
        return True
    try:
        with engine.connect() as conn:
            current = {row[0] for row in conn.execute(
                text("SELECT version_num FROM alembic_version"))}
    except SQLAlchemyError:  # no table yet (a new database), or no server: migrate says which
        return True
    return current != {head}


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration shipped in the package (run on every start).

    On PostgreSQL the upgrade runs under a session advisory lock (``LOCK_MIGRATIONS``): daemons
    started together on an empty database would otherwise all create the same tables at once,
    and all but one fail on a unique violation in the catalogue. The one that waited finds the
    schema at head and does nothing. SQLite: the daemon's file lock and ``BEGIN IMMEDIATE``
    serialise it already."""
    from alembic import command
    from alembic.migration import MigrationContext

    url = engine.url.render_as_string(hide_password=False)
    cfg = _alembic_config()
    try:
        conn = engine.connect()
    except SQLAlchemyError as exc:
        if corrupt(exc):
            raise damaged(url, exc) from None
        raise StoreError(f"database {redact(url)}: cannot connect: {db_error(exc)}",
                         exit_code=1) from None
    pg = engine.dialect.name == "postgresql"
    try:
        with conn:
            if pg:
                conn.execute(select(func.pg_advisory_lock(*_lock_key(LOCK_MIGRATIONS))))
                conn.commit()  # a session lock: it outlives this transaction
            try:
                current = MigrationContext.configure(conn).get_current_revision()
                conn.commit()
                check_revision(url, current)
                with conn.begin():
                    cfg.attributes["connection"] = conn
                    command.upgrade(cfg, "head")
            finally:
                if pg and not conn.invalidated:
                    conn.execute(select(func.pg_advisory_unlock(*_lock_key(LOCK_MIGRATIONS))))
                    conn.commit()
    except SQLAlchemyError as exc:
        if corrupt(exc):
            raise damaged(url, exc) from None
        raise StoreError(f"database {redact(url)}: cannot migrate: {db_error(exc)}",
                         exit_code=1) from None


def damaged(url: str, exc: SQLAlchemyError) -> StoreError:
    """The one line for a database file that is not (or no longer) a database."""
    return StoreError(f"database {redact(url)}: {db_error(exc)}: the file is damaged or not a "
                      "reminder database; restore it from a backup (docs/operations.md, "
                      "'Backup and restore')")


def corrupt(exc: SQLAlchemyError) -> bool:
    """SQLite's file is not a database (or a damaged one): waiting will not mend it, so it is
    the user's to fix (exit 2, and systemd does not restart into it for ever)."""
    detail = str(getattr(exc, "orig", "") or "")
    return "file is not a database" in detail or "database disk image is malformed" in detail


def open_store(url: str) -> Engine:
    """Open and migrate the database at ``url``."""
    try:
        engine = make_engine(url)
    except (SQLAlchemyError, ValueError, ImportError) as exc:
        raise StoreError(f"database {redact(url)}: {db_error(exc)}") from None
    except OSError as exc:  # the SQLite file's folder cannot be made
        raise StoreError(f"database {redact(url)}: cannot create its folder "
                         f"{exc.filename or ''}: {exc.strerror or exc}") from None
    try:
        if needs_upgrade(engine):  # Alembic is imported only when there is work for it
            migrate(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine


class SessionLock:
    """A PostgreSQL session advisory lock held on a connection of its own, for as long as
    this process wants it: released when asked, and by the server when the process dies (its
    connection closes), so another process can take it at once. Used for the Telegram bot,
    which only one daemon of a shared database may run (Telegram answers a second poller of
    the same token with Conflict)."""

    def __init__(self, engine: Engine, purpose: int) -> None:
        self.engine = engine
        self.purpose = purpose
        self._conn: Connection | None = None

    @property
    def held(self) -> bool:
        return self._conn is not None

    def try_acquire(self) -> bool:
        """Take the lock if nobody holds it; False when another session does. A database
        error is raised (the caller retries later)."""
        if self._conn is not None:
            return True
        conn = self.engine.connect()
        try:
            got = conn.execute(select(func.pg_try_advisory_lock(*_lock_key(self.purpose)))
                               ).scalar()
            conn.commit()
        except BaseException:
            conn.close()
            raise
        if not got:
            conn.close()
            return False
        self._conn = conn
        return True

    def alive(self) -> bool:
        """Whether the lock is still ours: its connection answers (a server restart or a
        network cut ends the session, and with it the lock)."""
        if self._conn is None:
            return False
        try:
            self._conn.execute(select(1)).scalar()
            self._conn.commit()
            return True
        except SQLAlchemyError:
            self._drop()
            return False

    def release(self) -> None:
        """Give the lock up (closing the connection ends the session, and the lock, even if
        the unlock itself fails)."""
        if self._conn is None:
            return
        conn, self._conn = self._conn, None
        try:
            conn.execute(select(func.pg_advisory_unlock(*_lock_key(self.purpose))))
            conn.commit()
            conn.close()
        except SQLAlchemyError:  # the connection is gone: so is the session, and the lock
            self._conn = conn
            self._drop()

    def _drop(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.invalidate()  # never back to the pool: its session may hold the lock
                conn.close()
            except SQLAlchemyError:
                pass


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
        """Take the lock or raise StoreError naming the process holding it (or saying why
        the state directory cannot hold the lock file)."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StoreError(f"state directory {self.path.parent}: cannot write the lock file "
                             f"{self.path.name}: {exc.strerror or exc}") from None
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
