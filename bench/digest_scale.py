"""The secretariat's digest over 10,000 overdue items (the store of bench/report_scale.py:
2,000 tasks of five plans in three countries, 50 departments, quarterly occurrences from 2019
on), next to a baseline measured in the same run: a plain SELECT of the same rows
(occurrence, task, plan) with no lead, no working days and no grouping. Timed: collecting the
digest (what the tick does at the cron instant), its ledger row's JSON, and rendering it
(text, HTML, Telegram and the chart's PNG). Also prints how long the rendered text is: the
digest lists the most late items per department and counts the rest, so it stays readable.
Figures only: nothing here asserts a time; the goal is the whole build well under a second.

    .venv/bin/python bench/digest_scale.py [--items 10000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import datetime, timedelta
from datetime import time as clock
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from report_scale import DAY, KYIV, baseline, best, build  # the same synthetic store
from sqlmodel import Session

from reminder.messages.model import Message, Recipient
from reminder.messages.render import render
from reminder.store.db import open_store
from reminder.store.digests import collect, digest_item_json


def main() -> None:
    """Build the store, then time each step next to the plain SELECT."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, default=10_000)
    args = ap.parse_args()
    now = datetime.combine(DAY, clock(8), tzinfo=KYIV)
    since = now - timedelta(days=7)  # last week's digest
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite"
        build(path, args.items)
        engine = open_store(f"sqlite:///{path}")
        base, rows = baseline(path)

        def digest():  # type: ignore[no-untyped-def]
            with Session(engine) as s:
                return collect(s, KYIV, now, since, 14)

        # the first call pays for the holiday tables of three countries: reported apart
        t = time.perf_counter()
        digest()
        first = time.perf_counter() - t
        took, d = best(digest)
        json_took, raw = best(lambda: digest_item_json(d.items("sec"), d))  # type: ignore[attr-defined]
        message = Message(Recipient("sec", "Secretariat", "en", ("sec@example.org",)), now,
                          d.items("sec"), kind="digest", digest=d)  # type: ignore[attr-defined]
        render(message)  # the templates' first compile, not part of each digest
        render_took, out = best(lambda: render(message))
        engine.dispose()
    total = d.overdue_total  # type: ignore[attr-defined]
    listed = sum(len(g) for _, g in d.overdue)  # type: ignore[attr-defined]
    print(f"rows: {len(rows)} overdue occurrences (plain SELECT), digest counts {total}, "
          f"lists {listed}, {len(d.departments)} departments")  # type: ignore[attr-defined]
    print(f"baseline: plain SELECT of the same rows        {base * 1000:8.1f} ms")
    print(f"digest collected (every open item, counted)    {took * 1000:8.1f} ms "
          f"({took / base:.1f}x the SELECT); first call with the holiday tables "
          f"{first * 1000:.1f} ms")
    print(f"its ledger row as JSON                         {json_took * 1000:8.1f} ms "
          f"({len(raw) // 1024} KiB)")  # type: ignore[arg-type]
    print(f"rendered (text, HTML, Telegram, chart PNG)     {render_took * 1000:8.1f} ms "
          f"(text {out.text.count(chr(10))} lines, "  # type: ignore[attr-defined]
          f"PNG {sum(len(p) for _, p in out.images)} bytes)")  # type: ignore[attr-defined]
    print(f"whole build (collect + JSON + render)          "
          f"{(took + json_took + render_took) * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
