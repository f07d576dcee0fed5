"""The coordinator's YAML: deployment (`reminder.yaml`), plan files and the executors directory.

``load_config(path)`` returns a `Config` (plans with parsed deadlines, matched executors and the
effective policy of every task) or raises `ConfigError` whose ``problems`` list every finding
as ``file:line: key: message``. docs/configuration.md describes the files.
"""

from reminder.config.deployment import (
    Channels,
    DeploymentFile,
    Digest,
    EmailChannel,
    OutboxChannel,
    TelegramChannel,
)
from reminder.config.directory import Directory, DirectoryFile, ExecutorEntry, normalise_name
from reminder.config.loaded import Assignment, Config, Plan, Task
from reminder.config.loader import collect, load_config, load_directory
from reminder.config.plan import ExecutorRef, PlanFile, Status, TaskEntry
from reminder.config.problems import ConfigError, Problem, Severity

# The policy and the roles are the schedule's own types; the configuration validates into them.
from reminder.schedule.kinds import PlanRole
from reminder.schedule.policy import Escalation, Policy, PolicyOverride

__all__ = [
    "Assignment",
    "Channels",
    "Config",
    "ConfigError",
    "DeploymentFile",
    "Digest",
    "Directory",
    "DirectoryFile",
    "EmailChannel",
    "Escalation",
    "ExecutorEntry",
    "ExecutorRef",
    "OutboxChannel",
    "Plan",
    "PlanFile",
    "PlanRole",
    "Policy",
    "PolicyOverride",
    "Problem",
    "Severity",
    "Status",
    "Task",
    "TaskEntry",
    "TelegramChannel",
    "collect",
    "load_config",
    "load_directory",
    "normalise_name",
]
