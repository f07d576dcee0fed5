"""The words the whole engine shares for where an item stands and who hears about it: the
ladder's stages and the executors' roles. One list each; everything else derives from these."""

from __future__ import annotations

from typing import Literal, get_args

Stage = Literal["opens", "upcoming", "due", "overdue", "escalation"]
STAGES: tuple[str, ...] = get_args(Stage)

# How an executor relates to a task: the plan's roles (lead, co-executor, partner "за згодою",
# involved "с привлечением") and the two who only ever hear escalations.
Role = Literal["lead", "co", "partner", "involved", "supervisor", "secretariat"]
ROLES: tuple[str, ...] = get_args(Role)
PlanRole = Literal["lead", "co", "partner", "involved"]
PLAN_ROLES: tuple[str, ...] = get_args(PlanRole)

# Roles that hear the whole ladder; the rest (partners, involved bodies) get notices only:
# when the window opens and on the due day.
LADDER_ROLES = frozenset({"lead", "co"})
NOTICE_STAGES = frozenset({"opens", "due"})
