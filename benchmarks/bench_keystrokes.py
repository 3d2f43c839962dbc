"""Keystrokes to key one demo form in the entry view (typed offscreen with QTest: the form
number, every answer, Enter after each, Ctrl+S), beside the minimum: the characters of the
answers plus one key per question (the form number counted as a question, plus the save)."""

from __future__ import annotations

import os
import statistics
import tempfile
from pathlib import Path

from benchmarks.table import BenchTable

FORMS = 20


def run(table: BenchTable) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from desktop.domain.demo_forms import generate_forms
    from desktop.domain.form_rules import applicable
    from desktop.services.project import Project
    from desktop.ui.app_context import AppContext
    from desktop.ui.background import SynchronousRunner
    from desktop.ui.entry_view import EntryView

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        project = Project.open(Path(folder) / "keys.db")
        round_ = project.create_round("Bench", target_count=FORMS)
        context = AppContext(project, operator="BE",
                             runner=SynchronousRunner())
        context.set_round(round_.uuid)
        view = EntryView(context)
        view.resize(1200, 700)
        view.show()
        QTest.qWaitForWindowExposed(view)
        view.activateWindow()
        QTest.qWaitForWindowActive(view)
        used: list[int] = []
        minimum: list[int] = []
        saved: list[object] = []
        view.form_saved.connect(saved.append)
        for form in generate_forms(project.questionnaire, FORMS, seed=3):
            view.focus_form_number()
            app.processEvents()
            keys = 0

            def press(key: Qt.Key, text: str = "", modifier=Qt.KeyboardModifier.NoModifier):
                nonlocal keys
                widget = QApplication.focusWidget()
                if text:
                    QTest.keyClicks(widget, text)
                    keys += len(text)
                QTest.keyClick(widget, key, modifier)
                keys += 1

            press(Qt.Key.Key_Return, str(form.form_number))
            while (qid := view.form.current_question()) is not None:
                last = qid == view.form.applicable_ids()[-1]
                press(Qt.Key.Key_Return, form.answers.get(qid, ""))
                if last:
                    break
            counted = view.keystrokes
            press(Qt.Key.Key_S, "", Qt.KeyboardModifier.ControlModifier)
            questions = applicable(project.questionnaire, form.answers)
            minimum.append(sum(len(form.answers.get(q, "")) + 1 for q in questions)
                           + len(str(form.form_number)) + 1 + 1)
            used.append(keys)
            assert counted + 1 == keys, (counted, keys)  # the view counts what was typed
        view.close()
        project.close()
    if len(saved) != FORMS:
        raise RuntimeError(f"only {len(saved)} of {FORMS} forms were saved")
    table.add("keystrokes to key one demo form (mean)", statistics.mean(used), "keys",
              "minimum: answer characters + 1 per question", statistics.mean(minimum),
              "x1.00")
