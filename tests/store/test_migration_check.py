"""The start-up check that keeps Alembic out of a daemon whose database is current: the head
revision is read from the migration files without Alembic and agrees with Alembic's own, the
check says "upgrade" exactly when the schema is not at that head, and opening a current
database imports no Alembic (nor Mako, nor Pygments)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

from reminder.store.db import head_revision, migrate, needs_upgrade, open_store

ROOT = Path(__file__).resolve().parents[2]


def test_the_head_read_from_the_files_is_alembics_head() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    import reminder.store.migrations as m

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(m.__file__).parent))
    assert head_revision() == ScriptDirectory.from_config(cfg).get_current_head()


def test_an_opened_store_is_current_and_an_old_or_empty_one_is_not(engine: Engine) -> None:
    assert not needs_upgrade(engine)  # open_store migrated it
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    assert needs_upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM alembic_version"))
    assert needs_upgrade(engine)


def test_a_new_database_needs_the_upgrade_and_gets_it(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'new.sqlite'}")
    assert needs_upgrade(engine)  # no alembic_version table at all
    migrate(engine)
    assert not needs_upgrade(engine)
    engine.dispose()


def test_a_revision_this_version_does_not_know_goes_to_alembic(tmp_path: Path) -> None:
    """A newer reminder wrote the schema: the check does not wave it through, so the
    migration step gets to refuse it."""
    engine = open_store(f"sqlite:///{tmp_path / 'newer.sqlite'}")
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    assert needs_upgrade(engine)
    engine.dispose()


def test_opening_a_current_database_imports_no_alembic(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'current.sqlite'}"
    open_store(url).dispose()  # the first start migrates (and imports Alembic): not measured
    probe = ("import sys\n"
             "from reminder.store.db import open_store\n"
             f"open_store({url!r}).dispose()\n"
             "print(sorted(m for m in ('alembic', 'mako', 'pygments') if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    assert out.strip() == "[]"
