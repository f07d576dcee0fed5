"""`reminder check --config PATH`: every problem of the configuration, then a summary line.

Exit 0 when there are no errors (warnings allowed), 1 when there are (or, with --strict,
when there are warnings). The configuration is
loaded first; when it loads, each function in `CHECKS` adds its own findings (templates,
contacts, ...). Add a check by appending a function ``(Config) -> list[Problem]``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from reminder.cli.terminal import printable

if TYPE_CHECKING:  # the configuration package (pydantic, holidays, YAML) loads when check runs
    from reminder.config import Config, ExecutorEntry, Problem

Check = Callable[["Config"], list["Problem"]]


# Where the engine sends a message (reminder.tick.channel_for, CHANNEL_PREFERENCE): by a live
# Telegram chat, else by email; the outbox folder is a channel only when neither email nor
# Telegram is configured (reminder.store.deploy.channels_from_config), and then everyone's
# messages go there. A recipient that no configured channel reaches gets nothing: the ledger
# records the delivery as failed, and "needs a person" (digest, `reminder status`) lists it.
_OUTBOX_ONLY = ("as every message does while no email or Telegram channel is configured; "
                "once one is, nobody receives them")


def _configured(config: Config) -> tuple[bool, bool]:
    """Whether email and Telegram are configured (without either, only the outbox is)."""
    return config.channels.email is not None, config.channels.telegram is not None


def _unreached(config: Config, executor: ExecutorEntry) -> str | None:
    """Why no configured channel reaches ``executor`` (``has no ...: ``), or None when one
    does. Only the directory's addresses are seen: a chat linked through the bot is not."""
    email, telegram = _configured(config)
    if not (email or telegram):
        return None if executor.has_contact else "has no email or telegram: "
    if (email and executor.email) or (telegram and executor.telegram):
        return None
    if email and telegram:
        return "has no email address or Telegram chat: "
    if email:
        why = ("its Telegram chats are not used: Telegram is not configured" if executor.telegram
               else "email is the only channel configured")
        return f"has no email address ({why}): "
    why = ("its email addresses are not used: email is not configured" if executor.email
           else "Telegram is the only channel configured")
    return f"has no Telegram chat ({why}): "


def _unless_linked(config: Config, executor: ExecutorEntry) -> str:
    # With Telegram configured, a chat linked through the bot reaches the executor, and this
    # check, reading only the YAML, cannot see it.
    if config.channels.telegram is None:
        return ""
    return f" unless a chat was linked with `reminder link {executor.id}`"


def check_contacts(config: Config) -> list[Problem]:
    """Executors that open tasks name but whom no configured channel reaches (or, with only
    the outbox configured, who have no email or Telegram chat for when one is)."""
    problems: list[Problem] = []
    warned: set[str] = set()
    outbox_only = not any(_configured(config))
    for task in config.tasks():
        if task.status != "open":
            continue
        for a in task.assignments:
            if a.executor is None or a.executor.id in warned:
                continue
            why = _unreached(config, a.executor)
            if why is None:
                continue
            warned.add(a.executor.id)
            first = f"its reminders (first: {task.key})"
            if outbox_only:
                what = f"{first} go to the outbox folder, {_OUTBOX_ONLY}"
            else:
                what = (f"nobody receives {first}{_unless_linked(config, a.executor)}; they are "
                        'listed under "needs a person" in the digest and in `reminder status`')
            problems.append(config.executor_problem(a.executor.id,
                                                    f"{a.executor.id!r} {why}{what}"))
    return problems


def check_secretariat_contact(config: Config) -> list[Problem]:
    """The secretariat receives every digest and the last escalations: it needs a way to be
    reached by a configured channel."""
    sec = config.secretariat
    why = None if sec is None else _unreached(config, sec)
    if sec is None or why is None:
        return []
    if not any(_configured(config)):
        what = f"digests go to the outbox folder, {_OUTBOX_ONLY}"
    else:
        what = ("nobody receives the digests or the escalations to the secretariat"
                f"{_unless_linked(config, sec)}; `reminder status` lists them as failed "
                "deliveries")
    return [config.executor_problem(sec.id, f"the secretariat {sec.id!r} {why}{what}")]


