"""Telegram delivery through python-telegram-bot 22 (the Bot API over HTTPS, or a local Bot
API server named by ``channels.telegram.api_url``).

Bodies are Telegram HTML, rendered with everything from the plan escaped. A body longer than
one message (4,096 characters) is split between items (the templates separate items with a
blank line and never put one inside an item). Exceptions are sorted most specific first: in
PTB ``BadRequest`` and ``TimedOut`` are subclasses of ``NetworkError``.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
import warnings
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.request import HTTPXRequest

from reminder.bot import actions
from reminder.channels.base import DeliveryError
from reminder.channels.retry import backoff
from reminder.messages.model import Message, Recipient, RenderedMessage
from reminder.messages.render import message_language

log = logging.getLogger(__name__)
# httpx logs every request URL at INFO, and Bot API URLs contain the bot token.
logging.getLogger("httpx").setLevel(logging.WARNING)

MAX_LENGTH = 4096
DEFAULT_API_URL = "https://api.telegram.org"
LINKS_TTL = 30.0  # seconds between re-reads of the linked chats
_TAG = re.compile(r"<[^>]*>")
_DEAD_CHAT = ("chat not found", "user not found", "peer_id_invalid", "chat_id is empty")


class _RedactTokens(logging.Filter):
    """Replaces bot tokens in log records: PTB logs the API URL, which contains the token,
    at DEBUG when a Bot is made, and httpx logs request URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.tokens: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        if any(t in text for t in self.tokens):
            for token in self.tokens:
                text = text.replace(token, "<token>")
            record.msg, record.args = text, None
        return True


_REDACT = _RedactTokens()


def redact_token(token: str) -> None:
    """Keep ``token`` out of every log line of PTB, httpx and httpcore (their loggers exist
    once the libraries are imported; a logger filter does not reach child loggers, so each
    gets it)."""
    if token:
        _REDACT.tokens.add(token)
    names = [n for n in logging.root.manager.loggerDict
             if n.split(".")[0] in ("telegram", "httpx", "httpcore")]
    for name in ["telegram.Bot", "telegram.ext.ExtBot", *names]:
        logger = logging.getLogger(name)
        if _REDACT not in logger.filters:
            logger.addFilter(_REDACT)


class DeadContact(DeliveryError):
    """The chat can no longer be reached (bot blocked, chat deleted, user gone).

    Permanent. ``dead_contact`` tells the engine to mark this chat dead, fall back to the
    recipient's email and tell the coordinator.
    """

    dead_contact = True

    def __init__(self, reason: str, address: str) -> None:
        super().__init__(reason, permanent=True)
        self.address = address


def _cut_plain(line: str, limit: int) -> list[str]:
    """Cut an over-long line: tags are dropped (a cut must not leave one open) and no cut
    falls inside an entity such as ``&amp;``."""
    text = _TAG.sub("", line)
    pieces: list[str] = []
    while len(text) > limit:
        cut = limit
        amp = text.rfind("&", max(0, cut - 10), cut)
        if amp != -1 and ";" not in text[amp:cut]:
            cut = amp
        pieces.append(text[:cut])
        text = text[cut:]
    pieces.append(text)
    return pieces


def split_html(body: str, limit: int = MAX_LENGTH) -> list[str]:
    """Split a Telegram HTML body into messages of at most ``limit`` characters, at blank
    lines (item boundaries) first, then at line ends, and only as a last resort inside a
    line."""
    chunks: list[str] = []
    current = ""
    for block in body.split("\n\n"):
        pieces = [block]
        if len(block) > limit:
            pieces = []
            for line in block.split("\n"):
                pieces.extend(_cut_plain(line, limit) if len(line) > limit else [line])
        for piece in pieces:
            joiner = "\n\n" if piece is block else "\n"
            if current and len(current) + len(joiner) + len(piece) <= limit:
                current += joiner + piece
            else:
                if current:
                    chunks.append(current)
                current = piece
    if current.strip():
        chunks.append(current)
    return chunks or [""]


