"""The ledger's idempotency key as a value, never spelled by string operations elsewhere.

A key says what a reminder is about (an occurrence at its due date, or the digest of one cron
instant), for whom, which rung, and by which channel. Without the channel it names the reminder
itself, which is the same whichever channel carries it: a dead chat's fallback to email is the
same reminder on another channel, and a message's items are told apart by it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

_SEP = "|"


def occurrence_subject(occurrence_id: int, due: date) -> str:
    """What a key says it is about: one occurrence at one due date."""
    return f"{occurrence_id}@{due.isoformat()}"


@dataclass(frozen=True)
class LedgerKey:
    """``<subject>|<recipient>|<step>|<channel>``; the subject is ``<occurrence id>@<due>`` or
    ``digest@<instant in UTC>``. The due date is in it so an extended occurrence walks its
    ladder again for the new date, while the old date's rungs stay recorded; the digest's
    instant is in it so a cron with several times a day sends each."""

    subject: str
    recipient: str
    step: str
    channel: str

    @classmethod
    def for_occurrence(cls, occurrence_id: int, due: date, recipient: str, step: str,
                       channel: str) -> LedgerKey:
        """The key of one rung of an occurrence's ladder for one recipient."""
        return cls(occurrence_subject(occurrence_id, due), recipient, step, channel)

    @property
    def due(self) -> str:
        """The due date (ISO) an occurrence's key is about; the instant for a digest's."""
        return self.subject.split("@", 1)[1]

    @classmethod
    def for_digest(cls, instant: datetime, recipient: str, channel: str) -> LedgerKey:
        """The key of the digest of one cron instant."""
        stamp = instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ")
        return cls(f"digest@{stamp}", recipient, "digest", channel)

    @classmethod
    def for_notice(cls, notice_id: int, recipient: str, channel: str) -> LedgerKey:
        """The key of a notice (reminder.store.notices): owed once, to one person."""
        return cls(f"notice@{notice_id}", recipient, "notice", channel)

    @classmethod
    def parse(cls, text: str) -> LedgerKey:
        """The inverse of ``str(key)``."""
        subject, recipient, step, channel = text.rsplit(_SEP, 3)
        return cls(subject, recipient, step, channel)

    @property
    def reminder(self) -> str:
        """The reminder whatever carries it: the key without its channel."""
        return _SEP.join((self.subject, self.recipient, self.step))

    def on(self, channel: str) -> LedgerKey:
        """The same reminder on another channel."""
        return replace(self, channel=channel)

    def __str__(self) -> str:
        return _SEP.join((self.subject, self.recipient, self.step, self.channel))
