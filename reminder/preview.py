"""What would be sent, and where everything stands: the data behind `reminder plan` and
`reminder status`. Reads the store; sends and records nothing."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, func, select

from reminder.schedule.audience import Assignee
from reminder.schedule.due import LOADED, covered
from reminder.schedule.planner import reminders_between
from reminder.schedule.retry import NEEDS_A_PERSON_AFTER
from reminder.store import ledger
from reminder.store.actions import snoozes
from reminder.store.keys import LedgerKey, occurrence_subject
from reminder.store.ladders import ladder_of, reminds, zone_of
from reminder.store.models import (
    AssignmentRow,
    ExecutorRow,
    HistoryRow,
    LedgerRow,
    OccurrenceRow,
    PlanRow,
    TaskRow,
)
from reminder.store.retention import pruned_before


def _teams(s: Session, people: dict[str, ExecutorRow], keys: set[str] | None = None
           ) -> dict[str, list[Assignee]]:
    team: dict[str, list[Assignee]] = defaultdict(list)
    q = select(AssignmentRow).order_by(col(AssignmentRow.position))
    if keys is not None:
        q = q.where(col(AssignmentRow.task_key).in_(keys))
    for a in s.exec(q):
        e = people.get(a.executor_id)
        team[a.task_key].append(Assignee(a.executor_id, a.role,  # type: ignore[arg-type]
                                         e.supervisor if e else None, bool(e and e.partner)))
    return team


def preview(s: Session, tz: ZoneInfo, secretariat: str | None, lo: date, hi: date
            ) -> list[dict[str, Any]]:
    """Every reminder the planner promises with send day in [lo, hi], with the rule that
    produced it, for open occurrences of open plans (snoozed rungs left out), as the tick
    will plan them (and what the ledger holds of closed ones and of earlier due dates):
    the same ladder, the same recipients (an id missing from the directory gets nothing).
    Days, instants and the ``at`` shown are each plan's zone (``tz``: a plan without one),
    and the listing is in the order of the instants.
    ``ledger`` says what the ledger holds for it: sent, covered (a later reminder to the same
    recipient spoke for it), pending, failed, pruned (older than the ledger's retention, whose
    rows are deleted), or None (not yet due)."""
    people = {e.id: e for e in s.exec(select(ExecutorRow))}
    team = _teams(s, people)

    def span(plan: PlanRow) -> tuple[datetime, datetime]:  # [lo, hi] on the plan's clock
        ptz = zone_of(plan, tz)
        return (datetime.combine(lo, time.min, tzinfo=ptz),
                datetime.combine(hi, time.max, tzinfo=ptz))

    out = []
    q = (select(OccurrenceRow, TaskRow, PlanRow)
         .join(TaskRow, col(TaskRow.key) == col(OccurrenceRow.task_key))
         .join(PlanRow, col(PlanRow.id) == col(TaskRow.plan_id))
         .where(col(TaskRow.archived).is_(False)))
    found = list(s.exec(q))  # closed ones too: their ladder is empty, their ledger is listed
    listed: set[str] = set()
    ids = {occ.id for occ, _, _ in found if occ.id is not None}
    recorded = _recorded(s, ids)
    changed = _owed_since(s, ids)
    paused = snoozes(s, ids)  # per recipient: the tick skips their rungs before the day
    periods: dict[str, list[date]] = defaultdict(list)  # open due dates per task, as the tick
    for occ, _, _ in found:
        if occ.status == "open":
            periods[occ.task_key].append(occ.due)
    for occ, task, plan in found:
        if occ.status != "open" or not reminds(plan):
            continue  # nothing more is owed; _unlisted gives what the ledger holds
        start, end = span(plan)
        lad = ladder_of(occ, task.policy, plan.country, zone_of(plan, tz))
        since = max((t for t in (changed.get(occ.id or 0), occ.loaded_at) if t is not None),
                    default=None)
        others = [d for d in periods[occ.task_key] if d != occ.due]
        for r in reminders_between(lad, team[task.key], secretariat, start, end):
            if r.recipient_id not in people:
                continue  # `reminder check` names the missing id; the tick skips it too
            until = paused.get(occ.id or 0, {}).get(r.recipient_id)
            if until is not None and r.step.day < until:
                continue
            if covered(r.step.stage, occ.due, others, r.step.day):
                continue  # the task's newest late period speaks for this one (the tick's rule)
            key = LedgerKey.for_occurrence(occ.id or 0, occ.due, r.recipient_id, r.step.name,
                                           "")
            state = recorded(key, r.step.at)
            if since is not None and r.step.at < since and state not in _OWN_ROW:
                continue  # before the plan was loaded, extended or reopened: not owed
            listed.add(key.reminder)
            out.append({
                "at": r.step.at.isoformat(), "recipient": r.recipient_id, "role": r.role,
                "stage": r.step.stage, "step": r.step.name, "rule": r.step.rule,
                "task": task.key, "title": task.title, "due": occ.due.isoformat(),
                "sent": state == "sent", "ledger": state,
            })
    out.extend(_unlisted(s, found, span, listed))
    # by instant: plans in different zones write the same instant with other offsets
    out.sort(key=lambda r: (datetime.fromisoformat(str(r["at"])), r["recipient"], r["task"]))
    return out


_OWN_ROW = ("sent", "sending", "pending", "failed")
# What changes the ladder an occurrence is owed from that moment on (a new due date, a
# closed item open again, its plan open again); a snooze is in the ladder itself.
_RESTARTS = ("extended", "reopened", "deadline_changed", "plan_reopened")


def _owed_since(s: Session, occ_ids: set[int]) -> dict[int, datetime]:
    """Per occurrence, the last time its ladder was started again (extended, reopened, its
    deadline changed in the YAML): the current ladder's rungs before it were never owed."""
    if not occ_ids:
        return {}
    return {i: at for i, at in s.exec(
        select(HistoryRow.occurrence_id, func.max(HistoryRow.at))
        .where(col(HistoryRow.occurrence_id).in_(occ_ids), col(HistoryRow.action).in_(_RESTARTS))
        .group_by(col(HistoryRow.occurrence_id))).all() if i is not None}


