"""What the bot says, in each language: each pack's ``bot.TEXTS`` (reminder/languages/<lang>/).

Plain strings with ``{}`` fields; the bot escapes the values (plan titles) before formatting,
since replies are sent as Telegram HTML.
"""

from __future__ import annotations

from reminder.languages import Table

TEXTS: Table[dict[str, str]] = Table("bot", "TEXTS")
