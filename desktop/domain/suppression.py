"""Respondent protection: the one gate every aggregate passes before anyone sees it.

Rule (stated in every report): a cell computed from fewer than `min_n` respondents is
suppressed: its figures, including its count, are blanked and it reads "fewer than N".
Complementary suppression: in each breakdown (the cells that add up to a shown total,
e.g. the posts of one risk, or the answer codes of one item), if exactly one non-empty cell
is suppressed, or the suppressed cells together hold fewer than `min_n`, the next smallest
non-empty cell is suppressed too, so the hidden cells cannot be recovered as the total
minus the cells shown. Empty cells (n = 0) protect no
one, so they never count as the complement.

`protect` works on any table with a count column; the dashboard, the charts, the CSV and
XLSX tables and the PDF report all take their figures from its output.
"""

from __future__ import annotations

from typing import Mapping, Sequence

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
    columns = {column: series.to_numpy() for column, series in table.items()}
    blanked = protect_columns(columns, min_n, keys=keys, count=count, within=within,
                              group_count=group_count, total_shown=total_shown)
    return pd.DataFrame(blanked, index=table.index)


def protect_columns(columns: Mapping[str, np.ndarray], min_n: int, *, keys: Sequence[str],
                    count: str = "n", within: Sequence[str] = (),
                    group_count: str | None = None,
                    total_shown: bool = True) -> dict[str, np.ndarray]:
    """`protect` on a table given as columns (name -> array, all of one length; the
    dashboard builds each of its tables once, from the protected columns): the same
    rule, the same blanking, a new dict with `suppressed` last; the arrays given are
    left as they are."""
    counts = np.asarray(columns[count]).astype(float)
    counts = np.where(np.isfinite(counts), counts, 0)
    hide = counts < min_n
    if group_count is not None:
        sizes = np.asarray(columns[group_count]).astype(float)
        hide |= ~(sizes >= min_n)
    if total_shown and len(counts):
        hide = _complementary([columns[c] for c in within], counts, hide, min_n)
    any_hidden = bool(hide.any())
    blanked = {}
    for column, values in columns.items():
        values = np.asarray(values)
        if column in keys:
            blanked[column] = values
        elif values.dtype.kind in "biuf":
            blanked[column] = (np.where(hide, np.nan, values.astype(float)) if any_hidden
                               else values.astype(float))
        else:
            column_values = values.astype(object)  # a copy: the table is left as it is
            column_values[hide] = None
            blanked[column] = column_values
    blanked[SUPPRESSED] = hide
    return blanked


def _complementary(within: list[np.ndarray], counts: np.ndarray,
                   hide: np.ndarray, min_n: int) -> np.ndarray:
    """In every breakdown with exactly one hidden non-empty cell, or hidden cells that
    together hold fewer than `min_n` (the total minus the cells shown would give their
    sum), hide the smallest shown non-empty cell too (the first in table order among
    equal counts); a shown cell holds at least `min_n`, so one is enough. All breakdowns
    at once: a breakdown number per row, then one sort of the candidates."""
    breakdown_ids = np.zeros(len(counts), dtype=np.int64)
    for values in within:
        codes, uniques = pd.factorize(values, use_na_sentinel=False)
        breakdown_ids = breakdown_ids * max(len(uniques), 1) + codes
    nonempty = counts > 0
    hidden_per_breakdown = np.bincount(breakdown_ids, weights=nonempty & hide)
    hidden_sum = np.bincount(breakdown_ids, weights=np.where(nonempty & hide, counts, 0))
    alone = ((hidden_per_breakdown == 1)
             | ((hidden_per_breakdown > 0) & (hidden_sum < min_n)))[breakdown_ids]
    candidates = np.flatnonzero(nonempty & ~hide & alone)
    if not len(candidates):
        return hide
    order = candidates[np.lexsort((candidates, counts[candidates],
                                   breakdown_ids[candidates]))]
    ids = breakdown_ids[order]
    first = np.concatenate(([True], ids[1:] != ids[:-1]))
    hide = hide.copy()
    hide[order[first]] = True
    return hide


def visible_cells(table: pd.DataFrame) -> pd.DataFrame:
    """The rows of a protected table that are shown."""
    return table[~table[SUPPRESSED]]
