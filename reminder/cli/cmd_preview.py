"""`reminder preview --config PATH --recipient ID [--at DATE]`: the message(s) that executor
would get on that day, rendered exactly as they would be sent.

`reminder preview --config PATH --digest [--at DATE]`: the secretariat's digest as the tick
would queue and send it at the digest's time on that day (without --at: its next time), made
by the tick's own code from the store as it is now. Nothing is sent or recorded: the
configuration is synced, and the digest queued, inside a transaction that is rolled back."""

from __future__ import annotations

import argparse
from collections import defaultdict
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from reminder.cli._engine import add_config, load, opened, parse_date, parse_now
from reminder.cli.errors import UserError
from reminder.cli.terminal import printable

if TYPE_CHECKING:  # the store and the renderer load when the command runs
    from sqlmodel import Session

    from reminder.messages.model import Item, Message, RenderedMessage
    from reminder.store.specs import Deployment

FORMATS = ("text", "html", "telegram")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `preview` subcommand."""
    p = subparsers.add_parser("preview", help="show the message a recipient would get",
                              description=__doc__)
    add_config(p)
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--recipient", metavar="ID", help="an executor id")
    who.add_argument("--digest", action="store_true",
                     help="the secretariat's digest (digest.cron in reminder.yaml)")
    p.add_argument("--at", metavar="DATE",
                   help="the day (default: today; with --digest: the day of the next digest)")
    p.add_argument("--format", choices=FORMATS, default="text",
                   help="email text (default), email HTML, or the Telegram body")
    p.add_argument("--now", metavar="ISO", help=argparse.SUPPRESS)  # tests set the clock
    p.set_defaults(func=run)


class _Rollback(Exception):
    pass


def items_for(s: Session, tz: ZoneInfo, rows: list[dict], day: date) -> list[Item]:
    """Items as the engine would build them, from `reminder plan`'s preview rows."""
    from sqlmodel import col, select

    from reminder.schedule.workdays import calendar_for
    from reminder.store.items import item_of
    from reminder.store.models import AssignmentRow, ExecutorRow, OccurrenceRow, PlanRow, TaskRow

    items: list[Item] = []
    for r in rows:
        task = s.get(TaskRow, r["task"])
        occ = s.exec(select(OccurrenceRow).where(
            col(OccurrenceRow.task_key) == r["task"],
            col(OccurrenceRow.due) == date.fromisoformat(r["due"]))).first()
        if task is None or occ is None:
            continue
        plan = s.get(PlanRow, task.plan_id)
        if plan is None:
            continue
        team = list(s.exec(select(AssignmentRow).where(col(AssignmentRow.task_key) == task.key)
                           .order_by(col(AssignmentRow.position))))
        names = {e.id: e.name for e in s.exec(select(ExecutorRow).where(
            col(ExecutorRow.id).in_([a.executor_id for a in team])))}
        items.append(item_of(occ, task, plan, team, names, r["recipient"], r["role"],
                             r["stage"], r["step"], day, calendar_for(plan.country)))
    return items


def run(args: argparse.Namespace) -> int:
    """Render and print what --recipient would get on --at, one message per send time."""
    from functools import partial

    from sqlmodel import select

    from reminder.messages.model import Message, Recipient
    from reminder.messages.render import render
    from reminder.preview import preview
    from reminder.store.db import transaction
    from reminder.store.models import ExecutorRow
    from reminder.store.sync import sync

    cfg, dep = load(args.config)
    tz: ZoneInfo = cfg.timezone
    now = parse_now(args.now, tz)
    day = parse_date(args.at, "--at") if args.at else now.astimezone(tz).date()
    if args.digest:
        return _digest(args, dep, cfg.templates_dir, now, day if args.at else None)
    draw = partial(render, templates_dir=cfg.templates_dir)
    out: list[str] = []
    with opened(dep, lock=False) as store:
        try:
            with transaction(store.engine) as s:
                sync(s, dep, now)
                s.flush()
                person = s.get(ExecutorRow, args.recipient)
                if person is None:
                    known = sorted(s.exec(select(ExecutorRow.id)).all())
                    raise UserError(f"--recipient: no executor {args.recipient!r}; known: "
                                    f"{', '.join(known[:20])}")
                rows = [r for r in preview(s, tz, dep.secretariat, day, day)
                        if r["recipient"] == args.recipient]
                # by instant: plans in different zones write one instant with other offsets
                by_time: dict[datetime, list[dict]] = defaultdict(list)
                for r in rows:
                    by_time[datetime.fromisoformat(r["at"])].append(r)
                recipient = Recipient(person.id, person.name, person.language,
                                      tuple(e for e in person.emails.split("\n") if e),
                                      tuple(t for t in person.telegram.split("\n") if t))
                for at, group in sorted(by_time.items()):
                    message = Message(recipient, at,
                                      tuple(items_for(s, tz, group, day)))
                    out.append(_show(message, draw(message), args.format))
                raise _Rollback
        except _Rollback:
            pass
    if not out:
        print(printable(f"{args.recipient}: nothing to send on {day}"))
    # The bodies hold plan text: shown with their line breaks, every control escaped.
    print(printable("\n\n".join(out), newlines=True))
    return 0


