"""Checks that need more than one key: the directory's ids and names, and escalation targets."""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from reminder.config.directory import Directory, DirectoryFile
from reminder.config.problems import Problem
from reminder.config.yamlsource import YamlDocument
from reminder.schedule.policy import Escalation

ESCALATION_TARGETS = ("supervisor", "secretariat")


def unknown_id_message(what: str, value: str, known: Sequence[str]) -> str:
    """``'x' is not an executor id; did you mean 'y'?`` with the closest ids, if any."""
    close = difflib.get_close_matches(value, list(known), n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    return f"{value!r} is not {what}{hint}"


def check_directory(doc: YamlDocument, parsed: DirectoryFile | tuple[DirectoryFile, list[int]],
                    ) -> tuple[Directory, list[Problem]]:
    """Build the directory and report duplicate ids, names two entries share, bad supervisors.

    ``parsed`` may come with each entry's index in the file (`salvage_directory`'s entries of
    an invalid file, some left out), so every finding is still placed on its entry's line."""
    parsed, positions = parsed if isinstance(parsed, tuple) else (
        parsed, list(range(len(parsed.executors))))
    directory = Directory(parsed.executors)
    problems: list[Problem] = []
    first: dict[str, int] = {}
    for at, entry in zip(positions, parsed.executors, strict=True):
        if not entry.id:  # salvaged without one: its own error says so
            continue
        if entry.id in first:
            line = doc.lines.line(("executors", first[entry.id], "id"))
            problems.append(doc.problem(("executors", at, "id"),
                                        f"duplicate executor id (first on line {line})"))
        else:
            first[entry.id] = at
    index = {id(entry): at for at, entry in zip(positions, parsed.executors, strict=True)}
    for label, holder, entry in directory.clashes:
        i = index[id(entry)]
        key: tuple[str | int, ...] = (
            ("name",) if label == entry.name else ("aliases", entry.aliases.index(label))
        )
        problems.append(doc.problem(
            ("executors", i, *key),
            f"{label!r} also names {holder.id!r}: plans could not tell the two apart",
        ))
    for i, entry in zip(positions, parsed.executors, strict=True):
        if entry.supervisor is None:
            continue
        if entry.supervisor == entry.id:
            problems.append(doc.problem(("executors", i, "supervisor"),
                                        "an executor cannot supervise itself"))
        elif directory.get(entry.supervisor) is None:
            problems.append(doc.problem(
                ("executors", i, "supervisor"),
                unknown_id_message("an executor id", entry.supervisor, list(directory.by_id)),
            ))
    return directory, problems


def check_escalation(
    steps: Sequence[Escalation] | None,
    directory: Directory,
    has_secretariat: bool,
    doc: YamlDocument,
    at: tuple[str | int, ...],
) -> list[Problem]:
    """Each step goes to ``supervisor``, ``secretariat`` (if one is named) or a known id."""
    problems: list[Problem] = []
    for i, step in enumerate(steps or ()):
        where = (*at, "escalate", i, "to")
        if step.to == "secretariat" and not has_secretariat:
            problems.append(doc.problem(
                where, "escalates to the secretariat, but reminder.yaml names no `secretariat`"
            ))
        elif step.to not in ESCALATION_TARGETS and directory.get(step.to) is None:
            problems.append(doc.problem(where, unknown_id_message(
                "supervisor, secretariat or an executor id", step.to, list(directory.by_id)
            )))
    return problems


def check_coordinator(coordinator: str | None, directory: Directory, doc: YamlDocument,
                      at: tuple[str | int, ...]) -> list[Problem]:
    """A policy's ``coordinator`` is an executor id of the directory."""
    if coordinator is None or directory.get(coordinator) is not None:
        return []
    return [doc.problem((*at, "coordinator"), unknown_id_message(
        "an executor id in the directory", coordinator, list(directory.by_id)))]
