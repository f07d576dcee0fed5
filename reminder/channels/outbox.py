"""The default channel: each message written as a file into an outbox folder.

Files are written atomically (a temporary file in the same folder, fsync, rename), so a reader
never sees half a message and a crash leaves either the whole file or none. The name comes from
the message's key, so sending the same message again after a crash rewrites the same file
instead of adding a duplicate.

A folder that cannot be written (missing and not creatable, full, read-only) is raised as
Unreachable: every other message would fail the same way, so the tick stops trying the outbox
for the rest of its pass and tries again later.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from email.utils import format_datetime
from pathlib import Path

from reminder.channels.base import Unreachable
from reminder.messages.model import Message, Recipient, RenderedMessage


class OutboxChannel:
    """Writes ``<recipient>-<message key>.txt`` files: headers, a blank line, the text body;
    a digest's chart beside it as ``<recipient>-<message key>.<content id>.png`` (named in
    the ``X-Reminder-Images`` header)."""

    name = "outbox"
    max_length: int | None = None

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._swept = False

    def _sweep(self) -> None:
        """Remove temporary files a killed process left behind (an hour old: never one
        another process is still writing)."""
        cutoff = time.time() - 3600
        for tmp in self.path.glob(".tmp-*"):
            with contextlib.suppress(OSError):
                if tmp.stat().st_mtime < cutoff:
                    tmp.unlink()
        self._swept = True

    def addresses(self, recipient: Recipient) -> tuple[str, ...]:
        """Everyone can be reached through the outbox: the folder is the address."""
        return (recipient.id,)

    def file_for(self, message: Message, address: str) -> Path:
        """Where ``message`` to ``address`` is (or will be) written."""
        safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in address)
        return self.path / f"{safe}-{message.key}.txt"

    async def send(self, message: Message, rendered: RenderedMessage, address: str) -> None:
        """Write the message atomically; raise Unreachable when the folder cannot be written."""
        try:
            self._write(message, rendered, address)
        except OSError as exc:
            raise Unreachable(f"outbox {self.path}: {exc.strerror or exc}") from None

    def _write(self, message: Message, rendered: RenderedMessage, address: str) -> None:
        self.path.mkdir(parents=True, exist_ok=True)
        if not self._swept:
            self._sweep()
        keys = ", ".join(i.ledger_key for i in message.items) or (
            message.notice.ledger_key if message.notice is not None else "")
        target = self.file_for(message, address)
        # the images first: a reader that sees the message file finds its images there
        images = [(target.with_suffix(f".{cid}.png"), png) for cid, png in rendered.images]
        for path, png in images:
            self._atomic(path, png)
        named = f"X-Reminder-Images: {', '.join(p.name for p, _ in images)}\n" if images \
            else ""
        body = (
            f"To: {message.recipient.name} <{address}>\n"
            f"Date: {format_datetime(message.send_at)}\n"
            f"Subject: {rendered.subject}\n"
            f"X-Reminder-Kind: {message.kind}\n"
            f"X-Reminder-Keys: {keys}\n"
            f"{named}"
            "\n"
            f"{rendered.text}\n"
        )
        self._atomic(target, body.encode("utf-8"))

    def _atomic(self, target: Path, data: bytes) -> None:
        """Write ``data`` to ``target`` whole or not at all (temporary file, fsync, rename)."""
        fd, tmp = tempfile.mkstemp(dir=self.path, prefix=".tmp-", suffix=target.suffix)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        dir_fd = os.open(self.path, os.O_RDONLY)
        try:
            os.fsync(dir_fd)  # the rename itself survives a power cut
        finally:
            os.close(dir_fd)

    async def aclose(self) -> None:
        """Nothing to release."""


def read_outbox(path: Path) -> list[dict[str, str]]:
    """Parse the outbox files (for tests and `reminder status`): headers plus ``body``."""
    out = []
    for f in sorted(Path(path).glob("*.txt")):
        if f.name.startswith(".tmp-"):
            continue  # a write that never finished (its process was killed)
        head, _, body = f.read_text(encoding="utf-8").partition("\n\n")
        entry = dict(line.split(": ", 1) for line in head.splitlines())
        entry["body"], entry["file"] = body, f.name
        out.append(entry)
    return out
