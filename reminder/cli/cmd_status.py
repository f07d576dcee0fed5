"""`reminder status`: every task and occurrence, what was sent, what comes next, and what
needs a person."""

from __future__ import annotations

import argparse

from reminder.cli._engine import add_config, load, opened, parse_now
from reminder.cli.errors import UserError
from reminder.cli.terminal import json_text, printable


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `status` subcommand."""
    p = subparsers.add_parser("status", help="where every task stands", description=__doc__)
    add_config(p)
    p.add_argument("--task", metavar="TASK", help="only <plan id>/<task id>")
    p.add_argument("--json", action="store_true")
    p.add_argument("--now", metavar="ISO", help=argparse.SUPPRESS)  # tests set the clock
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Sync the configuration (so new tasks show), then print the status."""
    from reminder.preview import status
    from reminder.store.db import transaction
    from reminder.store.sync import sync

    cfg, dep = load(args.config)
    now = parse_now(args.now, cfg.timezone)
    if args.task and cfg.task(args.task) is None:  # before the sync: a refusal changes nothing
        raise UserError(f"unknown task {args.task!r} (write it as <plan id>/<task id>)")
    with opened(dep, lock=False) as store:
        with transaction(store.engine) as s:
            sync(s, dep, now)
        with transaction(store.engine) as s:
            data = status(s, cfg.timezone, now, args.task)
    if args.task and not data["tasks"]:
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
