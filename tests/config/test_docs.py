"""docs/configuration.md is the contract: its examples must validate and name every key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from reminder.config import DeploymentFile, DirectoryFile, PlanFile
from reminder.config.validate import allowed_keys, validate
from reminder.config.yamlsource import parse_yaml_text

DOC = (Path(__file__).parents[2] / "docs" / "configuration.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```yaml\n(.*?)```", DOC, flags=re.S)


@pytest.mark.parametrize(
    ("index", "model"), [(0, DeploymentFile), (1, PlanFile), (2, DirectoryFile)]
)
def test_doc_examples_validate(index: int, model: type[BaseModel]) -> None:
    doc = parse_yaml_text(BLOCKS[index], f"docs block {index}")
    instance, problems = validate(model, doc)
    assert doc.problems == [] and problems == [], [str(p) for p in problems]
    assert instance is not None


KEY_PATHS = [
    (DeploymentFile, ()), (DeploymentFile, ("policy",)), (DeploymentFile, ("digest",)),
    (DeploymentFile, ("channels",)), (DeploymentFile, ("channels", "email")),
    (DeploymentFile, ("channels", "telegram")), (DeploymentFile, ("channels", "outbox")),
    (DeploymentFile, ("calendar",)),
    (PlanFile, ()), (PlanFile, ("tasks", 0)), (PlanFile, ("tasks", 0, "executors", 0)),
    (DirectoryFile, ("executors", 0)),
]


@pytest.mark.parametrize(("model", "path"), KEY_PATHS)
def test_doc_names_every_key(model: type[BaseModel], path: tuple) -> None:
    keys = allowed_keys(model, path)
    assert keys
    missing = [k for k in keys if not re.search(rf"(^|[\s{{,]){re.escape(k)}:", DOC, re.M)]
    assert missing == []
