"""What a python-telegram-bot error means for a delivery: one of the DeliveryError kinds.

PTB's classes overlap: ``BadRequest`` and ``TimedOut`` are subclasses of ``NetworkError``, and
PTB raises a plain ``NetworkError`` both when the HTTP request itself failed and for an HTTP
status it has no class of its own for (500, 502, 413, ...). Only the first means the Bot API
cannot be reached; the second is a quick answer from a server that is there.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from datetime import timedelta

from telegram.error import (
    BadRequest,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)

from reminder.channels.base import (
    DeadContact,
    DeliveryError,
    PermanentError,
    TransientError,
    Unreachable,
)

# Bad Request descriptions that mean the chat itself is gone, not that this message was wrong.
_DEAD_CHAT = ("chat not found", "user not found", "peer_id_invalid", "chat_id is empty")


def server_wait(exc: RetryAfter) -> float:
    """The seconds Telegram's flood control asked to wait, as a float."""
    with warnings.catch_warnings():  # PTB warns that retry_after will become a timedelta
        warnings.simplefilter("ignore")
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def _transport_failure(exc: NetworkError) -> bool:
    # PTB chains the HTTP library's own exception (httpx.ConnectError, ...) when the request
    # failed; an error built from an HTTP answer has no cause, or a TelegramError about the
    # answer's body.
    cause = exc.__cause__
    return cause is not None and not isinstance(cause, TelegramError)


def classify(exc: TelegramError, chat: str | None = None,
             clean: Callable[[str], str] = str) -> DeliveryError:
    """The DeliveryError kind for a PTB error raised while talking to the Bot API.

    ``chat`` is the chat the request was for (None for getMe): only then can a refusal mean a
    dead contact. ``clean`` scrubs the bot token out of server texts before they become a
    reason, which ends up in the ledger and the logs.
    """
    text = clean(exc.message)
    where = f"Telegram chat {chat}" if chat is not None else "Telegram"
    if isinstance(exc, RetryAfter):
        wait = server_wait(exc)
        return TransientError(f"Telegram flood control: retry in {wait:.0f} s", retry_after=wait)
    if isinstance(exc, InvalidToken):
        return PermanentError(f"Telegram rejected the bot token ({text})")
    if isinstance(exc, Forbidden):
        # 403 for a chat: the bot was blocked, kicked, or the user is deactivated.
        if chat is not None:
            return DeadContact(f"{where}: {text}", chat)
        return PermanentError(f"{where}: {text}")
    if isinstance(exc, BadRequest):  # before NetworkError, its base class
        if chat is not None and any(s in exc.message.lower() for s in _DEAD_CHAT):
            return DeadContact(f"{where}: {text}", chat)
        return PermanentError(f"{where}: {text}")
    if isinstance(exc, TimedOut):  # also a NetworkError subclass
        return Unreachable(f"Telegram timed out: {text}")
    if isinstance(exc, NetworkError) and _transport_failure(exc):
        return Unreachable(f"Telegram unreachable: {text}")
    return TransientError(f"{where}: Telegram error: {text}")
