"""The dashboard makes its four charts one per turn of the event loop (so opening it does
not hold the window for all four): each lands in its own tab, and one used before its
turn is made at once; the first selection is scored with the load, on the worker."""

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


def test_the_first_selection_is_scored_with_the_load_off_the_ui_thread(qtbot, demo_project,
                                                                       monkeypatch):
    import threading

    from desktop.services.analysis_service import AnalysisService
    threads: list[bool] = []
    compute = AnalysisService.compute

    def recorded(self, filters=None):
        threads.append(threading.current_thread() is threading.main_thread())
        return compute(self, filters)

    monkeypatch.setattr(AnalysisService, "compute", recorded)
    context = AppContext(demo_project, operator="AM", lang="en", runner=BackgroundRunner())
    view = DashboardView(context)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.data is not None, timeout=20_000)
    assert threads == [False]  # scored on the worker, drawn as it came
    assert view.data.n_forms == 60
    view.set_filter("post", view.filters["post"].itemData(1))  # a filter: from memory, here
    qtbot.waitUntil(lambda: bool(view.data.filters), timeout=20_000)
    assert threads == [False, True]
