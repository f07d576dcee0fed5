"""`reminder requests` and the coordinator's answers: `approve`, `deny`, `accept`, `return`.

Executors ask for more time from the Telegram bot, and leads report items done under
``close: accept``; each becomes a numbered request for the coordinator (reminder.store.requests).
`reminder requests` lists those awaiting an answer; the answer reaches the executor as a
notice by their own channel at the daemon's next pass (woken at once, as `reminder done` does).
"""

from __future__ import annotations

import argparse
import sys
from datetime import timedelta

from reminder.cli._engine import add_config, load, opened, parse_date, parse_now, wake_daemon
from reminder.cli.errors import UserError
from reminder.cli.terminal import printable


def _common(p: argparse.ArgumentParser) -> None:
    add_config(p)
    p.add_argument("request", metavar="REQUEST", type=_request_id,
                   help="the request's number, as `reminder requests` lists it")
    p.add_argument("--now", metavar="ISO", help=argparse.SUPPRESS)  # tests set the clock


def _request_id(text: str) -> int:
    if not text.isdigit() or len(text) > 12:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a request number (`reminder requests` lists them)")
    return int(text)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add requests, approve, deny, accept and return."""
    p = subparsers.add_parser("requests", help="requests awaiting the coordinator's answer")
    add_config(p)
    p.add_argument("--all", action="store_true", help="answered ones too")
    p.add_argument("--now", metavar="ISO", help=argparse.SUPPRESS)
    p.set_defaults(func=run_list)
    p = subparsers.add_parser("approve", help="grant more time: the due date moves")
    _common(p)
    when = p.add_mutually_exclusive_group(required=True)
    when.add_argument("--to", metavar="DATE", help="the new due date, YYYY-MM-DD")
    when.add_argument("--days", type=int, metavar="N",
                      help="N days after the current due date (or after the day of asking, "
                           "if the deadline had passed by then)")
    p.add_argument("--note", help="passed on to the executor and kept in the history")
    p.set_defaults(func=run_answer, verb="approve")
    p = subparsers.add_parser("deny", help="refuse more time: the due date stays")
    _common(p)
    p.add_argument("--note", required=True, help="why: passed on to the executor")
    p.set_defaults(func=run_answer, verb="deny")
    p = subparsers.add_parser("accept", help="accept an item reported done: it is closed")
    _common(p)
    p.add_argument("--note", help="passed on to the lead and kept in the history")
    p.set_defaults(func=run_answer, verb="accept")
    p = subparsers.add_parser("return", help="return an item reported done for more work")
    _common(p)
    p.add_argument("--note", required=True, help="what is missing: passed on to the lead")
    p.set_defaults(func=run_answer, verb="return")


def run_list(args: argparse.Namespace) -> int:
    """Print the requests (pending, or all with --all), oldest first."""
    from sqlmodel import Session, col, select

    from reminder.store.db import transaction
    from reminder.store.models import ExecutorRow, RequestRow
    from reminder.store.sync import sync

    cfg, dep = load(args.config)
    now = parse_now(args.now, cfg.timezone)
    with opened(dep, lock=False) as store:
        with transaction(store.engine) as s:
            sync(s, dep, now)
        with Session(store.engine) as s:
            q = select(RequestRow).order_by(col(RequestRow.asked_at), col(RequestRow.id))
            if not args.all:
                q = q.where(col(RequestRow.status) == "pending")
            rows = list(s.exec(q))
            names = {e.id: e.name for e in s.exec(select(ExecutorRow))}
    if not rows:
        print("no requests awaiting an answer" if not args.all else "no requests")
        return 0
    for r in rows:
        what = "more time" if r.kind == "more_time" else "acceptance"
        asked = r.asked_at.astimezone(cfg.timezone).strftime("%Y-%m-%d %H:%M")
        answer = "approve/deny" if r.kind == "more_time" else "accept/return"
        line = (f"#{r.id}  {what:<10}  {r.task_key}  due {r.due}  asked {asked} by "
                f"{names.get(r.executor_id, r.executor_id)}; "
                f"to {names.get(r.coordinator_id or '', r.coordinator_id or 'nobody')}")
        if r.status == "pending":
            line += f"  [{answer}]"
        else:
            line += f"  {r.status}" + (f" (new due {r.new_due})" if r.new_due else "")
        print(printable(line))
        for label, text in (("note", r.note), ("answer", r.answer_note)):
            if text:  # one line each, cut: the full text is in the history
                flat = " ".join(text.split())
                print(printable(f"      {label}: "
                                + (flat if len(flat) <= 300 else flat[:299] + "…")))
    return 0


def run_answer(args: argparse.Namespace) -> int:
    """Answer one request in one transaction; the executor's notice goes at the next pass."""
    from sqlmodel import Session

    from reminder.store import requests
    from reminder.store.actions import ActionError, check_to
    from reminder.store.db import transaction
    from reminder.store.models import RequestRow
    from reminder.store.sync import sync

    to = parse_date(args.to, "--to") if getattr(args, "to", None) else None
    note = (args.note or "").strip() or None
    if args.verb in ("deny", "return") and note is None:
        raise UserError(f"{args.verb} needs a --note (it is passed on to the executor)")
    days = getattr(args, "days", None)
    if days is not None and not 1 <= days <= 3660:
        raise UserError(f"--days must be 1 or more and at most 3660, not {days}")
    cfg, dep = load(args.config)
    now = parse_now(args.now, cfg.timezone)
    actor = "cli"
    with opened(dep, lock=False) as store:
        with transaction(store.engine) as s:
            sync(s, dep, now)
        try:
            if args.verb == "approve":
                if to is None:
                    with Session(store.engine) as s:
                        row = s.get(RequestRow, args.request)
                    if row is None:
                        raise requests.RequestError(
                            f"no request {args.request} (`reminder requests` lists those open)")
                    # counted from the due date, or from the day of asking if that is later
                    to = max(row.due, requests.asked_day(row, cfg.timezone)) + timedelta(
                        days=days or 0)
                    check_to(to)
                req = requests.approve(store.engine, args.request, to, note, now, cfg.timezone,
                                       actor)
                said = f"approved: {req.task_key} now due {req.new_due}"
            elif args.verb == "deny":
                req = requests.deny(store.engine, args.request, note, now, actor)
                said = f"denied: {req.task_key} stays due {req.due}"
            elif args.verb == "accept":
                req = requests.accept(store.engine, args.request, note, now, actor)
                said = f"accepted: {req.task_key} due {req.due} is closed"
            else:
                req = requests.return_item(store.engine, args.request, note or "", now,
                                           cfg.timezone, actor)
                said = f"returned: {req.task_key} due {req.due} is open again"
        except ActionError as exc:
            raise UserError(f"request {args.request}: {exc}" if not str(exc).startswith(
                ("request", "no request")) else str(exc)) from None
    print(printable(f"{said}; the executor is told at the next pass (the daemon's, or "
                    "`reminder tick`)"))
    woken = wake_daemon(dep)
    if woken is not None:
        line, ok = woken
        print(line, file=sys.stdout if ok else sys.stderr)
    return 0
