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


def test_migrated_schema_matches_the_models(tmp_path: Path) -> None:
    engine = open_store(f"sqlite:///{tmp_path / 'm.sqlite'}")
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert diff == []
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0002"


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
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0002"
