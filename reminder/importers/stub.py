"""`reminder import --directory-stub`: the executors a plan names that the directory lacks, as
entries of an executors directory (docs/configuration.md) for the coordinator to complete.

Each name (names equal after `normalise_name` are one) gets a proposed id, the plan's
language, empty contacts marked to be filled, and `partner: true` when every task names it
"за згодою" / by agreement. The text is loaded back and validated as a directory before it is
written, so it loads with `reminder check` as written (emails then make it reach someone).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from reminder.config.directory import Directory, DirectoryFile, normalise_name
from reminder.importers.model import Plan
from reminder.importers.yaml_out import comment_safe, inline_scalar
from reminder.languages import tables

# Letters to ASCII for proposed ids (the national romanisations, simplified). A letter the
# languages write differently is in the language pack's ROMANISATION; the rest are shared.
_CYRILLIC: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "ё": "e",
    "є": "ie", "ж": "zh", "з": "z", "и": "i", "і": "i", "ї": "i", "й": "i", "к": "k",
    "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y",
    "ь": "", "э": "e", "ю": "iu", "я": "ia",
}
# Latvian and English are Latin: their Cyrillic names take the shared table and Latvian
# diacritics are dropped below; a pack's ROMANISATION lists the letters it writes differently.
TRANSLITERATION: dict[str, dict[str, str]] = {
    lang: {**_CYRILLIC, **own} for lang, own in tables("importer", "ROMANISATION").items()}
# A proposed id is the name's first words up to this many characters (at least one word).
ID_LENGTH = 32


def propose_id(name: str, language: str) -> str:
    """An id for ``name``: its words in ASCII, lower case, joined by "-", cut at a word
    boundary near `ID_LENGTH` ("Міністерство фінансів" -> "ministerstvo-finansiv")."""
    table = TRANSLITERATION.get(language, _CYRILLIC)
    ascii_text = "".join(table.get(ch, ch) for ch in normalise_name(name))
    # Latin letters with diacritics (ā, š, ž) lose them
    ascii_text = unicodedata.normalize("NFKD", ascii_text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    out = ""
    for word in words:
        if out and len(out) + 1 + len(word) > ID_LENGTH:
            break
        out = f"{out}-{word}" if out else word
    return out[:ID_LENGTH].strip("-") or "executor"


@dataclass
class StubEntry:
    """One proposed entry: the name as the plan first writes it and where it is used."""

    id: str
    name: str
    language: str
    tasks: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)  # the role of each use, in order
    closest: list[str] = field(default_factory=list)  # "id (name)" of near directory entries

    @property
    def partner(self) -> bool:
        """Named by agreement ("за згодою") wherever it is named: asked, not ordered."""
        return bool(self.roles) and all(r == "partner" for r in self.roles)


def stub_entries(plan: Plan, directory: Directory | None) -> list[StubEntry]:
    """The names of ``plan`` that ``directory`` (None: an empty one) does not know, once
    each, in order of first use, with ids unique among themselves and the directory's."""
    known = directory or Directory()
    taken = set(known.by_id)
    found: dict[str, StubEntry] = {}
    for task in plan.tasks:
        for ex in task.executors:
            if known.match(ex.name) is not None:
                continue
            key = normalise_name(ex.name)
            entry = found.get(key)
            if entry is None:
                base = propose_id(ex.name, plan.language)
                ident, n = base, 2
                while ident in taken:
                    ident, n = f"{base}-{n}", n + 1
                taken.add(ident)
                entry = found[key] = StubEntry(
                    ident, " ".join(ex.name.split()), plan.language,
                    closest=[f"{e.id} ({e.name})" for e in known.suggest(ex.name)])
            ref = f"{plan.id}/{task.id}"
            if ref not in entry.tasks:
                entry.tasks.append(ref)
            entry.roles.append(ex.role)
    return list(found.values())


def render_stub(entries: list[StubEntry], source: str, directory: str | None) -> str:
    """The stub's YAML text, with comments saying what to fill and where it goes."""
    lacks = f"that {directory} does not know" if directory else "(no directory was given)"
    lines = [
        f"# Executors named in {comment_safe(source)} {comment_safe(lacks)}:",
        f"# {len(entries)} entr{'y' if len(entries) == 1 else 'ies'} proposed by "
        "`reminder import`.",
        "# For each: check the proposed id (plans name an executor by its name or an alias; the",
        "# id is what `supervisor:`, `reminder status --executor` and `reminder link` use), fill",
        "# `email` (or link a Telegram chat later with `reminder link ID`), add a `supervisor`",
        "# for leads if escalations should reach one, then copy the entries under `executors:`",
        "# of the directory (or name this file in reminder.yaml's `directory:`).",
        "# Required keys: id, name, language. Empty `email` and `telegram` load, but nobody",
        "# receives the reminders of an executor without either (`reminder check` warns).",
        "executors:",
    ]
    for e in entries:
        roles = sorted(set(e.roles), key=e.roles.index)
        lines.append(f"  # used by {', '.join(e.tasks)} (as {', '.join(roles)})")
        if e.closest:
            lines.append(f"  # closest in the directory: {comment_safe(', '.join(e.closest))};"
                         " if it is one of these, add the name to its `aliases` instead")
        lines.append(f"  - id: {inline_scalar(e.id)}")
        lines.append(f"    name: {inline_scalar(e.name)}")
        lines.append(f"    language: {e.language}")
        lines.append("    email: []     # TO FILL: an address, or a list of them")
        lines.append(f"    telegram: []  # TO FILL, or link a chat: reminder link {e.id}")
        if e.partner:
            lines.append("    partner: true # named by agreement (\"за згодою\"): asked, not "
                         "ordered; never escalated about")
        elif "partner" in roles:
            lines.append("    # partner: true if it is only ever asked: some tasks name it by "
                         "agreement, others not")
    text = "\n".join(lines) + "\n"
    _check_loads(text, entries)
    return text


def _check_loads(text: str, entries: list[StubEntry]) -> None:
    """The stub reads back as a valid directory holding exactly these entries."""
    from reminder.config.validate import validate
    from reminder.config.yamlsource import parse_yaml_text

    doc = parse_yaml_text(text, "stub")
    parsed, problems = validate(DirectoryFile, doc)
    if parsed is None or problems or [(x.id, x.name, x.partner) for x in parsed.executors] != [
            (e.id, e.name, e.partner) for e in entries]:
        raise AssertionError(f"the directory stub does not load back: {problems}")
