"""`reminder calendar`: the deployment's items as an iCalendar file (.ics), for a calendar app
to import or subscribe to.

Each item is an all-day event on its due date (and one over its window, when that is longer
than a day). Items no longer open are kept as cancelled events, so an app that imported the
file before removes them. The same state gives the same file byte for byte. --executor keeps
the tasks that executor has a role in (and writes its role in each event), --plan one plan's.
The daemon keeps such files up to date by itself with `calendar: {folder: ...}`."""

from __future__ import annotations

import argparse
import difflib
import sys

from reminder.cli._engine import add_config, executor_id, load, opened, parse_now
from reminder.cli.errors import UserError


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `calendar` subcommand."""
    p = subparsers.add_parser("calendar", help="the items as an iCalendar (.ics) file",
                              description=__doc__)
    add_config(p)
    p.add_argument("--executor", metavar="ID",
                   help="only the tasks this executor (an id, name or alias of the directory) "
                        "leads, co-executes, is a partner or involved in")
    p.add_argument("--plan", metavar="ID", help="only this plan's tasks")
    p.add_argument("-o", "--output", metavar="FILE",
                   help="write the calendar to FILE (replaced whole; default: standard output)")
    p.add_argument("--now", metavar="ISO", help=argparse.SUPPRESS)  # tests set the clock
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Sync the configuration (so new tasks show), then write the feed."""
    from pathlib import Path

    from reminder.calendar.build import calendar_name, feed
    from reminder.calendar.folder import write_atomic
    from reminder.calendar.read import entries
    from reminder.store.db import transaction
    from reminder.store.sync import sync

    cfg, dep = load(args.config)
    now = parse_now(args.now, cfg.timezone)
    # refused before the sync: a mistaken flag changes nothing
    executor = executor_id(cfg, args.executor) if args.executor is not None else None
    plans = sorted(p.id for p in cfg.plans)
    if args.plan is not None and args.plan not in plans:
        near = difflib.get_close_matches(args.plan, plans, n=3, cutoff=0.5)
        hint = ("; did you mean " + ", ".join(near) + "?" if near
                else "; known: " + ", ".join(plans[:20]) + (", ..." if len(plans) > 20 else ""))
        raise UserError(f"--plan: unknown plan {args.plan!r}{hint}")
    out = Path(args.output) if args.output is not None else None
    if out is not None and not out.parent.is_dir():
        raise UserError(f"-o: {out.parent}: no such folder")
    if executor is not None:
        who = cfg.directory.by_id[executor]
        name = calendar_name(who.language, who.name)
    else:
        sec = cfg.directory.get(dep.secretariat) if dep.secretariat else None
        name = calendar_name(sec.language if sec else None, None)
    if args.plan is not None:
        name += f" ({args.plan})"
    with opened(dep, lock=False) as store:
        with transaction(store.engine) as s:
            sync(s, dep, now)
        with transaction(store.engine) as s:
            data = feed(entries(s, executor, args.plan), name, executor)
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    try:
        write_atomic(out, data)
    except OSError as exc:
        raise UserError(f"-o: {out}: {exc.strerror or exc}") from None
    return 0
