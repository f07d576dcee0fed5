"""The secretariat's digest: collected from the store, queued in the ledger at the digest's
cron time, delivered like any reminder (so it, too, is sent once across restarts).

The last cron instant handled is kept in the ``meta`` table, not in APScheduler: after downtime
one digest goes out for the latest missed instant, never a burst."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from reminder.messages.digest import LIST_CHANGES, Answered, Digest, DigestEntry, Need
from reminder.messages.model import Item
from reminder.schedule.retry import NEEDS_A_PERSON_AFTER
from reminder.schedule.workdays import calendar_for
from reminder.store import ledger
from reminder.store.db import transaction
from reminder.store.digest_sections import summarise
from reminder.store.keys import LedgerKey
from reminder.store.ladders import zone_of
from reminder.store.models import (
    MIGRATED,
    AssignmentRow,
    ChatLinkRow,
    ExecutorRow,
    HistoryRow,
    LedgerRow,
    MetaRow,
    OccurrenceRow,
    PlanRow,
    TaskRow,
)
from reminder.store.upsert import insert_for

META_KEY = "digest_last"
# History actions that make a closed (or reported) occurrence open again: past its due date, it
# is "newly overdue" in the next digest though it was due before the previous one.
AGAIN = ("reopened", "returned", "plan_reopened")


def collect(s: Session, tz: ZoneInfo, now: datetime, since: datetime | None,
            due_soon_days: int) -> Digest:
    """What the digest says at ``now``; "since" is the previous digest (None: the first).
    Each item's days are counted on its plan's clock (``tz``: a plan without a zone). A
    closed plan's open items are listed under their plan; an archived plan's are not.

    The figures are the overdue register's (reminder.report): the store is read by its query,
    counted by its register (see reminder.store.digest_sections)."""
    from reminder.report import query

    # Every open occurrence: the open counts need those not yet due too. Columns, not rows:
    # tens of thousands of them are read in a large deployment.
    records = query.items(s, tz, open_before=date.max)
    languages = dict(s.exec(select(PlanRow.id, PlanRow.language)).all())
    since_q = since or datetime(1970, 1, 1, tzinfo=UTC)  # datetime.min overflows in UTC
    hist = list(s.exec(select(HistoryRow).where(
        col(HistoryRow.at) > since_q,
        col(HistoryRow.action).in_(("done", "extended", *AGAIN)))
        .order_by(col(HistoryRow.at), col(HistoryRow.id))))
    parts = summarise(records, now, since, due_soon_days, languages,
                      reopened=_reopened_dues(s, hist))
    closed, extended = _changed(s, tz, now, hist, languages)
    answered = _answered(s, since_q)
    more = {"newly_overdue": parts.newly_overdue_more,
            "closed": max(0, len(closed) - LIST_CHANGES),
            "extended": max(0, len(extended) - LIST_CHANGES),
            "answered": max(0, len(answered) - LIST_CHANGES)}
    return Digest(now, since, parts.overdue, parts.due_soon, tuple(closed[:LIST_CHANGES]),
                  tuple(extended[:LIST_CHANGES]), tuple(needs(s, since_q, tz)),
                  departments=parts.departments, newly_overdue=parts.newly_overdue,
                  answered=tuple(answered[:LIST_CHANGES]),
                  more=tuple((k, n) for k, n in more.items() if n),
                  due_soon_more=parts.due_soon_more)


def _reopened_dues(s: Session, hist: list[HistoryRow]) -> frozenset[tuple[str, date]]:
    """The occurrences (task key, current due date) reopened in ``hist``."""
    ids = {h.occurrence_id for h in hist if h.action in AGAIN and h.occurrence_id}
    if not ids:
        return frozenset()
    return frozenset((o.task_key, o.due) for o in s.exec(
        select(OccurrenceRow).where(col(OccurrenceRow.id).in_(ids))))


def _changed(s: Session, tz: ZoneInfo, now: datetime, hist: list[HistoryRow],
             languages: dict[str, str]) -> tuple[list[DigestEntry], list[DigestEntry]]:
    """Closed (and still closed) and extended since the previous digest, in the order done."""
    q = (select(OccurrenceRow, TaskRow, PlanRow)
         .join(TaskRow, col(TaskRow.key) == col(OccurrenceRow.task_key))
         .join(PlanRow, col(PlanRow.id) == col(TaskRow.plan_id))
         .where(col(TaskRow.archived).is_(False), col(PlanRow.status) != "archived"))
    hist_occ = {h.occurrence_id for h in hist if h.action not in AGAIN}
    changed = {o.id: (o, t, p) for o, t, p in s.exec(q.where(col(OccurrenceRow.id).in_(
        hist_occ)))} if hist_occ else {}
    keys = {t.key for _, t, _ in changed.values()}
    leads = dict(s.exec(select(AssignmentRow.task_key, ExecutorRow.name)
                        .join(ExecutorRow, col(ExecutorRow.id) == col(AssignmentRow.executor_id))
                        .where(col(AssignmentRow.task_key).in_(keys),
                               col(AssignmentRow.role) == "lead")).all()) if keys else {}

    def entry(o: OccurrenceRow, t: TaskRow, p: PlanRow, note: str | None) -> DigestEntry:
        day = now.astimezone(zone_of(p, tz)).date()
        late = calendar_for(p.country).working_days_between(o.due, day) if o.due < day \
            else None
        return DigestEntry(p.id, p.title, t.number, t.title, leads.get(t.key, "—"),
                           o.window_start, o.due, (o.due - day).days, late,
                           languages.get(p.id, p.language), note)

    # closed and still closed: one reopened since is overdue (or due) again, listed there
    closed = [entry(*changed[h.occurrence_id], h.note) for h in hist
              if h.action == "done" and h.occurrence_id in changed
              and changed[h.occurrence_id][0].status != "open"]
    extended = [entry(*changed[h.occurrence_id], h.note) for h in hist
                if h.action == "extended" and h.occurrence_id in changed]
    return closed, extended


def _answered(s: Session, since: datetime) -> list[Answered]:
    """Requests the coordinator answered since ``since``, in the order answered (a request
    its executor withdrew was not answered: left out)."""
    from reminder.store.models import RequestRow

    rows = list(s.exec(select(RequestRow, TaskRow).join(
        TaskRow, col(TaskRow.key) == col(RequestRow.task_key)).where(
        col(RequestRow.answered_at) > since,
        col(RequestRow.status).not_in(("pending", "withdrawn")))
        .order_by(col(RequestRow.answered_at), col(RequestRow.id))))
    who = ({r.executor_id for r, _ in rows} | {r.answered_by for r, _ in rows if r.answered_by}
           | {r.coordinator_id for r, _ in rows if r.coordinator_id})
    names = dict(s.exec(select(ExecutorRow.id, ExecutorRow.name)
                        .where(col(ExecutorRow.id).in_(who))).all()) if who else {}
    # who answered: an executor by name; an actor that names none ("cli", a chat) stands for
    # the request's coordinator, by name
    return [Answered(t.plan_id, t.number, t.title, r.kind, r.status,
                     names.get(r.executor_id, r.executor_id),
                     names.get(r.answered_by or "") or names.get(r.coordinator_id or "")
                     or r.answered_by or "—", r.answer_note, r.new_due) for r, t in rows]


def needs(s: Session, since: datetime, tz: tzinfo | None = None) -> list[Need]:
    """Deadlines not understood, departments without a contact (none at all, or only
    Telegram chats the bot can no longer reach), Telegram chats found dead, and deliveries
    that failed for good since ``since`` (unless the same reminder reached the recipient by
    another channel), as data: the digest words them in its language. Dates are the days in
    ``tz`` (UTC without it)."""
    out = [Need.of("deadline_event" if t.kind == "event" else "deadline_unknown", task=t.key,
                   deadline=t.deadline_text)
           if t.deadline_text else Need.of("no_deadline", task=t.key)
           for t in s.exec(select(TaskRow).where(col(TaskRow.archived).is_(False),
                                                 col(TaskRow.kind).in_(("event", "unknown")),
                                                 col(TaskRow.plan_id).not_in(_archived())))]
    return (out + _leaderless(s) + _contacts(s, tz or UTC) + _failed(s, since) + _retrying(s)
            + _awaiting(s, tz or UTC))


def _leaderless(s: Session) -> list[Need]:
    """Open tasks of open plans with an open occurrence and no lead: nobody hears of them."""
    led = select(AssignmentRow.task_key).where(col(AssignmentRow.role) == "lead")
    open_occ = select(OccurrenceRow.task_key).where(col(OccurrenceRow.status) == "open")
    rows = s.exec(select(TaskRow.key).where(
        col(TaskRow.archived).is_(False), col(TaskRow.status) == "open",
        col(TaskRow.key).not_in(led), col(TaskRow.key).in_(open_occ),
        col(TaskRow.plan_id).not_in(_archived())).order_by(col(TaskRow.key)))
    return [Need.of("no_lead", task=key) for key in rows]


def _awaiting(s: Session, tz: tzinfo) -> list[Need]:
    """Requests the coordinator has not answered: more time asked, items reported done."""
    from reminder.store.requests import MORE_TIME, pending

    rows = pending(s)
    if not rows:
        return []
    names = {e.id: e.name for e in s.exec(select(ExecutorRow).where(col(ExecutorRow.id).in_(
        {r.executor_id for r in rows} | {r.coordinator_id for r in rows if r.coordinator_id})))}
    return [Need.of("more_time_pending" if r.kind == MORE_TIME else "awaiting_acceptance",
                    task=r.task_key, executor=names.get(r.executor_id, r.executor_id),
                    since=r.asked_at.astimezone(tz).date().isoformat(),
                    coordinator=names.get(r.coordinator_id or "", r.coordinator_id or "—"),
                    request=str(r.id)) for r in rows]


def _archived() -> SelectOfScalar[str]:
    """The ids of the plans their files archive: out of the digest, history kept."""
    return select(PlanRow.id).where(col(PlanRow.status) == "archived")


def _retrying(s: Session) -> list[Need]:
    """Reminders a transient failure keeps from their recipient for about half an hour or
    more: still owed and retried, but a person may want to look at the server."""
    lines: dict[Need, None] = {}
    for r in ledger.retrying(s, NEEDS_A_PERSON_AFTER):
        lines[Need.of("still_failing", recipient=r.recipient_id, channel=r.channel,
                      tries=str(r.attempts), error=r.error or "")] = None
    return list(lines)


def needs_a_person(s: Session, since: datetime, tz: tzinfo | None = None) -> list[str]:
    """`needs` as `reminder status` prints them: English lines (the words of
    templates/words/en.txt) with ISO dates, like the rest of the command line's output, and
    the same lines in its --json for scripts."""
    from reminder.messages.render import need_lines

    return need_lines(needs(s, since, tz), "en", iso_dates=True)


def _contacts(s: Session, tz: tzinfo) -> list[Need]:
    """Executors with tasks whom no email and no live chat reaches, and dead chats."""
    people = s.exec(select(ExecutorRow).join(
        AssignmentRow, col(AssignmentRow.executor_id) == col(ExecutorRow.id)).join(
        TaskRow, col(TaskRow.key) == col(AssignmentRow.task_key)).where(
        col(TaskRow.archived).is_(False), col(TaskRow.plan_id).not_in(_archived()))
        .distinct().order_by(col(ExecutorRow.id))).all()
    links = list(s.exec(select(ChatLinkRow).order_by(col(ChatLinkRow.linked_at))))
    dead = {c.chat_id: c for c in links if c.dead_at is not None}
    out: list[Need] = []
    for e in people:
        chats = [c for c in e.telegram.split("\n") if c]
        chats += [c.chat_id for c in links if c.executor_id == e.id and c.chat_id not in chats]
        live = [c for c in chats if c not in dead]
        # a group that became a supergroup lives on under its new id: nothing to do there
        lost = [dead[c] for c in chats if c in dead
                and not (dead[c].dead_reason or "").startswith(MIGRATED)]
        if not e.emails and not live and not lost:
            out.append(Need.of("no_contact", executor=e.id, name=e.name))
            continue
        for c in lost:
            since = c.dead_at.astimezone(tz).date().isoformat() if c.dead_at else "?"
            # the channel's reason starts by naming the chat, which this line already does
            reason = (c.dead_reason or "").removeprefix(f"Telegram chat {c.chat_id}: ")
            # what reaches the executor now: its other chat, its email, or nothing
            kind = "dead_chat" if live else "dead_chat_email" if e.emails else "dead_chat_alone"
            out.append(Need.of(kind, executor=e.id, name=e.name, chat=c.chat_id, since=since,
                               reason=reason))
    return out


def _failed(s: Session, since: datetime) -> list[Need]:
    """Deliveries failed for good since ``since``, one line per recipient, channel and
    reason; a reminder that then reached its recipient another way (a dead chat's email
    fallback) is left out: the dead chat has its own line."""
    # Five columns, not the rows: a row's item JSON is not needed here. (sqlmodel's typed
    # overloads of select stop at four columns; the query itself is plain SQLAlchemy.)
    failed = list(s.exec(select(  # type: ignore[call-overload]
        LedgerRow.key, LedgerRow.occurrence_id, LedgerRow.recipient_id, LedgerRow.channel,
        LedgerRow.error).where(
        col(LedgerRow.status) == "failed", col(LedgerRow.send_at) > since)))
    if not failed:
        return []
    occ_ids = {o for _, o, _, _, _ in failed if o is not None}
    sent_q = select(LedgerRow.key).where(col(LedgerRow.status) == "sent")
    sent = set(s.exec(sent_q.where(col(LedgerRow.occurrence_id).in_(occ_ids)))) if occ_ids \
        else set()
    if any(o is None for _, o, _, _, _ in failed):  # digests: few rows, no occurrence
        sent |= set(s.exec(sent_q.where(col(LedgerRow.occurrence_id).is_(None))))
    reached = {LedgerKey.parse(k).reminder for k in sent}
    lines: dict[Need, None] = {}  # one line per recipient, channel and reason, in order
    for key, _, rid, channel, error in failed:
        if LedgerKey.parse(key).reminder in reached:
            continue
        # channel "none": no configured channel had an address (the error says which)
        lines[Need.of("delivery_failed", recipient=rid, channel=channel, error=error or "")
              if channel != "none" else Need.of("undeliverable", recipient=rid,
                                                error=error or "")] = None
    return list(lines)


def digest_item_json(items: tuple[Item, ...], digest: Digest) -> str:
    """The ledger's ``item`` column of a digest row: its items and the whole digest."""
    return json.dumps({
        "digest": True,
        "items": [json.loads(ledger.item_to_json(i)) for i in items],
        **digest.to_json(),
    }, ensure_ascii=False)


