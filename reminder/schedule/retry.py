"""The one retry policy: when a reminder whose delivery failed is tried again.

A transient failure (a server away, 4xx, flood control) is retried with waits that double from
one minute up to half an hour, spread by jitter so a returning server is not stampeded, and
never sooner than the server itself asked. It is never given up on its own: a reminder is
owed until it is delivered or a person acts, so a mail server away for a weekend delays
reminders but loses none. After ``NEEDS_A_PERSON_AFTER`` attempts (about an hour of trying)
the failure is shown in `reminder status` and in the secretariat's digest.

A permanent failure (5xx, a refused address, a dead chat) is not retried: trying again cannot
help, and a dead chat's items go by the recipient's next channel at once.

Pure: the attempt number and a random source in, seconds out. The ledger stores the next try
as a send instant, so nothing sleeps in memory across a restart. docs/engine.md describes it.
"""

from __future__ import annotations

import random
from collections.abc import Callable

FIRST_WAIT = 60.0  # seconds before the first retry
LONGEST_WAIT = 30 * 60.0  # waits stop doubling here: a returning server is found within 30 min
JITTER = 0.2  # each wait is stretched by up to 20 %
NEEDS_A_PERSON_AFTER = 6  # attempts: about 1+2+4+8+16 = 31 minutes and more of failing


def retry_wait(attempts: int, server_wait: float | None = None, *,
               rand: Callable[[], float] = random.random) -> float:
    """Seconds to wait after the ``attempts``-th failed try (1 for the first failure).

    ``FIRST_WAIT * 2**(attempts-1)`` capped at ``LONGEST_WAIT``, stretched by up to ``JITTER``;
    a wait the server asked for (SMTP greylisting, Telegram's retry_after) is a floor.
    """
    exponent = min(max(attempts, 1) - 1, 32)  # bounded: 2**n of a large count overflows
    wait = min(LONGEST_WAIT, FIRST_WAIT * 2.0**exponent) * (1.0 + JITTER * rand())
    return max(wait, server_wait or 0.0)


def schedule(tries: int) -> list[float]:
    """The waits after each of the first ``tries`` failures, without jitter (for the docs)."""
    return [retry_wait(n, rand=lambda: 0.0) for n in range(1, tries + 1)]
