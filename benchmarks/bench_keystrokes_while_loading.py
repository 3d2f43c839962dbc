"""Keystroke latency in the entry view at 100k forms: typed while the dashboard reads the
forms in the background (opened, then left for the entry form at once), beside the same keys
with the dashboard never opened, in one run. Also the time the Verification and Progress
views take on the UI thread to open, beside the time until their figures (read in the
background) are shown.

A keystroke's latency here is the time the event loop needs to take it: the pending events
(a finished background load's callback among them) plus the key itself, as an operator
would feel it. Reported: p99 and max over the keys typed, leaving out the first keys after
each switch to the entry view (they pay for the page being painted, not for typing).
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks.fixtures import demo_database, fresh_copy
from benchmarks.table import BenchTable

FORMS = int(os.environ.get("RISKMAP_BENCH_FORMS", "100000"))
KEYS = 400
WARM_UP = 3


def _type(app, widget, keys: int, until=None) -> list[float]:
    """Type digits and backspaces into `widget`; per key the ms the loop took for it."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    times = []
    typed = 0
    while typed < keys or (until is not None and not until()):
        start = time.perf_counter()
        app.processEvents()
        if typed % 2:
            QTest.keyClick(widget, Qt.Key.Key_Backspace)
        else:
            QTest.keyClick(widget, Qt.Key.Key_7)
        times.append((time.perf_counter() - start) * 1000)
        typed += 1
        time.sleep(0.004)  # a fast typist: about 250 keys a second at most
        if typed > 20 * keys:
            break
    return times[WARM_UP:]


def run(table: BenchTable) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from desktop.services.project import Project
    from desktop.ui.app_context import AppContext
    from desktop.ui.background import BackgroundRunner
    from desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    cached = demo_database(FORMS)
    with tempfile.TemporaryDirectory() as folder:
        path = fresh_copy(cached, Path(folder) / "db")
        project = Project.open(path)
        context = AppContext(project, operator="BE",
                             runner=BackgroundRunner())
        context.set_round(project.rounds()[0].uuid)
        window = MainWindow(context, QSettings(str(Path(folder) / "s.ini"),
                                               QSettings.Format.IniFormat))
        window.resize(1366, 768)
        window.show()
        QTest.qWaitForWindowExposed(window)
        entry = window.entry_view
        entry.focus_form_number()
        idle = _type(app, entry.number, KEYS)

        window.show_page("dashboard")  # starts the background read of 100k forms
        dashboard = window.pages["dashboard"]
        loaded: list[bool] = []
        dashboard.data_loaded.connect(lambda: loaded.append(True))
        window.show_page("entry")
        entry.focus_form_number()
        busy = _type(app, entry.number, KEYS, until=lambda: bool(loaded))
        busy += _type(app, entry.number, 50 + WARM_UP)  # and the keys after the load
        entry.new_form()  # nothing unsaved: no question on leaving or closing
        opened = {}
        for key, ready in (("verification", lambda v: "sampled" in v.due_label.text()),
                           ("progress", lambda v: bool(v.ledgers))):
            start = time.perf_counter()
            window.show_page(key)
            app.processEvents()
            shown = (time.perf_counter() - start) * 1000
            view = window.pages[key]
            while not ready(view):
                app.processEvents()
                time.sleep(0.002)
            opened[key] = (shown, (time.perf_counter() - start) * 1000)
            window.show_page("entry")
        entry.new_form()
        window.close()
        project.close()
    for key, (shown, filled) in opened.items():
        table.add(f"open {key} view, {FORMS // 1000}k forms (UI thread)", shown, "ms",
                  "its figures read in the background", filled, "<= 200 ms")
    for name, values in (("while the dashboard loads", busy), ("dashboard never opened",
                                                                idle)):
        values_ms = np.asarray(values)
        if name.startswith("while"):
            table.add(f"keystroke p99, {FORMS // 1000}k forms, {name}",
                      float(np.percentile(values_ms, 99)), "ms",
                      "same keys, dashboard never opened", float(np.percentile(idle, 99)),
                      "<= 16 ms")
            table.add(f"keystroke max, {FORMS // 1000}k forms, {name}",
                      float(values_ms.max()), "ms", "same keys, dashboard never opened",
                      float(np.max(idle)), "<= 50 ms")
