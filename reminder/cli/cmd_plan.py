"""`reminder plan`: preview every reminder that would be sent between two dates, with the
rule that produced it. Nothing is sent and nothing is recorded."""

from __future__ import annotations

import argparse

from reminder.cli._engine import add_config, load, opened, parse_date, parse_now
from reminder.cli.errors import UserError
from reminder.cli.terminal import json_text, printable


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `plan` subcommand."""
    p = subparsers.add_parser("plan", help="preview the reminders between two dates",
                              description=__doc__)
    add_config(p)
    p.add_argument("--from", dest="start", required=True, metavar="DATE")
    p.add_argument("--until", required=True, metavar="DATE")
    p.add_argument("--json", action="store_true", help="JSON Lines, one reminder a line")
    p.add_argument("--now", metavar="ISO", help=argparse.SUPPRESS)  # tests set the clock
    p.set_defaults(func=run)


# What the ledger holds for a listed reminder, in the listing's words.
_MARKS = {"sent": "sent", "sending": "sending", "pending": "queued",
          "covered": "covered by a later reminder", "failed": "failed",
          "pruned": "past the ledger's retention"}


class _Rollback(Exception):
    pass


def run(args: argparse.Namespace) -> int:
    """Sync into a transaction that is rolled back, so the preview sees the current plans and
    the recorded state without changing either."""
    from reminder.preview import preview
    from reminder.store.db import transaction
    from reminder.store.sync import sync

    lo, hi = parse_date(args.start, "--from"), parse_date(args.until, "--until")
    if hi < lo:
        raise UserError(f"--until {hi} is before --from {lo}")
    cfg, dep = load(args.config)
    rows: list[dict] = []
    with opened(dep, lock=False) as store:
        try:
            with transaction(store.engine) as s:
                sync(s, dep, parse_now(args.now, cfg.timezone))
                s.flush()
                rows = preview(s, cfg.timezone, dep.secretariat, lo, hi)
                raise _Rollback
        except _Rollback:
            pass
    for r in rows:
        if args.json:
            print(json_text(r))
        else:
            mark = f" ({_MARKS[r['ledger']]})" if r["ledger"] else ""
            print(printable(f"{r['at'][:16]}  {r['recipient']:<16} {r['stage']:<10} "
                            f"{r['task']}  due {r['due']}  [{r['rule']}]{mark}"))
    if not args.json:
        print(f"{len(rows)} reminders from {lo} to {hi}")
        for plan in dep.plans:  # its items are not listed: say why
            if plan.status != "open":
                print(printable(f"plan {plan.id} is {plan.status}: no reminders"))
    return 0
