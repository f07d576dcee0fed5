"""Reads labelled phrase tables (dev.tsv's format) and judges a parse as SPEC.md says."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from reminder.deadlines import Deadline

HERE = Path(__file__).parent


@dataclass(frozen=True)
class Row:
    lang: str
    period: str
    phrase: str
    kind: str
    expected: str

    def __str__(self) -> str:
        return f"[{self.lang} {self.period}] {self.phrase!r}"


def load(name: str) -> list[Row]:
    with open(HERE / name, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [Row(**r) for r in reader if r["phrase"]]


def verdict(row: Row, got: Deadline) -> str | None:
    """None when right; otherwise what differs ("How a parse is judged" in SPEC.md)."""
    if got.kind != row.kind:
        return f"kind {got.kind} (notes: {list(got.notes)}), want {row.kind}"
    if row.kind == "window":
        start, end = row.expected.split("..")
        have = f"{got.start}..{got.end}"
        return None if have == f"{start}..{end}" else f"window {have}, want {row.expected}"
    if row.kind == "by":
        want = row.expected.lstrip(".")
        return None if str(got.end) == want else f"due {got.end}, want {want}"
    if row.kind == "recurring":
        want = set(row.expected.split(","))
        have = {o.end.isoformat() for o in got.occurrences}
        if want == have:
            return None
        return f"missing {sorted(want - have)[:5]}, extra {sorted(have - want)[:5]}"
    if row.kind == "event" and row.expected not in ("-", ""):
        return None if got.offset == row.expected else f"offset {got.offset}, want {row.expected}"
    return None
