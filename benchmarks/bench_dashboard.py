"""Dashboard over 100k forms: the one-time load, a recompute after a filter change (filter
+ score every risk overall + climate, exposure, activity, all protected: what the charts
draw; the scores of every breakdown's groups are worked out when a report or export reads
them; target <= 150 ms), and redrawing all charts after a filter change, beside a plain
pandas group-by of one risk and a bare pyqtgraph redraw measured in the same run."""

from __future__ import annotations

import itertools
import os
import tempfile
from pathlib import Path

from benchmarks.bench_large import baseline_frame
from benchmarks.fixtures import demo_database
from benchmarks.table import BenchTable, median_ms, once_ms

REPEAT = 15
FILTERS = ({}, {"post": "1"}, {"institution": "2", "rank_band": "1"}, {"round": "Demo 1"},
           {"unit_type": "3"})


def run(table: BenchTable) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import numpy as np
    import pyqtgraph as pg
    from PySide6.QtWidgets import QApplication

    from desktop.services.analysis_service import analysis_for, read_columns
    from desktop.services.project import Project
    from desktop.ui.app_context import AppContext
    from desktop.ui.background import SynchronousRunner
    from desktop.ui.dashboard_view import DashboardView

    app = QApplication.instance() or QApplication([])
    project = Project.open(demo_database(100_000))
    try:
        loaded = []
        load = once_ms(lambda: loaded.append(analysis_for(project, "en")))
        analysis = loaded[0]
        frame = baseline_frame(read_columns(project))
        table.add("dashboard load 100k forms (once, read+pivot)", load, "ms", target="once")

        cycle = itertools.cycle(FILTERS)
        recompute = median_ms(lambda: analysis.compute(next(cycle)), REPEAT)

        def naive() -> None:
            lik, imp = frame["r01_likelihood"], frame["r01_impact"]
            ok = lik.between(1, 5) & imp.between(1, 5)
            (lik * imp)[ok].groupby(frame["post"][ok]).agg(["mean", "std", "count"])

        baseline = median_ms(naive, REPEAT)
        table.add("dashboard recompute 100k forms", recompute, "ms",
                  "pandas groupby of 1 risk by post", baseline, "<= 150 ms")
        groups = median_ms(lambda: analysis.compute(next(cycle)).scores, REPEAT)
        table.add("  the same + every group's scores (reports)", groups, "ms",
                  "pandas groupby of 1 risk by post", baseline)

        with tempfile.TemporaryDirectory() as folder:
            context = AppContext(project, 
                                 operator="BE", runner=SynchronousRunner())
            view = DashboardView(context)
            view.resize(1366, 720)
            view.show()
            app.processEvents()
            posts = [view.filters["post"].itemData(i)
                     for i in range(view.filters["post"].count())]
            keys = itertools.cycle(posts)
            redraws: list[float] = []

            def change_filter() -> None:
                view.set_filter("post", next(keys))
                app.processEvents()  # paint
                redraws.append(view.redraw_ms)

            whole = median_ms(change_filter, REPEAT)
            widget = pg.PlotWidget()
            widget.resize(600, 400)
            widget.show()
            curve = widget.plot(np.arange(10), np.arange(10))

            def bare() -> None:
                curve.setData(np.random.rand(10), np.random.rand(10))
                app.processEvents()

            bare_ms = median_ms(bare, REPEAT)
            table.add("dashboard redraw all charts after a filter", float(np.median(redraws)),
                      "ms", "bare pyqtgraph plot setData+paint", bare_ms)
            table.add("dashboard filter change, recompute + redraw", whole, "ms",
                      target="feels instant")
            view.close()
            widget.close()
    finally:
        project.close()
