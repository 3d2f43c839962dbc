"""Property test (hypothesis): whatever the answers and the minimum group size, the charts
plot only figures from at least `min_n` respondents, and never the figures of a hidden
risk, answer or day."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.charts.chart_set import ChartSet, bands_of
from desktop.services.analysis_service import AnalysisService

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "domain"))
from scoring_helpers import frame_of  # noqa: E402

ANSWER = st.sampled_from([1, 2, 3, 4, 5, 2, 3, 4, 8, None])
FORM = st.fixed_dictionaries({
    "post": st.sampled_from([1, 2, 3, 9]),
    "_day": st.sampled_from(["2026-10-05", "2026-10-06", "2026-10-07"]),
    **{f"r0{r}_{part}": ANSWER for r in (1, 2) for part in ("likelihood", "impact")},
    "c1_knows_reporting": st.sampled_from([1, 2, 3, 4, 5, None]),
})


@pytest.fixture(scope="module")
def charts(qapp, questionnaire):
    return ChartSet(bands_of(questionnaire, "en"))


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(forms=st.lists(FORM, max_size=40), min_n=st.sampled_from([2, 3, 5]))
def test_charts_plot_only_protected_figures(charts, questionnaire, forms, min_n):
    data = AnalysisService(questionnaire, frame_of(questionnaire, forms), min_n).compute()
    charts.set_data(data)
    overall = data.scores[data.scores["dimension"] == "all"]
    shown = overall[~overall["suppressed"]]
    assert (shown["n"] >= min_n).all()
    x, y = charts.heat_map.points.getData()
    assert sorted(x) == pytest.approx(sorted(shown["mean_impact"]))
    assert len(charts.heat_map.badges) == len(shown)
    bars = charts.scores.bar_values()
    assert set(bars) == set(shown["risk_id"])
    hidden = set(overall.loc[overall["suppressed"], "risk_id"])
    assert not hidden & set(bars)
    # Climate: a hidden answer is drawn with no share of its own.
    item = data.climate[data.climate["question"] == "c1_knows_reporting"]
    row = charts.climate.items.index("c1_knows_reporting")
    for _, cell in item.iterrows():
        share = charts.climate.shares[row, int(cell["code"]) - 1]
        if cell["suppressed"]:
            assert share == 0
        else:
            assert cell["count"] >= min_n and share == pytest.approx(cell["share"] * 100)
    # Activity: every count drawn comes from at least min_n forms.
    heights = np.asarray(charts.activity.day_bars.opts["height"], float)
    widths = np.asarray(charts.activity.post_bars.opts["width"], float)
    assert (heights >= min_n).all() and (widths >= min_n).all()
    hidden_days = int(data.per_day["suppressed"].sum())
    assert hidden_days != 1 or data.n_forms is None
