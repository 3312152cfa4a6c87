from __future__ import annotations

import pytest

from samenslim.domain.timer import Timer, format_clock
from tests.conftest import FakeClock


def test_counts_down_only_while_running() -> None:
    clock = FakeClock()
    timer = Timer(300, clock=clock)
    clock.advance(50)
    assert timer.remaining() == 300, "a timer that was never started keeps its full time"
    timer.start()
    clock.advance(100)
    assert timer.remaining() == 200
    timer.pause()
    clock.advance(1000)
    assert timer.remaining() == 200, "paused time does not count"
    timer.toggle()
    clock.advance(20)
    assert timer.remaining() == 180
    assert timer.running


def test_extend_and_shorten_by_a_minute() -> None:
    clock = FakeClock()
    timer = Timer(120, clock=clock)
    timer.start()
    clock.advance(60)
    assert timer.extend(60)
    assert timer.remaining() == 120
    timer.extend(-60)
    timer.extend(-60)
    assert timer.remaining() == 0
    timer.extend(-600)
    assert timer.total_seconds == 0, "shortening never makes the total negative"


def test_overtime_goes_negative_and_is_flagged() -> None:
    clock = FakeClock()
    timer = Timer(60, clock=clock)
    timer.start()
    clock.advance(59.5)
    assert not timer.overtime
    assert format_clock(timer.remaining()) == "00:01"
    clock.advance(75.5)
    assert timer.overtime
    assert timer.remaining() == pytest.approx(-75)
    assert format_clock(timer.remaining()) == "+01:15"


def test_no_drift_over_eight_simulated_hours() -> None:
    """Thousands of start/pause cycles with odd fractions: the sum stays exact to the microsecond."""
    clock = FakeClock(start=12345.678)
    timer = Timer(8 * 3600, clock=clock)
    running_total = 0.0
    step = 0.37
    while running_total + step < 8 * 3600:
        timer.start()
        clock.advance(step)
        running_total += step
        timer.pause()
        clock.advance(0.11)  # paused gaps must not count
    assert timer.elapsed() == pytest.approx(running_total, abs=1e-6)
    assert timer.remaining() == pytest.approx(8 * 3600 - running_total, abs=1e-6)


def test_resumed_timer_keeps_used_time_and_extensions() -> None:
    clock = FakeClock()
    timer = Timer(600, clock=clock, used_seconds=200, extra_seconds=60)
    assert timer.remaining() == 460
    timer.start()
    clock.advance(10)
    assert timer.elapsed() == 210


def test_timer_without_a_limit_counts_up() -> None:
    clock = FakeClock()
    timer = Timer(None, clock=clock)
    timer.start()
    clock.advance(95)
    assert not timer.has_limit
    assert timer.elapsed() == 95
    assert not timer.overtime
    assert timer.extend(60) is False


@pytest.mark.parametrize(("seconds", "shown"), [(0, "00:00"), (0.2, "00:01"), (59.99, "01:00"), (61, "01:01"),
                                                (-0.5, "+00:00"), (-61, "+01:01"), (3600, "60:00")])
def test_format_clock(seconds: float, shown: str) -> None:
    assert format_clock(seconds) == shown
