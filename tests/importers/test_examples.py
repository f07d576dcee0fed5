"""config/example/plans are the importer's output on the seeds (regenerate them if this fails).

    .venv/bin/reminder import tests/importers/seeds/004_*.txt \
        -o config/example/plans/lugansk-2020.yaml
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from reminder.cli import main

PLANS = Path(__file__).resolve().parents[2] / "config" / "example" / "plans"


@pytest.mark.parametrize("plan", sorted(PLANS.glob("*.yaml")), ids=lambda p: p.stem)
def test_example_plan_is_what_the_importer_writes(plan, tmp_path, capsys):
    committed = yaml.safe_load(plan.read_text(encoding="utf-8"))
    source = (plan.parent / committed["source"]).resolve()
    assert source.is_file(), f"{plan.name}: source {committed['source']} is missing"
    out = tmp_path / plan.name
    assert main(["import", str(source), "-o", str(out)]) == 0
    fresh = yaml.safe_load(out.read_text(encoding="utf-8"))
    for data in (committed, fresh):
        data.pop("source")
    assert fresh == committed


def test_every_seed_has_an_example_plan():
    sources = {
        Path(yaml.safe_load(p.read_text(encoding="utf-8"))["source"]).name
        for p in PLANS.glob("*.yaml")
    }
    seeds = {p.name for p in (Path(__file__).parent / "seeds").glob("*.txt")}
    assert sources == seeds
