"""The Spanish dashboard fits a 1366 x 768 laptop with a window frame: its window's
minimum width was 1359 px (five filter boxes of twelve characters beside their labels),
so the frame and the screen's edge cut it. The filter boxes now shrink further (their
chosen text ends in "…" with the whole text in the tooltip), and at the minimum width no
label, button or box is cut, and the risks' names beside the heat map wrap between words."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication

from desktop.ui.app_context import AppContext
from desktop.ui.background import SynchronousRunner
from desktop.ui.translation import install_translator
from tests.ui.window_helpers import shown_main_window

ROOM = 1300  # 1366 less a window frame and some margin


@pytest.fixture
def spanish_window(qtbot, qapp, demo_project, settings):
    install_translator(qapp, "es")
    context = AppContext(demo_project, operator="AM", lang="es", runner=SynchronousRunner())
    try:
        with shown_main_window(qtbot, context, settings) as win:
            yield win
    finally:
        install_translator(qapp, "en")


def test_the_spanish_dashboard_fits_1366_wide_without_cutting_text(qtbot, spanish_window):
    window = spanish_window
    window.show_page("dashboard")
    page = window.page("dashboard")
    qtbot.waitUntil(lambda: page.register_table.rowCount() == 10)
    QCoreApplication.processEvents()
    assert window.minimumSizeHint().width() < ROOM
    window.resize(window.minimumSizeHint().width(), 768)
    QCoreApplication.processEvents()
    table = page.register_table
    assert table.columnWidth(1) >= table.name_room()
    labels = page.filter_bar.labels.values()
    assert "Institución" in [label.text().replace("&", "") for label in labels]
    for widget in (*labels, page.clear_button, page.png_button, page.tables_button,
                   page.pdf_button):
        assert widget.width() >= widget.sizeHint().width(), widget.text()
    for combo in page.filter_bar.combos.values():
        assert combo.width() >= combo.minimumSizeHint().width()
        assert combo.shown_text() == combo.currentText() == "Todos"
        assert combo.toolTip() == "Todos"
