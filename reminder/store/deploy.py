"""Adapting the loaded configuration (reminder.config) to the engine's plain specs. (The
configured channels are built in reminder.channels.configured: the store imports no channel.)"""

from __future__ import annotations

from reminder.config.loaded import Config
from reminder.store.specs import Deployment, ExecutorSpec, PlanSpec, TaskSpec


def deployment_from_config(cfg: Config) -> Deployment:
    """The engine's view of a loaded configuration."""
    executors = tuple(
        ExecutorSpec(e.id, e.name, e.language, tuple(e.email), tuple(str(t) for t in e.telegram),
                     e.supervisor, e.partner)
        for e in cfg.directory
    )
    plans = tuple(
        PlanSpec(
            plan.id, plan.entry.title, plan.language, plan.country,
            tuple(
                TaskSpec(
                    t.id, t.title, t.deadline,
                    executors=tuple((a.executor_id, a.role) for a in t.assignments
                                    if a.executor_id),
                    policy=t.policy, result=t.entry.result, status=t.status,
                )
                for t in plan.tasks
            ),
            status=plan.status, timezone=plan.timezone,
        )
        for plan in cfg.plans
    )
    return Deployment(
        plans=plans, executors=executors, timezone=cfg.settings.timezone, country=cfg.country,
        secretariat=cfg.settings.secretariat, state_dir=cfg.state_dir,
        database_url=cfg.database_url, outbox=cfg.outbox_dir, digest_cron=cfg.digest.cron,
        due_soon_days=cfg.digest.due_soon_days, digest_when_empty=cfg.digest.when_empty,
        policy=cfg.policy,
        ledger_retention_days=cfg.ledger.retention_days,
    )
