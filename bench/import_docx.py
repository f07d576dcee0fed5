"""Time the import of a 1,000-row DOCX plan (target: well under 2 s).

Next to it, in the same run, the baseline: python-docx alone opening the file and reading every
cell's text, the least any DOCX import has to do.

Run: .venv/bin/python bench/import_docx.py [ROWS]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import docx

from reminder.importers.importer import import_document
from reminder.importers.yaml_out import render
from tests.importers.builders import build_big_docx


def main() -> int:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as tmp:
        path = build_big_docx(Path(tmp) / "big.docx", rows)
        size = path.stat().st_size
        timings = []
        for _ in range(3):
            # A fresh interpreter state for the parser cache would be fairer on the first
            # run only; report the first (cold) and the best of the rest.
            t0 = time.perf_counter()
            result = import_document(path)
            text = render(result.plan)
            timings.append(time.perf_counter() - t0)
        baseline = []
        for _ in range(3):
            t0 = time.perf_counter()
            document = docx.Document(str(path))
            cells = sum(len(c.text) >= 0 for t in document.tables for r in t.rows for c in r.cells)
            baseline.append(time.perf_counter() - t0)
    print(
        f"import of a {rows}-row DOCX ({size} bytes): "
        f"{len(result.plan.tasks)} tasks, {len(text)} chars of YAML; "
        f"cold {timings[0]:.3f} s, warm {min(timings[1:]):.3f} s"
    )
    print(f"baseline, python-docx reading all {cells} cells: best {min(baseline):.3f} s; "
          f"import / baseline = {min(timings[1:]) / min(baseline):.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
