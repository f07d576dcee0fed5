"""A throwaway language pack: a copy of ``en`` under a new code, with a few words changed, put
in a temporary folder and added to the registry for one test (nothing else is edited)."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import reminder.languages as languages
from reminder import deadlines

EN = Path(languages.__file__).parent / "en"

Edits = dict[str, list[tuple[str, str]]]  # file in the pack -> (old text, new text)


def _forget(code: str) -> None:
    for name in [n for n in sys.modules if n == f"reminder.languages.{code}"
                 or n.startswith(f"reminder.languages.{code}.")]:
        del sys.modules[name]


@pytest.fixture
def add_pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str, Edits], Path]]:
    """``add_pack(code, edits)``: the en pack copied as ``code``, edited, and in use."""
    added: list[str] = []

    def add(code: str, edits: Edits) -> Path:
        folder = tmp_path / code
        shutil.copytree(EN, folder)
        for name, changes in edits.items():
            path = folder / name
            text = path.read_text(encoding="utf-8")
            for old, new in changes:
                assert old in text, f"{name} of the en pack no longer has {old!r}"
                text = text.replace(old, new)
            path.write_text(text, encoding="utf-8")
        monkeypatch.setattr(languages, "__path__", [*languages.__path__, str(tmp_path)])
        monkeypatch.setattr(languages, "LANGUAGES", (*languages.LANGUAGES, code))
        _forget(code)
        added.append(code)
        return folder

    yield add
    for code in added:
        _forget(code)
    deadlines._parse.cache_clear()  # no result read with the throwaway pack outlives the test
