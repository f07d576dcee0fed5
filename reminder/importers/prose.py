"""Candidate tasks from running text: sentences and bullets with a deadline and an actor.

Two shapes are common. Slides and reports state commitments with the date first ("2016.gada
septembra vidū Valsts kanceleja ... publiskos ..."); meeting protocols address an instruction
to a body in the dative with the date inside ("Министерству X в срок до 15 марта 2024 г.
представить ..."). A sentence becomes a candidate when the deadline parser finds a dated
phrase in it, the phrase ends after the document's own date, and a body is named (or, naming
none, the sentence says something will be done: the reviewer then names the executor).
"""

from __future__ import annotations

import re
from datetime import date

from reminder.deadlines.model import Period
from reminder.importers.deadline_find import find_in_sentence
from reminder.importers.executors import lead_notes, split_executors, split_top_level
from reminder.importers.model import Task
from reminder.importers.words import (
    ARTICLES,
    CO_MARKERS,
    DATIVE_ADJECTIVE_ENDINGS,
    DATIVE_ADJECTIVE_SINGULAR,
    DATIVE_HEADS,
    FROM_WORDS,
    FUTURE_WORDS,
    HEADING_WORDS,
    INSTRUCTION_VERBS,
    ORG_WORDS,
    PEOPLE_WORDS,
)

_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+(?=\w)")
_NUMBERING = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)[.)]\s+")
_BULLET = re.compile(r"^[-•*–]\s+")
_ACTOR_WINDOW = 4  # the subject sits within the first words after the date
_PUNCT = ".,;:()«»\"'„“”"
_CAP = "A-ZА-ЯЁІЇЄҐĀČĒĢĪĶĻŅŠŪŽ"
# The responsible official in brackets after a body: "(Петрова А.А.)", "(О.П. Коваленко)".
_PERSON = re.compile(rf"\s*\((?:[{_CAP}][\w'’-]+\s+[{_CAP}]\.\s?(?:[{_CAP}]\.)?"
                     rf"|[{_CAP}]\.\s?(?:[{_CAP}]\.)?\s*[{_CAP}][\w'’-]+)\)")
# A sentence end that is an initial's dot ("Коваленко О. П.", "А.А."): not a sentence end.
_INITIAL = re.compile(rf"(?:^|[\s(.])[{_CAP}]\.$")


def _is_org(word: str) -> bool:
    w = word.strip(_PUNCT).lower()
    return bool(w) and any(w.startswith(stem) for stem in ORG_WORDS)


def _is_people(word: str) -> bool:
    w = word.strip(_PUNCT).lower()
    return any(w.startswith(stem) for stem in PEOPLE_WORDS)


def _actor_after(text: str) -> str | None:
    """The body named at the start of the text after the date ("Valsts kanceleja tīmekļa ...")."""
    words = text.split()
    for i, word in enumerate(words[:_ACTOR_WINDOW]):
        if not _is_org(word):
            continue
        a = i
        while a > 0 and words[a - 1][:1].isupper():
            a -= 1
        b = i + 1
        while b < len(words) and (_is_people(words[b]) or words[b].strip(_PUNCT).isupper()):
            b += 1
        return " ".join(words[a:b]).strip(_PUNCT + " ")
    return None


def _actor_before(text: str, lang: str | None = None) -> str | None:
    """The addressee of a protocol instruction written before its date, in nominative."""
    words = text.split()
    while words and words[0].lower().strip(_PUNCT) in (*INSTRUCTION_VERBS, *ARTICLES):
        words = words[1:]
    # "The Ministry of Justice will publish ...": the actor ends where the verb phrase starts
    for k, word in enumerate(words):
        if word.lower() in FUTURE_WORDS:
            words = words[:k]
            break
    if not words or len(words) > 25 or not any(_is_org(w) for w in words):
        return None
    # the addressee of an instruction is in the dative: name it as the directory does (the
    # head comes first in ru/uk, last in lv: "Vides ... ministrijai"), each body of a list
    pieces = split_top_level(" ".join(words), ",")
    named = [_nominative(p.split(), lang, len(p.split())) for p in pieces]
    return _trim(", ".join(" ".join(w) for w in named if w))


