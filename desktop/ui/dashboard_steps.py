"""`DashboardSteps`: the dashboard's UI-thread work split into steps, one step per turn of
the event loop, so that opening the page never holds the window for all of it.

Making a chart costs tens of milliseconds on a busy laptop (pyqtgraph's plot items), and so
does feeding one its figures; all four charts made and fed in one piece held the window
for 100-170 ms when the first load was instant (a stored snapshot). Here each chart is
made in one turn and fed in another, the risk register in a third, and the window paints,
moves its progress bar and takes keys between them. Only one step is ever waiting for its
turn, so two queues can never add up in one turn.

A step returns whether it did any work: one that found nothing to do (a chart already made,
a drawing overtaken by a newer one) hands over to the next step in the same turn.
`finish()` runs every waiting step at once (an export saves the selection the filters
show); the context's runner decides what "the next turn" is, so tests with the
synchronous runner see everything drawn when the call returns.
"""

from __future__ import annotations

import time
from collections import deque
from typing import Callable

Step = Callable[[], bool]


class DashboardSteps:
    """A queue of UI-thread steps run one per turn of the event loop through
    `runner.next_turn`; `longest_ms` is the longest step run so far."""

    def __init__(self, owner, runner):
        self._owner = owner
        self._runner = runner
        self.longest_ms = 0.0
        self._steps: deque[Step] = deque()
        self._waiting = False  # a turn is booked
        self._running = False  # a step is running (a step that adds steps books no turn)

    def __len__(self) -> int:
        return len(self._steps)

    def add(self, *steps: Step) -> None:
        """Run `steps` after those already waiting, one per turn."""
        self._steps.extend(steps)
        self._book()

    def replace(self, *steps: Step) -> None:
        """Run `steps` instead of those waiting (a new drawing makes the old one moot:
        every step it needs is among the new ones)."""
        self._steps.clear()
        self.add(*steps)

    def finish(self) -> None:
        """Run every waiting step now."""
        while self._steps and not self._running:
            self._run_one()

    def _book(self) -> None:
        if self._waiting or self._running or not self._steps:
            return
        self._waiting = True
        self._runner.next_turn(self._owner, self._turn)

    def _turn(self) -> None:
        self._waiting = False
        while self._steps and not self._run_one():
            pass  # nothing done: the next step has this turn
        self._book()

    def _run_one(self) -> bool:
        step = self._steps.popleft()
        self._running = True
        start = time.perf_counter()
        try:
            worked = step()
        finally:
            self._running = False
        if worked:
            self.longest_ms = max(self.longest_ms, (time.perf_counter() - start) * 1000)
        return worked
