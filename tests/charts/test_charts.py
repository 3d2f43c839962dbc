"""Each chart plots exactly the protected figures it is given: checked through the plot
items' data (getData, bar options), the tooltips, and exported PNG/SVG files."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QImage

from desktop.charts.activity_chart import ActivityChart
from desktop.charts.chart_set import ChartSet
from desktop.charts.climate_chart import ClimateChart
from desktop.charts.heat_map_chart import HeatMapChart
from desktop.charts.score_bar_chart import ScoreBarChart


def overall(data):
    rows = data.scores[data.scores["dimension"] == "all"]
    return rows[~rows["suppressed"]]


def test_heat_map_plots_each_risk_at_its_means(qtbot, analysis, bands):
    data = analysis.compute()
    chart = HeatMapChart(bands)
    qtbot.addWidget(chart)
    chart.set_data(data.scores)
    x, y = chart.points.getData()
    shown = overall(data)
    assert np.allclose(x, shown["mean_impact"]) and np.allclose(y, shown["mean_likelihood"])
    # Whiskers: the confidence intervals of both means.
    opts = chart.whiskers.opts
    assert np.allclose(opts["x"] - opts["left"], shown["impact_ci_low"])
    assert np.allclose(opts["y"] + opts["top"], shown["likelihood_ci_high"])
    assert len(chart.badges) == len(shown)
    assert sorted(int(b.textItem.toPlainText()) for b in chart.badges) == \
        sorted(shown["number"])


def test_heat_map_cells_follow_the_bands(qtbot, bands):
    chart = HeatMapChart(bands)
    qtbot.addWidget(chart)
    assert len(chart.cells.colours) == 25
    colours = {band[3]: QColor(band[2]).rgb() for band in bands}
    assert chart.cell_colour(5, 5).rgb() == colours["Extreme"]
    assert chart.cell_colour(1, 1).rgb() == colours["Low"]
    assert chart.cell_colour(3, 3).rgb() == colours["Moderate"]
    assert chart.cell_colour(4, 3).rgb() == colours["High"]  # 12
    assert "= 12: High" in chart.tooltip_at(4.0, 3.0)


def test_heat_map_tooltip_gives_the_figures(qtbot, analysis, bands):
    data = analysis.compute()
    chart = HeatMapChart(bands)
    qtbot.addWidget(chart)
    chart.set_data(data.scores)
    risk = overall(data).iloc[0]
    tip = chart.tooltip_at(risk["mean_impact"], risk["mean_likelihood"])
    assert risk["risk_label"] in tip and f"n = {int(risk['n'])}" in tip
    assert f"{risk['mean_score']:.1f}" in tip


def test_score_bars_are_ranked_and_coloured_by_level(qtbot, analysis, bands):
    data = analysis.compute()
    chart = ScoreBarChart(bands)
    qtbot.addWidget(chart)
    chart.set_data(data.scores)
    widths = np.asarray(chart.bars.opts["width"], float)
    assert list(widths) == sorted(widths, reverse=True)
    values = chart.bar_values()
    shown = overall(data)
    assert values == pytest.approx(dict(zip(shown["risk_id"], shown["mean_score"])))
    colours = [b.color().name() for b in chart.bars.opts["brushes"]]
    expected = shown.sort_values("mean_score", ascending=False)["level_color"]
    assert colours == [c.lower() for c in expected]
    top = chart.rows.iloc[0]
    assert top["risk_label"] in chart.tooltip_at(1.0, top["y"])


def test_climate_bars_diverge_around_zero(qtbot, analysis):
    data = analysis.compute()
    chart = ClimateChart()
    qtbot.addWidget(chart)
    chart.set_data(data.climate)
    first = chart.segments[0].opts
    shares = chart.shares
    # Disagreement and half the middle lie left of zero.
    assert np.allclose(first["x0"], -(shares[:, 0] + shares[:, 1] + shares[:, 2] / 2))
    assert np.allclose(shares.sum(axis=1) + chart.hidden_shares, 100)
    item = data.climate[~data.climate["suppressed"]].iloc[0]
    row = chart.items.index(item["question"])
    assert shares[row, int(item["code"]) - 1] == pytest.approx(item["share"] * 100)
    assert "n = " in chart.tooltip_at(0, chart.ys[row])


def test_activity_counts_days_and_posts(qtbot, analysis):
    data = analysis.compute()
    chart = ActivityChart()
    qtbot.addWidget(chart)
    chart.set_data(data.activity())
    heights = np.asarray(chart.day_bars.opts["height"], float)
    assert heights.sum() == data.n_forms == 60
    posts = np.asarray(chart.post_bars.opts["width"], float)
    shown = data.per_post[~data.per_post["suppressed"]]
    assert sorted(posts) == sorted(shown["n"])
    assert "forms" in chart.tooltip_at(0, 1)


def test_nothing_small_is_plotted(qtbot, analysis, bands):
    analysis.min_n = 1000  # every figure below the minimum
    data = analysis.compute()
    charts = ChartSet(bands)
    for chart in charts.charts().values():
        qtbot.addWidget(chart)
    charts.set_data(data)
    assert len(charts.heat_map.points.getData()[0]) == 0
    assert len(charts.scores.bars.opts["width"]) == 0
    assert np.all(charts.climate.shares == 0)
    assert len(charts.activity.day_bars.opts["height"]) == 0
    assert "hidden" in charts.heat_map.legend.text


def test_exports_png_and_svg(qtbot, analysis, bands, tmp_path):
    charts = ChartSet(bands)
    for chart in charts.charts().values():
        qtbot.addWidget(chart)
    charts.set_data(analysis.compute())
    pngs = charts.save_png(tmp_path)
    svgs = charts.save_svg(tmp_path)
    assert {p.name for p in pngs} == {"heat_map.png", "scores.png", "climate.png",
                                      "activity.png"}
    image = QImage(str(tmp_path / "heat_map.png"))
    assert image.width() == 1300
    assert len({image.pixel(x, y) for x in range(0, 1300, 20) for y in range(0, 760, 20)}) > 20
    assert all(p.read_text(encoding="utf-8").lstrip().startswith("<?xml") for p in svgs)


def test_heat_map_paints_each_cell_and_its_score(qtbot, bands):
    chart = HeatMapChart(bands)
    qtbot.addWidget(chart)
    chart.resize(700, 560)
    chart.show()
    qtbot.waitExposed(chart)
    image = chart.grab().toImage()
    for (impact, likelihood), colour in chart.cells.colours.items():
        centre = chart.cells.mapToScene(QPointF(impact, likelihood)).toPoint()
        shown = QColor(image.pixel(centre))  # the band colour, nearly opaque on white
        assert all(abs(a - b) < 20 for a, b in zip(shown.getRgb()[:3], colour.getRgb()[:3]))
    for box in chart.cell_label_rects():  # grey type inside each score's box
        inked = [QColor(image.pixel(int(x), int(y))) for x in range(int(box.left()),
                 int(box.right())) for y in range(int(box.top()), int(box.bottom()))]
        assert any(c.red() < 140 and c.green() < 140 and c.blue() < 140 for c in inked)


def test_activity_tooltips_say_one_form_for_one(qtbot, qapp):
    from desktop.ui.translation import install_translator
    chart = ActivityChart()
    qtbot.addWidget(chart)
    install_translator(qapp, "en")
    chart.days = pd.DataFrame({"x": [0.0, 1.0], "n": [1.0, 2.0], "label": ["Mon", "Tue"]})
    chart.posts = pd.DataFrame({"y": [0.0], "n": [1.0], "label": ["North"]})
    assert chart.tooltip_at(0.0, 0) == "Mon: 1 form"
    assert chart.tooltip_at(1.0, 0) == "Tue: 2 forms"
    assert chart.post_tooltip_at(0, 0.0) == "North: 1 form"
