"""A step timer that computes, never counts.

Remaining time is derived from a monotonic clock and the moments the timer was started and paused,
so it cannot drift however long a meeting runs. The clock is injectable so tests never sleep.
"""

from __future__ import annotations

import time
from collections.abc import Callable

Clock = Callable[[], float]


class Timer:
    def __init__(self, planned_seconds: float | None, *, clock: Clock = time.monotonic, used_seconds: float = 0.0,
                 extra_seconds: float = 0.0) -> None:
        self._clock = clock
        # None: the step has no set time; the timer then only counts up, like a stopwatch.
        self.has_limit = planned_seconds is not None
        self.planned_seconds = float(planned_seconds or 0.0)
        self.extra_seconds = float(extra_seconds)
        self._banked = float(used_seconds)  # time used in earlier running stretches
        self._started_at: float | None = None

    @property
    def running(self) -> bool:
        return self._started_at is not None

    @property
    def total_seconds(self) -> float:
        """Planned time plus any extensions; never below zero."""
        return max(0.0, self.planned_seconds + self.extra_seconds)

    def start(self) -> None:
        if self._started_at is None:
            self._started_at = self._clock()

    def pause(self) -> None:
        if self._started_at is not None:
            self._banked += self._clock() - self._started_at
            self._started_at = None

    def toggle(self) -> None:
        self.pause() if self.running else self.start()

    def elapsed(self) -> float:
        running_part = self._clock() - self._started_at if self._started_at is not None else 0.0
        return self._banked + running_part

    def remaining(self) -> float:
        """Seconds left; negative once in overtime. A timer without a limit has nothing left to count."""
        return self.total_seconds - self.elapsed() if self.has_limit else 0.0

    @property
    def overtime(self) -> bool:
        return self.has_limit and self.remaining() < 0

    def level(self) -> str:
        """How urgent the time is, for colour and text: 'ruim', 'let-op' (20 % or less left),
        'bijna' (5 % or less), 'over' (overtime). A timer without a limit is always 'ruim'."""
        if not self.has_limit:
            return "ruim"
        remaining = self.remaining()
        if remaining < 0:
            return "over"
        if remaining <= 0.05 * self.total_seconds:
            return "bijna"
        if remaining <= 0.20 * self.total_seconds:
            return "let-op"
        return "ruim"

    def extend(self, seconds: float) -> bool:
        """Add (or with a negative number take away) time; the total never drops below zero.
        Returns False for a timer without a limit, which has no time to extend."""
        if not self.has_limit:
            return False
        self.extra_seconds = max(-self.planned_seconds, self.extra_seconds + seconds)
        return True


def format_clock(seconds: float) -> str:
    """'mm:ss' for remaining time, '+mm:ss' for overtime (whole seconds, rounded toward the display
    a person expects: 0.4 s left still shows 00:01 until it is really gone)."""
    if seconds >= 0:
        whole = int(-(-seconds // 1))  # ceil: the last second shows as 00:01, not 00:00
        sign = ""
    else:
        whole = int(-seconds)
        sign = "+"
    minutes, secs = divmod(whole, 60)
    return f"{sign}{minutes:02d}:{secs:02d}"
