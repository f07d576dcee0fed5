"""One calendar feed as iCalendar bytes, from plain entries: pure, so the same state gives the
same bytes (a subscriber's app and a web server's ETag see no change when there is none).

Every occurrence is an all-day event on its due date (``DTSTART;VALUE=DATE``, the exclusive
``DTEND`` the day after): a due date is a calendar date of the plan, the same day in every
zone, so no time zone is written. An occurrence with a window longer than its due day (a
quarter's task: 1 July - 30 September) also gets a second all-day event spanning the window.
Two events rather than one stretched from the window's start to the due date, because a
stretched event is listed on its first day in agenda and phone views, and its due date is only
where a bar ends; as two, the due date is an item of its own on its day, and the window is a
bar a person can hide without losing it.

The event's identity is the occurrence's: plan id, task id and sequence (never a database row
id), so a reload, a restored backup or another daemon produce the same UID. ``SEQUENCE`` is
the occurrence's revision (a count of its history that changes the event, from reminder.
calendar.read), and ``DTSTAMP`` the instant of that last change: RFC 5545 makes DTSTAMP of an
object without METHOD the time its information was last revised, which is state, not the
clock. An item no longer open (done, cancelled, its plan closed or archived, its task removed
from the plan) stays in the feed as ``STATUS:CANCELLED`` with a higher SEQUENCE: iCalendar's
one way to make an app that imported the file before remove the event on the next import (an
event that just vanishes from a file stays in such a calendar for good).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event, vDuration, vText

from reminder.languages import Table
from reminder.messages.i18n import pick_language, role_name, window

PRODID = "-//reminder//calendar feed 1//EN"
SUMMARY_LIMIT = 80  # characters of the summary: what a month view shows of it, and more
REFRESH = timedelta(hours=1)  # how often a subscriber is asked to fetch the feed again
UID_DOMAIN = "reminder"  # UIDs are "<plan>/<task>/<seq>@reminder" (RFC 5545 suggests id@host)
# An event with no recorded change yet: a fixed instant, so its bytes do not follow the clock.
NEVER_CHANGED = datetime(2000, 1, 1, tzinfo=UTC)
ACTIVE = ("open", "reported")  # occurrence statuses whose event is shown as scheduled

# The labels of the description and the feed's name, per language (the plan's for an event,
# the reader's for the feed's name). Role words are the messages' (reminder.messages.i18n).
WORDS: Table[dict[str, str]] = Table("calendar", "WORDS")


@dataclass(frozen=True)
class Member:
    """An executor of a task as its event shows them."""

    id: str
    name: str
    role: str  # lead | co | partner | involved


@dataclass(frozen=True)
class Entry:
    """One occurrence with what its event shows, as plain values."""

    plan_id: str
    plan_title: str
    plan_status: str  # open | closed | archived
    language: str  # the plan's
    task_id: str
    title: str
    deadline_text: str | None
    task_removed: bool  # gone from its plan file (archived)
    seq: int
    window_start: date | None
    due: date
    status: str  # open | reported | done | cancelled
    team: tuple[Member, ...]
    revision: int  # raised by every change of the event (reminder.calendar.read)
    changed_at: datetime | None  # the last such change; None: none recorded

    @property
    def active(self) -> bool:
        """Whether the event is a live item rather than one to cancel."""
        return (self.status in ACTIVE and self.plan_status == "open"
                and not self.task_removed)


def uid(entry: Entry, part: str = "") -> str:
    """The event's stable identity: ``<plan>/<task>/<seq>[/part]@reminder`` (ids hold no "/",
    so no two occurrences share one)."""
    tail = f"/{part}" if part else ""
    return f"{entry.plan_id}/{entry.task_id}/{entry.seq}{tail}@{UID_DOMAIN}"


def summary(entry: Entry, label: str = "") -> str:
    """``<plan>/<task>: <title>`` on one line, the title cut with "…" to SUMMARY_LIMIT;
    ``label`` goes after the task ("<plan>/<task> (window): ...")."""
    head = f"{entry.plan_id}/{entry.task_id}" + (f" ({label})" if label else "") + ": "
    title = " ".join(entry.title.split())  # plan cells carry line breaks
    room = max(SUMMARY_LIMIT - len(head), 10)
    if len(title) > room:
        title = title[:room - 1].rstrip() + "…"
    return head + title


def description(entry: Entry, executor: str | None) -> str:
    """The event's text in the plan's language: the title in full, the plan's deadline phrase,
    the window, the lead and co-executors, the role of the feed's reader, the status."""
    lang = pick_language(entry.language)
    w = WORDS[lang]
    lines = [entry.title.strip(), ""]
    if entry.deadline_text:
        lines.append(f"{w['deadline']}: {entry.deadline_text}")
    if entry.window_start is not None and entry.window_start < entry.due:
        lines.append(f"{w['window']}: {window(entry.window_start, entry.due, lang)}")
    leads = [m for m in entry.team if m.role == "lead"]
    cos = [m for m in entry.team if m.role == "co"]
    if leads:
        lines.append(f"{w['lead']}: " + ", ".join(_who(m) for m in leads))
    if cos:
        lines.append(f"{w['co']}: " + ", ".join(_who(m) for m in cos))
    mine = [m for m in entry.team if m.id == executor]
    if mine:
        lines.append(f"{w['role']}: {role_name(mine[0].role, lang)}")
    status = w.get(entry.status, entry.status)
    if entry.task_removed:
        status += "; " + w["removed"]
    elif entry.plan_status != "open":
        status += "; " + w.get(f"plan_{entry.plan_status}", entry.plan_status)
    lines.append(f"{w['status']}: {status}")
    lines.append(f"{entry.plan_id}: {' '.join(entry.plan_title.split())}")
    return "\n".join(lines)


