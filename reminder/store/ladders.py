"""An occurrence row as the planner sees it: one place builds the Ladder from what the store
holds (dates, policy snapshot, country, snooze, status), so the tick, `reminder plan`,
`reminder status`, the bot and the actions ask the same question of the same ladder."""

from __future__ import annotations

import json
from functools import lru_cache
from zoneinfo import ZoneInfo

from reminder.schedule.planner import Ladder
from reminder.schedule.policy import Policy
from reminder.schedule.workdays import calendar_for
from reminder.store.models import OccurrenceRow


@lru_cache(maxsize=256)
def policy_of(raw: str) -> Policy:
    """A task's stored policy snapshot (JSON) as the schedule's Policy; few distinct ones."""
    return Policy.from_json(json.loads(raw))


def ladder_of(occ: OccurrenceRow, policy: Policy | str, country: str | None,
              tz: ZoneInfo) -> Ladder:
    """The ladder of a stored occurrence, with its snooze, closed unless it is open."""
    if isinstance(policy, str):
        policy = policy_of(policy)
    return Ladder(occ.window_start, occ.due, policy, calendar_for(country), tz,
                  snoozed_until=occ.snoozed_until, closed=occ.status != "open")
