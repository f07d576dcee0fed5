"""A small deployment with the web view configured: two departments, a co-executor, a task
closed by acceptance, and a title holding HTML; ticked once so items are overdue."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from starlette.testclient import TestClient

from reminder.cli import main
from reminder.config.loaded import Config
from reminder.config.loader import load_config
from reminder.store.db import open_store, read_only_engine
from reminder.web.app import WebState, create_app

SECRET = "test-web-secret-0123456789"
PASSWORD = "correct horse battery"
# hashes of PASSWORD made once with `reminder web-password` (scrypt n=2**14: 50 ms each)
HASH = "scrypt$16384$8$1$X6lFm5VUzonGmgYzXgJXCQ$_AK1HNq8OvvWrxR2c28Jhi-969-F9yXSBHhLaXOldeY"
HOSTILE = "<script>alert(1)</script> Захід & «лапки»"
NOW = datetime(2023, 11, 20, 9, 0, tzinfo=UTC)  # Monday 20 November 2023, 11:00 in Kyiv

REMINDER = f"""\
timezone: Europe/Kyiv
country: UA
state_dir: state
directory: executors.yaml
plans: [plans/*.yaml]
secretariat: sec
web:
  listen: 127.0.0.1:8080
  base_url: https://plans.example.org/reminder
  secret_env: REMINDER_TEST_WEB_SECRET
  users:
    - {{name: olena, password_hash: "{HASH}", role: secretariat}}
    - {{name: coord, password_hash: "{HASH}", role: coordinator, executor: sec}}
"""

EXECUTORS = """\
executors:
  - {id: sec, name: Секретаріат, language: uk, email: [sec@example.org]}
  - {id: dmk, name: Департамент масових комунікацій, language: uk, email: [dmk@example.org],
     supervisor: sec}
  - {id: osv, name: Департамент освіти, language: uk, email: [osv@example.org],
     supervisor: sec}
"""

PLAN = """\
id: roadmap
title: План заходів на 2023 рік
period: "2023"
language: uk
tasks:
  - {id: "1.1", title: "Провести консультації", due: 2023-10-02, executors: [dmk, osv]}
  - {id: "1.2", title: "Підготувати звіт", due: 2023-11-01, executors: [dmk]}
  - id: "1.3"
    title: "HOSTILE"
    due: 2023-11-10
    executors: [osv]
  - {id: "2.1", title: "Оновити сайт", due: 2023-12-20, executors: [osv]}
  - id: "2.2"
    title: "Здати акт"
    due: 2023-11-06
    executors: [dmk]
    policy: {close: accept}
""".replace("HOSTILE", HOSTILE)


@dataclass
class Deployment:
    """The deployment's folder, loaded configuration and engines."""

    folder: Path
    config: Config
    engine: Engine
    reader: Engine
    clock: list[datetime]
    woken: list[int]

    def state(self) -> WebState:
        return WebState(config=lambda: self.config, engine=self.engine, reader=self.reader,
                        clock=lambda: self.clock[0], on_change=lambda: self.woken.append(1))


@pytest.fixture
def deployment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Deployment]:
    """The deployment ticked at NOW."""
    monkeypatch.setenv("REMINDER_TEST_WEB_SECRET", SECRET)
    (tmp_path / "plans").mkdir()
    (tmp_path / "reminder.yaml").write_text(REMINDER, encoding="utf-8")
    (tmp_path / "executors.yaml").write_text(EXECUTORS, encoding="utf-8")
    (tmp_path / "plans" / "roadmap.yaml").write_text(PLAN, encoding="utf-8")
    assert main(["tick", "--config", str(tmp_path / "reminder.yaml"), "--now",
                 NOW.isoformat()]) == 0
    cfg = load_config(tmp_path / "reminder.yaml")
    engine = open_store(cfg.database_url)
    reader = read_only_engine(cfg.database_url)
    yield Deployment(tmp_path, cfg, engine, reader, [NOW], [])
    engine.dispose()
    reader.dispose()


@pytest.fixture
def client(deployment: Deployment) -> TestClient:
    """A client of the application, not signed in (https, as base_url says)."""
    return TestClient(create_app(deployment.state()), base_url="https://testserver")


def sign_in(client: TestClient, name: str) -> None:
    """Sign ``name`` in with PASSWORD."""
    r = client.post("/login", data={"name": name, "password": PASSWORD},
                    follow_redirects=False)
    assert r.status_code == 303, r.text
