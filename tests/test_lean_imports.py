"""What the command line and the daemon load: every subcommand is registered without the
engine's libraries (each command imports what it uses when it runs), and the daemon never
loads the migration tool (when the database is current), the document importers or their
readers. Each probe runs in a fresh interpreter, so nothing this test process imported
counts. Memory itself is measured by bench/daemon_idle.py, not here."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Never needed to register a subcommand: the store, the channels, rendering, the importers.
NOT_FOR_REGISTRATION = (
    "alembic", "mako", "pygments", "sqlalchemy", "sqlmodel", "telegram", "httpx",
    "aiosmtplib", "jinja2", "babel", "apscheduler", "openpyxl", "docx", "lxml", "dateparser",
    "asyncio", "reminder.store", "reminder.importers", "reminder.messages", "reminder.daemon",
)
# Never needed by the daemon: the importers and their readers (`reminder import` only).
NOT_FOR_THE_DAEMON = ("openpyxl", "docx", "lxml", "dateparser", "reminder.importers",
                      "alembic", "mako", "pygments")


def loaded(code: str, prefixes: tuple[str, ...]) -> list[str]:
    """Which of ``prefixes`` (packages or modules) a fresh interpreter has loaded after
    running ``code``."""
    probe = (f"import json, sys\n{code}\n"
             f"print(json.dumps(sorted({{p for p in {prefixes!r} for m in list(sys.modules) "
             f"if m == p or m.startswith(p + '.')}})))")
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    return list(json.loads(out))


def test_registering_every_subcommand_loads_none_of_the_engine() -> None:
    assert loaded("from reminder.cli import build_parser\nbuild_parser()",
                  NOT_FOR_REGISTRATION) == []


def test_the_daemon_module_loads_no_importer_and_no_migration_tool() -> None:
    assert loaded("import reminder.daemon", NOT_FOR_THE_DAEMON) == []


def test_a_sqlite_deployment_never_loads_the_postgresql_dialect(tmp_path: Path) -> None:
    # Made (migrated) first: Alembic's own DDL modules import every dialect, once, when it
    # creates the schema; a restarted daemon on a current database does not run it.
    subprocess.run([sys.executable, "-c", "from reminder.store.db import open_store\n"
                    f"open_store('sqlite:///{tmp_path / 'r.db'}')"], cwd=ROOT, check=True)
    code = (
        "from datetime import UTC, datetime\n"
        "from reminder import daemon\n"
        "from reminder.store import chats, digests, ledger, pauses, retention\n"
        "from reminder.store.db import open_store\n"
        f"engine = open_store('sqlite:///{tmp_path / 'r.db'}')\n"
        "now = datetime(2026, 1, 5, 9, tzinfo=UTC)\n"
        "pauses.pause(engine, 'telegram', now, 30)\n"
        "retention.claim_day(engine, now)\n"
    )
    assert loaded(code, ("sqlalchemy.dialects.postgresql",)) == []
