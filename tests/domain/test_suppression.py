"""The protection gate: small cells blanked, complementary cells, whole small groups."""

from __future__ import annotations

import numpy as np
import pandas as pd

from desktop.domain.suppression import protect


def table(counts, values=None):
    return pd.DataFrame({"cell": [f"c{i}" for i in range(len(counts))], "n": counts,
                         "mean": values or [float(i + 1) for i in range(len(counts))],
                         "level": ["x"] * len(counts)})


def hidden(result):
    return list(result.loc[result["suppressed"], "cell"])


def test_small_cells_are_blanked_with_their_count():
    result = protect(table([3, 10, 12, 20]), 5, keys=("cell",), total_shown=False)
    assert hidden(result) == ["c0"]
    row = result.iloc[0]
    assert np.isnan(row["n"]) and np.isnan(row["mean"]) and row["level"] is None


def test_a_single_hidden_cell_takes_the_next_smallest_with_it():
    result = protect(table([3, 10, 7, 20]), 5, keys=("cell",))
    assert hidden(result) == ["c0", "c2"]


def test_two_hidden_cells_need_no_complement():
    result = protect(table([3, 10, 4, 20]), 5, keys=("cell",))
    assert hidden(result) == ["c0", "c2"]


def test_empty_cells_are_not_complements():
    result = protect(table([0, 3, 10, 12]), 5, keys=("cell",))
    assert hidden(result) == ["c0", "c1", "c2"]  # the empty cell protects no one


def test_complements_stay_within_their_breakdown():
    frame = pd.DataFrame({"risk": ["a"] * 3 + ["b"] * 3, "cell": list("xyz") * 2,
                          "n": [2, 8, 9, 6, 8, 9], "mean": np.arange(6.0)})
    result = protect(frame, 5, keys=("risk", "cell"), within=("risk",))
    assert list(result["suppressed"]) == [True, True, False, False, False, False]


def test_a_small_group_is_hidden_whole():
    frame = pd.DataFrame({"q": ["a"] * 2, "code": ["1", "2"], "count": [6, 0],
                          "n": [4, 4]})
    result = protect(frame, 5, keys=("q", "code"), count="count", group_count="n")
    assert result["suppressed"].all() and result["count"].isna().all()
