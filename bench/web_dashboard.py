"""The web dashboard served for 10,000 overdue items, next to the register's own build (the
baseline, `reminder report`'s code) in the same run. Goal: the dashboard page under 200 ms.
The page keeps the register between changes (reminder/web/views.py): a view is the page
alone; the first view after a change builds the register again, and is printed too.

Run: .venv/bin/python bench/web_dashboard.py (builds its store with bench/report_scale.py's
builder in a temporary folder)."""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime
from datetime import time as dtime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    from pydantic import SecretStr
    from sqlmodel import Session
    from starlette.testclient import TestClient

    from bench.report_scale import DAY, KYIV, build
    from reminder.config.deployment import Web, WebUser
    from reminder.report import compose
    from reminder.store.db import open_store, read_only_engine
    from reminder.web.app import WebState, create_app
    from reminder.web.passwords import hash_password

    folder = Path(tempfile.mkdtemp(prefix="web-bench-"))
    build(folder / "bench.sqlite", 10_000)
    url = f"sqlite:///{folder / 'bench.sqlite'}"
    engine = open_store(url)
    reader = read_only_engine(url)
    tz, day = KYIV, DAY
    now = datetime.combine(DAY, dtime(9), tzinfo=KYIV)
    web = Web(users=[WebUser(name="s", password_hash=hash_password("benchmark pw"),
                             role="secretariat")],
              secret_env="X").model_copy(update={"secret": SecretStr("bench-secret")})

    class Cfg:
        timezone = tz
        plans: tuple = ()
        settings = type("S", (), {"web": web, "secretariat": None})()

    state = WebState(config=lambda: Cfg, engine=engine, reader=reader,  # type: ignore[arg-type,return-value]
                     clock=lambda: now)
    client = TestClient(create_app(state))
    client.post("/login", data={"name": "s", "password": "benchmark pw"})

    def timed(fn, n: int = 7) -> float:  # type: ignore[no-untyped-def]
        fn()  # the first call loads holiday tables
        runs = []
        for _ in range(n):
            t = time.perf_counter()
            fn()
            runs.append(time.perf_counter() - t)
        return statistics.median(runs)

    def baseline() -> None:
        with Session(reader) as s:
            compose.register(s, tz, day)

    def page() -> None:
        r = client.get("/")
        assert r.status_code == 200 and 'id="total-overdue">10000<' in r.text, r.text[:300]

    from reminder.web import views

    def first_view() -> None:  # after a change: the register is built again
        views._CACHE.clear()
        page()

    base, dash, cold = timed(baseline), timed(page), timed(first_view, 3)
    print(f"register build (baseline):   {base * 1000:7.1f} ms")
    print(f"dashboard page, 10,000 items: {dash * 1000:7.1f} ms  (goal < 200 ms; "
          f"{dash / base:.1f}x the register; the register kept between changes)")
    print(f"first view after a change:    {cold * 1000:7.1f} ms  ({cold / base:.1f}x the "
          "register: it is built again)")
    engine.dispose()
    reader.dispose()
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
