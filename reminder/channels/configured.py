"""The channels a loaded configuration asks for, and giving them the open store.

Here rather than in reminder.store: the store sits below the channels (the Telegram channel
reads its linked chats from reminder.store.chats), so it must not import them.
"""

from __future__ import annotations

from sqlalchemy.engine import Engine

from reminder.channels.base import Channel
from reminder.channels.outbox import OutboxChannel
from reminder.config.loaded import Config


def channels_from_config(cfg: Config) -> dict[str, Channel]:
    """Email and Telegram when configured; otherwise the outbox folder."""
    out: dict[str, Channel] = {}
    # Imported only when configured: aiosmtplib and python-telegram-bot take a while to load.
    if cfg.channels.email is not None:
        from reminder.channels.email import SmtpChannel

        out["email"] = SmtpChannel.from_config(cfg.channels.email)
    if cfg.channels.telegram is not None:
        from reminder.channels.telegram import TelegramBotChannel

        out["telegram"] = TelegramBotChannel.from_config(cfg.channels.telegram)
    if not out:
        out["outbox"] = OutboxChannel(cfg.outbox_dir)
    return out


def attach_store(channels: dict[str, Channel], engine: Engine) -> None:
    """Give channels that keep state in the database (Telegram: chats linked through the bot,
    dead chats) the open store."""
    for ch in channels.values():
        attach = getattr(ch, "attach_store", None)
        if attach is not None:
            attach(engine)
