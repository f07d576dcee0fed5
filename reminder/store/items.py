"""One line of a message, built from what the store holds about an occurrence: the tick and
`reminder preview` make the same Item the same way."""

from __future__ import annotations

from datetime import date

from reminder.messages.model import Item
from reminder.schedule.kinds import Role, Stage
from reminder.schedule.workdays import WorkCalendar
from reminder.store.keys import LedgerKey
from reminder.store.models import AssignmentRow, OccurrenceRow, PlanRow, TaskRow


def item_of(occ: OccurrenceRow, task: TaskRow, plan: PlanRow, team: list[AssignmentRow],
            names: dict[str, str], recipient_id: str, role: Role, stage: Stage, step: str,
            day: date, calendar: WorkCalendar, catch_up: bool = False,
            more_time_asked: date | None = None, also: tuple[date, ...] = ()) -> Item:
    """The item ``recipient_id`` reads about rung ``step`` of ``occ`` on ``day`` (the day it
    is sent: days left and working days late count from it). ``names`` maps executor ids to
    their names (an id missing from it is shown as the id)."""
    lead = next((a.executor_id for a in team if a.role == "lead"), None)
    everyone = {a.executor_id: names.get(a.executor_id, a.executor_id) for a in team}
    late = calendar.working_days_between(occ.due, day) if day > occ.due else None
    return Item(
        ledger_key=LedgerKey.for_occurrence(occ.id or 0, occ.due, recipient_id, step,
                                            "").reminder,
        stage=stage, plan_id=plan.id, plan_title=plan.title, task_id=task.number,
        task_title=task.title, result=task.result, window_start=occ.window_start, due=occ.due,
        days_left=(occ.due - day).days, working_days_late=late, role=role,
        lead_name=everyone.get(lead) if lead else None,
        others=tuple(n for i, n in everyone.items() if i not in (lead, recipient_id)),
        catch_up=catch_up, plan_language=plan.language, more_time_asked=more_time_asked,
        also_overdue=also,
        deadline_text=task.deadline_text, nominal_due=occ.nominal_due,
    )
