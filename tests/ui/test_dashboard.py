"""The dashboard: loads off the UI thread, filters update every chart at once, nothing
small is shown, it renders offscreen to a PNG that is not blank, and it exports."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QImage

from desktop.services.demo_service import fill_demo
from desktop.ui.app_context import AppContext
from desktop.ui.background import BackgroundRunner, SynchronousRunner
from desktop.ui.dashboard_view import DashboardView


@pytest.fixture
def dashboard(qtbot, demo_project):
    context = AppContext(demo_project, operator="AM", lang="en",
                         runner=SynchronousRunner())
    view = DashboardView(context)
    qtbot.addWidget(view)
    view.resize(1366, 700)
    view.show()  # a hidden dashboard draws nothing until shown
    return view


def test_loads_in_the_background(qtbot, demo_project):
    context = AppContext(demo_project, operator="AM", lang="en",
                         runner=BackgroundRunner())
    view = DashboardView(context)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.data is not None, timeout=10_000)
    assert view.data.n_forms == 60
    assert view.filters["post"].count() > 2  # 'All' and the posts with forms


def test_a_filter_updates_every_chart(dashboard):
    before = dashboard.charts.heat_map.points.getData()[0].copy()
    post = dashboard.filters["post"].itemData(1)
    dashboard.set_filter("post", post)
    data = dashboard.data
    assert data.filters == {"post": post}
    shown = data.scores[(data.scores["dimension"] == "all") & ~data.scores["suppressed"]]
    x, _ = dashboard.charts.heat_map.points.getData()
    assert np.allclose(x, shown["mean_impact"]) and not np.array_equal(x, before)
    assert dashboard.charts.scores.bar_values() == pytest.approx(
        dict(zip(shown["risk_id"], shown["mean_score"])))
    heights = np.asarray(dashboard.charts.activity.day_bars.opts["height"], float)
    assert heights.sum() <= data.n_forms
    assert str(data.n_forms) in dashboard.summary.text()
    yes = data.exposure[(data.exposure["question"] == "exp_offered")
                        & (data.exposure["code"] == "1")].iloc[0]
    if not yes["suppressed"]:
        assert f"{yes['share'] * 100:.0f}%" in dashboard.exposure.text()
    dashboard.clear_filters()
    assert dashboard.data.n_forms == 60


def test_a_small_selection_shows_nothing(dashboard):
    dashboard.analysis.min_n = 59
    dashboard.set_filter("post", dashboard.filters["post"].itemData(1))
    assert dashboard.data.n_forms is None
    assert len(dashboard.charts.heat_map.points.getData()[0]) == 0
    assert "59" in dashboard.summary.text()  # (in whichever language is installed)


def test_renders_offscreen_to_a_png_that_is_not_blank(dashboard, tmp_path):
    dashboard.show()
    path = tmp_path / "dashboard.png"
    assert dashboard.grab().save(str(path))
    image = QImage(str(path))
    colours = {image.pixel(x, y) for x in range(0, image.width(), 9)
               for y in range(0, image.height(), 9)}
    assert len(colours) > 30
    # The heat map's extreme red is on screen.
    assert any(image.pixelColor(x, y).name() == "#d73027"
               for x in range(0, image.width(), 4) for y in range(0, image.height(), 4))


def test_exports(dashboard, tmp_path):
    files = dashboard.export_charts(str(tmp_path / "charts"))
    assert len(files) == 8 and all(f.stat().st_size > 1000 for f in files)
    dashboard.export_tables(str(tmp_path / "scores.xlsx"))
    assert (tmp_path / "scores.xlsx").stat().st_size > 1000
    dashboard.export_tables(str(tmp_path / "csv" / "scores.csv"))
    assert (tmp_path / "csv" / "scores.csv").exists()
    dashboard.export_pdf(str(tmp_path / "report.pdf"))
    assert (tmp_path / "report.pdf").read_bytes()[:5] == b"%PDF-"
    assert "report.pdf" in dashboard.summary.text()


def test_reloads_when_forms_change(dashboard):
    fill_demo(dashboard.context.project, 5, seed=2, round_name="Second")
    dashboard.show()
    dashboard.context.forms_changed.emit(None)
    assert dashboard.data.n_forms == 65
    assert dashboard.filters["round"].count() == 3  # All, Demo 1, Second


def test_follows_the_questionnaire_language(dashboard):
    dashboard.context.set_language("es")
    assert dashboard.data.lang == "es"
    assert "Sobornos en controles" in set(dashboard.data.scores["risk_label"])
    assert "Extremo" in dashboard.charts.heat_map.legend.text
    assert dashboard.charts.heat_map.tooltip_at(5, 5).endswith("Extremo")


def test_min_group_size_and_language_recompute_without_reading_forms(dashboard, monkeypatch):
    from desktop.services import analysis_table

    def no_reading(*_args, **_kwargs):
        raise AssertionError("the forms were read again")

    monkeypatch.setattr(analysis_table, "load_frame", no_reading)
    monkeypatch.setattr(analysis_table, "load_columns", no_reading)
    loaded = dashboard.analysis
    dashboard.context.project.set_setting("min_group_size", 40)
    dashboard.context.settings_changed.emit()
    assert dashboard.data.min_n == 40 and dashboard.analysis.sums is loaded.sums
    assert dashboard.data.scores[dashboard.data.scores["dimension"] == "post"]["n"].isna().all()
    dashboard.context.set_language("es")
    assert dashboard.data.lang == "es" and dashboard.analysis.sums is loaded.sums
    assert "Sobornos en controles" in set(dashboard.data.scores["risk_label"])


def test_a_load_that_ends_while_hidden_waits_until_shown(qtbot, demo_project):
    context = AppContext(demo_project, operator="AM", lang="en",
                         runner=SynchronousRunner())
    view = DashboardView(context)  # built and loaded, never shown
    qtbot.addWidget(view)
    assert view.analysis is not None and view.data is None  # read, not scored nor drawn
    assert len(view.charts.heat_map.points.getData()[0]) == 0
    view.show()
    assert view.data is not None and view.data.n_forms == 60
    assert len(view.charts.heat_map.points.getData()[0]) == 10


def test_the_load_shows_a_progress_bar_that_steps_and_goes(qtbot, demo_project):
    """The bar is up (busy) while the forms are read off the UI thread, follows each step
    of the load, and is gone when the figures are drawn."""
    steps = []

    class RecordingRunner(SynchronousRunner):
        def run(self, task, on_success, on_failure, on_progress=None):
            bar = on_progress.__self__.load_bar  # the view's own slot

            def watched(done, total):
                steps.append((done, total, bar.isVisibleTo(bar.parentWidget())))
                on_progress(done, total)
            return super().run(task, on_success, on_failure, watched)

    context = AppContext(demo_project, operator="AM", lang="en",
                         runner=RecordingRunner())
    view = DashboardView(context)
    qtbot.addWidget(view)
    view.show()
    done = [done for done, _, _ in steps]
    total = steps[0][1]
    assert done[0] == 0 and done[-1] == total and done == sorted(done)
    assert all(each == total and shown for _, each, shown in steps)
    assert not view.load_bar.isVisible() and view.data is not None
    first = len(steps)
    view.reload()  # again (the snapshot and its sums are stored now): one row is read,
    # the bar goes from the versions compared to the end
    assert [done for done, _, _ in steps[first:]] == [0, 1, total]
    assert total > 20 and not view.load_bar.isVisible()
    with demo_project.db.transaction() as tx:  # damaged sums: added up again, step by step
        tx.execute("UPDATE analysis_cell_sums SET data = zeroblob(length(data))")
    second = len(steps)
    view.reload()
    assert [done for done, _, _ in steps[second:]] == list(range(total + 1))
    assert not view.load_bar.isVisible() and view.data.n_forms == 60


def test_drawing_works_out_no_group_rows(dashboard):
    """The charts, the register and the summary draw from the overall rows: the scores of
    every group (reports, exports) are not worked out on the UI thread for a filter."""
    for key in ("", dashboard.filters["post"].itemData(1)):
        dashboard.set_filter("post", key)
        assert dashboard.data._scores is None  # noqa: SLF001 - what was worked out
    assert len(dashboard.data.scores) > len(dashboard.data.overall)  # read when asked
