"""Texts that came in a bundle or an imported questionnaire (a round's name, risk, question,
post and band labels) are drawn in the charts and in both PDFs with their control
characters as escapes (\\u202e, \\x1b), as the window shows them: a bidirectional override
cannot reorder what the reader of a chart or a printed report sees."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from desktop.charts.activity_chart import ActivityChart
from desktop.charts.climate_chart import ClimateChart
from desktop.charts.heat_map_chart import HeatMapChart
from desktop.charts.paper_form_pdf import PaperFormSpec, write_paper_form_pdf
from desktop.charts.report_pdf import write_report_pdf
from desktop.charts.score_bar_chart import ScoreBarChart
from desktop.services.report_service import build_report

RAW = "Paso \u202eko\x1b[31m"
SHOWN = "Paso \\u202eko\\x1b[31m"


def _ticks(plot, axis: str = "left") -> list[str]:
    return [text for level in plot.getAxis(axis)._tickLevels for _, text in level]


def _hostile(frame, column: str):
    frame = frame.copy()
    frame[column] = frame[column].astype(object)
    frame.loc[frame.index[0], column] = RAW
    return frame


def _no_raw(text: str) -> bool:
    return "\u202e" not in text and "\x1b" not in text


def test_charts_show_labels_escaped(qtbot, analysis, bands):
    data = analysis.compute()
    scores = _hostile(data.scores, "risk_label")
    bar = ScoreBarChart(bands)
    qtbot.addWidget(bar)
    bar.set_data(scores)
    ticks = _ticks(bar.plot)
    assert any("Paso \\u202e" in t for t in ticks) and all(_no_raw(t) for t in ticks)
    row = bar.rows[bar.rows["risk_label"].str.startswith("Paso")].iloc[0]
    assert SHOWN in bar.tooltip_at(1.0, row["y"])

    hostile_bands = [(low, high, colour, RAW if i == 0 else label)
                     for i, (low, high, colour, label) in enumerate(bands)]
    heat = HeatMapChart(hostile_bands)
    qtbot.addWidget(heat)
    heat.set_data(scores)
    legend = heat.legend.text
    assert "\\u202e" in legend and _no_raw(legend)
    assert _no_raw(heat.tooltip_at(1.0, 1.0)) and SHOWN in heat.tooltip_at(1.0, 1.0)

    climate = ClimateChart()
    qtbot.addWidget(climate)
    frame = data.climate.copy()
    first = frame["question"] == frame["question"].iloc[0]
    frame["question_label"] = frame["question_label"].astype(object)
    frame.loc[first, "question_label"] = RAW
    frame.attrs = dict(data.climate.attrs, anchors=(RAW, "agree"))
    climate.set_data(frame)
    ticks = _ticks(climate.plot)
    assert any("\\u202e" in t for t in ticks) and all(_no_raw(t) for t in ticks)
    assert "\\u202e" in climate.legend.text and _no_raw(climate.legend.text)

    activity = ActivityChart()
    qtbot.addWidget(activity)
    frame = data.activity()
    posts = frame.index[frame["kind"] == "post"]
    frame = frame.copy()
    frame["label"] = frame["label"].astype(object)
    frame.loc[posts[0], "label"] = RAW
    activity.set_data(frame)
    ticks = _ticks(activity.post_plot)
    assert any("\\u202e" in t for t in ticks) and all(_no_raw(t) for t in ticks)


def _pdf_text(path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext is not installed")
def test_pdfs_print_names_escaped(qapp, analysis, questionnaire, tmp_path):
    data = analysis.compute()
    document = build_report(data, questionnaire, {"round": RAW})
    report = write_report_pdf(document, {}, tmp_path / "report.pdf")
    text = _pdf_text(report)
    assert "\\u202eko\\x1b[31m" in text and _no_raw(text)

    paper = write_paper_form_pdf(PaperFormSpec(questionnaire, "en", round_name=RAW),
                                 tmp_path / "form.pdf")
    text = _pdf_text(paper)
    assert "\\u202eko\\x1b[31m" in text and _no_raw(text)
