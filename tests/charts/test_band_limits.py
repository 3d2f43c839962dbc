"""A mean of 9.99 (Moderate) is shown as 9.99 in a Moderate colour, never as '10.0': the
colour, the label and the level of a bar agree at the band limit, in chart and report."""

from __future__ import annotations

from PySide6.QtGui import QColor

from desktop.charts.chart_set import bands_of
from desktop.charts.heat_map_chart import HeatMapChart
from desktop.charts.score_bar_chart import ScoreBarChart
from desktop.services.analysis_service import AnalysisService
from tests.domain.scoring_helpers import frame_of


def _near_ten(questionnaire):
    # 99 respondents rate 2 x 5 = 10, one rates 3 x 3 = 9: mean 999 / 100 = 9.99.
    forms = [{"r01_likelihood": 2, "r01_impact": 5} for _ in range(99)]
    forms.append({"r01_likelihood": 3, "r01_impact": 3})
    return AnalysisService(questionnaire, frame_of(questionnaire, forms), 5, "en").compute()


def test_a_mean_just_under_a_limit_keeps_band_colour_and_label(qtbot, questionnaire):
    data = _near_ten(questionnaire)
    row = data.scores[(data.scores["dimension"] == "all")
                      & (data.scores["risk_id"] == questionnaire.risks[0].id)].iloc[0]
    assert row["mean_score"] == 9.99 or abs(row["mean_score"] - 9.99) < 1e-12
    assert row["level"] == "moderate" and row["score_text"] == "9.99"
    moderate = next(b for b in questionnaire.bands if b.id == "moderate")
    chart = ScoreBarChart(bands_of(questionnaire, "en"))
    qtbot.addWidget(chart)
    chart.set_data(data.scores)
    number = int(row["number"])
    shown = chart.rows[~chart.rows["suppressed"].astype(bool)].reset_index(drop=True)
    index = shown.index[shown["number"] == number][0]
    brush = chart.bars.opts["brushes"][index]
    assert brush.color().rgb() == QColor(moderate.color).rgb()
    texts = [item.textItem.toPlainText() for item in chart.texts]
    assert "9.99" in texts and "10.0" not in texts
    y = float(chart.rows.loc[chart.rows["number"] == number, "y"].iloc[0])
    assert "Mean score 9.99 " in chart.tooltip_at(5, y)
    assert "Moderate" in chart.tooltip_at(5, y)


def test_heat_map_legend_shows_half_open_ranges(qtbot, questionnaire):
    chart = HeatMapChart(bands_of(questionnaire, "en"))
    qtbot.addWidget(chart)
    chart.set_data(_near_ten(questionnaire).scores)
    legend = chart.legend.text
    assert "Moderate (5–&lt;10)" in legend
    assert chart.band_of(9.99)[3] == "Moderate" and chart.band_of(10)[3] == "High"
