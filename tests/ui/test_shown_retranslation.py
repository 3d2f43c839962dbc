"""A hidden window follows a language switch in two steps (ui/shown_retranslation.py): its
fixed texts at once, what reads the project only when it is shown again."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent

from desktop.ui.main_window import MainWindow
from desktop.ui.translation import switch_language


def test_hidden_window_catches_up_when_shown(qtbot, qapp, context, settings):
    # Not qtbot.addWidget: the window is deleted here, so no later language change of
    # another test reaches it (a window hidden and shown again outlives its wrapper).
    window = MainWindow(context, settings)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    entry = window.entry_view
    reads = []
    entry._update_counts = lambda: reads.append("counts")  # what reads the project
    try:
        assert window.nav.item(0).text() == "Entry"
        window.hide()
        switch_language(qapp, context, "es")
        qapp.processEvents()
        spanish_entry = QCoreApplication.translate("MainWindow", "Entry")
        spanish_save = QCoreApplication.translate("EntryView", "Save")
        assert spanish_entry != "Entry" and spanish_save != "Save"
        assert entry.save_button.text() == spanish_save  # fixed texts: at once
        assert window.nav.item(0).text() == "Entry" and reads == []  # not while hidden
        window.show()
        qtbot.waitExposed(window)
        assert window.nav.item(0).text() == spanish_entry
        qtbot.waitUntil(lambda: reads == ["counts"])
    finally:
        del entry._update_counts
        switch_language(qapp, context, "en")
        window.close()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
