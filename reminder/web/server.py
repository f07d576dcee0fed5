"""uvicorn serving the web view inside the daemon's event loop.

The socket is bound here (so a port in use is one clear error, and tests can ask for port 0)
and handed to uvicorn's ``startup``; uvicorn's ``serve()`` is not used, since it installs its
own SIGTERM handler (the daemon's must stay) and polls every 0.1 s (an idle daemon should
sleep). Stopping closes the listener and lets requests in flight finish, for at most
``GRACE`` seconds.
"""

from __future__ import annotations

import logging
import socket

import uvicorn
from starlette.applications import Starlette

log = logging.getLogger("reminder.web")
GRACE = 5  # seconds requests in flight may take to finish when the daemon stops


class WebServer:
    """One listening socket and the uvicorn server on it."""

    def __init__(self, app: Starlette, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.config = uvicorn.Config(app, host=host, port=port, lifespan="off",
                                     log_level="warning", access_log=False,
                                     server_header=False, date_header=False,
                                     timeout_graceful_shutdown=GRACE, proxy_headers=False)
        self.server = uvicorn.Server(self.config)
        self.sock: socket.socket | None = None

    @property
    def bound_port(self) -> int:
        """The port listened on (the one chosen by the system for port 0)."""
        return self.sock.getsockname()[1] if self.sock is not None else self.port

    async def start(self) -> None:
        """Bind and start serving; OSError (the port taken, an address not on this machine)
        says why it could not."""
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        self.sock = socket.create_server((self.host, self.port), family=family, backlog=64)
        self.sock.setblocking(False)
        self.config.load()
        self.server.lifespan = self.config.lifespan_class(self.config)
        try:
            await self.server.startup(sockets=[self.sock])
        except SystemExit:  # uvicorn's own way of failing to start
            self.sock.close()
            raise OSError(f"cannot serve on {self.host}:{self.port}") from None
        await self.server.on_tick(0)  # the default headers, set by its main loop otherwise

    async def stop(self) -> None:
        """Stop listening and finish the requests in flight."""
        if not self.server.started:
            return
        self.server.should_exit = True
        await self.server.shutdown(sockets=[self.sock] if self.sock else None)
        self.server.started = False