def _digest(args: argparse.Namespace, dep: Deployment, templates_dir: Path | None,
            now: datetime, day: date | None) -> int:
    """Print the digest of each cron instant on ``day`` (None: the next instant after now)."""
    from functools import partial

    from reminder.messages.model import Message
    from reminder.messages.render import render
    from reminder.preview import digest_fires, digest_preview, next_digest_fire
    from reminder.store.db import transaction
    from reminder.store.digests import digest_items, digest_of
    from reminder.store.models import ExecutorRow
    from reminder.store.sync import sync
    from reminder.tick import recipient_of

    if not dep.secretariat:
        raise UserError("--digest: reminder.yaml names no `secretariat`, so no digest is sent "
                        "(set `secretariat:` to the executor id that receives it)")
    if not dep.digest_cron:
        raise UserError("--digest: reminder.yaml sets no `digest.cron`, so no digest is sent")
    cron, tz = dep.digest_cron, ZoneInfo(dep.timezone)
    if day is None:
        upcoming = next_digest_fire(cron, tz, now)
        fires = [upcoming] if upcoming is not None else []
    else:
        fires = digest_fires(cron, tz, day)
    if not fires:
        after = next_digest_fire(cron, tz, datetime.combine(day or now.date(), time.max, tz))
        then = f"; the next: {after.astimezone(tz):%Y-%m-%d %H:%M}" if after else ""
        print(f"no digest on {day} (digest.cron {cron!r}){then}")
        return 0
    draw = partial(render, templates_dir=templates_dir)
    out: list[str] = []
    with opened(dep, lock=False) as store:
        for fire in fires:
            try:
                with transaction(store.engine) as s:
                    sync(s, dep, now)
                    s.flush()
                    person = s.get(ExecutorRow, dep.secretariat)
                    row = digest_preview(s, cron, tz, dep.secretariat, fire, dep.due_soon_days,
                                         dep.digest_when_empty)
                    if row is None:
                        out.append(f"=== {fire.astimezone(tz):%Y-%m-%d %H:%M %Z} no digest: "
                                   "nothing to say (digest.when_empty: skip)")
                    elif person is not None and row.item:
                        message = Message(recipient_of(person), fire, digest_items(row.item),
                                          kind="digest", digest=digest_of(row.item))
                        out.append(_show(message, draw(message), args.format))
                    raise _Rollback
            except _Rollback:
                pass
    # The digest quotes plan text: shown with its line breaks, every control escaped.
    print(printable("\n\n".join(out), newlines=True))
    return 0


def _show(message: Message, r: RenderedMessage, fmt: str) -> str:
    when = message.send_at.strftime("%Y-%m-%d %H:%M %Z")
    n = len(message.items)
    what = "digest to" if message.kind == "digest" else "to"
    head = f"=== {when} {what} {message.recipient.id} ({n} item{'' if n == 1 else 's'})"
    if fmt == "html":
        return f"{head}\n{r.html}"
    if fmt == "telegram":
        return f"{head}\n{r.telegram_html}"
    return f"{head}\nSubject: {r.subject}\n\n{r.text}"
