"""Respondent protection: the one gate every aggregate passes before anyone sees it.

Rule (stated in every report): a cell computed from fewer than `min_n` respondents is
suppressed: its figures, including its count, are blanked and it reads "fewer than N".
Complementary suppression: in each breakdown (the cells that add up to a shown total,
e.g. the posts of one risk, or the answer codes of one item), if exactly one non-empty cell
is suppressed, the next smallest non-empty cell is suppressed too, so the hidden cell
cannot be recovered as the total minus the cells shown. Empty cells (n = 0) protect no
one, so they never count as the complement.

`protect` works on any table with a count column; the dashboard, the charts, the CSV and
XLSX tables and the PDF report all take their figures from its output.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd

SUPPRESSED = "suppressed"


def protect(table: pd.DataFrame, min_n: int, *, keys: Sequence[str], count: str = "n",
            within: Sequence[str] = (), group_count: str | None = None,
            total_shown: bool = True) -> pd.DataFrame:
    """A copy of `table` with small cells blanked and a boolean column `suppressed`.

    keys: the columns that name a cell (kept as they are); every other column is blanked
    (NaN / None) in suppressed rows. count: respondents behind the cell. within: the
    columns whose values identify one breakdown (cells adding up to a total); empty means
    the whole table is one breakdown. group_count: optional column with the size of the
    respondent group the cell belongs to; a group below `min_n` is suppressed whole.
    total_shown: whether the breakdown's total is shown anywhere (then complementary
    suppression applies)."""
    result = table.copy()
    counts = result[count].to_numpy(dtype=float)
    counts = np.where(np.isfinite(counts), counts, 0)
    hide = counts < min_n
    if group_count is not None:
        sizes = result[group_count].to_numpy(dtype=float)
        hide |= ~(sizes >= min_n)
    if total_shown and len(result):
        hide = _complementary(result, counts, hide, within)
    blanked = {}
    for column in result.columns:
        values = result[column].to_numpy()
        if column in keys:
            blanked[column] = values
        elif values.dtype.kind in "biuf":
            blanked[column] = np.where(hide, np.nan, values.astype(float))
        else:
            column_values = values.astype(object)
            column_values[hide] = None
            blanked[column] = column_values
    blanked[SUPPRESSED] = hide
    result = pd.DataFrame(blanked, index=result.index)
    return result


def _complementary(table: pd.DataFrame, counts: np.ndarray, hide: np.ndarray,
                   within: Sequence[str]) -> np.ndarray:
    hide = hide.copy()
    if within:
        breakdown_ids = table.groupby(list(within), sort=False, dropna=False).ngroup()
        breakdown_ids = breakdown_ids.to_numpy()
    else:
        breakdown_ids = np.zeros(len(table), dtype=int)
    for breakdown in np.unique(breakdown_ids):
        rows = np.nonzero(breakdown_ids == breakdown)[0]
        nonempty = rows[counts[rows] > 0]
        hidden = nonempty[hide[nonempty]]
        if len(hidden) != 1:
            continue
        shown = nonempty[~hide[nonempty]]
        if len(shown):
            # Stable choice among equal counts: the first in table order.
            smallest = shown[np.argmin(counts[shown])]
            hide[smallest] = True
    return hide


def visible_cells(table: pd.DataFrame) -> pd.DataFrame:
    """The rows of a protected table that are shown."""
    return table[~table[SUPPRESSED]]
