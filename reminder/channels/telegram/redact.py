"""Keeping bot tokens out of log lines: the Bot API puts the token in every request URL."""

from __future__ import annotations

import logging


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