def _text(value: str) -> str:
    """Plan text as RFC 5545 allows it in a TEXT value: control and direction-override
    characters (an escape, U+202E) dropped, line breaks kept (the library escapes them)."""
    return "".join(c for c in value if c in "\n\t" or unicodedata.category(c) not in ("Cc", "Cf"))


def _who(m: Member) -> str:
    return m.name if m.name == m.id else f"{m.name} ({m.id})"


def calendar_name(language: str | None, reader: str | None) -> str:
    """The feed's name as apps list it: "Reminders: <reader>", or "...: all plans"."""
    w = WORDS[pick_language(language)]
    return f"{w['feed']}: {reader or w['all']}"


def feed(entries: Iterable[Entry], name: str, executor: str | None = None) -> bytes:
    """The iCalendar file of ``entries``, named ``name``; ``executor``: the directory id the
    feed is for (its role is written in each event), None for the whole deployment's feed.
    Events are in the order of due date, plan, task and sequence, whatever the input's."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    # vText given explicitly: icalendar writes an X- property it does not know unescaped
    cal.add("x-wr-calname", vText(name))
    cal.add("name", vText(name))  # RFC 7986's name for the same thing
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", vDuration(REFRESH))  # the same, as Outlook reads it
    for entry in sorted(entries, key=lambda e: (e.due, e.plan_id, e.task_id, e.seq)):
        text = description(entry, executor)
        cal.add_component(_event(entry, uid(entry), entry.due, entry.due, summary(entry), text))
        if entry.window_start is not None and entry.window_start < entry.due:
            label = WORDS[pick_language(entry.language)]["window_event"]
            cal.add_component(_event(entry, uid(entry, "window"), entry.window_start,
                                     entry.due, summary(entry, label), text))
    return cal.to_ical()


def _event(entry: Entry, event_uid: str, first: date, last: date, title: str,
           text: str) -> Event:
    """An all-day event from ``first`` to ``last`` (both shown; DTEND is the day after)."""
    ev = Event()
    ev.add("uid", event_uid)
    ev.add("dtstamp", (entry.changed_at or NEVER_CHANGED).astimezone(UTC))
    ev.add("sequence", entry.revision)
    ev.add("dtstart", first)  # a date: written VALUE=DATE, floating, as all-day events are
    ev.add("dtend", last + timedelta(days=1))
    ev.add("summary", _text(title))
    ev.add("description", _text(text))
    ev.add("status", "CONFIRMED" if entry.active else "CANCELLED")
    ev.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy that day
    return ev
