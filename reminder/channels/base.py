"""The one small interface every delivery channel implements."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from reminder.messages.model import Message, Recipient, RenderedMessage


class DeliveryError(Exception):
    """A send that did not go through.

    ``permanent`` says whether retrying can help (SMTP 5xx, a blocked bot: no; a timeout, 4xx:
    yes); ``retry_after`` is the wait in seconds the server asked for, when it said.
    """

    def __init__(
        self, reason: str, *, permanent: bool = False, retry_after: float | None = None
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent
        self.retry_after = retry_after


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
        """Deliver one rendered message to one address; raise DeliveryError when it fails."""
        ...

    async def aclose(self) -> None:
        """Release connections; the channel may not be used afterwards."""
        ...
