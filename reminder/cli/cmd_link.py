"""`reminder link EXECUTOR --config PATH`: a one-time code that ties a Telegram chat to that
executor. Someone from the department sends ``/start CODE`` to the bot; the code works once
and expires."""

from __future__ import annotations

import argparse
from datetime import timedelta

from reminder.cli._engine import add_config, load, opened, parse_now
from reminder.cli.errors import UserError
from reminder.cli.terminal import printable


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `link` subcommand."""
    p = subparsers.add_parser("link", help="a one-time code to link a Telegram chat",
                              description=__doc__)
    p.add_argument("executor", metavar="EXECUTOR", help="an executor id from the directory")
    add_config(p)
    p.add_argument("--hours", type=int, default=72,
                   help="how long the code works (72; 30 days at most)")
    p.add_argument("--now", metavar="ISO", help=argparse.SUPPRESS)  # tests set the clock
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Store a code's hash for the executor and print the code with instructions."""
    from reminder.config.limits import MAX_LINK_HOURS
    from reminder.store.chats import LinkError, new_code

    if not 1 <= args.hours <= MAX_LINK_HOURS:
        raise UserError(f"--hours must be between 1 and {MAX_LINK_HOURS} (30 days), "
                        f"not {args.hours}")
    cfg, dep = load(args.config)
    now = parse_now(args.now, cfg.timezone)
    names = {e.id: e.name for e in dep.executors}
    # lock=False: the running daemon holds the state lock; one INSERT waits for SQLite's
    # busy timeout instead of needing the daemon stopped.
    with opened(dep, lock=False) as store:
        try:
            code = new_code(store.engine, args.executor, now, timedelta(hours=args.hours),
                            known=names)
        except LinkError as exc:
            raise UserError(str(exc)) from None
    until = (now + timedelta(hours=args.hours)).astimezone(cfg.timezone)
    print(printable(f"Link code for {args.executor} ({names[args.executor]}): {code}"))
    print(f"In Telegram, open the bot and send:  /start {code}")
    print(f"The code works once, until {until:%Y-%m-%d %H:%M %Z}.")
    if cfg.channels.telegram is None:
        print("Note: channels.telegram is not configured, so no bot is answering yet.")
    return 0
