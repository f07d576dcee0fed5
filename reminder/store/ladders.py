"""An occurrence row as the planner sees it: one place builds the Ladder from what the store
holds (dates, policy snapshot, country, zone, snooze, status), so the tick, `reminder plan`,
`reminder status`, the bot and the actions ask the same question of the same ladder.

Each plan has its zone (``PlanRow.timezone``): plans from Riga, Kyiv and St Petersburg share a
deployment, and each one's reminders go at the send time on its own clock. ``zone_of`` is the
one reading of it; every ladder is built in it."""

from __future__ import annotations

import json
from functools import lru_cache
from zoneinfo import ZoneInfo

from reminder.schedule.planner import Ladder
from reminder.schedule.policy import Policy
from reminder.schedule.workdays import calendar_for
from reminder.store.models import OccurrenceRow, PlanRow


@lru_cache(maxsize=256)
def policy_of(raw: str) -> Policy:
    """A task's stored policy snapshot (JSON) as the schedule's Policy; few distinct ones."""
    return Policy.from_json(json.loads(raw))


def zone_of(plan: PlanRow | None, default: ZoneInfo) -> ZoneInfo:
    """The zone a plan's reminders are sent in and its days are counted in: the one the sync
    stored, else ``default`` (the deployment's: a row no sync has written since migration
    0006, or no plan at all)."""
    return ZoneInfo(plan.timezone) if plan is not None and plan.timezone else default


def reminds(plan: PlanRow | None) -> bool:
    """Whether a plan's items get reminders: not when its file closes or archives it."""
    return plan is None or plan.status == "open"


def ladder_of(occ: OccurrenceRow, policy: Policy | str, country: str | None,
              tz: ZoneInfo) -> Ladder:
    """The ladder of a stored occurrence, with its snooze, closed unless it is open."""
    if isinstance(policy, str):
        policy = policy_of(policy)
    return Ladder(occ.window_start, occ.due, policy, calendar_for(country), tz,
                  snoozed_until=occ.snoozed_until, closed=occ.status != "open")
