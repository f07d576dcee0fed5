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


class Scripted(Recording):
    """Answers RCPT and/or DATA with a given reply, or hangs up at DATA without a word."""

    def __init__(self, rcpt: str | None = None, data: str | None = None,
                 hang_up: bool = False) -> None:
        super().__init__()
        self.rcpt, self.data, self.hang_up = rcpt, data, hang_up

    async def handle_RCPT(self, server: SMTP, session: Session, envelope: Envelope,
                          address: str, rcpt_options: list[str]) -> str:
        if self.rcpt is not None:
            return self.rcpt
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        if self.hang_up:
            assert server.transport is not None
            server.transport.close()  # as a crashing server would, mid-transaction
            return "250 never heard"
        if self.data is not None:
            return self.data
        return await super().handle_DATA(server, session, envelope)


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


class BotApi:
    """A local Bot API server speaking Telegram's wire format over real HTTP (asyncio streams).

    Every call is recorded as (method, params). Behaviour is scripted: ``fail_next`` queues an
    error answer for a method (with Telegram's description for the code unless one is given);
    chats in ``forbidden`` answer 403; ``migrated`` maps a group to its new supergroup id (400
    with migrate_to_chat_id); ``updates`` feeds getUpdates.
    ``port`` 0 takes a free one; a given port lets a test start the server where a client
    was already pointed (a Bot API that comes back).
    """

    def __init__(self, token: str = "123456:TEST-token", port: int = 0) -> None:
        self.token = token
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.call_times: list[float] = []
        self.failures: dict[str, list[tuple[int, str | None, dict[str, Any]]]] = {}
        self.forbidden: set[str] = set()
        self.migrated: dict[str, int] = {}
        self.updates: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.port = port
        self._next_id = 0
        self._server: asyncio.Server | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def sent(self, method: str = "sendMessage") -> list[dict[str, Any]]:
        return [params for name, params in self.calls if name == method]

    def fail_next(self, method: str, code: int, description: str | None = None,
                  **parameters: Any) -> None:
        self.failures.setdefault(method, []).append((code, description, parameters))

    async def __aenter__(self) -> BotApi:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", self.port)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.close()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        import json
        import time
        from urllib.parse import parse_qsl

        try:
            while True:  # keep-alive: httpx reuses the connection
                request_line = await reader.readline()
                if not request_line:
                    return
                _verb, path, _ = request_line.decode().split(" ", 2)
                headers: dict[str, str] = {}
                while (line := await reader.readline()) not in (b"\r\n", b"\n", b""):
                    name, _, value = line.decode().partition(":")
                    headers[name.strip().lower()] = value.strip()
                body = await reader.readexactly(int(headers.get("content-length", "0")))
                is_json = "json" in headers.get("content-type", "")
                params = (json.loads(body or b"{}") if is_json
                          else dict(parse_qsl(body.decode())))
                prefix = f"/bot{self.token}/"
                if not path.startswith(prefix):
                    status, payload = 404, {"ok": False, "error_code": 404,
                                            "description": "Not Found"}
                else:
                    method = path[len(prefix):]
                    self.calls.append((method, params))
                    self.call_times.append(time.monotonic())
                    status, payload = await self._answer(method, params)
                data = json.dumps(payload).encode()
                writer.write(
                    f"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\n"
                    f"Content-Length: {len(data)}\r\n\r\n".encode() + data
                )
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            return
        finally:
            writer.close()

    async def _answer(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        import time

        queued = self.failures.get(method)
        if queued:
            code, description, parameters = queued.pop(0)
            if description is None:
                description = {429: f"Too Many Requests: retry after "
                                    f"{parameters.get('retry_after', 1)}",
                               403: "Forbidden: bot was blocked by the user",
                               500: "Internal Server Error"}.get(code, "Bad Request: scripted")
            return code, {"ok": False, "error_code": code, "parameters": parameters,
                          "description": description}
        chat = str(params.get("chat_id", ""))
        if method == "getMe":
            return 200, {"ok": True, "result": {
                "id": 123456, "is_bot": True, "first_name": "Reminder",
                "username": "reminder_test_bot", "can_join_groups": False,
                "can_read_all_group_messages": False, "supports_inline_queries": False}}
        if chat in self.forbidden:
            return 403, {"ok": False, "error_code": 403,
                         "description": "Forbidden: bot was blocked by the user"}
        if chat in self.migrated:
            return 400, {"ok": False, "error_code": 400,
                         "description": "Bad Request: group chat was upgraded to a supergroup",
                         "parameters": {"migrate_to_chat_id": self.migrated[chat]}}
        if method == "sendMessage":
            self._next_id += 1
            return 200, {"ok": True, "result": {
                "message_id": self._next_id, "date": int(time.time()),
                "chat": {"id": int(chat), "type": "private"}, "text": params.get("text", "")}}
        if method == "getUpdates":
            timeout = min(float(params.get("timeout", 0) or 0), 0.2)
            batch: list[dict[str, Any]] = []
            try:
                batch.append(await asyncio.wait_for(self.updates.get(), timeout or 0.01))
                while not self.updates.empty():
                    batch.append(self.updates.get_nowait())
            except TimeoutError:
                pass
            return 200, {"ok": True, "result": batch}
        return 200, {"ok": True, "result": True}
