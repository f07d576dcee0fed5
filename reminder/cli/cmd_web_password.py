"""`reminder web-password`: the hash of a password for an account of the web view (the
``password_hash`` of a ``web.users`` entry in reminder.yaml). The password is read without
echo from the terminal (asked twice), or as one line from standard input when it is not a
terminal; it is never taken as an argument, where it would stay in the shell's history."""

from __future__ import annotations

import argparse
import getpass
import sys

from reminder.cli.errors import UserError

MIN_LENGTH = 10


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `web-password` subcommand."""
    p = subparsers.add_parser("web-password", help="hash a password for a web view account",
                              description=__doc__)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Read the password, print its hash."""
    from reminder.web.passwords import hash_password

    if sys.stdin.isatty():
        password = getpass.getpass("Password: ")
        if getpass.getpass("Again: ") != password:
            raise UserError("the two passwords differ; nothing was printed")
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    if len(password) < MIN_LENGTH:
        raise UserError(f"a password of at least {MIN_LENGTH} characters, please (this one has "
                        f"{len(password)})")
    print(hash_password(password))
    return 0
