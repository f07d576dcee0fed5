"""INSERT ... ON CONFLICT for the store's two databases.

SQLite and PostgreSQL spell it the same way, but SQLAlchemy keeps each in its dialect
package. The dialect is imported when first asked for, so a SQLite deployment never loads
PostgreSQL's (about 2 MiB the daemon would hold for nothing).
"""

from __future__ import annotations

import importlib
from typing import Any

from sqlalchemy.engine import Dialect


def insert_for(dialect: Dialect | str) -> Any:
    """The ``insert`` construct with ``on_conflict_do_nothing``/``do_update`` for the dialect
    (a Dialect or its name): PostgreSQL's, else SQLite's."""
    name = dialect if isinstance(dialect, str) else dialect.name
    module = "postgresql" if name == "postgresql" else "sqlite"
    return importlib.import_module(f"sqlalchemy.dialects.{module}").insert
