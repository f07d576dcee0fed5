"""Deadline parse throughput on the dev phrases, next to dateparser measured in the same run.

    .venv/bin/python bench/parse_throughput.py [--seconds 3]

Prints phrases per second for `reminder.deadlines.parse` (uncached: every call does the whole
work; and as called in production, with its cache), for dateparser (the `bench` extra), their
ratio, and how many phrases each reads right. Target: at least 20x dateparser's rate.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reminder.deadlines import Period, parse  # noqa: E402
from reminder.deadlines import _parse as cached_parse  # noqa: E402
from tests.deadlines.judge import load, verdict  # noqa: E402

uncached = cached_parse.__wrapped__


def rate(fn, items, seconds: float) -> float:
    """Calls per CPU second of ``fn`` over ``items``, repeated for about ``seconds``.

    CPU time, not wall time: other work on a shared 2-core machine then skews both sides less.
    """
    n = 0
    start = time.process_time()
    while True:
        for args in items:
            fn(*args)
        n += len(items)
        elapsed = time.process_time() - start
        if elapsed >= seconds:
            return n / elapsed


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=3.0)
    a = ap.parse_args()
    rows = load("dev.tsv")
    ours = [(r.phrase, Period.parse(r.period), None) for r in rows]
    right = sum(verdict(r, parse(r.phrase, r.period)) is None for r in rows)

    ours_rate = rate(uncached, ours, a.seconds)
    cached_rate = rate(cached_parse, ours, a.seconds / 2)
    print(f"phrases: {len(rows)} (dev.tsv)")
    print(f"reminder parse, uncached : {ours_rate:>10,.0f} phrases/s   right {right}/{len(rows)}")
    print(f"reminder parse, cached   : {cached_rate:>10,.0f} phrases/s")
    try:
        import dateparser
    except ImportError:
        print("dateparser not installed (pip install -e '.[bench]'): no baseline")
        return
    settings = {"PREFER_DAY_OF_MONTH": "last", "RETURN_AS_TIMEZONE_AWARE": False}
    theirs = [(r.phrase, [r.lang]) for r in rows]

    def dp(text: str, langs: list[str]):
        return dateparser.parse(text, languages=langs, settings=settings)

    dp_right = 0
    for r in rows:
        got = dp(r.phrase, [r.lang])
        # dateparser gives one instant: right only where the answer is that one due date.
        if got is not None and r.kind == "by" and got.date().isoformat() == r.expected.lstrip("."):
            dp_right += 1
    dp_rate = rate(dp, theirs, a.seconds)
    print(f"dateparser 1.x           : {dp_rate:>10,.0f} phrases/s   right {dp_right}/{len(rows)}")
    print(f"ratio (uncached / dateparser): {ours_rate / dp_rate:.1f}x  (target >= 20x)")


if __name__ == "__main__":
    main()
