"""`reminder parse`: what deadline phrases mean as dates."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from datetime import date

from reminder.cli.errors import UserError
from reminder.cli.terminal import json_text, printable
from reminder.deadlines import Deadline, Period, parse
from reminder.deadlines.words import LANGUAGES


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "parse",
        help="show what deadline phrases mean as dates",
        description="Parse deadline phrases. With '-' read one phrase per line from standard "
        "input and, with --json, write one JSON object per line in the same order.",
    )
    p.add_argument("phrases", nargs="+", metavar="PHRASE", help="a phrase, or - for stdin")
    p.add_argument("--period", help="plan period: 2020, 2023-2025, a school year 2020/2021 "
                   "(1 September .. 31 August) or 2019-08-12..2020-10-31 "
                   "(default: the current year)")
    p.add_argument("--lang", choices=LANGUAGES, help="language of the phrases (default: detect)")
    p.add_argument("--json", action="store_true", help="JSON Lines (SPEC.md's output contract)")
    p.set_defaults(func=run)


def _phrases(args: list[str]) -> Iterator[str]:
    for a in args:
        if a == "-":
            for line in sys.stdin:
                yield line.rstrip("\r\n")
        else:
            yield a


def run(args: argparse.Namespace) -> int:
    try:
        # The CLI is an edge: the current year is read here, never inside the parser.
        period = Period.parse(args.period) if args.period is not None else Period.year(date.today().year)
    except ValueError as exc:
        raise UserError(f"--period: {exc}") from None
    results = (parse(text, period, args.lang) for text in _phrases(args.phrases))
    if args.json:
        out = sys.stdout
        for d in results:
            out.write(json_text(d.to_json()) + "\n")
        out.flush()
    else:
        _table(results)
    return 0


def _when(d: Deadline) -> str:
    if d.kind == "recurring":
        dues = [o.end.isoformat() for o in d.occurrences]
        shown = ", ".join(dues[:4]) + (f", … ({len(dues)} in all)" if len(dues) > 4 else "")
        return shown
    if d.kind == "by":
        return f"by {d.end}"
    if d.kind in ("window", "ongoing") and d.start and d.end:
        return f"{d.start} .. {d.end}"
    if d.offset:
        return f"offset {d.offset}"
    return "-"


def _table(results: Iterable[Deadline]) -> None:
    rows = [(d.text, d.kind + ("~" if d.approximate else ""), _when(d), "; ".join(d.notes))
            for d in results]
    width = min(48, max((len(r[0]) for r in rows), default=6))
    for text, kind, when, notes in rows:
        shown = text if len(text) <= width else text[: width - 1] + "…"
        line = f"{printable(shown):<{width}}  {kind:<10}  {when}"
        print(line + (f"  ({printable(notes)})" if notes else ""))
