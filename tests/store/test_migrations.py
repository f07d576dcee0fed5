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

HEAD = "0003"


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
