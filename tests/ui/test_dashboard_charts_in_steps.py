"""The dashboard makes its four charts one per turn of the event loop (so opening it does
not hold the window for all four): each lands in its own tab, and one used before its
turn is made at once."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget

from desktop.charts.chart_set import CHART_NAMES, ChartSet, bands_of
from desktop.ui.app_context import AppContext
from desktop.ui.background import BackgroundRunner
from desktop.ui.dashboard_view import DashboardView


def made(charts: ChartSet) -> list[str]:
    return list(charts._built)  # noqa: SLF001 - what exists so far, without making more


def test_a_lazy_chart_set_makes_one_chart_per_step_and_any_on_use(qtbot, demo_project):
    seen: list[str] = []
    charts = ChartSet(bands_of(demo_project.questionnaire, "en"), lazy=True, built=lambda name, chart: seen.append(name))
    assert made(charts) == []
    assert charts.build_next() and made(charts) == ["heat_map"]
    qtbot.addWidget(charts.heat_map)
    qtbot.addWidget(charts.activity)  # used before its turn: made now
    assert made(charts) == ["heat_map", "activity"]
    while charts.build_next():
        pass
    assert sorted(seen) == sorted(CHART_NAMES) and len(seen) == 4
    for chart in charts.charts().values():
        qtbot.addWidget(chart)


def test_the_dashboard_places_each_chart_in_its_tab_as_it_is_made(qtbot, demo_project):
    context = AppContext(demo_project, operator="AM", lang="en", runner=BackgroundRunner())
    view = DashboardView(context)
    qtbot.addWidget(view)
    assert made(view.charts) == []  # nothing drawn while the page is being built
    view.resize(1366, 700)
    view.show()
    qtbot.waitUntil(lambda: len(made(view.charts)) == 4 and view.data is not None,
                    timeout=20_000)
    tabs: QTabWidget = view.tabs
    for index, name in enumerate(CHART_NAMES):
        chart = view.charts.chart(name)
        assert tabs.widget(index).isAncestorOf(chart), name
    assert not view.charts.heat_map.legend_names  # the register beside it names the risks
    assert len(view.charts.activity.day_bars.opts["height"]) > 0  # drawn once loaded
