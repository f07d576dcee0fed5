"""`reminder run`: the daemon. Sends reminders as they fall due, reloads the configuration on
SIGHUP (keeping the last good one), stops cleanly on SIGTERM; talks to systemd (Type=notify).
A configuration that cannot work (invalid YAML, templates that do not render, a database or
state directory it cannot use) stops it before it starts, with one line per problem."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from reminder.cli._engine import add_config, load_for_sending
from reminder.cli.errors import UserError


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `run` subcommand."""
    p = subparsers.add_parser("run", help="run the reminder daemon", description=__doc__)
    add_config(p)
    p.add_argument("--log-level", default="INFO",
                   choices=["DEBUG", "INFO", "WARNING", "ERROR"])
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Start the daemon in the foreground (systemd, a container, or a terminal)."""
    import asyncio

    from reminder.daemon import Daemon
    from reminder.store.db import StoreError

    logging.basicConfig(level=args.log_level,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if args.log_level != "DEBUG":  # Alembic's plugin and dialect chatter on every start
        logging.getLogger("alembic").setLevel(logging.WARNING)
    # The same loader serves SIGHUP: templates that cannot render are refused there too, and
    # the running configuration kept.
    daemon = Daemon(Path(args.config), lambda p: load_for_sending(str(p)))
    try:
        return asyncio.run(daemon.run())
    except StoreError as exc:
        raise UserError(str(exc), exit_code=exc.exit_code) from None
