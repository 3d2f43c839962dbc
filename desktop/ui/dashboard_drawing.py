"""`SelectionDrawing`: one selection of the dashboard scored and drawn as UI steps (run a
step per turn of the event loop by `dashboard_steps`), so that neither a load nor a filter
change holds the window for more than one chart.

The steps: the selection scored (no work when the load already scored it on the worker),
the heat map made and fed (the visible tab first), the risk register, each other chart
made and fed, and last the texts, when the view takes the selection as its `data`. A newer
drawing replaces the steps of an older one still waiting (`DashboardSteps.replace`), so
the last filter chosen is the one drawn and no chart of an older one is drawn after it.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Callable

from ..charts.chart_set import CHART_NAMES

if TYPE_CHECKING:
    from ..services.analysis_service import DashboardData
    from .dashboard_view import DashboardView


class SelectionDrawing:
    """The steps that score `filters` and draw them in `view`; `scored` is (filters, data)
    worked out with the load, used when its filters are these; `progress`: the load bar
    counts the drawing's steps."""

    def __init__(self, view: "DashboardView", filters: dict[str, str],
                 scored: "tuple[dict[str, str], DashboardData] | None", progress: bool):
        self.view = view
        self.filters = filters
        self.scored = scored
        self.progress = progress
        self.data: "DashboardData | None" = None
        self.drawn_ms = 0.0  # the UI thread's drawing, all steps but the scoring

    def steps(self) -> list[Callable[[], bool]]:
        view = self.view
        steps = [self._scoring, view.making("heat_map"), self._feeding("heat_map"),
                 self._step(self._register)]
        for name in CHART_NAMES[1:]:
            steps += [view.making(name), self._feeding(name)]
        steps.append(self._finish)
        return steps

    def _scoring(self) -> bool:
        start = time.perf_counter()
        ready = self.scored is not None and self.scored[0] == self.filters
        self.data = self.scored[1] if ready else self.view.analysis.compute(self.filters)
        self.view.recompute_ms = (time.perf_counter() - start) * 1000
        return not ready  # nothing done: the next step has this turn

    def _step(self, work: Callable[[], None]) -> Callable[[], bool]:
        def run() -> bool:
            began = time.perf_counter()
            work()
            if self.progress:
                self.view.load_bar.stepped()
            self.drawn_ms += (time.perf_counter() - began) * 1000
            return True
        return run

    def _feeding(self, name: str) -> Callable[[], bool]:
        return self._step(lambda: self.view.charts.feed(name, self.data))

    def _register(self) -> None:
        self.view.register_table.set_data(self.data.register, self.data.min_n)

    def _finish(self) -> bool:
        began = time.perf_counter()
        self.view.show_drawn(self.data)
        self.view.redraw_ms = self.drawn_ms + (time.perf_counter() - began) * 1000
        self.view.recomputed.emit()
        return True