def _unlisted(s: Session, found: list[tuple[OccurrenceRow, TaskRow, PlanRow]],
              span: Callable[[PlanRow], tuple[datetime, datetime]], listed: set[str]
              ) -> list[dict[str, Any]]:
    """The reminders the ledger holds, in each plan's ``span``, that the current ladder does
    not list: those about an occurrence's earlier due dates (before an extension), owed and
    sent then, those sent before the item or its plan was closed, and a first load's notice
    to a lead of an item already overdue."""
    by_id = {occ.id: (occ, task, plan) for occ, task, plan in found if occ.id is not None}
    if not by_id:
        return []
    spans = {plan.id: span(plan) for _, _, plan in by_id.values()}
    first = min(lo for lo, _ in spans.values())
    last = max(hi for _, hi in spans.values())
    best: dict[str, tuple[LedgerRow, LedgerKey, bool]] = {}
    for row in s.exec(select(LedgerRow).where(
            col(LedgerRow.occurrence_id).in_(list(by_id)), col(LedgerRow.send_at) >= first,
            col(LedgerRow.send_at) <= last, col(LedgerRow.status).in_(_OWN_ROW))):
        occ, _, plan = by_id[row.occurrence_id or 0]
        start, end = spans[plan.id]
        if not start <= row.send_at <= end:
            continue  # inside another plan's days, not this one's
        k = LedgerKey.parse(row.key)
        current = k.subject == occurrence_subject(occ.id or 0, occ.due)
        if k.reminder in listed or (current and row.step != LOADED and occ.status == "open"
                                    and reminds(plan)):
            continue  # the ladder lists it (or would, at its rung's own instant)
        prev = best.get(k.reminder)
        if prev is None or _BEST.index(row.status) < _BEST.index(prev[0].status):
            best[k.reminder] = (row, k, current)
    out = []
    for row, k, current in best.values():
        occ, task, plan = by_id[row.occurrence_id or 0]
        status = row.status
        out.append({
            "at": row.send_at.astimezone(spans[plan.id][0].tzinfo).isoformat(),
            "recipient": row.recipient_id, "role": _role(row), "stage": row.stage,
            "step": row.step, "rule": _rule(row, occ, plan, current), "task": task.key,
            "title": task.title, "due": k.due, "sent": status == "sent", "ledger": status,
        })
    return out


