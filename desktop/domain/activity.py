"""Keying activity: forms keyed per day (for the team lead's progress chart).

`CellDays` counts the forms of each profile cell per day of keying (UTC) once at load, so
a filter adds up a few thousand (cell, day) counts instead of masking every form. Forms per
post come from the group sizes of `scoring.RiskBasis`; the day of keying is not
a respondent attribute, but counts per day under a filter are still passed through
`suppression.protect` like every other figure.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

DAY_NS = 86_400 * 10**9
NO_TIME = np.iinfo(np.int64).min  # NaT as int64 nanoseconds
# Up to this many (cell, day) combinations are counted directly.
DENSE_CELL_DAYS = 1 << 22


@dataclass
class CellDays:
    """Forms keyed per (profile cell, day), kept only where there are some: a filter
    picks cells, never forms (`pair_cell`, `pair_day` index `days`, `pair_n` forms)."""

    pair_cell: np.ndarray
    pair_day: np.ndarray
    pair_n: np.ndarray
    days: list[str]

    @classmethod
    def from_created(cls, created_ns: np.ndarray, cells) -> "CellDays":
        """From the keying time of every form (int64 ns, UTC) and its profile cell."""
        created_ns = np.asarray(created_ns, dtype=np.int64)
        known = created_ns != NO_TIME
        day = np.floor_divide(created_ns, DAY_NS)
        if not known.all():
            day = day[known]
        cell = cells.cell_of_form if known.all() else cells.cell_of_form[known]
        if not len(day):
            empty = np.zeros(0, dtype=np.int64)
            return cls(empty, empty, empty, [])
        first = int(day.min())
        day -= first
        span = int(day.max()) + 1
        if cells.count * span <= max(DENSE_CELL_DAYS, len(day)):
            counts = np.bincount(cell * span + day, minlength=cells.count * span)
            pairs = np.flatnonzero(counts)
            n = counts[pairs]
        else:
            pairs, n = np.unique(cell * span + day, return_counts=True)
        present = np.unique(pairs % span)  # the days with forms, in order
        number = np.zeros(span, dtype=np.int64)
        number[present] = np.arange(len(present))
        days = [str(np.datetime64(first + int(d), "D")) for d in present]
        return cls(pairs // span, number[pairs % span], n.astype(np.int64), days)

    def counts(self, cell_mask: np.ndarray | None = None) -> pd.DataFrame:
        """(day, n): forms keyed per day in the masked cells; days without forms left out."""
        return pd.DataFrame(self.count_columns(cell_mask))

    def count_columns(self, cell_mask: np.ndarray | None = None) -> dict[str, np.ndarray]:
        """`counts` as columns (day, n)."""
        take = self._taken(cell_mask)
        counts = np.bincount(self.pair_day[take], weights=self.pair_n[take],
                             minlength=len(self.days))
        n = np.rint(counts).astype(int)
        kept = np.flatnonzero(n > 0)
        return {"day": np.array(self.days, dtype=object)[kept], "n": n[kept]}

    def span(self, cell_mask: np.ndarray | None = None) -> tuple[str, str]:
        """(first day, last day) of the masked cells' forms ('' when there are none)."""
        days = self.pair_day[self._taken(cell_mask)]
        if not len(days):
            return "", ""
        return self.days[int(days.min())], self.days[int(days.max())]

    def _taken(self, cell_mask: np.ndarray | None) -> np.ndarray | slice:
        """The pairs of the masked cells (every pair: a slice, no copy)."""
        if cell_mask is None or np.asarray(cell_mask, dtype=bool).all():
            return slice(None)
        return np.asarray(cell_mask, dtype=bool)[self.pair_cell]
