"""The dashboard's risk register: a risk's name is read whole, never cut, even when every
risk is hidden (fewer answers than the minimum) and the table is narrow, as it is beside
the heat map on a 1366 x 768 laptop. The 'hidden' note wraps in the level column instead
of taking the names' room."""

from __future__ import annotations

import pandas as pd
import pytest

from desktop.ui.risk_register_table import RiskRegisterTable

NAMES = ["Bribes at checkpoints", "Collusion with traffickers",
         "Leaks of operational information", "Theft or resale of seized goods"]


def _register(hidden: bool) -> pd.DataFrame:
    n = len(NAMES)
    return pd.DataFrame({
        "number": range(1, n + 1), "risk_label": NAMES, "suppressed": [hidden] * n,
        "mean_likelihood": [2.5] * n, "mean_impact": [3.1] * n, "mean_score": [8.2] * n,
        "level_label": ["Moderate"] * n, "level_color": ["#fde49b"] * n,
        "score_ci_low": [6.0] * n, "score_ci_high": [9.9] * n, "n": [12] * n})


@pytest.mark.parametrize("hidden", [True, False])
def test_every_word_of_a_risk_name_fits_its_column(qtbot, hidden):
    table = RiskRegisterTable()
    qtbot.addWidget(table)
    table.resize(520, 400)
    table.set_data(_register(hidden), 5)
    table.show()
    qtbot.waitExposed(table)
    longest = max(table.fontMetrics().horizontalAdvance(word)
                  for name in NAMES for word in name.split())
    assert table.columnWidth(1) > longest
    assert [row[5] for row in table.texts()] == (
        ["hidden (fewer than 5 answers)"] * len(NAMES) if hidden else ["Moderate"] * 4)
