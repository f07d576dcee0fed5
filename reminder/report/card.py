"""One task's control card: its plan wording, its executors, and per occurrence everything
that happened: the reminders sent, extensions with their reasons, snoozes, requests and their
answers, and who closed it and when. Pure: built from `model.CardRecords`."""

from __future__ import annotations

from datetime import date

from reminder.report.model import (
    Action,
    Card,
    CardOccurrence,
    CardRecords,
    ItemRecord,
)
from reminder.report.workdays import LateCounter

CLOSINGS = ("done", "accepted")  # history actions that close an occurrence
EXTENSIONS = ("extended",)
SNOOZES = ("snoozed",)


def build(records: CardRecords, day: date, section: str | None = None,
          only: date | None = None) -> Card:
    """The card as of the start of ``day``; ``only``: just the occurrence due (or first due,
    before an extension) on that date. ``section`` is the plan's section heading, which the
    store does not keep (the command takes it from the plan file)."""
    t = records.task
    counter = LateCounter(day)
    occs = [o for o in records.occurrences if only is None or only in (o.due, o.nominal_due)]
    return Card(
        day=day, plan_id=t.plan_id, plan_title=t.plan_title, section=section, task_key=t.key,
        task_id=t.number, title=t.title, result=t.result, deadline_text=t.deadline_text,
        kind=t.kind, executors=records.executors,
        occurrences=tuple(_occurrence(o, records, day, counter) for o in occs))


def _occurrence(o: ItemRecord, records: CardRecords, day: date, counter: LateCounter
                ) -> CardOccurrence:
    history = records.history.get(o.occurrence_id, ())
    # a plan file's `status: done` closes every occurrence at once: a row about the task
    task_wide = records.history.get(None, ())
    closings = [h for h in history if h.action in CLOSINGS]
    if not closings:
        closings = [h for h in task_wide if h.action == "yaml_done"]
    return CardOccurrence(
        due=o.due, nominal_due=o.nominal_due, window_start=o.window_start, status=o.status,
        snoozed_until=o.snoozed_until,
        working_days_late=counter.late(o.country, o.due) if o.status == "open" and o.due < day
        else None,
        reminders=records.reminders.get(o.occurrence_id, ()),
        extensions=_of(history, EXTENSIONS), snoozes=_of(history, SNOOZES),
        requests=records.requests.get(o.occurrence_id, ()),
        closed=closings[-1] if o.status == "done" and closings else None,
        history=tuple(sorted((*history, *task_wide), key=lambda h: h.at)))


def _of(history: tuple[Action, ...], actions: tuple[str, ...]) -> tuple[Action, ...]:
    return tuple(h for h in history if h.action in actions)
