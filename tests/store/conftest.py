from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from reminder.store.db import open_store


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    eng = open_store(f"sqlite:///{tmp_path / 'state' / 'reminder.sqlite'}")
    yield eng
    eng.dispose()
