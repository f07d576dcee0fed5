from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

from reminder.store.db import open_store

PG_URL = os.environ.get("REMINDER_TEST_DATABASE_URL")


def pg_schema_engine(url: str) -> Iterator[Engine]:
    """A fresh schema on the test server for one test, dropped afterwards."""
    schema = f"t_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url)
    with admin.begin() as c:
        c.execute(text(f"CREATE SCHEMA {schema}"))
    sep = "&" if "?" in url else "?"
    engine = open_store(f"{url}{sep}options=-csearch_path%3D{schema}")
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as c:
            c.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """The store on SQLite, and on PostgreSQL when REMINDER_TEST_DATABASE_URL is set."""
    if request.param == "postgresql":
        if not PG_URL:
            pytest.skip("REMINDER_TEST_DATABASE_URL is not set: PostgreSQL variant not run")
        yield from pg_schema_engine(PG_URL)
        return
    eng = open_store(f"sqlite:///{tmp_path / 'state' / 'reminder.sqlite'}")
    yield eng
    eng.dispose()
