"""Dashboard over 100k forms: the one-time load, a recompute after a filter change (filter
+ score every risk overall + climate, exposure, activity, all protected: what the charts
draw; the scores of every breakdown's groups are worked out when a report or export reads
them; target <= 150 ms), and redrawing all charts after a filter change, beside a plain
pandas group-by of one risk and a bare pyqtgraph redraw measured in the same run.

Then, on a private copy, the first load with forms written since the snapshot (1, 100 and
999 saved, one edited (an early form, then the latest stored one: the deepest row to
find), one deleted, one verified; the stored sums patched with them),
each beside a bare read of the snapshot's bytes measured in the same run, interleaved."""

from __future__ import annotations

import dataclasses
import itertools
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.large_measures import baseline_frame
from benchmarks.fixtures import demo_database, fresh_copy
from benchmarks.table import BARE_READ, BenchTable, median_ms, once_ms

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
    _written_since(table)


WRITTEN = (1, 100, 999)  # fewer than analysis_table.STORE_AFTER: the sums are patched


def _written_since(table: BenchTable) -> None:
    """The dashboard's first load with forms written since the snapshot, beside a bare
    read of the snapshot's bytes, both timed in turns (median of 9 each)."""
    import numpy as np

    from desktop.domain.demo_forms import generate_forms
    from desktop.services import analysis_table, cell_sums_cache
    from desktop.services.analysis_service import analysis_for
    from desktop.services.form_service import Actor, FormService
    from desktop.services.project import Project
    from desktop.services.verification_service import VerificationService
    from desktop.storage import round_store

    folder = Path(tempfile.mkdtemp(prefix="bench-dash-writes-"))
    try:
        project = Project.open(fresh_copy(demo_database(100_000), folder))
        conn, q = project.db.conn, project.questionnaire
        keyer = FormService(project.db, q, Actor("BE", "dev-bench"))
        round_ = project.create_round("Bench writes", target_count=max(WRITTEN))
        forms = iter(list(generate_forms(q, 2 * max(WRITTEN) + 3, seed=9)))

        def load() -> None:
            analysis_for(project, "en").compute({})

        def bare() -> None:
            for _name, data in conn.execute(BARE_READ):
                np.frombuffer(data, dtype=np.uint8)

        def measure(label: str, written: int) -> None:
            info = cell_sums_cache.load_sums(conn, q, store=False)[1]
            assert info.source == cell_sums_cache.STORED and info.patched == written, info
            loads, bares, cpu, bare_cpu = [], [], [], []
            for _ in range(9):
                start, clock = time.perf_counter(), time.process_time()
                load()
                loads.append((time.perf_counter() - start) * 1000)
                cpu.append((time.process_time() - clock) * 1000)
                start, clock = time.perf_counter(), time.process_time()
                bare()
                bares.append((time.perf_counter() - start) * 1000)
                bare_cpu.append((time.process_time() - clock) * 1000)
            table.add(label, statistics.median(loads), "ms", "bare read of the snapshot bytes",
                      statistics.median(bares), "<= 2x bare")
            table.add("  the same, CPU time", statistics.median(cpu), "ms",
                      "bare read of the snapshot, CPU", statistics.median(bare_cpu))

        def fresh_snapshot() -> None:  # a snapshot holding every form, its sums stored
            analysis_table.load_frame(conn, q, store_after=0)
            load()

        fresh_snapshot()
        measure("dashboard first load, no form written since", 0)
        # Saved into the round being keyed (its form numbers widened for the bench), then
        # into a round that has no form yet (every written form in a cell of its own).
        keyed = round_store.find_round(conn, "Demo 1")
        with project.db.transaction() as tx:
            round_store.update_round(tx, dataclasses.replace(
                keyed, form_max=keyed.form_max + max(WRITTEN)))
        for where, number_from in ((keyed, keyed.form_max), (round_, 0)):
            fresh_snapshot()
            saved = 0
            for count in WRITTEN:
                while saved < count:
                    saved += 1
                    keyer.save_new(where.uuid, number_from + saved, next(forms).answers)
                measure(f"dashboard first load, {count} form{'s' if count > 1 else ''} saved"
                        + (" since, new round" if where is round_ else " since"), count)
        uuids = [r[0] for r in conn.execute(
            "SELECT uuid FROM response WHERE status = 'entered' AND operator != 'VB' "
            "ORDER BY uuid LIMIT 3")]
        fresh_snapshot()
        keyer.update(uuids[0], next(forms).answers, reason="re-read the paper")
        measure("dashboard first load, 1 form edited since", 1)
        # The form keyed last of the stored ones: its row is the deepest to find and read.
        latest = conn.execute(
            "SELECT uuid FROM response WHERE status = 'entered' AND operator != 'VB' "
            "ORDER BY uuid DESC LIMIT 1").fetchone()[0]
        fresh_snapshot()
        keyer.update(latest, next(forms).answers, reason="re-read the paper")
        measure("  the same, the latest stored form edited", 1)
        fresh_snapshot()
        keyer.delete(uuids[1], "keyed twice")
        measure("dashboard first load, 1 form deleted since", 1)
        fresh_snapshot()
        verifier = VerificationService(project.db, q, Actor("VB", "dev-bench"))
        comparison = verifier.compare(uuids[2], verifier.form(uuids[2]).answers)
        assert comparison.verified
        measure("dashboard first load, 1 form verified since", 1)
        project.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
