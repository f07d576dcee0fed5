"""`reminder status`: every task and occurrence, what was sent, what comes next, and what
needs a person.

--at DATE takes the status as of that day (the start of it) from the current state: what is
overdue then, what is sent next after it. --overdue keeps only the occurrences overdue then,
--executor ID only the tasks that executor has a role in (lead, co-executor, partner,
involved). They combine with each other and with --task."""

from __future__ import annotations

import argparse
from datetime import datetime, time

from reminder.cli._engine import add_config, executor_id, load, opened, parse_date, parse_now
from reminder.cli.errors import UserError
from reminder.cli.terminal import json_text, printable


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `status` subcommand."""
    p = subparsers.add_parser("status", help="where every task stands", description=__doc__)
    add_config(p)
    p.add_argument("--task", metavar="TASK", help="only <plan id>/<task id>")
    p.add_argument("--at", metavar="DATE",
                   help="the status as of the start of that day (YYYY-MM-DD), from the "
                        "current state: what is overdue then, what is sent next after it")
    p.add_argument("--overdue", action="store_true",
                   help="only the items overdue (open and past their due date) on --at or today")
    p.add_argument("--executor", metavar="ID",
                   help="only the tasks this executor (an id, name or alias of the directory) "
                        "leads, co-executes, is a partner or involved in")
    p.add_argument("--json", action="store_true", help="the same as one JSON document")
    p.add_argument("--now", metavar="ISO", help=argparse.SUPPRESS)  # tests set the clock
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Sync the configuration (so new tasks show), then print the status."""
    from reminder.preview import status
    from reminder.store.db import transaction
    from reminder.store.sync import sync

    cfg, dep = load(args.config)
    now = parse_now(args.now, cfg.timezone)
    at = (datetime.combine(parse_date(args.at, "--at"), time.min, cfg.timezone) if args.at
          else now)
    if args.task and cfg.task(args.task) is None:  # before the sync: a refusal changes nothing
        raise UserError(f"unknown task {args.task!r} (write it as <plan id>/<task id>)")
    executor = executor_id(cfg, args.executor) if args.executor is not None else None
    with opened(dep, lock=False) as store:
        with transaction(store.engine) as s:
            sync(s, dep, now)  # the state as it is now, whatever day it is looked at from
        with transaction(store.engine) as s:
            data = status(s, cfg.timezone, at, args.task, executor, args.overdue)
    if args.task and not data["tasks"] and not (executor or args.overdue):
        raise UserError(f"unknown task {args.task!r} (write it as <plan id>/<task id>)")
    if args.json:
        print(json_text(data, indent=1))
        return 0
    for t in data["tasks"]:
        title = " ".join(t["title"].split())  # plan cells carry line breaks
        closed = f"  (plan {t['plan_status']})" if t["plan_status"] != "open" else ""
        print(printable(f"{t['task']}  [{t['kind']}] {title[:70]}{closed}"))
        for o in t["occurrences"]:
            snooze = f", snoozed until {o['snoozed_until']}" if o["snoozed_until"] else ""
            print(f"    due {o['due']}  {o['status']}{snooze}  sent {o['sent']}  "
                  f"next {o['next'] or '-'}")
        for h in t.get("history", []):
            moved = f" {h['old_due']} -> {h['new_due']}" if h["new_due"] else ""
            note = f": {h['note']}" if h["note"] else ""
            print(printable(f"    {h['at']}  {h['action']} by {h['actor']}{moved}{note}"))
    if data["needs_a_person"]:
        print("needs a person:")
        for line in data["needs_a_person"]:
            print(printable(f"  {line}"))
    return 0

