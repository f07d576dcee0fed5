"""The `reminder` command line. Each subcommand lives in its own module in this package.

A module named ``cmd_*.py`` exposes ``register(subparsers)``, which adds its parser and sets
``func`` (taking the parsed arguments, returning the exit code). Discovery keeps one command's
code out of every other's file.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import sys
from collections.abc import Sequence
from typing import NoReturn

from reminder import __version__
from reminder.cli.errors import UserError
from reminder.cli.terminal import printable


class _Parser(argparse.ArgumentParser):
    """argparse with a mistake told in one line naming the option, not the usage block."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(printable(f"{self.prog}: {message} (see `{self.prog} --help`)")
                         + "\n")
        sys.exit(2)


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser with every discovered subcommand registered."""
    parser = _Parser(
        prog="reminder",
        description="Deadline and responsibility reminders for action plans.",
    )
    parser.add_argument("--version", action="version", version=f"reminder {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND",
                                       parser_class=_Parser)
    package = sys.modules[__name__]
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if info.name.startswith("cmd_"):
            module = importlib.import_module(f"{__name__}.{info.name}")
            module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the process exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a mistake already told in one line
        return exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 2
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    # A one-off command says what went wrong in its own lines (tick: "failed: ..." and the
    # unreachable channel); the modules' log records are for the daemon, which configures
    # logging itself (`reminder run --log-level`). Without this, Python's last-resort handler
    # would print each warning to stderr a second time, raw.
    logging.getLogger("reminder").addHandler(logging.NullHandler())
    try:
        return int(args.func(args) or 0)
    except UserError as exc:
        # Messages quote file names, ids and plan text: nothing in them may drive the terminal.
        print(printable(f"reminder: {exc}", newlines=True), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
