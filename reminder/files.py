"""Writing a file the way every command that writes one does: atomically, a reader sees the
old file or the whole new one (a temporary file beside it, fsync, then a rename)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write ``data`` to ``path``: all of it or, on any failure, nothing (the file as it was).

    A symbolic link is written through (its target replaced, the link kept); a device or pipe
    (``-o /dev/stdout``) is written to as it is, never replaced. ``mode``: the file's
    permissions; by default those of the file replaced, or 0644 for a new one (mkstemp's
    0600 would hide it from a daemon running as another user)."""
    target = Path(os.path.realpath(path))
    if target.exists() and not target.is_file():
        with open(target, "wb") as f:
            f.write(data)
        return
    if mode is None:
        mode = target.stat().st_mode & 0o7777 if target.exists() else 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