def digest_items(raw: str) -> tuple[Item, ...]:
    """The items of a digest row (inverse of digest_item_json's item part)."""
    return tuple(ledger.item_from_json(json.dumps(i)) for i in json.loads(raw)["items"])


def digest_of(raw: str) -> Digest:
    """The whole digest of a digest row."""
    return Digest.from_json(json.loads(raw))


def queue_if_due(engine: Engine, cron: str, tz: ZoneInfo, secretariat: str | None,
                 channels: list[str], now: datetime, due_soon_days: int,
                 when_empty: str = "line") -> bool:
    """Queue the digest when a cron instant has passed since the last one handled (a digest
    with nothing to say under ``when_empty="skip"``: the instant is handled, nothing queued).

    Several daemons sharing PostgreSQL call this at the same instant: the meta row is read
    ``FOR UPDATE``, so the second waits for the first to commit and then reads the instant it
    recorded (nothing left to queue), rather than both collecting and queueing the digest
    from the same old value; and the very first row is inserted ``ON CONFLICT DO NOTHING``,
    so two daemons starting a new deployment do not fail on its key. (SQLite: every
    transaction takes the write lock first, which serialises them already.)"""
    if not secretariat:
        return False
    with transaction(engine) as s:
        return queue_in(s, cron, tz, secretariat, channels, now, due_soon_days,
                        when_empty) is not None


