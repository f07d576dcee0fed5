"""One pass of the engine: plan what is due into the ledger, then claim and deliver it.

``plan_due`` reads only occurrences whose ``next_at`` has come (an indexed range scan), so an
idle tick costs the same with ten tasks or a million; its work grows with what is due.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from reminder.channels.base import (
    Channel,
    DeadContact,
    DeliveryError,
    TransientError,
    Unreachable,
)
from reminder.messages.group import group_messages
from reminder.messages.model import Message, Recipient, RenderedMessage
from reminder.messages.notice import Notice
from reminder.schedule.audience import Assignee
from reminder.schedule.due import (
    DueReminder,
    also_overdue,
    covered,
    due_reminders,
    standing,
)
from reminder.schedule.policy import Policy
from reminder.schedule.workdays import calendar_for
from reminder.store import actions, digests, ledger, notices, pauses, requests
from reminder.store.db import transaction
from reminder.store.items import item_of
from reminder.store.keys import LedgerKey
from reminder.store.ladders import ladder_of, policy_of, reminds, zone_of
from reminder.store.models import (
    AssignmentRow,
    ExecutorRow,
    OccurrenceRow,
    PlanRow,
    TaskRow,
)

NO_CHANNEL = notices.NO_CHANNEL  # the ledger channel of a recipient no channel reaches
# One message per recipient: the first of these channels that reaches the recipient carries
# it. A live Telegram chat is read sooner than a mailbox, hence first; the outbox is there
# only when neither is configured. Channels not named here come last, in configured order.
CHANNEL_PREFERENCE = ("telegram", "email", "outbox")
Fault = Callable[[str], None]  # test hook: called at "claimed" and "sent"
# Failed tries (about 1 + 2 + 4 minutes) before a message its channel cannot carry goes by the
# recipient's next channel: a reminder is time-bound, and an email now beats a chat later.
FALL_BACK_AFTER = 3
# How often a delivering worker restarts the lease of the rows it still holds (well inside
# the 10-minute lease after which other daemons take a claim over).
RENEW_EVERY = timedelta(minutes=1)


@dataclass
class TickReport:
    """What one tick did."""

    planned: int = 0
    sent: int = 0
    failed: int = 0  # rows whose send failed in this pass, retried or not
    given_up: int = 0  # of those, failed for good with no other channel taking them
    unrenderable: int = 0  # of those, kept back by a template that fails on their data
    messages: int = 0
    errors: list[str] = field(default_factory=list)
    # channels whose server could not be reached in this pass, with the reason
    unreachable: dict[str, str] = field(default_factory=dict)


def recipient_of(row: ExecutorRow) -> Recipient:
    """A directory row as a message addressee."""
    return Recipient(id=row.id, name=row.name, language=row.language,
                     emails=tuple(e for e in row.emails.split("\n") if e),
                     telegram_chats=tuple(t for t in row.telegram.split("\n") if t))


@dataclass
class EngineSettings:
    """The deployment-wide values the tick needs."""

    timezone: str
    secretariat: str | None
    channels: dict[str, Channel]
    render: Callable[[Message], RenderedMessage]
    digest_cron: str | None = None  # crontab fields; None: no digest
    due_soon_days: int = 14
    digest_when_empty: str = "line"  # a digest with nothing to say: one line, or "skip"


def _send_at(dr: DueReminder, policy: Policy, country: str | None, tz: ZoneInfo,
             now: datetime) -> datetime:
    """On time: the step's instant. Late (caught up, or a plan's first load): now, unless
    today is not a working day, then the next working day's send time (no sends on
    non-working days)."""
    if not dr.late:
        return dr.step.at
    local = now.astimezone(tz)
    cal = calendar_for(country)
    if not policy.working_days_only or cal.is_working(local.date()):
        return now
    day = cal.shift(local.date(), "next")
    return datetime.combine(day, policy.send_time, tzinfo=tz)


def plan_due(engine: Engine, cfg: EngineSettings, now: datetime, batch: int = 2000) -> int:
    """Write a pending ledger row for every reminder due by ``now``; returns how many."""
    total = 0
    while True:
        with transaction(engine) as s:
            q = (select(OccurrenceRow).where(col(OccurrenceRow.next_at) <= now)
                 .order_by(col(OccurrenceRow.next_at)).limit(batch))
            if engine.dialect.name == "postgresql":
                q = q.with_for_update(skip_locked=True)  # several daemons split the work
            occs = list(s.exec(q))
            total += _plan_batch(s, cfg, occs, now)
        if len(occs) < batch:
            return total


def _plan_batch(s: Session, cfg: EngineSettings, occs: list[OccurrenceRow], now: datetime
                ) -> int:
    if not occs:
        return 0
    tz = ZoneInfo(cfg.timezone)
    keys = {o.task_key for o in occs}
    tasks = {t.key: t for t in s.exec(select(TaskRow).where(col(TaskRow.key).in_(keys)))}
    plans = {p.id: p for p in s.exec(select(PlanRow).where(
        col(PlanRow.id).in_({t.plan_id for t in tasks.values()})))}
    assigns: dict[str, list[AssignmentRow]] = defaultdict(list)
    for a in s.exec(select(AssignmentRow).where(col(AssignmentRow.task_key).in_(keys))
                    .order_by(col(AssignmentRow.position))):
        assigns[a.task_key].append(a)
    policies = {raw: policy_of(raw) for raw in {t.policy for t in tasks.values()}}
    named = {e.to for p in policies.values() for e in p.escalate
             if e.to not in ("supervisor", "secretariat")}
    people = _executors(s, {a.executor_id for v in assigns.values() for a in v})
    people |= _executors(s, {p.supervisor for p in people.values() if p.supervisor} | named
                         | ({cfg.secretariat} if cfg.secretariat else set()))
    names = {i: p.name for i, p in people.items()}
    ids = [o.id for o in occs if o.id is not None]
    paused = actions.snoozes(s, ids)  # per recipient (the bot's snooze)
    asked = {r.occurrence_id: requests.asked_day(r, tz)
             for r in requests.pending(s, ids) if r.kind == requests.MORE_TIME}
    periods = open_periods(s, keys)  # each task's open due dates: the newest late one speaks
    rows: list[dict] = []
    newest: dict[tuple[int, str], str] = {}
    reach: dict[str, str] = {}  # recipient id -> the one channel that carries its reminders
    for occ in occs:
        task, since = tasks.get(occ.task_key), occ.next_at
        plan = plans.get(task.plan_id) if task is not None else None
        if (task is None or plan is None or since is None or occ.status != "open"
                or task.archived or not reminds(plan)):  # a closed plan's (sync too)
            occ.next_at = None
            continue
        ptz = zone_of(plan, tz)  # the plan's clock: its send time, its "today"
        policy = policies[task.policy]
        others = [d for d in periods.get(task.key, ()) if d != occ.due]  # the task's other periods
        team = [Assignee(a.executor_id, a.role,  # type: ignore[arg-type]
                         supervisor=people[a.executor_id].supervisor if a.executor_id in people
                         else None,
                         partner=people[a.executor_id].partner if a.executor_id in people
                         else False) for a in assigns[task.key]]
        lad = ladder_of(occ, policy, plan.country, ptz)
        due, nxt = due_reminders(lad, team, cfg.secretariat, since, now, occ.loaded_at,
                                 paused.get(occ.id or 0, {}))
        for dr in due:
            person = people.get(dr.recipient_id)
            if person is None:
                continue  # a supervisor id missing from the directory: `reminder check` says so
            send_at = _send_at(dr, policy, plan.country, ptz, now)
            # Worded from where the item stands on the day it is sent, not from the rung: a
            # due-day notice caught up a week later says "overdue", not "due today"; one
            # planned on a Saturday for Monday counts its days from Monday.
            day = send_at.astimezone(ptz).date()
            stage = standing(dr.step.stage, occ.due, day)
            if covered(stage, occ.due, others, day):
                continue  # a later period of the task, late too, carries it
            item = item_of(occ, task, plan, assigns[task.key],
                           names, dr.recipient_id, dr.role, stage, dr.step.name, day, lad.cal,
                           dr.catch_up, asked.get(occ.id or 0),
                           also_overdue(occ.due, others) if stage == "overdue" else ())
            channel = reach.get(dr.recipient_id)
            if channel is None:  # asked once per recipient and batch: addresses() may read
                channel = reach[dr.recipient_id] = (
                    channel_for(cfg, recipient_of(person)) or NO_CHANNEL)
            key = LedgerKey.for_occurrence(occ.id or 0, occ.due, dr.recipient_id,
                                           dr.step.name, channel)
            row = dict(key=str(key), occurrence_id=occ.id, recipient_id=dr.recipient_id,
                       step=dr.step.name, stage=dr.step.stage, channel=channel,
                       send_at=send_at, status="pending", catch_up=dr.catch_up,
                       item=ledger.item_to_json(item), attempts=0)
            rows.append(row)
            newest[(occ.id or 0, dr.recipient_id)] = dr.step.name
        occ.next_at = nxt  # loaded in this session: flushed once, at the end
    with s.no_autoflush:
        ledger.supersede(s, newest)
    s.flush()
    ledger.insert_pending(s, rows)
    return len(rows)


def open_periods(s: Session, task_keys: Iterable[str]) -> dict[str, list[date]]:
    """The due dates of each task's open occurrences (a recurring task's open periods)."""
    out: dict[str, list[date]] = defaultdict(list)
    keys = set(task_keys)
    if not keys:
        return out
    for key, due in s.exec(select(col(OccurrenceRow.task_key), col(OccurrenceRow.due)).where(
            col(OccurrenceRow.task_key).in_(keys), col(OccurrenceRow.status) == "open")):
        out[key].append(due)
    return out


def _executors(s: Session, ids: Iterable[str]) -> dict[str, ExecutorRow]:
    ids = set(ids)
    if not ids:
        return {}
    return {e.id: e for e in s.exec(select(ExecutorRow).where(col(ExecutorRow.id).in_(ids)))}


def channel_for(cfg: EngineSettings, recipient: Recipient, exclude: str | None = None
                ) -> str | None:
    """The one channel a recipient's message goes by: the first in CHANNEL_PREFERENCE that
    has an address for them (Telegram only with a live chat: the channel leaves dead ones
    out), skipping ``exclude``; None when no configured channel reaches them."""
    def rank(name: str) -> int:
        return (CHANNEL_PREFERENCE.index(name) if name in CHANNEL_PREFERENCE
                else len(CHANNEL_PREFERENCE))

    for name in sorted(cfg.channels, key=rank):  # stable: unknown names keep their order
        if name != exclude and cfg.channels[name].addresses(recipient):
            return name
    return None


def _running_from(now: datetime) -> Callable[[], datetime]:
    """A clock that starts at ``now`` and runs on (monotonic, so a stepped wall clock does
    not shorten a lease)."""
    start = time.monotonic()
    return lambda: now + timedelta(seconds=time.monotonic() - start)


async def deliver(engine: Engine, cfg: EngineSettings, now: datetime, worker: str,
                  fault: Fault | None = None, report: TickReport | None = None,
                  clock: Callable[[], datetime] | None = None,
                  progress: Callable[[], None] | None = None) -> TickReport:
    """Claim due ledger rows and send them, one message per recipient (and channel: rows
    planned on different channels, say before and after a chat was linked, stay apart).

    While a batch takes long (a slow mail server), the rows not yet recorded keep their claim:
    their lease is renewed every RENEW_EVERY of ``clock`` (default: ``now`` running on), so no
    other daemon takes them over. ``progress`` is called after each message (the daemon feeds
    systemd's watchdog from it).

    Transports only raise; this is the one place that records what a failure means."""
    report = report or TickReport()
    clock = clock or _running_from(now)
    # Channels found unreachable in this pass, and those whose server asked every daemon to
    # wait (flood control): their messages are not tried, only rescheduled.
    down: dict[str, TransientError] = {
        name: TransientError(f"{name} asked to wait until {until:%H:%M:%S} UTC",
                             retry_after=(until - now).total_seconds())
        for name, until in pauses.paused(engine, now).items()}
    while True:
        rows = ledger.claim(engine, worker, now, claimed_at=clock())
        if not rows:
            return report
        renewed = clock()
        if fault:
            fault("claimed")
        with Session(engine) as s:
            people = _executors(s, {r.recipient_id for r in rows})
        unreachable = [r for r in rows if r.channel not in cfg.channels
                       or r.recipient_id not in people]
        for r in unreachable:
            why = (f"{r.recipient_id}: no address on any configured channel"
                   if r.recipient_id in people else f"{r.recipient_id}: not in the directory")
            ledger.mark_failed(engine, [r], worker, now, why, permanent=True)
            report.failed += 1
            report.given_up += 1
            report.errors.append(why)
        sends: list[tuple[str, Message, list[ledger.LedgerRow]]] = []
        for r in rows:
            if r.step == "digest" and r not in unreachable:
                sends.append((r.channel, Message(
                    recipient_of(people[r.recipient_id]), now, digests.digest_items(r.item),
                    kind="digest", digest=digests.digest_of(r.item)), [r]))
            elif r.step == "notice" and r not in unreachable:  # one message each
                notice = replace(Notice.from_json(r.item),
                                 ledger_key=LedgerKey.parse(r.key).reminder)
                sends.append((r.channel, Message(
                    recipient_of(people[r.recipient_id]), now, (), kind="notice",
                    notice=notice), [r]))
        by_key = {LedgerKey.parse(r.key).reminder: r for r in rows
                  if r not in unreachable and r.step not in ("digest", "notice")}
        entries = [(recipient_of(people[r.recipient_id]), r.channel,
                    ledger.item_from_json(r.item)) for r in by_key.values()]
        for channel, message in group_messages(entries, now):
            sends.append((channel, message, [by_key[i.ledger_key] for i in message.items]))
        for channel, message, group in sends:
            if channel in down:  # its server is away: every message would wait for a timeout
                _failed(engine, cfg, channel, message, group, now, worker, [down[channel]],
                        report)
                continue
            await _send(engine, cfg, channel, now, worker, message, group, fault, report, down)
            if progress:
                progress()
            if clock() - renewed >= RENEW_EVERY:
                renewed = clock()
                ledger.renew(engine, [r.id for r in rows if r.id], worker, renewed)


async def _send(engine: Engine, cfg: EngineSettings, name: str, now: datetime, worker: str,
                message: Message, group: list[ledger.LedgerRow], fault: Fault | None,
                report: TickReport, down: dict[str, TransientError]) -> None:
    """Render and send one message, then record its rows (the window between the server
    accepting it and the ledger saying so is this one round trip)."""
    rid, channel = message.recipient.id, cfg.channels[name]
    try:
        rendered = cfg.render(message)
    except Exception as exc:  # a template bug must not stall the queue: retried with backoff
        ledger.mark_failed(engine, group, worker, now, f"render: {exc}", permanent=False)
        report.failed += len(group)
        report.unrenderable += len(group)
        report.errors.append(f"{rid}: cannot render: {exc}")
        return
    addresses = channel.addresses(message.recipient)
    delivered, errors = 0, list[DeliveryError]()
    for address in addresses:
        try:
            await channel.send(message, rendered, address)
            delivered += 1
        except Unreachable as exc:
            down[name] = exc
            report.unreachable[name] = exc.reason
            errors.append(exc)
            break  # the other addresses are on the same server
        except DeliveryError as exc:
            errors.append(exc)
    if fault:
        fault("sent")
    if delivered:
        # Reached on at least one address: recorded as sent (retrying would resend it to the
        # addresses that worked); the other addresses' troubles are the channel's to report.
        report.sent += ledger.mark_sent(engine, [r.id for r in group if r.id], worker, now)
        report.messages += 1
        return
    _failed(engine, cfg, name, message, group, now, worker, errors, report)


def _failed(engine: Engine, cfg: EngineSettings, name: str, message: Message,
            group: list[ledger.LedgerRow], now: datetime, worker: str,
            errors: list[DeliveryError], report: TickReport) -> None:
    """Record a message that reached none of its addresses.

    A dead contact: failed for good, and the items go by the recipient's next channel at once.
    A transient failure: retried later (the one retry policy); once it has failed
    ``FALL_BACK_AFTER`` times and another channel reaches the recipient (a Telegram Bot API
    away, the recipient has email), the items go by that channel instead, as with a dead chat.
    A server's request to wait (flood control) holds back every daemon sharing the database.
    Anything else: failed for good with its reason."""
    dead = not errors or any(isinstance(e, DeadContact) for e in errors)
    transient = [e for e in errors if isinstance(e, TransientError)]
    reason = "; ".join(e.reason for e in errors) or f"no address on {name}"
    report.failed += len(group)
    report.errors.append(f"{message.recipient.id} via {name}: {reason}")
    wait = max((e.retry_after or 0 for e in transient), default=0) or None
    if wait and not dead:
        pauses.pause(engine, name, now, wait)
    tries = max((r.attempts for r in group), default=1)
    other = channel_for(cfg, message.recipient, exclude=name)
    if transient and not dead and tries >= FALL_BACK_AFTER and other is not None:
        ledger.hand_over(engine, group, worker, f"sent by {other} instead: {reason}")
        _fall_back(engine, cfg, name, message, group, now)
        return
    ledger.mark_failed(engine, group, worker, now, reason, permanent=dead or not transient,
                       server_wait=wait)
    if dead and other is not None:
        _fall_back(engine, cfg, name, message, group, now)
    elif dead or not transient:
        report.given_up += len(group)


def _fall_back(engine: Engine, cfg: EngineSettings, failed: str, message: Message,
               group: list[ledger.LedgerRow], now: datetime) -> None:
    """A chat that is gone (bot blocked, no chat left): the same items go by the next
    channel that reaches the recipient (email), in this tick. A row that channel already
    has is left alone (the unique key), so nobody hears it twice."""
    other = channel_for(cfg, message.recipient, exclude=failed)
    rows = [dict(key=str(LedgerKey.parse(r.key).on(other)), occurrence_id=r.occurrence_id,
                 recipient_id=r.recipient_id, step=r.step, stage=r.stage, channel=other,
                 send_at=now, status="pending", catch_up=r.catch_up, item=r.item, attempts=0)
            for r in group] if other else []
    if rows:
        with transaction(engine) as s:
            ledger.insert_pending(s, rows)


async def tick(engine: Engine, cfg: EngineSettings, now: datetime, worker: str,
               lease: timedelta | None = timedelta(minutes=10), fault: Fault | None = None,
               clock: Callable[[], datetime] | None = None,
               progress: Callable[[], None] | None = None) -> TickReport:
    """Recover abandoned claims (``lease`` None: all of them, see ledger.recover), plan what
    is due, deliver it (``clock`` and ``progress``: see ``deliver``)."""
    ledger.recover(engine, now, lease)
    report = TickReport(planned=plan_due(engine, cfg, now))
    # Requests asked and answered since the last pass: each notice on its recipient's channel.
    report.planned += notices.queue(engine, lambda e: channel_for(cfg, recipient_of(e)), now)
    if cfg.digest_cron and cfg.secretariat:
        with Session(engine) as s:
            sec = s.get(ExecutorRow, cfg.secretariat)
        if sec is not None:
            channel = channel_for(cfg, recipient_of(sec))
            queued = digests.queue_if_due(engine, cfg.digest_cron, ZoneInfo(cfg.timezone),
                                          sec.id, [channel] if channel else [], now,
                                          cfg.due_soon_days, cfg.digest_when_empty)
            report.planned += int(queued)
    return await deliver(engine, cfg, now, worker, fault, report, clock, progress)