def _trim(actor: str) -> str:
    """The actor without punctuation around it, keeping a closing quote or bracket that
    closes one inside ("МКУ «Центр обеспечения деятельности»"); "X совместно с Y" is a list."""
    actor = actor.strip(_PUNCT + " ")
    for opening, closing in ("«»", "()", "„“", "“”"):
        if actor.count(opening) > actor.count(closing):
            actor += closing
    if actor.count('"') % 2:
        actor += '"'
    for marker in CO_MARKERS:
        actor = re.sub(rf"\s+{re.escape(marker)}\s+", ", ", actor, flags=re.IGNORECASE)
    return actor


def _split_sentences(line: str) -> list[str]:
    """Split after . ! ? ; where the next word starts with a capital or is a "2." number."""
    parts: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(line):
        nxt = line[m.end():]
        if re.fullmatch(r"\d{1,3}(?:\.\d{1,3})*\.", line[start:m.start()]):
            continue  # "3. Поручить": the item's number, not a sentence
        if _INITIAL.search(line[start:m.start()]):
            continue  # "(Коваленко О. П.)": an initial's dot, not a sentence end
        colon = line[m.start() - 1] == ":"  # "...підрозділів: 1.1. До ...": an item begins
        if (nxt[:1].isupper() and not colon) or _NUMBERING.match(nxt):
            parts.append(line[start:m.start()])
            start = m.end()
    parts.append(line[start:])
    return [p.strip() for p in parts if p.strip()]


def _says_future(sentence: str) -> bool:
    lower = f" {sentence.lower()} "
    return any(f" {word} " in lower for word in FUTURE_WORDS)


def sentences(paragraphs: list[str]) -> list[str]:
    """Bullets and sentences of the running text, bullet markers removed."""
    out: list[str] = []
    for para in paragraphs:
        for line in para.split("\n"):
            line = _BULLET.sub("", line.strip())
            out.extend(_split_sentences(line))
    return out


def document_date(paragraphs: list[str], period: Period | str, lang: str | None) -> date | None:
    """The date the document was written: the first single day named in its first lines."""
    for para in paragraphs[:15]:
        # "от 1 февраля 2024 г." reads as "from": the day itself is the "by" reading inside it
        found = find_in_sentence(para, period, lang, kinds=("by",))
        if found:
            d = found[2]
            if d.end and (d.kind == "by" or d.start == d.end):
                return d.end
    return None


def _nominative(words: list[str], lang: str | None = None, window: int = 4) -> list[str]:
    """An addressee in the dative as the directory names it: the head noun from
    DATIVE_HEADS (within the first ``window`` words), the adjectives before it by
    DATIVE_ADJECTIVE_ENDINGS (plural) or the language's DATIVE_ADJECTIVE_SINGULAR; the rest
    (genitive complements: "структурних підрозділів") is the same in both cases."""
    out = list(words)
    for k, word in enumerate(words[:window]):
        head = DATIVE_HEADS.get(word.lower().strip(_PUNCT))
        if not head:
            continue
        out[k] = head if word[:1].isupper() else head.lower()
        singular = DATIVE_ADJECTIVE_SINGULAR.get(lang or "", ()) if head[-1:] != "и" else ()
        for j in range(k):
            for dative, nominative in (*DATIVE_ADJECTIVE_ENDINGS, *singular):
                if out[j].lower().endswith(dative):
                    out[j] = out[j][: -len(dative)] + nominative
                    break
        return out
    return out


