"""The daemon's folder of calendar feeds (``calendar.folder`` in reminder.yaml): ``all.ics``
for the whole deployment and ``executors/<id>.ics`` for each executor of the directory, for
departments to subscribe to (a web server publishes the folder).

Each file is written atomically (a temporary file in the same folder, renamed over the old
one: a subscriber never fetches half a file) and only when its bytes change. The daemon asks
after every pass; the feeds are built again only when the history grew (every done, reopen,
extension, request, report and reload's change writes a row there), after a start or reload,
or once REBUILD_EVERY otherwise (a change no history row marks: a plan's title edited and
synced by a command-line run), so an idle pass costs one small query.
"""

from __future__ import annotations

import logging
import os
import urllib.parse
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from reminder import files
from reminder.calendar.build import calendar_name, feed
from reminder.calendar.read import entries
from reminder.store.models import HistoryRow, OccurrenceRow
from reminder.store.specs import Deployment

log = logging.getLogger("reminder.calendar")
REBUILD_EVERY = timedelta(hours=1)
ALL = "all.ics"
EXECUTORS = "executors"  # the subfolder of the executors' feeds: no id can clash with all.ics


def file_name(executor_id: str) -> str:
    """An executor's feed file: its id percent-encoded where a URL or a file name would
    misread it (ids hold no "/" or spaces, but may hold any other character)."""
    return urllib.parse.quote(executor_id, safe="") + ".ics"


def write_atomic(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` unless it holds them already (reminder.files.write_atomic,
    readable by all: a web server publishes them; they hold plan text, no secret); True when
    written."""
    target = Path(os.path.realpath(path))
    if target.is_file() and target.read_bytes() == data:
        return False
    files.write_atomic(target, data, mode=0o644)
    return True


def write_feeds(engine: Engine, folder: Path, dep: Deployment) -> int:
    """Build every feed from the store and write those that changed: the whole deployment's,
    and one per executor of ``dep``'s directory; remove the feeds of executors no longer in
    it. Returns how many files were written or removed."""
    with Session(engine) as s:
        everything = entries(s)
    sec = next((e for e in dep.executors if e.id == dep.secretariat), None)
    feeds = {Path(ALL): feed(everything, calendar_name(sec.language if sec else None, None))}
    for e in dep.executors:
        # the tasks it has a role in: as `reminder calendar --executor` reads them
        mine = [x for x in everything if any(m.id == e.id for m in x.team)]
        feeds[Path(EXECUTORS) / file_name(e.id)] = feed(mine, calendar_name(e.language, e.name),
                                                        e.id)
    (folder / EXECUTORS).mkdir(parents=True, exist_ok=True)
    written = sum(write_atomic(folder / name, data) for name, data in feeds.items())
    for old in sorted((folder / EXECUTORS).glob("*.ics")):
        if Path(EXECUTORS) / old.name not in feeds:
            old.unlink(missing_ok=True)  # a removed executor: its subscribers get "gone"
            written += 1
    return written


def _marker(engine: Engine) -> tuple[int, int | None, int]:
    """What changes whenever the feeds may have: the history's size and last row, and the
    number of occurrences (a new task or a longer deadline adds some without history)."""
    with Session(engine) as s:
        n, last = s.exec(select(func.count(), func.max(HistoryRow.id))).one()
        occs = s.exec(select(func.count()).select_from(OccurrenceRow)).one()
    return int(n), last, int(occs)


@dataclass
class CalendarFolder:
    """The feeds of one folder, kept up to date by the daemon (`refresh` after each pass)."""

    folder: Path
    _marker: tuple[int, int | None, int] | None = field(default=None, repr=False)
    _built_at: datetime | None = field(default=None, repr=False)
    _error: str | None = field(default=None, repr=False)

    def refresh(self, engine: Engine, dep: Deployment, now: datetime) -> int:
        """Write the feeds if the state may have changed since the last time; returns the
        number of files written. A folder that cannot be written is logged (once per
        distinct error), never raised: the calendar must not stop reminders."""
        marker = _marker(engine)
        due = self._built_at is None or now - self._built_at >= REBUILD_EVERY
        if marker == self._marker and not due:
            return 0
        try:
            written = write_feeds(engine, self.folder, dep)
        except OSError as exc:
            message = f"{exc.filename or self.folder}: {exc.strerror or exc}"
            if message != self._error:
                log.error("calendar feeds not written, trying again after the next pass: %s",
                          message)
            self._error = message
            return 0
        if self._error is not None:
            log.info("calendar feeds written again to %s", self.folder)
        self._marker, self._built_at, self._error = marker, now, None
        if written:
            log.info("calendar: %d feeds updated in %s", written, self.folder)
        return written
