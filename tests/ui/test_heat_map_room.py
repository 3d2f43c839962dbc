"""The heat map in the dashboard at 1366x768: room for the matrix, badges that cover no
other badge and no cell's score, and a risk register naming every risk in full with its
figures, in English and Spanish."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from desktop.ui.app_context import AppContext
from desktop.ui.background import SynchronousRunner
from desktop.ui.translation import install_translator
from tests.ui.window_helpers import shown_main_window


@pytest.fixture
def window(qtbot, demo_project, settings):
    context = AppContext(demo_project, operator="AM", lang="en",
                         runner=SynchronousRunner())
    with shown_main_window(qtbot, context, settings) as win:
        yield win


def _dashboard(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.nav, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)  # View menu
    view = window.pages["dashboard"]
    assert view is not None and window.stack.currentWidget() is view
    qtbot.waitUntil(lambda: view.data is not None)
    QCoreApplication.processEvents()
    return view


def _rect(item):
    return item.mapRectToScene(item.boundingRect())


def test_badges_cover_nothing_at_a_laptop_size(qtbot, window):
    view = _dashboard(qtbot, window)
    chart = view.charts.heat_map
    assert chart.width() >= 500 and chart.plot.vb.width() >= 330  # room for the matrix
    badges = [_rect(badge) for badge in chart.badges]
    assert len(badges) == 10
    for i, one in enumerate(badges):
        for other in badges[i + 1:]:
            assert not one.intersects(other)
        for label in chart.cell_label_rects():
            assert not one.intersects(label)
    x, y = chart.points.getData()
    leader_x, leader_y = chart.leaders.getData()
    assert len(leader_x) == 2 * len(x)  # every badge is tied to its point


@pytest.mark.parametrize("lang, name, header", [
    ("en", "Misuse of fuel, vehicles and equipment", "Risk"),
    ("es", "Uso indebido de combustible y equipo", "Riesgo")])
def test_the_register_names_every_risk_in_full(qtbot, window, qapp, lang, name, header):
    install_translator(qapp, lang)
    window.context.set_language(lang)
    try:
        view = _dashboard(qtbot, window)
        qtbot.waitUntil(lambda: view.data is not None and view.analysis.lang == lang)
        table = view.register_table
        assert table.rowCount() == 10
        assert table.horizontalHeaderItem(1).text() == header
        rows = table.texts()
        assert name in [row[1] for row in rows]
        register = view.data.register.sort_values("number")
        first = register.iloc[0]
        assert rows[0][0] == "1" and rows[0][7] == str(int(first["n"]))
        assert rows[0][4] == first["score_text"] and rows[0][5] == first["level_label"]
        assert rows[0][6] == f"{first['score_ci_low']:.1f}–{first['score_ci_high']:.1f}"
    finally:
        install_translator(qapp, "en")