def _addressee(body: str) -> str | None:
    """The body an order's item addresses ("Керівникам структурних підрозділів:",
    "Ministrijām:"), named as the directory names it; None when the line is no addressee."""
    text = body.strip()
    if not text.endswith(":"):
        return None
    words = text.rstrip(":").split()
    while words and words[0].lower().strip(_PUNCT) in INSTRUCTION_VERBS:
        words = words[1:]
    if not words or len(words) > 25:
        return None
    heads = [w for w in words[:4] if w.lower().strip(_PUNCT) in DATIVE_HEADS]
    if not heads and not any(_is_org(w) or _is_people(w) for w in words[:4]):
        return None
    return " ".join(_nominative(words)).strip(_PUNCT + " ")


def _is_heading(body: str) -> bool:
    """Whether an unnumbered line is an order's heading: "Про організацію роботи ...", "О
    мерах ...", "Par ..." (a heading word, then a lower-case word)."""
    words = body.split()
    return (len(words) > 1 and words[0].lower() in HEADING_WORDS
            and words[1][:1].islower())


def _within(number: str | None, parent: str | None) -> bool:
    """Whether item ``number`` ("1.2") is a sub-item of ``parent`` ("1"); an unnumbered
    addressee covers what follows it."""
    return parent is None or (number is not None and number.startswith(parent + "."))


def prose_tasks(
    paragraphs: list[str], period: Period | str, lang: str | None, written: date | None
) -> list[Task]:
    """Candidate tasks from the sentences of the running text, in document order.

    An order's item that names only its addressee ("1. Керівникам структурних підрозділів:")
    gives its sub-items ("1.1. До 01.03.2024 забезпечити ...") their lead: each sub-item
    with a deadline is a task of its own, led by the addressee.
    """
    tasks: list[Task] = []
    addressee: tuple[str | None, str] | None = None  # (item number, name)
    for sentence in sentences(paragraphs):
        m = _NUMBERING.match(sentence)
        number = m.group(1) if m else None
        body = sentence[m.end():] if m else sentence
        if addressee and number and not _within(number, addressee[0]):
            addressee = None  # the next item of the order: its addressee no longer applies
        # A numbered item of an order may repeat ("Щокварталу до 5 числа ... подавати");
        # a date in running text is read only as a window or a day.
        if not number and _is_heading(body):
            continue  # "Про організацію роботи ... у 2024 році": the order's subject
        # The official named in brackets after the body answers for it inside the body: the
        # name is kept in the title, left out of the executor and the deadline, and what
        # follows it up to the date is the instruction's verb ("(Кузнецов В.В.) обеспечить").
        person = _PERSON.search(body)
        text = _PERSON.sub("", body)
        kinds = ("window", "by", "recurring") if number else ("window", "by")
        found = find_in_sentence(text, period, lang, kinds)
        if not found:
            named = _addressee(body)
            if named:
                addressee = (number, named)
            continue
        a, b, deadline = found
        phrase = text[a:b]
        before = text[:a].split()
        opener = (before[-1] if before else phrase.split()[0]).lower().strip(_PUNCT)
        if opener in FROM_WORDS or phrase.split()[0].lower() in FROM_WORDS:
            continue  # "No 2016.gada 1.janvāra ...": a fact since a date, not a commitment
        if written and deadline.end and deadline.end <= written:
            continue  # already past when the document was written
        cut = min(a, person.start()) if person else a
        actor = _actor_before(text[:cut], lang) if cut > 0 else None
        if not actor and addressee:
            actor = addressee[1]
        actor = actor or _actor_after(text[b:])
        if not actor and not _says_future(text):
            continue
        task_id = m.group(1) if m else str(len(tasks) + 1)
        task = Task(id=task_id, title=body.rstrip(" ;"), deadline=phrase)
        task.note("task", "candidate task found in running text: keep, edit or delete")
        if addressee and actor == addressee[1]:
            item = f"item {addressee[0]}" if addressee[0] else "the order"
            task.note("executors", f"lead: the addressee of {item}, named in the nominative: "
                                   "check the name")
        if actor:
            task.executors = split_executors(actor)
            lead_notes(task)
        else:
            task.note("executors", "not yet set: the sentence names no body")
        tasks.append(task)
    return tasks