def _rule(row: LedgerRow, occ: OccurrenceRow, plan: PlanRow, current: bool) -> str:
    if row.step == LOADED:
        return "first_load: summary (overdue when the plan was loaded)"
    if current and occ.status == "open" and not reminds(plan):
        return f"before the plan was {plan.status}"
    if current:  # about today's due date, so the item is closed
        return f"before the item was {'closed' if occ.status == 'done' else occ.status}"
    return "before the due date was changed"


def _role(row: LedgerRow) -> str:
    try:
        return ledger.item_from_json(row.item).role if row.item else ""
    except (ValueError, KeyError, TypeError):
        return ""


_BEST = ("sent", "sending", "pending", "superseded", "failed")  # one reminder, many channels


def _recorded(s: Session, occ_ids: set[int]) -> Callable[[LedgerKey, datetime], str | None]:
    """What the ledger holds per reminder (whatever the channel) of these occurrences, as a
    function of a reminder's key and send instant: its best status; or "covered" when it has
    no row but a later reminder to the same recipient about the same occurrence and due date
    is in the ledger (a tick after downtime sends each recipient's latest rung only, which
    speaks for the ones missed; whether that one counts as catching up or, within the grace
    hour, as on time)."""
    best: dict[str, str] = {}
    latest: dict[tuple[str, str], datetime] = {}
    if occ_ids:
        for key, status, send_at in s.exec(
                select(LedgerRow.key, LedgerRow.status, LedgerRow.send_at)
                .where(col(LedgerRow.occurrence_id).in_(occ_ids))):
            k = LedgerKey.parse(key)
            prev = best.get(k.reminder)
            if prev is None or _BEST.index(status) < _BEST.index(prev):
                best[k.reminder] = status
            if status in ("sent", "sending", "pending"):
                who = (k.subject, k.recipient)
                latest[who] = max(send_at, latest.get(who, send_at))

    pruned = pruned_before(s)

    def state(key: LedgerKey, at: datetime) -> str | None:
        found = best.get(key.reminder)
        if found is not None:
            return "covered" if found == "superseded" else found
        if pruned is not None and at < pruned:
            return "pruned"  # its row, if it had one, is gone: the ledger cannot say
        later = latest.get((key.subject, key.recipient))
        return "covered" if later is not None and later >= at else None

    return state


def _plan_status(plans: dict[str, PlanRow], task: TaskRow) -> str:
    plan = plans.get(task.plan_id)
    return plan.status if plan is not None else "open"


def next_reminders(s: Session, occs: list[OccurrenceRow], tz: ZoneInfo, now: datetime
                   ) -> dict[int, datetime | None]:
    """Per occurrence id, when the planner sends its next reminder after ``now`` (None: no
    more, as for every item of a closed plan), or sooner when one is waiting in the ledger
    (a retry, a catching-up reminder). ``tz``: the zone of a plan without one."""
    keys = {o.task_key for o in occs}
    tasks = {t.key: t for t in s.exec(select(TaskRow).where(col(TaskRow.key).in_(keys)))}
    plans = {p.id: p for p in s.exec(select(PlanRow))}
    ids = [o.id for o in occs if o.id is not None]
    waiting = dict(s.exec(select(LedgerRow.occurrence_id, func.min(LedgerRow.send_at)).where(
        col(LedgerRow.occurrence_id).in_(ids), col(LedgerRow.status).in_(("pending", "sending")))
        .group_by(col(LedgerRow.occurrence_id))).all()) if ids else {}
    out: dict[int, datetime | None] = {}
    for o in occs:
        task = tasks.get(o.task_key)
        if o.id is None or task is None:
            continue
        plan = plans.get(task.plan_id)
        if not reminds(plan):
            out[o.id] = None
            continue
        step = ladder_of(o, task.policy, plan.country if plan else None,
                         zone_of(plan, tz)).next_after(now)
        times = [t for t in (step.at if step else None, waiting.get(o.id)) if t is not None]
        out[o.id] = min(times) if times else None
    return out


