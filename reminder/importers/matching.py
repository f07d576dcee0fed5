"""Mark the executors a plan names that the directory does not know (for the reviewer)."""

from __future__ import annotations

from collections.abc import Callable

from reminder.importers.model import Plan


def mark_unmatched(
    plan: Plan, match: Callable[[str], bool], suggest: Callable[[str], list[str]]
) -> list[str]:
    """Comment every executor ``match`` rejects, with ``suggest``'s closest names.

    Returns the unmatched names, once each, in order of first appearance.
    """
    unmatched: list[str] = []
    for task in plan.tasks:
        for index, executor in enumerate(task.executors):
            if match(executor.name):
                continue
            close = suggest(executor.name)
            hint = f"; closest: {', '.join(close)}" if close else "; add it to the directory"
            task.note(f"executors[{index}]", f"not in the directory{hint}")
            if executor.name not in unmatched:
                unmatched.append(executor.name)
    return unmatched
