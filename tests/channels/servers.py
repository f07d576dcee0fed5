"""Real local servers for the channel tests: aiosmtpd for SMTP, a tiny Bot API for Telegram."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from aiosmtpd.smtp import SMTP, AuthResult, Envelope, Session


class Recording:
    """Accepts everything and keeps each envelope; counts connections."""

    def __init__(self) -> None:
        self.envelopes: list[Envelope] = []
        self.connections = 0

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        self.envelopes.append(envelope)
        return "250 2.0.0 OK queued"


class GreylistOnce(Recording):
    """Answers 451 to the first message, then accepts (greylisting)."""

    def __init__(self) -> None:
        super().__init__()
        self.refused = 0

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        if not self.refused:
            self.refused += 1
            return "451 4.7.1 Greylisted, please try again later"
        return await super().handle_DATA(server, session, envelope)


class RejectRecipient(Recording):
    """Answers 550 to every recipient."""

    async def handle_RCPT(self, server: SMTP, session: Session, envelope: Envelope,
                          address: str, rcpt_options: list[str]) -> str:
        return "550 5.1.1 No such user here"


def password_checker(expected: bytes) -> Any:
    """An aiosmtpd authenticator accepting one password."""

    def check(server: SMTP, session: Session, envelope: Envelope, mechanism: str,
              auth_data: Any) -> AuthResult:
        ok = getattr(auth_data, "password", None) == expected
        return AuthResult(success=ok, handled=False)

    return check


@asynccontextmanager
async def smtp_server(handler: Recording, **smtp_kwargs: Any) -> AsyncIterator[int]:
    """An aiosmtpd server on a free port of 127.0.0.1 in the running loop; yields the port."""
    loop = asyncio.get_running_loop()

    def factory() -> SMTP:
        handler.connections += 1
        return SMTP(handler, hostname="mx.test", **smtp_kwargs)

    server = await loop.create_server(factory, "127.0.0.1", 0)
    try:
        yield server.sockets[0].getsockname()[1]
    finally:
        server.close()


@asynccontextmanager
async def silent_server() -> AsyncIterator[int]:
    """Accepts TCP connections and never says a word (to test timeouts)."""
    writers: list[asyncio.StreamWriter] = []

    async def hold(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writers.append(writer)

    server = await asyncio.start_server(hold, "127.0.0.1", 0)
    try:
        yield server.sockets[0].getsockname()[1]
    finally:
        for writer in writers:
            writer.close()
        server.close()
