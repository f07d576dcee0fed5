"""Signed, expiring action links for reminder emails: one per item, recipient and action.

A link is ``<base_url>/a/<token>``; the token holds the recipient, the occurrence, the action
and the expiry, signed with HMAC-SHA-256 under a key derived from the web secret. Nothing is
stored when a link is made: a forged or altered token fails the signature, an old one its
expiry, and a used one is found in the history (reminder.web.act). Pure: no clock (the expiry
counts from the message's send time), no database.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from reminder.messages.model import Item, Message
from reminder.store.keys import LedgerKey

DONE, MORE_TIME, SNOOZE = "done", "more_time", "snooze"
ACTIONS = (DONE, MORE_TIME, SNOOZE)
SNOOZE_DAYS = 7
ACTING_ROLES = ("lead", "co")  # who acts on an item (reminder.store.chats.ACTING_ROLES)
_SIG_BYTES = 16  # 128 bits: far beyond guessing, and the link stays short enough to wrap well


class LinkError(ValueError):
    """A token that is not ours (``forged``) or is past its date (``expired``)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Claim:
    """What a valid token says: who may do what to which occurrence, until when."""

    recipient: str
    occurrence_id: int
    action: str
    expires: datetime

    @property
    def payload(self) -> bytes:
        """The signed bytes: fields one a line (ids hold no line breaks)."""
        return "\n".join((self.recipient, str(self.occurrence_id), self.action,
                          str(int(self.expires.timestamp())))).encode()


def derive(secret: str, purpose: str) -> bytes:
    """A key for one purpose (links, sessions, CSRF) from the one configured secret: a token
    made for one purpose is never valid for another."""
    return hmac.new(secret.encode(), f"reminder-web/{purpose}".encode(), hashlib.sha256).digest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign(key: bytes, claim: Claim) -> str:
    """The token for ``claim``."""
    payload = claim.payload
    mac = hmac.new(key, payload, hashlib.sha256).digest()[:_SIG_BYTES]
    return f"{_b64(payload)}.{_b64(mac)}"


def read(key: bytes, token: str, now: datetime) -> Claim:
    """The claim of a genuine token still valid at ``now``; LinkError otherwise. The
    signature is checked before anything in the payload is believed."""
    try:
        body, _, mac = token.partition(".")
        payload, given = _unb64(body), _unb64(mac)
    except (ValueError, UnicodeEncodeError):
        raise LinkError("forged") from None
    # One spelling per token: base64's last character carries spare bits, so sixteen
    # spellings decode alike, and "used once" is kept per token: any other is forged.
    if _b64(payload) != body or _b64(given) != mac:
        raise LinkError("forged")
    want = hmac.new(key, payload, hashlib.sha256).digest()[:_SIG_BYTES]
    if not hmac.compare_digest(want, given):
        raise LinkError("forged")
    try:
        recipient, occ, action, expires = payload.decode().split("\n")
        claim = Claim(recipient, int(occ), action, datetime.fromtimestamp(int(expires), UTC))
    except (ValueError, OverflowError, OSError):
        raise LinkError("forged") from None  # signed by us, never in this shape
    if claim.action not in ACTIONS:
        raise LinkError("forged")
    if now >= claim.expires:
        raise LinkError("expired")
    return claim


def token_id(token: str) -> str:
    """A short name of a token for the history's actor column (``email:<id>:<token id>``):
    the token itself is a key to act with and is never stored."""
    return hashlib.sha256(token.encode()).hexdigest()[:16]


def occurrence_of(item: Item) -> int | None:
    """The occurrence an item of a reminder is about (from its ledger key), or None for
    items that are not one occurrence's (a digest's, a sample's)."""
    try:
        subject = LedgerKey.parse(item.ledger_key + "|-").subject
        occ, _, _due = subject.partition("@")
        return int(occ)
    except ValueError:
        return None


def links_for(cfg: Any) -> Callable[[Message, Item], dict[str, str] | None] | None:
    """The link maker of a loaded configuration: None unless ``web.base_url`` (and its
    secret) is set. The daemon and `reminder tick` render emails with the same."""
    web = cfg.settings.web
    if web is None or not web.base_url or web.secret is None:
        return None
    return link_maker(web.secret.get_secret_value(), web.base_url, web.link_days)


def link_maker(secret: str, base_url: str, days: int
               ) -> Callable[[Message, Item], dict[str, str] | None]:
    """What reminder.messages.render calls per item of an email: the item's three links for
    the message's recipient, valid ``days`` days from the message's send time; None for
    items the recipient does not act on (a supervisor's escalation, a digest, a partner)."""
    key = derive(secret, "links")
    base = base_url.rstrip("/")

    def links(message: Message, item: Item) -> dict[str, str] | None:
        if message.kind != "reminder" or item.role not in ACTING_ROLES:
            return None
        occ = occurrence_of(item)
        if occ is None:
            return None
        sent = message.send_at if message.send_at.tzinfo else message.send_at.replace(tzinfo=UTC)
        expires = sent + timedelta(days=days)
        return {action: f"{base}/a/{sign(key, Claim(message.recipient.id, occ, action, expires))}"
                for action in ACTIONS}

    return links