def status(s: Session, tz: ZoneInfo, now: datetime, task_key: str | None = None,
           executor: str | None = None, overdue: bool = False) -> dict[str, Any]:
    """Per task and occurrence: status, due, next reminder (on its plan's clock), reminders
    sent, its plan's status; and what needs a person (deadlines not understood, deliveries
    failed). An archived plan's tasks are left out unless ``task_key`` names one.

    ``now`` is the instant the status is taken at: what comes next is after it, and an open
    occurrence due before its day is overdue. ``executor``: only the tasks it has a role in
    (lead, co-executor, partner, involved), and only the needs and retries about it or those
    tasks. ``overdue``: only the occurrences overdue at ``now`` (and the tasks that have one).
    """
    plans = {p.id: p for p in s.exec(select(PlanRow))}
    q = select(TaskRow).where(col(TaskRow.archived).is_(False)).order_by(col(TaskRow.key))
    if task_key:
        q = q.where(col(TaskRow.key) == task_key)
    if executor:
        q = q.where(col(TaskRow.key).in_(select(AssignmentRow.task_key).where(
            col(AssignmentRow.executor_id) == executor)))
    tasks = [t for t in s.exec(q) if task_key or _plan_status(plans, t) != "archived"]
    keys = [t.key for t in tasks]
    today = now.astimezone(tz).date()
    occs: dict[str, list[OccurrenceRow]] = defaultdict(list)
    for o in s.exec(select(OccurrenceRow).where(col(OccurrenceRow.task_key).in_(keys))
                    .order_by(col(OccurrenceRow.due))):
        # as the digest counts it: open and due before the day (a snooze pauses reminders,
        # it does not make an item less late)
        if not overdue or (o.status == "open" and o.due < today):
            occs[o.task_key].append(o)
    if overdue:
        tasks = [t for t in tasks if occs[t.key]]
    counts = dict(s.exec(select(LedgerRow.occurrence_id, func.count()).where(
        col(LedgerRow.status) == "sent").group_by(col(LedgerRow.occurrence_id))).all())

    nexts = next_reminders(s, [o for v in occs.values() for o in v], tz, now)

    def when(t: datetime | None, zone: ZoneInfo = tz) -> str | None:
        return t.astimezone(zone).strftime("%Y-%m-%d %H:%M") if t else None

    rows = [{
        "task": t.key, "title": t.title, "kind": t.kind, "deadline": t.deadline_text,
        "plan_status": _plan_status(plans, t),
        "occurrences": [{"due": o.due.isoformat(), "status": o.status,
                         "snoozed_until": o.snoozed_until.isoformat() if o.snoozed_until
                         else None,
                         "next": when(nexts.get(o.id or 0), zone_of(plans.get(t.plan_id), tz)),
                         "sent": counts.get(o.id, 0)}
                        for o in occs[t.key]],
    } for t in tasks]
    from reminder.messages.render import need_lines
    from reminder.store.digests import needs

    if task_key:  # one task: what people (and reloads) did to it, oldest first
        for row, t in zip(rows, tasks, strict=True):
            zone = zone_of(plans.get(t.plan_id), tz)
            row["history"] = [
                {"at": when(h.at, zone), "action": h.action, "actor": h.actor, "note": h.note,
                 "old_due": h.old_due.isoformat() if h.old_due else None,
                 "new_due": h.new_due.isoformat() if h.new_due else None}
                for h in s.exec(select(HistoryRow).where(col(HistoryRow.task_key) == task_key)
                                .order_by(col(HistoryRow.at), col(HistoryRow.id)))]
    retrying = [{"recipient": r.recipient_id, "channel": r.channel, "step": r.step,
                 "tries": r.attempts, "next_try": when(r.send_at), "error": r.error}
                for r in ledger.retrying(s, NEEDS_A_PERSON_AFTER)
                if executor is None or r.recipient_id == executor]
    found = needs(s, datetime(1970, 1, 1, tzinfo=UTC), tz)
    if executor is not None:
        mine = set(keys)
        found = [n for n in found if n.fields.get("task") in mine
                 or executor in (n.fields.get("executor"), n.fields.get("recipient"))]
    return {"tasks": rows, "retrying": retrying,
            "needs_a_person": need_lines(found, "en", iso_dates=True)}


