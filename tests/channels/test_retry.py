"""The retry ladder: exponential, capped, jittered within bounds, server hint as a floor."""

from __future__ import annotations

import pytest

from reminder.channels.retry import CAP_SECONDS, MAX_ATTEMPTS, backoff, next_delay, schedule


def test_ladder_doubles_then_caps() -> None:
    assert schedule(6) == [60.0, 120.0, 240.0, 480.0, 960.0]
    assert backoff(40, rand=lambda: 0.5) == CAP_SECONDS
    assert backoff(10_000, rand=lambda: 0.5) == CAP_SECONDS  # no overflow


@pytest.mark.parametrize("attempt", [1, 3, 7])
def test_jitter_stays_within_a_quarter(attempt: int) -> None:
    middle = backoff(attempt, rand=lambda: 0.5)
    low, high = backoff(attempt, rand=lambda: 0.0), backoff(attempt, rand=lambda: 0.999999)
    assert low == pytest.approx(middle * 0.75) and high == pytest.approx(middle * 1.25, rel=1e-5)
    assert len({backoff(attempt) for _ in range(20)}) > 1  # really random by default


def test_server_hint_is_a_floor_and_attempts_run_out() -> None:
    assert next_delay(1, 900.0, rand=lambda: 0.5) == 900.0
    assert next_delay(1, 1.0, rand=lambda: 0.5) == 60.0
    assert next_delay(MAX_ATTEMPTS) is None
    with pytest.raises(ValueError):
        backoff(0)
