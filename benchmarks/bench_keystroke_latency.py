"""Keystroke latency in the entry view on a 100k-form database (issue 14, item 6).

Every key event of keying whole forms (form number, each answer character, Enter after
each answer) is timed from the key press to the end of the event processing that follows
it (QTest.keyClick, then processEvents); p50, p99 and max beside the same keys typed into
a bare QLineEdit in the same run. Ctrl+S is timed as the operator feels it: from the key
to the blank next form on screen (processed and painted), beside a bare QLineEdit being
cleared and repainted.
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.fixtures import demo_database, fresh_copy
from benchmarks.table import BenchTable

FORMS = 5
N = 100_000


def run(table: BenchTable) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QLineEdit

    from desktop.domain.demo_forms import generate_forms
    from desktop.services.project import Project
    from desktop.ui.app_context import AppContext
    from desktop.ui.background import SynchronousRunner
    from desktop.ui.entry_view import EntryView

    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="bench-keys-"))
    keys: list[tuple[Qt.Key, str]] = []
    key_ms: list[float] = []
    save_ms: list[float] = []

    def timed(widget, key: Qt.Key, text: str = "", modifier=Qt.KeyboardModifier.NoModifier):
        start = time.perf_counter()
        QTest.keyClick(widget, key, modifier) if not text else QTest.keyClicks(widget, text)
        app.processEvents()
        return (time.perf_counter() - start) * 1000

    try:
        project = Project.open(fresh_copy(demo_database(N), folder))
        round_ = project.create_round("Keys", target_count=FORMS, form_min=1, form_max=FORMS)
        context = AppContext(project, operator="BE",
                             runner=SynchronousRunner())
        context.set_round(round_.uuid)
        view = EntryView(context)
        view.resize(1200, 700)
        view.show()
        QTest.qWaitForWindowExposed(view)
        for form in generate_forms(project.questionnaire, FORMS, seed=3):
            view.focus_form_number()
            app.processEvents()

            def type_answer(text: str) -> None:
                for char in text:
                    key_ms.append(timed(QApplication.focusWidget(), Qt.Key.Key_unknown, char))
                    keys.append((Qt.Key.Key_unknown, char))
                key_ms.append(timed(QApplication.focusWidget(), Qt.Key.Key_Return))
                keys.append((Qt.Key.Key_Return, ""))

            type_answer(str(form.form_number))
            while (qid := view.form.current_question()) is not None:
                last = qid == view.form.applicable_ids()[-1]
                type_answer(form.answers.get(qid, ""))
                if last:
                    break
            start = time.perf_counter()
            QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_S,
                           Qt.KeyboardModifier.ControlModifier)
            app.processEvents()
            view.repaint()  # the blank next form painted
            save_ms.append((time.perf_counter() - start) * 1000)
        saved = project.db.conn.execute(
            "SELECT COUNT(*) FROM response WHERE round_uuid = ?", (round_.uuid,)).fetchone()[0]
        view.close()
        project.close()
        if saved != FORMS:
            raise RuntimeError(f"only {saved} of {FORMS} forms were saved")

        bare = QLineEdit()
        bare.resize(400, 30)
        bare.show()
        QTest.qWaitForWindowExposed(bare)
        bare_ms = [timed(bare, key, text) for key, text in keys]
        clear_ms = []
        for _ in range(FORMS):
            bare.setText("x" * 40)
            app.processEvents()
            start = time.perf_counter()
            QTest.keyClick(bare, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            QTest.keyClick(bare, Qt.Key.Key_Backspace)
            app.processEvents()
            bare.repaint()
            clear_ms.append((time.perf_counter() - start) * 1000)
        bare.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    for name, ours, theirs, target in (
            ("p50", _quantile(key_ms, 0.5), _quantile(bare_ms, 0.5), ""),
            ("p99", _quantile(key_ms, 0.99), _quantile(bare_ms, 0.99), "<= 16 ms"),
            ("max", max(key_ms), max(bare_ms), "<= 50 ms")):
        table.add(f"key event in entry view, 100k db, {name} ({len(key_ms)} keys)", ours,
                  "ms", f"bare QLineEdit, same keys, {name}", theirs, target)
    table.add("Ctrl+S to the blank next form, 100k db, median", statistics.median(save_ms),
              "ms", "bare QLineEdit cleared + repainted", statistics.median(clear_ms))
    table.add("Ctrl+S to the blank next form, 100k db, max", max(save_ms), "ms",
              "bare QLineEdit cleared, max", max(clear_ms))


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]
