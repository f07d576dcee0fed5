"""The one small interface every delivery channel implements."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from reminder.messages.model import Message, Recipient, RenderedMessage


class DeliveryError(Exception):
    """A send that did not go through. Transports raise one of its three kinds and record
    nothing: the tick alone decides what a failure means for the ledger (see
    reminder.schedule.retry)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class TransientError(DeliveryError):
    """Trying again later can help: a timeout, a dropped connection, SMTP 4xx, Telegram flood
    control. ``retry_after`` is the wait in seconds the server asked for, when it said one."""

    def __init__(self, reason: str, *, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


class Unreachable(TransientError):
    """The server itself cannot be reached (connection refused, DNS, TLS handshake, timeout
    before the greeting): every other message on this channel would fail the same way, so
    the tick stops trying the channel for the rest of its pass."""


class PermanentError(DeliveryError):
    """Trying again cannot help: SMTP 5xx, a refused login, a message the server rejects."""


class DeadContact(PermanentError):
    """The address itself is gone (a Telegram chat that blocked the bot or was deleted): the
    same items go by the recipient's next channel. ``address`` is the dead one."""

    def __init__(self, reason: str, address: str) -> None:
        super().__init__(reason)
        self.address = address


@runtime_checkable
class Channel(Protocol):
    """A way to reach a recipient. ``name`` is part of the ledger key ("outbox", "email",
    "telegram"); ``max_length`` is the longest body the channel takes (None: no limit)."""

    name: str
    max_length: int | None

    def addresses(self, recipient: Recipient) -> tuple[str, ...]:
        """The recipient's addresses on this channel; empty when it cannot be reached here."""
        ...

    async def send(self, message: Message, rendered: RenderedMessage, address: str) -> None:
        """Deliver one rendered message to one address; raise a DeliveryError kind when it fails."""
        ...

    async def aclose(self) -> None:
        """Release connections; the channel may not be used afterwards."""
        ...