# --- the digest ------------------------------------------------------------------------------
# The channel a previewed digest's ledger row is queued on: no real channel's row (a digest
# already sent for that instant) can stand in its way, and the row is rolled back anyway.
PREVIEW_CHANNEL = "preview"


def digest_fires(cron: str, tz: ZoneInfo, day: date) -> list[datetime]:
    """The digest's cron instants on ``day`` (in ``tz``), in order."""
    from apscheduler.triggers.cron import CronTrigger

    from reminder.store.digests import cron_fires

    trigger = CronTrigger.from_crontab(cron, timezone=tz)
    start = datetime.combine(day, time.min, tzinfo=tz) - timedelta(microseconds=1)
    return list(cron_fires(trigger, tz, start, datetime.combine(day, time.max, tzinfo=tz)))


def next_digest_fire(cron: str, tz: ZoneInfo, after: datetime) -> datetime | None:
    """The digest's first cron instant after ``after``."""
    from apscheduler.triggers.cron import CronTrigger

    from reminder.store.digests import cron_fires

    return next(cron_fires(CronTrigger.from_crontab(cron, timezone=tz), tz, after), None)


def _previous_fire(cron: str, tz: ZoneInfo, fire: datetime) -> datetime | None:
    from apscheduler.triggers.cron import CronTrigger

    from reminder.store.digests import cron_fires

    trigger = CronTrigger.from_crontab(cron, timezone=tz)
    # widening looks back: a daily cron is found in a week, "29 February" within 8 years
    for days in (8, 32, 367, 2930):
        found = list(cron_fires(trigger, tz, fire - timedelta(days=days),
                                fire - timedelta(seconds=1)))
        if found:
            return found[-1]
    return None


def digest_preview(s: Session, cron: str, tz: ZoneInfo, secretariat: str, fire: datetime,
                   due_soon_days: int, when_empty: str = "line") -> LedgerRow | None:
    """The ledger row of the digest a tick at the cron instant ``fire`` would queue, made by
    the tick's own code (`reminder.store.digests.queue_in`) on the store as it is now. It
    writes to ``s``: the caller rolls the transaction back.

    The digest covers "since the previous digest": the cron instant before ``fire``, which a
    running daemon will have handled by then, or the instant the store last handled when that
    is later (a deployment set up in between). None: nothing would be queued (a digest with
    nothing to say under ``when_empty="skip"``)."""
    from reminder.store.digests import META_KEY, queue_in
    from reminder.store.keys import LedgerKey
    from reminder.store.models import MetaRow

    previous = _previous_fire(cron, tz, fire) or fire - timedelta(seconds=1)
    meta = s.get(MetaRow, META_KEY)
    last = datetime.fromisoformat(meta.value) if meta is not None else None
    since = last if last is not None and previous <= last < fire else previous
    if meta is None:
        meta = MetaRow(key=META_KEY, value=since.isoformat())
    meta.value = since.isoformat()
    s.add(meta)
    s.flush()
    if queue_in(s, cron, tz, secretariat, [PREVIEW_CHANNEL], fire, due_soon_days,
                when_empty) is None:
        return None
    key = str(LedgerKey.for_digest(fire, secretariat, PREVIEW_CHANNEL))
    return s.exec(select(LedgerRow).where(col(LedgerRow.key) == key)).first()
