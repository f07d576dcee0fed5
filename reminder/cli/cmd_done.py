"""`reminder done|reopen|extend|snooze TASK`: what people do to an item, kept in the history.

TASK is ``<plan id>/<task id>``; ``--occurrence DATE`` picks one occurrence of a recurring task
by its due date (default: the earliest open one, for reopen the earliest done one). A daemon
running on the same SQLite database is woken afterwards, so the change takes effect at once.
"""

from __future__ import annotations

import argparse
import sys

from reminder.cli._engine import add_config, load, opened, parse_date, parse_now, wake_daemon
from reminder.cli.errors import UserError
from reminder.cli.terminal import printable


def _common(p: argparse.ArgumentParser) -> None:
    add_config(p)
    p.add_argument("task", metavar="TASK", help="<plan id>/<task id>, e.g. roadmap-003/1.1")
    p.add_argument("--occurrence", metavar="DATE", help="the due date of the occurrence")
    p.add_argument("--now", metavar="ISO", help=argparse.SUPPRESS)  # tests set the clock


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add done, reopen, extend and snooze."""
    p = subparsers.add_parser("done", help="mark an item done: no more reminders")
    _common(p)
    p.add_argument("--note", help="kept in the history")
    p.set_defaults(func=run, action="done")
    p = subparsers.add_parser("reopen", help="open a done item again")
    _common(p)
    p.add_argument("--note", help="kept in the history")
    p.set_defaults(func=run, action="reopen")
    p = subparsers.add_parser("extend", help="move an item's due date (history kept)")
    _common(p)
    p.add_argument("--to", required=True, metavar="DATE", help="the new due date, YYYY-MM-DD")
    p.add_argument("--reason", required=True, help="why (kept in the history)")
    p.set_defaults(func=run, action="extend")
    p = subparsers.add_parser("snooze", help="no reminders about an item for N days")
    _common(p)
    p.add_argument("--days", required=True, type=int, metavar="N",
                   help="how many days (a year at most)")
    p.set_defaults(func=run, action="snooze")


def run(args: argparse.Namespace) -> int:
    """Apply the action in one transaction, after checking it in the sync's: a refused action
    leaves the database as it was."""
    from reminder.store import actions
    from reminder.store.db import transaction
    from reminder.store.sync import sync

    on = parse_date(args.occurrence, "--occurrence") if args.occurrence else None
    to = parse_date(args.to, "--to") if args.action == "extend" else None
    try:
        if args.action == "snooze":
            actions.check_days(args.days)  # before anything is opened
        if args.action == "extend" and not args.reason.strip():
            raise actions.ActionError("extend needs a --reason (it is kept in the history)")
    except actions.ActionError as exc:
        raise UserError(str(exc)) from None
    cfg, dep = load(args.config)
    now = parse_now(args.now, cfg.timezone)
    tz = cfg.timezone
    with opened(dep, lock=False) as store:
        try:
            with transaction(store.engine) as s:
                sync(s, dep, now)  # the task must be known, even before the first tick
                s.flush()
                actions.check(s, args.action, args.task, on, to)  # raises: sync rolled back
        except actions.ActionError as exc:
            raise UserError(str(exc)) from None
        try:
            if args.action == "done":
                occ = actions.done(store.engine, args.task, on, args.note, now)
            elif args.action == "reopen":
                occ = actions.reopen(store.engine, args.task, on, args.note, now, tz)
            elif args.action == "extend":
                assert to is not None
                occ = actions.extend(store.engine, args.task, to, args.reason, on, now, tz)
            else:
                occ = actions.snooze(store.engine, args.task, args.days, on, now, tz)
        except actions.ActionError as exc:
            raise UserError(str(exc)) from None
    known = cfg.task(args.task)  # the next reminder on its plan's clock
    shown = cfg.zone_of(known.plan_id) if known is not None else tz
    nxt = occ.next_at.astimezone(shown).strftime("%Y-%m-%d %H:%M") if occ.next_at else "none"
    print(printable(f"{args.task} due {occ.due}: {occ.status}"
                    + (f", snoozed until {occ.snoozed_until}" if occ.snoozed_until else "")
                    + f"; next reminder: {nxt}"))
    woken = wake_daemon(dep)
    if woken is not None:
        line, ok = woken
        print(line, file=sys.stdout if ok else sys.stderr)
    return 0
