"""Two hidden cells that together hold fewer respondents than the minimum are no better
protected than one: the total minus the cells shown gives their sum, the answers of
fewer than N people (rounds of 1 and 2 forms beside one of 100: the report on all
rounds minus the report on the large one). The smallest shown cell is hidden too."""

from __future__ import annotations

import pandas as pd

from desktop.domain.suppression import protect


def _hidden(counts, min_n=5):
    frame = pd.DataFrame({"cell": [f"c{i}" for i in range(len(counts))], "n": counts,
                          "mean": [1.0] * len(counts)})
    result = protect(frame, min_n, keys=("cell",))
    return list(result.loc[result["suppressed"], "cell"])


def test_hidden_cells_holding_fewer_than_the_minimum_take_a_complement():
    assert _hidden([1, 100, 2, 40]) == ["c0", "c2", "c3"]


def test_hidden_cells_holding_the_minimum_need_none():
    assert _hidden([3, 100, 4, 40]) == ["c0", "c2"]
    assert _hidden([1, 100, 2, 40], min_n=3) == ["c0", "c2"]