def check_supervisors(config: Config) -> list[Problem]:
    """Leads whose ladder escalates to a supervisor they do not have."""
    problems: list[Problem] = []
    warned: set[str] = set()
    for task in config.tasks():
        lead = task.lead
        if task.status != "open" or lead is None or lead.executor is None:
            continue
        executor = lead.executor
        if executor.partner or executor.supervisor or executor.id in warned:
            continue
        steps = [s for s in task.policy.escalate if s.to == "supervisor"]
        if steps:
            warned.add(executor.id)
            problems.append(config.executor_problem(
                executor.id,
                f"{executor.id!r} leads {task.key} but has no supervisor: the escalation after "
                f"{steps[0].after} working days late is skipped",
            ))
    return problems


# --- templates (delivery, issue 5) ---------------------------------------------------------
def check_templates(config: Config) -> list[Problem]:
    """Render every template (each message kind in each language) once with sample data, the
    deployment's ``templates:`` folder first; each failure is an error naming the file."""
    from reminder.config import Problem
    from reminder.messages.render import check_templates as render_all

    folder = config.templates_dir
    where = str(folder) if folder is not None else "templates"
    return [Problem(where, None, "templates", problem) for problem in render_all(folder)]
# --- end templates -------------------------------------------------------------------------


CHECKS: list[Check] = [check_contacts, check_secretariat_contact, check_supervisors,
                       check_templates]


def run_checks(path: str, *, today: date | None = None) -> tuple[Config | None, list[Problem]]:
    """Every finding for the deployment at ``path``: loading, then each of `CHECKS`.

    Returns the loaded configuration (None when loading found errors) and the findings.
    """
    from reminder.config import Problem, collect
    from reminder.config.problems import sort_problems

    config, problems = collect(path, today=today)
    if config is not None:
        for check in CHECKS:
            try:
                problems += check(config)
            except Exception as exc:  # one broken check must not hide the others' findings
                name = getattr(check, "__name__", "check")
                problems.append(Problem(path, None, "", f"{name} failed: {exc!r}"))
    return config, sort_problems(problems)


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary(problems: list[Problem], config: Config | None = None) -> str:
    """``FAILED: 2 errors, 1 warning`` or ``OK: 4 plans, 58 tasks; 0 errors, 8 warnings``."""
    errors = sum(p.is_error for p in problems)
    verdict = "FAILED" if errors else "OK"
    loaded = ""
    if config is not None and not errors:
        loaded = (f"{_count(len(config.plans), 'plan')}, "
                  f"{_count(sum(len(p.tasks) for p in config.plans), 'task')}; ")
    if not problems:
        return f"{verdict}: {loaded}no problems found"
    return (f"{verdict}: {loaded}{_count(errors, 'error')}, "
            f"{_count(len(problems) - errors, 'warning')}")


def _run(args: argparse.Namespace) -> int:
    # The current date is read here, at the edge, not inside the loaders.
    config, problems = run_checks(args.config, today=date.today())
    for problem in problems:
        print(printable(problem))  # messages quote plan text: names, deadlines, ids
    print(summary(problems, config))
    failing = problems if args.strict else [p for p in problems if p.is_error]
    return 1 if failing else 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``reminder check`` to the command line."""
    parser = subparsers.add_parser(
        "check",
        help="validate the configuration, directory and plans",
        description="Validate reminder.yaml, the executors directory and every plan file; "
        "print each problem as file:line: key: message. Exit 1 on errors, 0 otherwise.",
    )
    parser.add_argument("--config", "-c", default="reminder.yaml", metavar="PATH",
                        help="the deployment file (default: ./reminder.yaml)")
    parser.add_argument("--strict", action="store_true",
                        help="exit 1 on warnings too (for a CI job over the plans repository)")
    parser.set_defaults(func=_run)
