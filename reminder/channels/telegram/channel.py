"""The ``telegram`` channel: python-telegram-bot 22 over the Bot API (HTTPS, or a local Bot API
server named by ``channels.telegram.api_url``).

Bodies are Telegram HTML, rendered with everything from the plan escaped, and split at item
boundaries when longer than one message. Failures are raised as DeliveryError kinds (see
errors.classify); the channel records nothing about a failed delivery. What it does keep in
the store is its own address book: chats linked through the bot are addresses, and a chat found
dead or migrated is written to reminder.store.chats so it is skipped (or followed) from then on.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy.engine import Engine
from telegram import Bot, InlineKeyboardMarkup, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import ChatMigrated, RetryAfter, TelegramError
from telegram.request import HTTPXRequest

from reminder.channels.base import DeadContact, TransientError
from reminder.channels.telegram.buttons import keyboard
from reminder.channels.telegram.errors import classify, server_wait
from reminder.channels.telegram.redact import redact_token
from reminder.channels.telegram.split import MAX_LENGTH, split_html
from reminder.messages.model import Message, Recipient, RenderedMessage
from reminder.messages.render import message_language
from reminder.store import chats

log = logging.getLogger(__name__)
# httpx logs every request URL at INFO, and Bot API URLs contain the bot token.
logging.getLogger("httpx").setLevel(logging.WARNING)

DEFAULT_API_URL = "https://api.telegram.org"
LINKS_TTL = 30.0  # seconds between re-reads of the linked chats
# Flood control waits a send sits out in place, in total: Telegram answers a quick second part
# to the same chat with a wait of a second or two, and sitting that out keeps a split message
# whole (raising would resend its first part on the retry). Longer waits are raised.
MAX_WAIT = 5.0
MAX_TRIES = 5  # requests for one part: flood-control waits and a migration or two


class TelegramBotChannel:
    """The ``telegram`` channel: sends a rendered message to one chat id.

    A flood-control wait (429 with ``retry_after``) pauses every send of this channel for as
    long as Telegram asked. A send sits out at most ``max_wait`` seconds of such pauses in
    total; a longer one is raised as TransientError carrying the rest of the server's wait,
    and later sends raise it at once, without a request, until the pause is over.
    ChatMigrated is followed to the new chat id and reported through ``on_migrated``.
    """

    name = "telegram"
    max_length: int | None = MAX_LENGTH

    def __init__(
        self, token: str, api_url: str = DEFAULT_API_URL, *, max_wait: float = MAX_WAIT,
        timeout: float = 10.0,
        on_migrated: Callable[[str, str], Awaitable[None] | None] | None = None,
        bot: Bot | None = None,
    ) -> None:
        api = api_url.rstrip("/")
        redact_token(token)  # before the Bot is made: it logs its URL, token included
        request = HTTPXRequest(connect_timeout=timeout, read_timeout=timeout,
                               write_timeout=timeout, pool_timeout=timeout)
        self.bot = bot or Bot(token, base_url=f"{api}/bot", base_file_url=f"{api}/file/bot",
                              request=request)
        self._token = token
        self.max_wait = max_wait
        self.on_migrated = on_migrated
        self._ready = False
        self._paused_until = 0.0  # event-loop time before which Telegram asked for quiet
        self._init_lock = asyncio.Lock()
        self._engine: Engine | None = None
        self._linked: dict[str, tuple[str, ...]] = {}
        self._dead: set[str] = set()
        self._loaded_at = -1e9

    @classmethod
    def from_config(cls, cfg: Any, **kwargs: Any) -> TelegramBotChannel:
        """Build from ``channels.telegram`` (the config layer fills ``token`` from the secret)."""
        return cls(cfg.token.get_secret_value(), cfg.api_url, **kwargs)

    def __repr__(self) -> str:
        return "TelegramBotChannel()"

    def attach_store(self, engine: Engine) -> None:
        """Use the store: chats linked through the bot become addresses, and a chat found
        dead (bot blocked) is recorded there and skipped from then on."""
        self._engine = engine
        self._refresh(force=True)

    def _refresh(self, force: bool = False) -> None:
        # The bot links chats while the daemon runs: re-read at most every LINKS_TTL seconds.
        now = time.monotonic()
        if self._engine is None or (not force and now - self._loaded_at < LINKS_TTL):
            return
        self._linked = chats.linked_chats(self._engine)
        self._dead = chats.dead_chats(self._engine)
        self._loaded_at = now

    def addresses(self, recipient: Recipient) -> tuple[str, ...]:
        """The recipient's chats: from the directory and linked with a code, minus dead ones."""
        self._refresh()
        return chats.live_chats(recipient.telegram_chats, self._linked.get(recipient.id, ()),
                                self._dead)

    def _clean(self, text: str) -> str:
        return text.replace(self._token, "<token>") if self._token else text

    async def _ensure_ready(self) -> None:
        async with self._init_lock:
            if not self._ready:
                try:
                    await self.bot.initialize()  # getMe: also proves the token works
                except TelegramError as exc:
                    raise classify(exc, None, self._clean) from None
                self._ready = True

    def keyboard(self, message: Message) -> InlineKeyboardMarkup | None:
        """Done / need more time / snooze buttons for the items the recipient acts on."""
        return keyboard(message, message_language(message))

    async def send(self, message: Message, rendered: RenderedMessage, address: str) -> None:
        """Send the Telegram body to chat ``address``, split at item boundaries; the buttons go
        with the last part. Raises a DeliveryError kind (DeadContact for a chat that is gone)."""
        await self._ensure_ready()
        parts = split_html(rendered.telegram_html, MAX_LENGTH)
        markup = self.keyboard(message)
        deadline = asyncio.get_running_loop().time() + self.max_wait
        chat = address
        try:
            for n, part in enumerate(parts, start=1):
                chat = await self._send_part(chat, part, markup if n == len(parts) else None,
                                             deadline)
        except DeadContact as exc:
            self._dead.add(exc.address)
            if self._engine is not None:
                chats.mark_dead(self._engine, exc.address, message.recipient.id, exc.reason,
                                message.send_at)  # the tick's clock, as the ledger's
            raise
        if chat != address and self._engine is not None:
            # A group became a supergroup: the new id replaces the old one for good.
            chats.move_chat(self._engine, address, chat, message.recipient.id,
                            message.send_at)
            self._refresh(force=True)

    async def _sit_out_pause(self, deadline: float) -> None:
        """Wait out a flood-control pause that ends before ``deadline``; raise a longer one."""
        loop = asyncio.get_running_loop()
        while (wait := self._paused_until - loop.time()) > 0:
            if loop.time() + wait > deadline:
                raise TransientError(f"Telegram flood control: retry in {wait:.0f} s",
                                     retry_after=wait)
            await asyncio.sleep(wait)

    async def _send_part(self, chat: str, text: str, markup: InlineKeyboardMarkup | None,
                         deadline: float) -> str:
        """Send one part; returns the chat id it went to (changed after a migration)."""
        loop = asyncio.get_running_loop()
        for _try in range(MAX_TRIES):
            await self._sit_out_pause(deadline)
            try:
                await self.bot.send_message(
                    chat_id=chat, text=text, parse_mode=ParseMode.HTML, reply_markup=markup,
                    link_preview_options=LinkPreviewOptions(is_disabled=True),
                )
                return chat
            except RetryAfter as exc:
                wait = server_wait(exc)
                # Every send of this bot is throttled, not just this chat's: pause them all.
                self._paused_until = max(self._paused_until, loop.time() + wait)
                if loop.time() + wait > deadline:
                    raise classify(exc, chat, self._clean) from None
                log.info("Telegram asked to wait %.1f s; pausing all sends", wait)
            except ChatMigrated as exc:
                new_chat = str(exc.new_chat_id)
                log.info("Telegram chat %s moved to %s", chat, new_chat)
                if self.on_migrated is not None:
                    result = self.on_migrated(chat, new_chat)
                    if asyncio.iscoroutine(result):
                        await result
                chat = new_chat
            except TelegramError as exc:
                raise classify(exc, chat, self._clean) from None
        rest = self._paused_until - loop.time()
        raise TransientError(f"Telegram chat {chat}: not sent after {MAX_TRIES} tries "
                             "(flood control, migrations)", retry_after=rest if rest > 0 else None)

    async def aclose(self) -> None:
        """Close the HTTP connection pool."""
        if self._ready:
            self._ready = False
            await self.bot.shutdown()
