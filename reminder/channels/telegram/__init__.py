"""Telegram delivery: the channel (channel.TelegramBotChannel), splitting long bodies
(split), the reminder buttons (buttons), what PTB's errors mean (errors), and keeping the bot
token out of logs (redact)."""

from reminder.channels.telegram.channel import DEFAULT_API_URL, TelegramBotChannel
from reminder.channels.telegram.redact import redact_token
from reminder.channels.telegram.split import MAX_LENGTH, split_html

__all__ = ["DEFAULT_API_URL", "MAX_LENGTH", "TelegramBotChannel", "redact_token", "split_html"]
