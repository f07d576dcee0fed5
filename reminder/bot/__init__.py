"""The Telegram bot executors talk to: linking a chat to an executor, buttons and commands."""
