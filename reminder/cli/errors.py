"""The one exception type the CLI turns into a clear message and a non-zero exit."""

from __future__ import annotations


class UserError(Exception):
    """A mistake in what the user gave us (a file, a flag, an id): no traceback, exit non-zero.

    The message names the file, line and key where it can.
    """

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code
