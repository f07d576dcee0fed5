"""`reminder close-plan PLAN_ID [--archive | --reopen]`: close a plan (no more reminders
about its items; the digest still lists those left open), archive it (out of the digest too;
its history is kept), or open it again. The plan file's `status` line is the one change made
to it, written atomically; then the store is synced and a running daemon woken, as
`reminder done` does, so the change takes effect at once.
"""

from __future__ import annotations

import argparse
import difflib
import sys

from reminder.cli._engine import add_config, load, opened, parse_now, wake_daemon
from reminder.cli.errors import UserError
from reminder.cli.terminal import printable

# What each status means for the plan's items, in the command's report.
_EFFECT = {
    "open": "its open items get reminders again, from the next one due",
    "closed": "no more reminders about its items; the digest still lists those left open",
    "archived": "no more reminders, and its items are out of the digest; history kept",
}


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `close-plan` subcommand."""
    p = subparsers.add_parser("close-plan", help="close, archive or reopen a plan",
                              description=__doc__)
    add_config(p)
    p.add_argument("plan", metavar="PLAN_ID", help="the plan's id (its file's `id:`)")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--archive", action="store_true",
                       help="archive it: out of reminders and the digest")
    which.add_argument("--reopen", action="store_true", help="open it again")
    p.add_argument("--now", metavar="ISO", help=argparse.SUPPRESS)  # tests set the clock
    p.set_defaults(func=run)


def _unknown(plan_id: str, known: list[str]) -> UserError:
    near = difflib.get_close_matches(plan_id, known, n=5, cutoff=0.5)
    near += [k for k in known if plan_id.lower() in k.lower() and k not in near][:5 - len(near)]
    hint = f"; did you mean {', '.join(near)}?" if near else (
        f"; the plans are: {', '.join(known[:20])}" if known else "")
    return UserError(f"unknown plan {plan_id!r}{hint}")


def run(args: argparse.Namespace) -> int:
    """Edit the plan file's status, then sync and wake the daemon."""
    from reminder.config.plan_edit import (
        PlanEditError,
        current_status,
        with_status,
        write_in_place,
    )
    from reminder.config.yamlsource import parse_yaml_text
    from reminder.store.db import transaction
    from reminder.store.sync import sync

    status = "open" if args.reopen else "archived" if args.archive else "closed"
    cfg, _ = load(args.config)
    plan = next((p for p in cfg.plans if p.id == args.plan), None)
    if plan is None:
        raise _unknown(args.plan, [p.id for p in cfg.plans])
    now = parse_now(args.now, cfg.timezone)
    path = plan.file
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")  # a BOM stays a character of the text, and is kept
    except OSError as exc:
        raise UserError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise UserError(f"{path}: the file is not UTF-8 text") from None
    was = current_status(parse_yaml_text(text, str(path)).data)
    if was != status:
        try:
            new = with_status(text, status, str(path))
        except PlanEditError as exc:
            raise UserError(str(exc)) from None
        try:
            write_in_place(path, new.encode("utf-8"))
        except OSError as exc:
            raise UserError(f"{path}: cannot write: {exc.strerror or exc}") from None
    cfg, dep = load(args.config)  # the plans as the daemon will read them now
    with opened(dep, lock=False) as store, transaction(store.engine) as s:
        sync(s, dep, now)
    if was == status:
        print(printable(f"plan {args.plan} is already {status} ({path})"))
    else:
        print(printable(f"plan {args.plan}: {status} (was {was}) in {path}: "
                        f"{_EFFECT[status]}"))
    woken = wake_daemon(dep)
    if woken is not None:
        line, ok = woken
        print(line, file=sys.stdout if ok else sys.stderr)
    return 0
