"""Windows for widget tests: the main window shown at 1366x768 (the `window` fixture of
conftest.py and the tests that build it on another context, such as the demo project), any
widget shown and made the active window (`shown_active`), and `answer_modal` for a modal
dialog opened by a click."""

from __future__ import annotations

import contextlib
from typing import Iterator

from PySide6.QtCore import QCoreApplication, QEvent


@contextlib.contextmanager
def shown_main_window(qtbot, context, settings, active: bool = False) -> Iterator:
    """The main window on `context`, shown at 1366x768 (and made the active window when
    keys must reach it); deleted at once afterwards, so no closed window (its project
    closed) hears a later language change."""
    from desktop.ui.main_window import MainWindow
    win = MainWindow(context, settings)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    if active:
        win.activateWindow()
        qtbot.waitUntil(win.isActiveWindow)
    yield win
    win.close()
    win.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def shown_active(qtbot, widget, width: int = 1366, height: int = 700):
    """`widget` on screen at `width` x `height` and the active window, so keys reach it."""
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def answer_modal(form_class, steps) -> list:
    """When a modal `form_class` opens, run `steps(form)`; a form still open afterwards is
    cancelled, so a failing test cannot hang on the modal dialog. Returns the forms seen."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    seen: list = []

    def answer():
        form = QApplication.activeModalWidget()
        if not isinstance(form, form_class):
            QTimer.singleShot(10, answer)
            return
        seen.append(form)
        try:
            steps(form)
        finally:
            if form.isVisible():
                form.reject()

    QTimer.singleShot(0, answer)
    return seen
