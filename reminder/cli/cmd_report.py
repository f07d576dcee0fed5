"""`reminder report`: the secretariat's overdue register and department figures, or one
task's control card, as a table, JSON, Markdown, HTML, CSV or XLSX.

Without --card: the overdue register as of --at (the start of that day; default today in the
deployment's zone) by lead department, most late first, with working days late and ageing
buckets, pending requests for more time and items awaiting acceptance; and per lead
department what became of the items due over --from/--until (default the 90 days before
--at) next to the period of the same length before it. --overdue gives the register alone,
--departments the figures alone. --card TASK [--occurrence DATE]: the task's control card.
What counts as overdue, on time and late: docs/reports.md."""

from __future__ import annotations

import argparse
import difflib
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from reminder.cli._engine import add_config, load, opened, parse_date, parse_now
from reminder.cli.errors import UserError

if TYPE_CHECKING:
    from sqlmodel import Session

    from reminder.config.loaded import Config
    from reminder.report.model import Card, Departments, Period, Register

FORMATS = ("table", "json", "md", "html", "csv", "xlsx")  # reminder.report.formats.FORMATS


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `report` subcommand."""
    p = subparsers.add_parser("report", help="the overdue register, department figures, or a "
                              "task's control card", description=__doc__)
    add_config(p)
    p.add_argument("--at", metavar="DATE",
                   help="as of the start of that day (YYYY-MM-DD); default today")
    p.add_argument("--plan", metavar="ID", help="only this plan's tasks")
    p.add_argument("--executor", metavar="ID",
                   help="only the tasks this executor (an id, name or alias) has a role in")
    p.add_argument("--overdue", action="store_true", help="only the overdue register")
    p.add_argument("--departments", action="store_true",
                   help="only the per-department figures")
    p.add_argument("--from", dest="start", metavar="DATE",
                   help="the departments' period: items due from this day (with --until)")
    p.add_argument("--until", dest="end", metavar="DATE",
                   help="... up to this day, included (default: the 90 days before --at)")
    p.add_argument("--card", metavar="TASK", help="the control card of <plan id>/<task id>")
    p.add_argument("--occurrence", metavar="DATE",
                   help="with --card: only the occurrence due (or first due) on that day")
    p.add_argument("--format", choices=FORMATS, default="table",
                   help="table (the default), json, md, html, csv or xlsx (needs -o)")
    p.add_argument("-o", "--output", metavar="FILE",
                   help="write it to FILE (atomically) instead of standard output")
    p.add_argument("--now", metavar="ISO", help=argparse.SUPPRESS)  # tests set the clock
    p.set_defaults(func=run)


def _check_flags(args: argparse.Namespace) -> None:
    """Refuse combinations that say two things at once, before anything is read."""
    if args.card is not None:
        extra = [f for f, given in (("--overdue", args.overdue),
                                    ("--departments", args.departments),
                                    ("--plan", args.plan is not None),
                                    ("--executor", args.executor is not None),
                                    ("--from", args.start is not None),
                                    ("--until", args.end is not None)) if given]
        if extra:
            raise UserError(f"--card shows one task: leave out {', '.join(extra)}")
    elif args.occurrence is not None:
        raise UserError("--occurrence goes with --card TASK")
    if args.overdue and args.departments:
        raise UserError("--overdue and --departments each ask for one part: give one, or "
                        "neither for both")
    if (args.start is None) != (args.end is None):
        raise UserError("--from and --until go together (the departments' period)")
    if args.overdue and args.start is not None:
        raise UserError("--from/--until set the departments' period; --overdue shows none")
    if args.format == "xlsx" and args.output is None:
        raise UserError("--format xlsx writes a file: give it with -o FILE")
    if args.output is not None:
        out = Path(args.output)
        if out.is_dir():
            raise UserError(f"-o {args.output}: is a folder; name a file in it")
        if not out.parent.is_dir():
            raise UserError(f"-o {args.output}: the folder {out.parent} does not exist")


def _period(args: argparse.Namespace) -> Period | None:
    from reminder.report.model import Period

    if args.start is None:
        return None
    start, end = parse_date(args.start, "--from"), parse_date(args.end, "--until")
    if end < start:
        raise UserError(f"--until {end} is before --from {start}")
    return Period(start, end)


def _plan(cfg: Config, given: str) -> str:
    ids = [p.id for p in cfg.plans]
    if given in ids:
        return given
    near = difflib.get_close_matches(given, ids, n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(near)}?" if near else f"; known: {', '.join(ids)}"
    raise UserError(f"--plan: unknown plan {given!r}{hint}")


def run(args: argparse.Namespace) -> int:
    """Read the store (after syncing the configuration, so new tasks show) and write the
    report."""
    from reminder.cli._engine import executor_id
    from reminder.report.formats import render, write
    from reminder.report.model import Report, Scope
    from reminder.store.db import transaction
    from reminder.store.sync import sync

    _check_flags(args)
    cfg, dep = load(args.config)
    now = parse_now(args.now, cfg.timezone)
    day = parse_date(args.at, "--at") if args.at else now.astimezone(cfg.timezone).date()
    period = _period(args)
    plan = _plan(cfg, args.plan) if args.plan is not None else None
    executor = executor_id(cfg, args.executor) if args.executor is not None else None
    only = parse_date(args.occurrence, "--occurrence") if args.occurrence else None
    section = None
    if args.card is not None:
        task = cfg.task(args.card)
        if task is None:  # before the sync: a refusal changes nothing
            raise UserError(f"unknown task {args.card!r} (write it as <plan id>/<task id>)")
        section = task.entry.section
    # one transaction: a refusal found while reading (no occurrence due that day) rolls the
    # sync back with it, so a refused command leaves the database as it was
    with opened(dep, lock=False) as store, transaction(store.engine) as s:
        sync(s, dep, now)
        if args.card is not None:
            card = _card(s, cfg, args.card, day, section, only)
            report = Report(now.astimezone(cfg.timezone), day, card=card)
        else:
            reg = None if args.departments else _register(s, cfg, day, plan, executor)
            deps = None if args.overdue else _departments(s, cfg, day, plan, executor,
                                                          period)
            report = Report(now.astimezone(cfg.timezone), day, Scope(plan, executor),
                            register=reg, departments=deps)
    data = render(report, args.format)
    if args.output is None:
        sys.stdout.write(data.decode("utf-8"))
        return 0
    try:
        write(Path(args.output), data)
    except OSError as exc:
        raise UserError(f"-o {args.output}: {exc.strerror or exc}") from None
    what = (f"{report.register.total} overdue" if report.register is not None
            else "the departments" if report.departments is not None else "the card")
    print(f"{args.output}: {args.format} report, {what}, as of {day.isoformat()}")
    return 0


def _register(s: Session, cfg: Config, day: date, plan: str | None, executor: str | None
              ) -> Register:
    from reminder.report import query, register

    items = query.items(s, cfg.timezone, plan=plan, executor=executor, open_before=day)
    requests = query.pending_requests(s)
    asked = {r.occurrence_id for r in requests} - {i.occurrence_id for i in items}
    if asked:
        items += query.items(s, cfg.timezone, plan=plan, executor=executor, ids=asked)
    return register.build(items, requests, day)


def _departments(s: Session, cfg: Config, day: date, plan: str | None, executor: str | None,
                 period: Period | None) -> Departments:
    from reminder.report import departments, query

    period = period or departments.default_period(day)
    items = query.items(s, cfg.timezone, plan=plan, executor=executor,
                        due_from=period.previous().start, due_until=period.end, closings=True)
    return departments.build(items, day, period)


def _card(s: Session, cfg: Config, key: str, day: date, section: str | None,
          only: date | None) -> Card:
    from reminder.report import card, query

    records = query.card_records(s, cfg.timezone, key)
    if records is None:
        raise UserError(f"unknown task {key!r} (write it as <plan id>/<task id>)")
    if only is not None and not any(only in (o.due, o.nominal_due)
                                    for o in records.occurrences):
        dues = ", ".join(o.due.isoformat() for o in records.occurrences[:12]) or "none"
        raise UserError(f"--occurrence: task {key!r} has no occurrence due {only}; its due "
                        f"dates: {dues}")
    return card.build(records, day, section, only)


