"""How long a wrong PIN holds up the next try, and when wrong PINs are forgotten.

The first `FREE_TRIES` wrong PINs in a row cost nothing (a slip of the finger); each one
after that makes the next try wait twice as long as the one before, at most `MAX_WAIT`
seconds, so guessing a 4-digit PIN takes days of trying at one guess a minute. Wrong PINs
are forgotten `FORGET_AFTER` hours after the last one (a correct PIN forgets them at once):
an operator who mistyped at the end of yesterday's shift, or whose name somebody tried
overnight, starts today's shift without a wait, while somebody guessing never pauses that
long and so stays at one try a minute. Unlike a lock-out, nobody needs a supervisor to get
back in.

Time is measured by `SinceClock`: the wall clock says how long ago a wrong PIN stored by an
earlier run was (the count outlives the program), then the monotonic clock measures the
rest, so setting the computer's clock back or forward while the program runs changes no
wait and no forgetting. A wrong PIN dated in the future (the clock was set back between
two runs) counts as just typed: the wait is at most its full step again, never more, and
never less.
"""

from __future__ import annotations

import time
from typing import Callable, Hashable

FREE_TRIES = 3
MAX_WAIT = 60.0  # seconds
FORGET_AFTER = 8 * 3600.0  # seconds: a shift


def wait_step(count: int) -> float:
    """The wait after `count` wrong PINs in a row (0 for the free ones)."""
    if count < FREE_TRIES:
        return 0.0
    return min(MAX_WAIT, 2.0 ** (count - FREE_TRIES + 1))


def forgotten(elapsed: float) -> bool:
    """Whether wrong PINs whose last one was `elapsed` seconds ago no longer count."""
    return elapsed >= FORGET_AFTER


class SinceClock:
    """Seconds since moments given in wall-clock time, measured on the monotonic clock from
    the first time this process asks about each one (see the module docstring)."""

    def __init__(self, wall: Callable[[], float] = time.time,
                 monotonic: Callable[[], float] = time.monotonic):
        self.wall = wall
        self.monotonic = monotonic
        # key -> (the wall time asked about, monotonic then, seconds elapsed then)
        self._anchors: dict[Hashable, tuple[float, float, float]] = {}

    def mark(self, key: Hashable, when: float) -> None:
        """`when` (wall time) is now: a wrong PIN this process just recorded."""
        self._anchors[key] = (when, self.monotonic(), 0.0)

    def elapsed(self, key: Hashable, when: float) -> float:
        """Seconds since the wall time `when` of `key`; never negative."""
        anchor = self._anchors.get(key)
        if anchor is None or anchor[0] != when:  # new to this process, or written by another
            anchor = (when, self.monotonic(), max(0.0, self.wall() - when))
            self._anchors[key] = anchor
        return anchor[2] + max(0.0, self.monotonic() - anchor[1])
