"""The executors directory: its YAML models, and matching the names plans use to its entries.

Plans name departments the way their authors wrote them that day: "Департамент масових
комунікацій облдержадміністрації", "департамент масових комунікацій ОДА", «Громадська рада»
with other quotes, a dash of another width. `normalise_name` folds those differences so one
directory entry (plus its aliases) matches them all; `Directory.suggest` names the closest
entries when nothing matches. The scheduling engine reuses both.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator, Sequence
from typing import Annotated

from pydantic import AfterValidator, Field, field_validator

from reminder.config.base import Ident, Lang, StrictModel, Text, as_list, check_email


def _chat_id(value: int | str) -> int | str:
    # Telegram chat ids are integers (negative for groups) or "@channelname".
    if isinstance(value, int):
        return value
    text = str(value).strip()
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    if re.fullmatch(r"@\w{4,}", text):
        return text
    raise ValueError(f"{value!r} is not a Telegram chat id (a number or @channel)")


class ExecutorEntry(StrictModel):
    """A department, body or organisation that can be responsible for tasks."""

    id: Ident
    name: Text
    aliases: as_list(Text) = Field(default_factory=list)  # type: ignore[valid-type]
    language: Lang
    email: as_list(Annotated[str, AfterValidator(check_email)]) = Field(  # type: ignore[valid-type]
        default_factory=list
    )
    telegram: as_list(Annotated[int | str, AfterValidator(_chat_id)]) = Field(  # type: ignore[valid-type]
        default_factory=list
    )
    supervisor: Ident | None = None
    partner: bool = False

    @field_validator("telegram", mode="before")
    @classmethod
    def _chat_ids_as_text(cls, value: object) -> object:
        # Read every chat id as text first so `int | str` does not report two errors per item.
        items = value if isinstance(value, list) else [] if value is None else [value]
        return [str(v) if isinstance(v, int) else v for v in items]

    @property
    def has_contact(self) -> bool:
        return bool(self.email or self.telegram)


class DirectoryFile(StrictModel):
    """The top-level `executors.yaml`."""

    executors: list[ExecutorEntry] = Field(default_factory=list)


def _text(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    return str(value).strip() or None


def salvage_directory(data: object) -> tuple[DirectoryFile, list[int]] | None:
    """The entries of an executors file that failed validation, as far as they can be read:
    each valid entry as it is, and of an invalid one its id, name, aliases, supervisor and
    partner flag when those are plain values (the rest left at defaults), so plans' names
    can still be matched and the entries cross-checked. Returns the entries and each one's
    index in the file (entries with neither an id nor a name are left out), or None when the
    file holds no list of entries at all. Never used to run anything: the file's errors
    stand."""
    raw = data.get("executors") if isinstance(data, dict) else None
    if not isinstance(raw, list):
        return None
    entries: list[ExecutorEntry] = []
    positions: list[int] = []
    for i, item in enumerate(raw):
        try:
            entries.append(ExecutorEntry.model_validate(item))
            positions.append(i)
            continue
        except ValueError:
            pass
        if not isinstance(item, dict):
            continue
        ident, name = _text(item.get("id")), _text(item.get("name"))
        if ident is None and name is None:
            continue
        aliases = item.get("aliases")
        aliases = aliases if isinstance(aliases, list) else [aliases]
        language = item.get("language")
        entries.append(ExecutorEntry.model_construct(
            id=ident or "", name=name or "",
            aliases=[a for a in (_text(x) for x in aliases) if a],
            language=language if language in ("ru", "uk", "lv", "en") else "en",
            email=[], telegram=[], supervisor=_text(item.get("supervisor")),
            partner=item.get("partner") is True))
        positions.append(i)
    return DirectoryFile.model_construct(executors=entries), positions


# Role markers belong to the plan row, not to the name ("ІГС (за згодою)" is "ІГС").
_ROLE_MARKER = re.compile(
    r"\(\s*(?:за\s+згодою|по\s+согласованию|pēc\s+saskaņošanas|by\s+consent|if\s+agreed)\s*\)"
)
_QUOTES = re.compile("[\"'`«»„“”‚‘’‹›ʼ]")
_DASHES = re.compile("[\u2010-\u2015\u2212-]")
_PUNCT = re.compile(r"[.,;:!?()\[\]{}*]")

# Long forms folded to the short forms officials use for them (and that plans mix freely).
# Patterns match the casefolded text after quotes and punctuation are gone. Add rows here.
ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    # uk
    (r"\bобласн\w* державн\w* адміністраці\w*", "ода"),
    (r"\bоблдержадміністраці\w*", "ода"),
    (r"\bрайонн\w* державн\w* адміністраці\w*", "рда"),
    (r"\bрайдержадміністраці\w*", "рда"),
    (r"\bінститут\w* громадянського суспільства", "ігс"),
    (r"\bорган\w* місцевого самоврядування", "омс"),
    (r"\bвиконавч\w* комітет\w*", "виконком"),
    (r"\bвиконком\w*", "виконком"),
    (r"\bгромадськ\w* організаці\w*", "го"),
    # ru
    (r"\bорган\w* местного самоуправления", "омсу"),
    (r"\bорган\w* исполнительной власти", "оив"),
    (r"\bнекоммерческ\w* организаци\w*", "нко"),
    (r"\bсоциально ориентированн\w* нко", "со нко"),
    (r"\bгосударственн\w* бюджетн\w* учреждени\w*", "гбу"),
    # lv
    (r"\bnevalstisk\w* organizācij\w*", "nvo"),
    (r"^(?:biedrība|nodibinājums) ", ""),
)
_ABBREVIATIONS = tuple((re.compile(p), r) for p, r in ABBREVIATIONS)


def normalise_name(text: str) -> str:
    """Fold case, quotes, dashes, spacing, role markers and known abbreviations of a name."""
    s = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
    s = _ROLE_MARKER.sub(" ", s)
    s = _QUOTES.sub("", s)
    s = _DASHES.sub(" ", s)
    s = _PUNCT.sub(" ", s)
    s = re.sub(r"\s*/\s*", "/", s)
    s = " ".join(s.split())
    # Repeat until nothing changes, so a normal form normalises to itself (the engine stores
    # normal forms and may normalise them again).
    for _ in range(5):
        before = s
        for pattern, short in _ABBREVIATIONS:
            s = pattern.sub(short, s)
        s = " ".join(s.split())
        if s == before:
            break
    return s


class Directory:
    """The executors, indexed by id and by normalised name and alias."""

    def __init__(self, executors: Sequence[ExecutorEntry] = ()) -> None:
        self.executors: tuple[ExecutorEntry, ...] = tuple(executors)
        self.by_id: dict[str, ExecutorEntry] = {}
        self._by_name: dict[str, ExecutorEntry] = {}
        # (key, first holder, second holder): two entries a name cannot tell apart.
        self.clashes: list[tuple[str, ExecutorEntry, ExecutorEntry]] = []
        for entry in self.executors:
            self.by_id.setdefault(entry.id, entry)
        for entry in self.executors:
            for label in (entry.name, *entry.aliases):
                if not label:  # an entry salvaged from an invalid file may lack its name
                    continue
                key = normalise_name(label)
                holder = self._by_name.setdefault(key, entry)
                if holder is not entry and holder.id != entry.id:
                    self.clashes.append((label, holder, entry))

    def __iter__(self) -> Iterator[ExecutorEntry]:
        return iter(self.executors)

    def __len__(self) -> int:
        return len(self.executors)

    def get(self, executor_id: str) -> ExecutorEntry | None:
        """The entry with this id, or None."""
        return self.by_id.get(executor_id)

    def match(self, name: str) -> ExecutorEntry | None:
        """The entry a plan's name refers to: by id, then normalised name or alias."""
        stripped = name.strip()
        if stripped in self.by_id:
            return self.by_id[stripped]
        return self._by_name.get(normalise_name(stripped))

    def suggest(self, name: str, limit: int = 3) -> list[ExecutorEntry]:
        """The entries whose names or aliases are closest to ``name``, best first."""
        key = normalise_name(name)
        close = difflib.get_close_matches(key, list(self._by_name), n=limit * 3, cutoff=0.55)
        found: list[ExecutorEntry] = []
        for candidate in close:
            entry = self._by_name[candidate]
            if entry not in found:
                found.append(entry)
        return found[:limit]
