"""Records view over 100k forms: open (count + first window painted) and filter, beside a
bare COUNT(*) of the same table in the same run. Target: below 300 ms each."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from benchmarks.fixtures import demo_database
from benchmarks.table import BenchTable, median_ms, once_ms

REPEAT = 7


def run(table: BenchTable) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desktop.services.project import Project
    from desktop.ui.app_context import AppContext
    from desktop.ui.records_view import RecordsView

    app = QApplication.instance() or QApplication([])
    project = Project.open(demo_database(100_000))
    with tempfile.TemporaryDirectory() as folder:
        context = AppContext(project, operator="BE")
        views: list[RecordsView] = []

        def open_view() -> None:
            view = RecordsView(context)
            view.resize(1200, 650)
            view.show()
            app.processEvents()  # paints the first window of rows
            views.append(view)

        once_ms(open_view)  # warm the page cache of SQLite and Qt's first-paint costs
        opened = median_ms(open_view, REPEAT)
        view = views[-1]
        view.operator_filter.ensure_loaded()
        operators = [view.operator_filter.itemData(i)
                     for i in range(1, view.operator_filter.count())]
        turn = iter(range(10**6))

        def filter_once() -> None:
            view.operator_filter.setCurrentIndex(1 + next(turn) % len(operators))
            app.processEvents()

        filtered = median_ms(filter_once, REPEAT)

        def number_once() -> None:
            view.number_filter.setText(str(1 + next(turn) * 7919 % 100_000))
            app.processEvents()

        by_number = median_ms(number_once, REPEAT)
        baseline = median_ms(lambda: project.db.conn.execute(
            "SELECT COUNT(*) FROM response").fetchone(), REPEAT)
        for item in views:
            item.close()
            item.deleteLater()
        app.processEvents()
    project.close()
    table.add("records view open, 100k forms", opened, "ms", "bare COUNT(*) of 100k", baseline,
              "< 300 ms")
    table.add("records view filter by operator, 100k forms", filtered, "ms",
              "bare COUNT(*) of 100k", baseline, "< 300 ms")
    table.add("records view filter by form number, 100k forms", by_number, "ms",
              "bare COUNT(*) of 100k", baseline, "< 300 ms")
