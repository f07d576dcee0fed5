"""Whatever a coordinator writes, loading reports problems and never raises."""

from __future__ import annotations

import tempfile
import textwrap
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reminder.config import collect
from tests.config.conftest import EXECUTORS, PLAN, REMINDER

REAL_KEYS = [
    "id", "title", "period", "language", "country", "tasks", "deadline", "start", "due",
    "executors", "name", "role", "policy", "status", "before", "escalate", "after", "to",
    "section", "result", "source", "send_time", "aliases", "email", "telegram", "supervisor",
]
KEYS = st.one_of(st.sampled_from(REAL_KEYS), st.text(max_size=5))
LEAVES = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 3000), st.text(max_size=12),
    st.sampled_from(["2020", "2020-02-30", "IV квартал", "lead", "dmk", "uk", "UA", "[", "*x"]),
)
TREES = st.recursive(
    LEAVES,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=5)),
    max_leaves=25,
)
PLAN_DATA = yaml.safe_load(textwrap.dedent(PLAN))


def _mutations() -> st.SearchStrategy[object]:
    # Mostly a real plan with one part replaced, so validation gets past the first level.
    def replace(tree: object, key: str, task_key: str | None) -> object:
        data = yaml.safe_load(textwrap.dedent(PLAN))
        if task_key is None:
            data[key] = tree
        else:
            data["tasks"][0][task_key] = tree
        return data

    return st.one_of(
        TREES,
        st.builds(replace, TREES, st.sampled_from(list(PLAN_DATA)), st.none()),
        st.builds(replace, TREES, st.just("tasks"), st.sampled_from(REAL_KEYS)),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_mutations(), st.sampled_from(["plans/p.yaml", "reminder.yaml", "executors.yaml"]))
def test_any_content_gives_problems_not_exceptions(data: object, target: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "plans").mkdir()
        files = {"reminder.yaml": REMINDER, "executors.yaml": EXECUTORS, "plans/p.yaml": PLAN}
        for name, text in files.items():
            (root / name).write_text(textwrap.dedent(text), encoding="utf-8")
        (root / target).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        config, problems = collect(root / "reminder.yaml", env={})
        assert (config is None) == any(p.is_error for p in problems)