def queue_in(s: Session, cron: str, tz: ZoneInfo, secretariat: str, channels: list[str],
             now: datetime, due_soon_days: int, when_empty: str = "line") -> datetime | None:
    """`queue_if_due` inside the caller's transaction: the cron instant whose digest was
    queued (one pending ledger row per channel), or None. `reminder preview --digest` runs
    it in a transaction it rolls back, so it shows what this very code would queue.

    A digest with nothing to say (`Digest.empty`) under ``when_empty="skip"`` is not queued,
    but its instant is recorded as handled: the next digest covers from it, and loses nothing,
    since nothing happened in between that a digest reports."""
    trigger = CronTrigger.from_crontab(cron, timezone=tz)
    meta = s.get(MetaRow, META_KEY, with_for_update=True)
    if meta is None:  # a new deployment: the first digest is the next cron instant
        insert = insert_for(s.get_bind().dialect)
        s.execute(insert(MetaRow).values(key=META_KEY, value=now.isoformat())
                  .on_conflict_do_nothing(index_elements=["key"]))
        return None
    last = datetime.fromisoformat(meta.value)
    missed = list(cron_fires(trigger, tz, last, now))
    if not missed:
        return None
    fire = missed[-1]  # the latest instant missed, not each one
    meta.value = fire.isoformat()
    s.add(meta)
    since = _supersede_undelivered(s, secretariat, last)
    digest = collect(s, tz, now, since, due_soon_days)
    if when_empty == "skip" and digest.empty:
        return None
    items = digest.items(secretariat)
    raw = digest_item_json(items, digest)
    ledger.insert_pending(s, [dict(
        key=str(LedgerKey.for_digest(fire, secretariat, ch)), occurrence_id=None,
        recipient_id=secretariat, step="digest", stage="digest", channel=ch, send_at=now,
        status="pending", catch_up=fire < now - timedelta(hours=1), item=raw, attempts=0)
        for ch in channels or ["none"]])
    return fire


