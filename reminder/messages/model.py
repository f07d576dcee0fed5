"""The data a message is made of, shared by the engine (which builds it) and delivery (which
renders and sends it). Plain frozen dataclasses: no database or network in here."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Literal

from reminder.schedule.kinds import ROLES, STAGES, Role, Stage

__all__ = ["ROLES", "STAGES", "Item", "Message", "Recipient", "RenderedMessage", "Role", "Stage"]

if TYPE_CHECKING:  # digest.py builds on Item: import it for the annotation only
    from reminder.messages.digest import Digest
    from reminder.messages.notice import Notice



@dataclass(frozen=True)
class Recipient:
    """An executor as a message addressee: who, in which language, at which addresses."""

    id: str
    name: str
    language: str
    emails: tuple[str, ...] = ()
    telegram_chats: tuple[str, ...] = ()


@dataclass(frozen=True)
class Item:
    """One line of a message: one stage of one occurrence of one task, for one recipient."""

    ledger_key: str
    stage: Stage
    plan_id: str
    plan_title: str
    task_id: str
    task_title: str
    result: str | None
    window_start: date | None
    due: date | None
    days_left: int  # calendar days from the send date to the due date; negative when late
    working_days_late: int | None  # None unless late
    role: Role  # the recipient's role for this task (supervisor/secretariat for escalations)
    lead_name: str | None
    others: tuple[str, ...]  # names of the other executors
    catch_up: bool = False  # sent late after downtime, in place of the stages it missed
    plan_language: str = "en"
    # What the plan itself says (plan text: "3 квартал 2023"), shown beside the computed date.
    deadline_text: str | None = None
    # The due date the deadline gives before it is moved off a weekend or holiday; ``due``
    # differs from it when the day was moved (the message says so).
    nominal_due: date | None = None
    # When more time was asked for and the coordinator has not answered yet (None: no such
    # request): an escalation says so instead of "has not reported".
    more_time_asked: date | None = None
    # Older open periods of the same recurring task, overdue too: this item speaks for them
    # (reminder.schedule.due.covered), so its line lists their dates with its own.
    also_overdue: tuple[date, ...] = ()


@dataclass(frozen=True)
class Message:
    """Everything one recipient should hear at one send time, across all plans."""

    recipient: Recipient
    send_at: datetime
    items: tuple[Item, ...]
    kind: Literal["reminder", "digest", "notice"] = "reminder"
    # For a digest: all its sections (closed, extended, needs a person), beyond ``items``
    # which hold its overdue and due-soon entries.
    digest: Digest | None = None
    # For a notice (a request asked or answered, a part done): what it says; no items.
    notice: Notice | None = None

    @property
    def key(self) -> str:
        """A stable id of this message: the same items give the same key (email Message-ID),
        so a resend after a crash can be recognised as the same message. A digest's items
        repeat from week to week, so its instant is part of the key: two digests are two
        messages (mail clients hide a second message with a Message-ID they have seen, and
        the outbox would overwrite the first file)."""
        joined = "\n".join(sorted(i.ledger_key for i in self.items))
        when = f"\n{self.digest.at.isoformat()}" if self.digest is not None else ""
        if self.notice is not None:  # no items: the notice itself is what it is about
            joined = self.notice.to_json()
        digest = hashlib.sha256(f"{self.recipient.id}\n{joined}{when}".encode()).hexdigest()
        return digest[:32]


@dataclass(frozen=True)
class RenderedMessage:
    """A message rendered for the channels: an email subject, text and HTML bodies, and the
    Telegram HTML body; ``images``: (Content-ID, PNG) pairs the HTML shows as ``cid:`` images
    (the digest's chart), which the email channel attaches inline and the outbox writes
    beside the message."""

    subject: str
    text: str
    html: str
    telegram_html: str
    images: tuple[tuple[str, bytes], ...] = ()
