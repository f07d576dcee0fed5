"""The shipped migrations build exactly the schema the models describe, on SQLite and (when
REMINDER_TEST_DATABASE_URL is set) PostgreSQL, and an old database is upgraded in place."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, text
from sqlmodel import SQLModel

import reminder.store.models  # noqa: F401
from reminder.store.db import migrate, open_store

HEAD = "0007"


def test_migrated_schema_matches_the_models(tmp_path: Path) -> None:
    engine = open_store(f"sqlite:///{tmp_path / 'm.sqlite'}")
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert diff == []
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD


def test_a_database_at_the_first_revision_is_upgraded_keeping_rows(tmp_path: Path) -> None:
    from alembic import command
    from alembic.config import Config

    import reminder.store.migrations as m

    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    engine = create_engine(url)
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(m.__file__).parent))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.execute(text("INSERT INTO plan VALUES ('p', 'Plan', 'ru', 'RU', 0)"))
    migrate(engine)  # what every start does
    with engine.connect() as conn:
        assert conn.execute(text("SELECT title FROM plan")).scalar() == "Plan"
        # 0006: an existing plan is open, in the deployment's zone until the next sync
        assert conn.execute(text("SELECT status, timezone FROM plan")).one() == ("open", None)
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD


def test_bot_tables_created_on_first_use_before_0003_are_kept_with_their_links(
        tmp_path: Path) -> None:
    from alembic import command
    from alembic.config import Config

    import reminder.store.migrations as m

    engine = create_engine(f"sqlite:///{tmp_path / 'linked.sqlite'}")
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(m.__file__).parent))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
        # what the bot's create-on-first-use did before the tables had a migration
        for name in ("telegram_chat", "telegram_link_code"):
            SQLModel.metadata.tables[name].create(conn)
        conn.execute(text("INSERT INTO telegram_chat (chat_id, executor_id, linked_at) "
                          "VALUES ('555', 'dmk', '2026-11-01 10:00:00.000000')"))
    migrate(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT executor_id FROM telegram_chat")).scalar() == "dmk"
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD
        assert compare_metadata(MigrationContext.configure(conn), SQLModel.metadata) == []


def test_0003_downgrades_and_upgrades_again(tmp_path: Path) -> None:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import inspect

    import reminder.store.migrations as m

    engine = open_store(f"sqlite:///{tmp_path / 'down.sqlite'}")
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(m.__file__).parent))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0002")
    assert not inspect(engine).has_table("telegram_chat")
    migrate(engine)
    assert {"telegram_chat", "telegram_link_code"} <= set(inspect(engine).get_table_names())


def test_a_database_written_by_a_newer_version_is_refused_with_one_line(tmp_path: Path) -> None:
    import pytest

    from reminder.store.db import StoreError

    url = f"sqlite:///{tmp_path / 'new.sqlite'}"
    open_store(url).dispose()
    engine = create_engine(url)
    with engine.begin() as conn:  # what a later release's migration leaves behind
        conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    engine.dispose()
    with pytest.raises(StoreError) as caught:
        open_store(url)
    message = str(caught.value)
    assert "\n" not in message
    assert "revision 0099" in message and f"up to {HEAD}" in message
    assert "upgrade reminder" in message and "restore a backup" in message
    with create_engine(url).connect() as conn:  # and nothing was touched
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0099"


def test_stores_opened_at_once_on_an_empty_postgresql_schema_migrate_once() -> None:
    """Four processes' worth of open_store racing on a fresh schema: the advisory lock lets
    one migrate while the others wait, then find the schema at head (without it, all but
    one fail on a duplicate type or table in the catalogue)."""
    import os
    import threading
    import uuid

    import pytest

    url = os.environ.get("REMINDER_TEST_DATABASE_URL")
    if not url:
        pytest.skip("REMINDER_TEST_DATABASE_URL is not set: PostgreSQL migration race not run")
    schema = f"t_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url)
    with admin.begin() as c:
        c.execute(text(f"CREATE SCHEMA {schema}"))
    sep = "&" if "?" in url else "?"
    scoped = f"{url}{sep}options=-csearch_path%3D{schema}"
    gate = threading.Barrier(4)
    errors: list[BaseException] = []

    def opener() -> None:
        gate.wait()
        try:
            open_store(scoped).dispose()
        except BaseException as exc:  # collected for the assertion below
            errors.append(exc)

    try:
        # daemon threads: without the lock they can hang for good (one holds the catalogue
        # row the others wait for while it waits for Python's import lock one of them holds)
        threads = [threading.Thread(target=opener, daemon=True) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert not any(t.is_alive() for t in threads) and errors == []
        with admin.connect() as c:
            assert c.execute(text(f"SELECT version_num FROM {schema}.alembic_version")
                             ).scalar() == HEAD
    finally:
        with admin.begin() as c:
            c.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()