def _supersede_undelivered(s: Session, secretariat: str, last: datetime) -> datetime | None:
    """Retire the digests still waiting to go (a mail outage over several cron instants) in
    favour of the one about to be queued, and return what that one covers from: the start of
    the oldest retired one, so its "since the last digest" loses nothing. Without this the
    outage would end in a burst of stale digests, each with the overdue list of its day. A
    digest in flight ("sending") is left to finish."""
    waiting = list(s.exec(select(LedgerRow).where(
        col(LedgerRow.recipient_id) == secretariat, col(LedgerRow.step) == "digest",
        col(LedgerRow.status) == "pending")))
    since: datetime | None = last
    for row in waiting:
        if row.item:
            earlier = digest_of(row.item).since  # None: it was the very first digest
            if since is not None and (earlier is None or earlier < since):
                since = earlier
        row.status, row.error = "superseded", "a later digest replaces it"
        s.add(row)
    return since


def next_digest_at(engine: Engine, cron: str, tz: ZoneInfo) -> datetime | None:
    """The next cron instant after the last one handled (for the daemon's sleep)."""
    with Session(engine) as s:
        meta = s.get(MetaRow, META_KEY)
    if meta is None:
        return None
    last = datetime.fromisoformat(meta.value)
    return next(cron_fires(CronTrigger.from_crontab(cron, timezone=tz), tz, last), None)


def cron_fires(trigger: CronTrigger, tz: tzinfo, after: datetime,
               until: datetime | None = None) -> Iterator[datetime]:
    """The cron's instants after ``after`` (up to ``until``), each local time of day once.

    APScheduler 3 fires a time of the repeated autumn hour twice (03:30 at +03:00, then at
    +02:00); a digest is one per time the cron names, so the second is skipped. A call that
    does not move forward (as can happen around a change) is stepped past, never looped on.
    """
    seen = after.astimezone(tz).replace(tzinfo=None)
    t = after
    while True:
        nxt = trigger.get_next_fire_time(None, t + timedelta(seconds=1))
        if nxt is None or (until is not None and nxt > until):
            return
        if nxt <= t:
            t += timedelta(minutes=1)
            continue
        t = nxt
        wall = nxt.astimezone(tz).replace(tzinfo=None)
        if wall == seen:
            continue
        seen = wall
        yield nxt
