"""`digest.when_empty` in reminder.yaml: skip or line (the default), anything else a finding
naming the file, line and key."""

from __future__ import annotations

from reminder.config import collect
from reminder.store.deploy import deployment_from_config
from tests.config.conftest import REMINDER, Write, findings


def test_an_unknown_value_is_located(write: Write) -> None:
    path = write(reminder=REMINDER + "digest:\n  when_empty: never\n")
    found = findings(path)
    assert any(f.startswith("reminder.yaml:7: digest.when_empty: error: must be 'skip' or "
                            "'line' (got 'never')") for f in found), "\n".join(found)


def test_line_by_default_and_skip_when_asked(write: Write) -> None:
    for text, expected in ((REMINDER, "line"), (REMINDER + "digest:\n  when_empty: skip\n",
                                                "skip")):
        cfg, _ = collect(write(reminder=text), env={})
        assert cfg is not None and cfg.digest.when_empty == expected
        assert deployment_from_config(cfg).digest_when_empty == expected  # what the tick is given
