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
    EscalationStep,
    OutboxChannel,
    Policy,
    PolicyOverride,
    TelegramChannel,
)
from reminder.config.directory import Directory, DirectoryFile, ExecutorEntry, normalise_name
from reminder.config.loaded import Assignment, Config, Plan, Task
from reminder.config.loader import collect, load_config, load_directory
from reminder.config.plan import ExecutorRef, PlanFile, Role, Status, TaskEntry
from reminder.config.problems import ConfigError, Problem, Severity

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
    "EscalationStep",
    "ExecutorEntry",
    "ExecutorRef",
    "OutboxChannel",
    "Plan",
    "PlanFile",
    "Policy",
    "PolicyOverride",
    "Problem",
    "Role",
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
