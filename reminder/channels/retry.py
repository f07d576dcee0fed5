"""When to try a failed delivery again: exponential backoff with jitter, up to a limit.

Pure functions of the attempt number (and a random source the tests can fix), so the engine can
store ``next_attempt_at = now + next_delay(attempts, error.retry_after)`` in the ledger and
nothing has to sleep in memory across a restart.
"""

from __future__ import annotations

import random
from collections.abc import Callable

BASE_SECONDS = 60.0
FACTOR = 2.0
CAP_SECONDS = 6 * 3600.0
JITTER = 0.25  # ±25 %: many failures at one instant (a mail server restart) spread out
MAX_ATTEMPTS = 8  # about 1+2+4+...+128 minutes ≈ 4 hours of trying before "failed"


def backoff(
    attempt: int,
    *,
    base: float = BASE_SECONDS,
    factor: float = FACTOR,
    cap: float = CAP_SECONDS,
    jitter: float = JITTER,
    rand: Callable[[], float] = random.random,
) -> float:
    """Seconds to wait before retry number ``attempt`` (1 for the first retry).

    ``base * factor**(attempt-1)``, capped at ``cap``, then spread by ±``jitter``.
    """
    if attempt < 1:
        raise ValueError("attempt counts from 1")
    # min() before the power would overflow for large attempts; the exponent is bounded instead.
    exponent = min(attempt - 1, 64)
    delay = min(cap, base * factor**exponent)
    return delay * (1.0 - jitter + 2.0 * jitter * rand())


def next_delay(
    attempt: int, server_hint: float | None = None, *, max_attempts: int = MAX_ATTEMPTS,
    rand: Callable[[], float] = random.random,
) -> float | None:
    """The wait before the next try after ``attempt`` failures, or None to give up.

    A server's own hint (SMTP greylisting, Telegram's retry_after) is a floor: never retry
    sooner than the server asked.
    """
    if attempt >= max_attempts:
        return None
    delay = backoff(attempt, rand=rand)
    return max(delay, server_hint or 0.0)


def schedule(max_attempts: int = MAX_ATTEMPTS, *, jitter: float = 0.0) -> list[float]:
    """The whole ladder of waits (without jitter by default), for docs and `reminder check`."""
    return [backoff(n, jitter=jitter, rand=lambda: 0.5) for n in range(1, max_attempts)]
