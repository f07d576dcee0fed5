"""Split a responsibility cell into executors with roles (docs/configuration.md, "Roles").

The first name is the lead and the others co-executors; "(за згодою)" and its kin make a
partner; "с привлечением X" makes X involved. Names are separated by ";", newlines or commas,
but never inside brackets or quotes, and when a cell uses ";" its commas belong to the names
("Комитет по местному самоуправлению, межнациональным ... отношениям"). A shared-head list
("Департаменти: масових комунікацій, соціального захисту населення облдержадміністрації")
names one department per item, each with the shared head and tail.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reminder.importers.model import Executor, Task
from reminder.importers.words import (
    INVOLVED_MARKERS,
    LEGAL_FORMS,
    ORG_WORDS,
    OWNER_TAILS,
    PARTNER_MARKERS,
    PEOPLE_WORDS,
    PLURAL_HEADS,
    STANDALONE_WORDS,
)

_OPEN, _CLOSE = "(«[{„“", ")»]}”\""
_STRIP = " \t,;:.–—-"
_CONJUNCTIONS = ("и", "і", "та", "un", "and", "й")
_LIST_MARK = re.compile(r"^(?:\d{1,2}[.)]|[-•–*])\s+")
# A piece of a comma list that is only numbers: "2", "№ 3", "3 и 4", "5а".
_NUMBERS_ONLY = re.compile(r"^(?:№\s*)?\d{1,4}[^\W\d_]?(?:\s+(?:и|і|та|й|un|and)\s+\d{1,4}"
                           r"[^\W\d_]?)?$", re.IGNORECASE)
# A name ending in an initial ("Иванов И.И", "Petrov P"): a capital letter alone after a space
# or a dot.
_INITIAL_END = re.compile(r"(?:^|[\s.])[^\W\d_]$")
_ET_CETERA = re.compile(r"\s*(и др\.?|та ін\.?|тощо|u\.c\.|etc\.?)$", re.IGNORECASE)


def split_top_level(text: str, separators: str) -> list[str]:
    """Split at separator characters that are outside brackets and quotes."""
    parts: list[str] = []
    depth = 0
    in_quote = False
    current: list[str] = []
    for ch in text:
        if ch == '"':
            in_quote = not in_quote
        elif ch in _OPEN:
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
        if ch in separators and depth == 0 and not in_quote:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip(_STRIP)]


@lru_cache(maxsize=1)
def _marker_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    partner = "|".join(re.escape(m).replace(r"\ ", r"\s*") for m in PARTNER_MARKERS)
    involved = "|".join(re.escape(m) for m in sorted(INVOLVED_MARKERS, key=len, reverse=True))
    return (
        re.compile(partner, re.IGNORECASE),
        re.compile(rf"(?<!\w)(?:{involved})(?!\w)", re.IGNORECASE),
    )


def _is_tail(word: str) -> bool:
    return word.lower().strip(_STRIP) in OWNER_TAILS


def _tail_of(item: str) -> str:
    """The owner tail of a name: its last owner word and the capitalised words before it."""
    words = item.split()
    if not words or not _is_tail(words[-1]):
        return ""
    i = len(words) - 1
    while i > 0 and words[i - 1][:1].isupper() and not _is_tail(words[i - 1]):
        i -= 1
    return " ".join(words[i:])


def _expand_shared_head(items: list[str]) -> list[str]:
    """Expand "Heads: a, b tail" (already split at commas) into "Head a tail", "Head b tail"."""
    out: list[str] = []
    i = 0
    while i < len(items):
        m = re.match(r"^(\w+)\s*:\s*(.+)$", items[i], re.DOTALL)
        head = PLURAL_HEADS.get(m.group(1).lower()) if m else None
        if not (m and head):
            out.append(items[i])
            i += 1
            continue
        group = [m.group(2)]
        j = i + 1
        while not _tail_of(group[-1]) and j < len(items) and not items[j][:1].isupper():
            group.append(items[j])
            j += 1
        tail = _tail_of(group[-1])
        if tail:
            group[-1] = group[-1][: -len(tail)].strip()
        for member in group:
            out.append(" ".join(p for p in (head, member, tail) if p))
        i = j
    return out


def _split_conjunction(item: str) -> list[str]:
    """Split "Министерство A и Министерство B" where a conjunction joins two named bodies."""
    words = item.split(" ")
    for k in range(1, len(words) - 1):
        nxt = words[k + 1]
        if (
            words[k].lower() in _CONJUNCTIONS
            and nxt[:1].isupper()
            and any(nxt.lower().startswith(stem) for stem in ORG_WORDS)
        ):
            return [" ".join(words[:k]), *_split_conjunction(" ".join(words[k + 1:]))]
    return [item]


def _join_numbers(parts: list[str]) -> list[str]:
    """Put numbers split off at commas back on the name they follow: "лицеи 1, 2, 3",
    "школы № 5, 7 и 9" name the lyceums and schools, not executors called "2" and "3"."""
    out: list[str] = []
    for part in parts:
        if out and _NUMBERS_ONLY.match(part.strip()):
            out[-1] = f"{out[-1]}, {part.strip()}"
        else:
            out.append(part)
    return out


def _stands_alone(part: str) -> bool:
    """Whether a piece after a comma can name a body by itself: it starts with a capital, or
    has a body's head noun ("відділ", "управление", ...), an owner word ("райдержадміністрації"),
    a people word ("керівники") or another body noun ("територіальні громади")."""
    words = part.strip(_STRIP).split()
    if not words or words[0][:1].isupper() or _LIST_MARK.match(part.strip()):
        return True
    bare = [w.lower().strip(_STRIP + "«»\"()") for w in words]
    return any(w in OWNER_TAILS or w.startswith((*ORG_WORDS, *PEOPLE_WORDS, *STANDALONE_WORDS)) for w in bare)


def _join_continuations(parts: list[str]) -> list[str]:
    """Put a piece that cannot stand alone back on the body it continues: "Відділ культури,
    сім'ї та молоді", "Управление образования, науки и молодёжной политики" are one body each,
    not a body and a co-executor called "сім'ї та молоді"."""
    out: list[str] = []
    for part in parts:
        if out and not _stands_alone(part):
            out[-1] = f"{out[-1]}, {part.strip()}"
        else:
            out.append(part)
    return out


def _clean_name(name: str) -> str:
    name = _ET_CETERA.sub("", " ".join(name.split()))
    stripped = _LIST_MARK.sub("", name.strip()).strip(_STRIP)  # "1. Минфин", "- Минфин", "• ..."
    # "Иванов И.И.": an initial keeps its dot
    if _INITIAL_END.search(stripped) and name.rstrip(_STRIP.replace(".", "")).endswith("."):
        stripped += "."
    name = stripped
    # 'Biedrība "Dienvidlatgales NVO atbalsta centrs"' is known by the quoted name.
    m = re.fullmatch(r"(.+?)\s*[«\"„“](.+?)[»\"”]", name)
    if m and m.group(1).lower() in LEGAL_FORMS:
        return m.group(2).strip()
    return name


def split_executors(cell: str) -> list[Executor]:
    """Executors named in a responsibility cell, in document order, with their roles."""
    # Plans repeat the same cell row after row: split each distinct cell once.
    return [Executor(name, role) for name, role in _split_cached(cell.strip())]


@lru_cache(maxsize=4096)
def _split_cached(text: str) -> tuple[tuple[str, str], ...]:
    return tuple((e.name, e.role) for e in _split(text))


def _split(text: str) -> list[Executor]:
    if not text:
        return []
    partner_re, involved_re = _marker_patterns()
    segments = split_top_level(text, ";\n")
    uses_semicolons = len(segments) > 1
    items: list[str] = []
    for segment in segments:
        parts = _join_continuations(_join_numbers(split_top_level(segment, ",")))
        if uses_semicolons and not any(
            PLURAL_HEADS.get(p.split(":")[0].strip().lower()) for p in parts if ":" in p
        ):
            parts = [segment]
        items.extend(_expand_shared_head(parts))
    named: list[tuple[str, str | None]] = []  # (name, fixed role or None)
    for item in items:
        involved: list[str] = []
        m = involved_re.search(item)
        if m:
            involved = split_top_level(item[m.end():], ",")
            item = item[: m.start()]
        for piece in _split_conjunction(item.strip()):
            is_partner = bool(partner_re.search(piece))
            name = _clean_name(partner_re.sub(" ", piece))
            if name:
                named.append((name, "partner" if is_partner else None))
        for piece in involved:
            for sub in _split_conjunction(piece):
                name = _clean_name(partner_re.sub(" ", sub))
                if name:
                    named.append((name, "involved"))
    executors: list[Executor] = []
    have_lead = False
    for name, role in named:
        if role is None:
            role = "co" if have_lead else "lead"
            have_lead = True
        executors.append(Executor(name, role))
    return executors


def lead_notes(task: Task) -> None:
    """Say who leads when the cell does not put the lead first: a partner ("за згодою")
    named first hands the lead to the next name, which the reviewer should know; with only
    partners and involved bodies there is no lead at all."""
    lead = next((e for e in task.executors if e.role == "lead"), None)
    if lead is None:
        if task.executors:
            task.note("executors", "no lead executor (all are partners or involved): choose one")
        return
    first = task.executors[0]
    if first is not lead:
        task.note("executors", f"lead: {lead.name!r}, the first name that is not a partner "
                               f"({first.name!r} comes first but is a {first.role}): check "
                               "who answers for the task")
