"""Deadline parse throughput on the dev phrases, next to dateparser measured in the same run.

    .venv/bin/python bench/parse_throughput.py [--seconds 3] [--no-compiled]

Prints phrases per CPU second for `reminder.deadlines.parse` as pure Python (uncached: every
call does the whole work), as the mypyc-compiled build (`REMINDER_COMPILE=1`, see setup.py;
built once into .bench-build/), and as called in production (with its cache), next to
dateparser (the `bench` extra), with the ratios and how many phrases each reads right.
Like for like, dateparser chooses among the same four languages, as `reminder parse` does; its
faster rate when told each phrase's language is printed too. Target: at least 20x.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / ".bench-build"


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


def measure_ours(seconds: float) -> dict[str, float]:
    """Rates of this interpreter's `reminder.deadlines` (pure or compiled, whichever imports)."""
    sys.path.append(str(ROOT))  # after PYTHONPATH, so a compiled build wins
    from reminder.deadlines import Period, grammar, parse
    from reminder.deadlines import _parse as cached
    from tests.deadlines.judge import load, verdict

    rows = load("dev.tsv")
    items = [(r.phrase, Period.parse(r.period), None) for r in rows]
    right = sum(verdict(r, parse(r.phrase, r.period)) is None for r in rows)
    return {
        "uncached": rate(cached.__wrapped__, items, seconds),
        "cached": rate(cached, items, seconds / 3),
        "right": right,
        "rows": len(rows),
        "compiled": not grammar.__file__.endswith(".py"),
    }


def measure_dateparser(seconds: float) -> tuple[float, float, int] | None:
    """dateparser's rate choosing among our four languages (what `reminder parse` does: it is
    not told the language), its rate when told each phrase's language, and how many it gets
    right."""
    try:
        import dateparser
    except ImportError:
        return None
    sys.path.append(str(ROOT))  # after PYTHONPATH, so a compiled build wins
    from tests.deadlines.judge import load

    rows = load("dev.tsv")
    settings = {"PREFER_DAY_OF_MONTH": "last", "RETURN_AS_TIMEZONE_AWARE": False}

    def dp(text: str, langs: list[str]):
        return dateparser.parse(text, languages=langs, settings=settings)

    ours = ["ru", "uk", "lv", "en"]
    right = 0
    for r in rows:
        got = dp(r.phrase, ours)
        # dateparser gives one instant: right only where the answer is that one due date.
        if got is not None and r.kind == "by" and got.date().isoformat() == r.expected.lstrip("."):
            right += 1
    rate(dp, [(r.phrase, [r.lang]) for r in rows], 1.0)  # warm its caches first, fairly
    like_for_like = rate(dp, [(r.phrase, ours) for r in rows], seconds)
    told = rate(dp, [(r.phrase, [r.lang]) for r in rows], seconds)
    return like_for_like, told, right


def compiled_build() -> Path | None:
    """Build (once per source state) the mypyc-compiled package; its site dir, or None."""
    sources = sorted((ROOT / "reminder" / "deadlines").rglob("*.py")) + [ROOT / "setup.py"]
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in sources)).hexdigest()[:16]
    site = BUILD / digest
    if (site / "reminder").exists():
        return site
    print("building the compiled parser (mypyc, about a minute)...", file=sys.stderr)
    wheels = BUILD / f"wheel-{digest}"
    env = {**os.environ, "REMINDER_COMPILE": "1"}
    pip = [sys.executable, "-m", "pip", "-q"]
    try:
        subprocess.run([*pip, "wheel", "--no-build-isolation", "--no-deps", "-w", str(wheels),
                        str(ROOT)], env=env, check=True, cwd=BUILD.parent)
        wheel = next(wheels.glob("reminder-*.whl"))
        subprocess.run([*pip, "install", "--no-deps", "--target", str(site), str(wheel)], check=True)
    except (subprocess.CalledProcessError, StopIteration) as exc:
        print(f"compiled build failed ({exc}): measuring pure Python only", file=sys.stderr)
        return None
    return site


def measure_compiled(seconds: float) -> dict[str, float] | None:
    site = compiled_build()
    if site is None:
        return None
    code = ("import json, sys; sys.argv = ['x']; import bench_mod; "
            f"print(json.dumps(bench_mod.measure_ours({seconds})))")
    env = {**os.environ, "PYTHONPATH": f"{site}{os.pathsep}{ROOT / 'bench'}"}
    # The compiled package must win over the source tree: run from its site dir.
    out = subprocess.run([sys.executable, "-c", code.replace("bench_mod", "parse_throughput")],
                         env=env, cwd=site, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=3.0)
    ap.add_argument("--no-compiled", action="store_true", help="skip the mypyc build")
    a = ap.parse_args()
    ours = measure_ours(a.seconds)
    theirs = measure_dateparser(a.seconds)
    compiled = None if a.no_compiled else measure_compiled(a.seconds)
    n = ours["rows"]
    print(f"phrases: {n} (dev.tsv); rates are phrases per CPU second")
    print(f"reminder, pure Python, uncached : {ours['uncached']:>10,.0f}   right {ours['right']}/{n}")
    if compiled is not None:
        assert compiled["compiled"], "the compiled build did not load"
        print(f"reminder, compiled, uncached    : {compiled['uncached']:>10,.0f}   "
              f"right {compiled['right']}/{n}")
    print(f"reminder, as called (cached)    : {ours['cached']:>10,.0f}")
    if theirs is None:
        print("dateparser not installed (pip install -e '.[bench]'): no baseline")
        return
    dp_rate, dp_told, dp_right = theirs
    print(f"dateparser, among ru/uk/lv/en   : {dp_rate:>10,.0f}   right {dp_right}/{n}"
          "   (like reminder: not told the language)")
    print(f"dateparser, told the language   : {dp_told:>10,.0f}")
    ratio = ours["uncached"] / dp_rate
    print(f"ratio, pure Python / dateparser : {ratio:6.1f}x like for like, "
          f"{ours['uncached'] / dp_told:.1f}x if dateparser is told the language   (target >= 20x)")
    # The default install is pure Python: this is the figure the target is about.
    print(f"target, default install         : {'met' if ratio >= 20 else 'NOT met'} "
          f"({ratio:.1f}x like for like; os.getloadavg() {os.getloadavg()[0]:.1f}: other load "
          "on the machine slows both sides unevenly)")
    if compiled is not None:
        print(f"ratio, compiled / dateparser    : {compiled['uncached'] / dp_rate:6.1f}x like for like, "
              f"{compiled['uncached'] / dp_told:.1f}x if dateparser is told the language")


if __name__ == "__main__":
    main()