def _seconds(value: int | float | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class TelegramBotChannel:
    """The ``telegram`` channel: sends a rendered message to one chat id.

    A RetryAfter from the Bot API pauses every send of this channel for as long as asked
    (up to ``max_wait``; longer waits become a temporary DeliveryError carrying the wait).
    ChatMigrated is followed to the new chat id and reported through ``on_migrated``.
    """

    name = "telegram"
    max_length: int | None = MAX_LENGTH

    def __init__(
        self, token: str, api_url: str = DEFAULT_API_URL, *, max_wait: float = 60.0,
        timeout: float = 10.0,
        on_migrated: Callable[[str, str], Awaitable[None] | None] | None = None,
        bot: Bot | None = None,
    ) -> None:
        api = api_url.rstrip("/")
        redact_token(token)
        request = HTTPXRequest(connect_timeout=timeout, read_timeout=timeout,
                               write_timeout=timeout, pool_timeout=timeout)
        self.bot = bot or Bot(token, base_url=f"{api}/bot", base_file_url=f"{api}/file/bot",
                              request=request)
        self._token = token
        self.max_wait = max_wait
        self.on_migrated = on_migrated
        self._ready = False
        self._paused_until = 0.0
        self._init_lock = asyncio.Lock()
        self._engine: Any = None
        self._linked: dict[str, tuple[str, ...]] = {}
        self._dead: set[str] = set()
        self._loaded_at = -1e9

    def attach_store(self, engine: Any) -> None:
        """Use the store: chats linked through the bot become addresses, and a chat found
        dead (bot blocked) is recorded there and skipped from then on."""
        self._engine = engine
        self._refresh(force=True)

    def _refresh(self, force: bool = False) -> None:
        # The bot links chats while the daemon runs: re-read at most every LINKS_TTL seconds.
        now = time.monotonic()
        if self._engine is None or (not force and now - self._loaded_at < LINKS_TTL):
            return
        from reminder.bot import links

        self._linked = links.linked_chats(self._engine)
        self._dead = links.dead_chats(self._engine)
        self._loaded_at = now

    @classmethod
    def from_config(cls, cfg: Any, **kwargs: Any) -> TelegramBotChannel:
        """Build from ``channels.telegram`` (the config layer fills ``token`` from the secret)."""
        return cls(cfg.token.get_secret_value(), cfg.api_url, **kwargs)

    def __repr__(self) -> str:
        return "TelegramBotChannel()"

    def addresses(self, recipient: Recipient) -> tuple[str, ...]:
        """The recipient's chats: from the directory and linked with a code, minus dead ones."""
        self._refresh()
        chats = dict.fromkeys((*recipient.telegram_chats, *self._linked.get(recipient.id, ())))
        return tuple(c for c in chats if c not in self._dead)

    def _clean(self, text: str) -> str:
        return text.replace(self._token, "<token>") if self._token else text

    async def _ensure_ready(self) -> None:
        async with self._init_lock:
            if not self._ready:
                try:
                    await self.bot.initialize()  # getMe: also proves the token works
                except InvalidToken:
                    raise DeliveryError("Telegram rejected the bot token", permanent=True) \
                        from None
                except TelegramError as exc:
                    raise DeliveryError(f"Telegram unreachable: {self._clean(str(exc))}",
                                        retry_after=backoff(1)) from None
                self._ready = True

    def keyboard(self, message: Message) -> InlineKeyboardMarkup | None:
        """Done / need more time / snooze buttons for the items the recipient acts on."""
        rows = actions.buttons(message, message_language(message))
        if not rows:
            return None
        return InlineKeyboardMarkup(
            [[InlineKeyboardButton(label, callback_data=data) for label, data in row]
             for row in rows])

    async def send(self, message: Message, rendered: RenderedMessage, address: str) -> None:
        """Send the Telegram body to chat ``address``, split at item boundaries; the buttons go
        with the last part."""
        await self._ensure_ready()
        chunks = split_html(rendered.telegram_html, MAX_LENGTH)
        markup = self.keyboard(message)
        chat = address
        try:
            for n, chunk in enumerate(chunks, start=1):
                chat = await self._send_chunk(chat, chunk, markup if n == len(chunks) else None)
            if chat != address and self._engine is not None:
                from reminder.bot import links

                # A group became a supergroup: the new id replaces the old one for good.
                links.move_chat(self._engine, address, chat, message.recipient.id,
                                datetime.now(UTC))
                self._refresh(force=True)
        except DeadContact as exc:
            self._dead.add(exc.address)
            if self._engine is not None:
                from reminder.bot import links

                links.mark_dead(self._engine, exc.address, message.recipient.id, exc.reason,
                                datetime.now(UTC))
            raise

    async def _pause(self) -> None:
        loop = asyncio.get_running_loop()
        while (wait := self._paused_until - loop.time()) > 0:
            await asyncio.sleep(wait)

    async def _send_chunk(self, chat: str, text: str,
                          markup: InlineKeyboardMarkup | None) -> str:
        """Send one part; returns the chat id it went to (changed after a migration)."""
        loop = asyncio.get_running_loop()
        for _attempt in range(5):
            await self._pause()
            try:
                await self.bot.send_message(
                    chat_id=chat, text=text, parse_mode=ParseMode.HTML, reply_markup=markup,
                    link_preview_options=LinkPreviewOptions(is_disabled=True),
                )
                return chat
            except RetryAfter as exc:
                with warnings.catch_warnings():  # PTB warns about int vs timedelta here
                    warnings.simplefilter("ignore")
                    wait = _seconds(exc.retry_after)
                if wait > self.max_wait:
                    raise DeliveryError(f"Telegram flood control: retry in {wait:.0f} s",
                                        retry_after=wait) from None
                log.info("Telegram asked to wait %.1f s; pausing all sends", wait)
                self._paused_until = max(self._paused_until, loop.time() + wait)
            except ChatMigrated as exc:
                new_chat = str(exc.new_chat_id)
                log.info("Telegram chat %s moved to %s", chat, new_chat)
                if self.on_migrated is not None:
                    result = self.on_migrated(chat, new_chat)
                    if asyncio.iscoroutine(result):
                        await result
                chat = new_chat
            except Forbidden as exc:
                raise DeadContact(f"Telegram chat {chat}: {self._clean(exc.message)}",
                                  chat) from None
            except BadRequest as exc:  # before NetworkError, its base class
                reason = f"Telegram chat {chat}: {self._clean(exc.message)}"
                if any(s in exc.message.lower() for s in _DEAD_CHAT):
                    raise DeadContact(reason, chat) from None
                raise DeliveryError(reason, permanent=True) from None
            except InvalidToken:
                raise DeliveryError("Telegram rejected the bot token", permanent=True) \
                    from None
            except TimedOut:  # also a NetworkError subclass
                raise DeliveryError("Telegram timed out", retry_after=backoff(1)) from None
            except NetworkError as exc:
                raise DeliveryError(f"Telegram network error: {self._clean(str(exc))}",
                                    retry_after=backoff(1)) from None
            except TelegramError as exc:
                raise DeliveryError(f"Telegram error: {self._clean(str(exc))}",
                                    retry_after=backoff(1)) from None
        raise DeliveryError("Telegram kept asking to wait", retry_after=backoff(1))

    async def aclose(self) -> None:
        """Close the HTTP connection pool."""
        if self._ready:
            self._ready = False
            await self.bot.shutdown()
