"""Who hears about a rung of the ladder, and in which role.

Pure: a function of the rung and the task's executors as the directory describes them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reminder.schedule.kinds import LADDER_ROLES, NOTICE_STAGES, Role, Stage

Audience = str  # "executors", "supervisor", "secretariat" or an executor id


@dataclass(frozen=True)
class Assignee:
    """An executor of a task, as the ladder needs it."""

    executor_id: str
    role: Role
    supervisor: str | None = None
    partner: bool = False  # the directory marks it "asked, not ordered"

    @property
    def effective_role(self) -> Role:
        """The role the ladder treats it in: a lead the directory marks as a partner is one."""
        if self.partner and self.role in LADDER_ROLES:
            return "partner"
        return self.role


def recipients(stage: Stage, to: Audience, assignees: Iterable[Assignee],
               secretariat: str | None) -> list[tuple[str, Role]]:
    """Who hears a rung of ``stage`` addressed ``to``, with the role they hear it in.

    Partners and involved executors get notices only and are never escalated about: an
    escalation concerns the lead, and a lead the directory marks as a partner has none.
    """
    assignees = list(assignees)
    if to == "executors":
        return [
            (a.executor_id, a.effective_role)
            for a in assignees
            if a.effective_role in LADDER_ROLES or stage in NOTICE_STAGES
        ]
    leads = [a for a in assignees if a.effective_role == "lead"]
    if not leads:
        return []
    if to == "supervisor":
        sups = {a.supervisor for a in leads if a.supervisor}
        return [(s, "supervisor") for s in sorted(sups)]
    if to == "secretariat":
        return [(secretariat, "secretariat")] if secretariat else []
    return [(to, "supervisor")]  # a named executor oversees this escalation step
