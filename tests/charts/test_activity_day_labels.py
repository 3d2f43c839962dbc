"""The activity chart over many days: dated ticks every week or more and no count over
each bar (at 213 days they ran together), every bar still drawn and every day's count
in its tooltip; over a few days, a tick and a count for each day."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from desktop.charts.activity_chart import (MAX_DAY_TICKS, MAX_DAY_VALUES, ActivityChart,
                                           tick_step)


def activity(days: int) -> pd.DataFrame:
    dates = pd.date_range("2026-10-05", periods=days, freq="D").strftime("%Y-%m-%d")
    counts = [float(10 + i % 7) for i in range(days)]
    counts[3] = np.nan  # a day hidden to protect the respondents
    rows = [{"kind": "day", "label": d, "n": n, "suppressed": not np.isfinite(n)}
            for d, n in zip(dates, counts)]
    rows.append({"kind": "post", "label": "North border crossing", "n": float(sum(
        n for n in counts if np.isfinite(n))), "suppressed": False})
    frame = pd.DataFrame(rows)
    frame.attrs["min_n"] = 5
    return frame


def day_texts(chart: ActivityChart) -> list[str]:
    pool = chart.pools[id(chart.day_plot)]
    return [item.textItem.toPlainText() for item in pool.items[:pool.used]]


def ticks(chart: ActivityChart) -> list[tuple[float, str]]:
    return chart.day_plot.getAxis("bottom")._tickLevels[0]


@pytest.mark.parametrize("days, step", [(1, 1), (12, 1), (13, 7), (84, 7), (85, 14),
                                        (213, 28), (1000, 91)])
def test_tick_step_keeps_the_dates_few(days, step):
    assert tick_step(days) == step
    assert -(-days // tick_step(days)) <= MAX_DAY_TICKS


def test_many_days_get_weekly_ticks_and_no_counts_over_the_bars(qtbot):
    chart = ActivityChart()
    qtbot.addWidget(chart)
    chart.set_data(activity(213))
    labelled = ticks(chart)
    assert 2 <= len(labelled) <= MAX_DAY_TICKS
    assert labelled[0] == (0.0, "10-05")
    assert all(b[0] - a[0] == tick_step(213) for a, b in zip(labelled, labelled[1:]))
    assert day_texts(chart) == []
    assert len(chart.day_bars.opts["height"]) == 212  # the hidden day has no bar
    assert chart.tooltip_at(1, 0) == "2026-10-06: 11 forms"
    assert "hidden" in chart.tooltip_at(3, 0)


def test_a_few_days_get_a_tick_and_a_count_each(qtbot):
    chart = ActivityChart()
    qtbot.addWidget(chart)
    chart.set_data(activity(10))
    assert [label for _, label in ticks(chart)][:2] == ["10-05", "10-06"]
    assert len(ticks(chart)) == 10
    texts = day_texts(chart)
    assert len(texts) == 10 and texts[0] == "10" and texts[3] == "hidden"
    chart.set_data(activity(MAX_DAY_VALUES + 1))  # then many: the pooled counts go
    assert day_texts(chart) == []
