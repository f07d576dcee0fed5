"""The share of tasks imported with their deadline and lead executor (issue goal: >= 95%).

Counts the seeds (tests/importers/seeds) and the documents laid out as real plans
(tests/importers/real_docs.py). A task counts when it has a deadline text and a lead; seed 000
says its deadlines and executors will be set later, so its tasks are listed apart. For the
real-layout documents the expected values are known, so a task counts only when its deadline
and lead are the expected ones. Prints what still fails.

Run: .venv/bin/python bench/import_coverage.py
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reminder.importers.importer import import_document
from tests.importers.real_docs import ALL

SEEDS = Path(__file__).resolve().parents[1] / "tests" / "importers" / "seeds"
TODAY = date(2026, 1, 15)


def _lead(task) -> str | None:  # type: ignore[no-untyped-def]
    return next((e.name for e in task.executors if e.role == "lead"), None)


def main() -> int:
    ok = total = 0
    failures: list[str] = []
    for seed in sorted(SEEDS.glob("*.txt")):
        tasks = import_document(seed, today=TODAY).plan.tasks
        if seed.name.startswith("000_"):
            print(f"{seed.name}: {len(tasks)} tasks; the plan sets deadlines and executors "
                  "later (not counted)")
            continue
        good = [t for t in tasks if t.deadline and _lead(t)]
        ok, total = ok + len(good), total + len(tasks)
        failures += [f"{seed.name} {t.id}: deadline {t.deadline!r}, lead {_lead(t)!r}"
                     for t in tasks if t not in good]
        print(f"{seed.name}: {len(good)}/{len(tasks)}")
    with tempfile.TemporaryDirectory() as tmp:
        for doc in ALL:
            got = {t.id: t for t in import_document(doc.build(Path(tmp) / doc.name),
                                                    today=TODAY).plan.tasks}
            good = 0
            for want in doc.tasks:
                task = got.get(want.id)
                if task and task.deadline == want.deadline and _lead(task) == want.lead:
                    good += 1
                else:
                    failures.append(f"{doc.name} {want.id}: expected {want.deadline!r} / "
                                    f"{want.lead!r}, got " + (f"{task.deadline!r} / "
                                    f"{_lead(task)!r}" if task else "no such task"))
            ok, total = ok + good, total + len(doc.tasks)
            print(f"{doc.name}: {good}/{len(doc.tasks)}")
    print(f"with deadline and lead: {ok}/{total} = {100 * ok / max(total, 1):.1f}%")
    for line in failures:
        print("  fails:", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
