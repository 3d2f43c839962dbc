"""Profile cells: forms that share every filter dimension (round, institution, post, unit
type, rank level) are interchangeable for the dashboard, so their per-form sums can be
added up once at load time. A filter or breakdown then works on a few thousand cells
instead of 100k forms, which keeps a recompute in milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class ProfileCells:
    """`cell_of_form[i]`: the cell of form i; `codes[dim][c]`: the group code of cell c."""

    cell_of_form: np.ndarray
    codes: dict[str, np.ndarray]
    sizes: np.ndarray  # forms per cell

    @classmethod
    def from_codes(cls, form_codes: dict[str, np.ndarray], n_forms: int) -> "ProfileCells":
        """Cells from the group code of every form in every dimension."""
        if not form_codes:
            cell = np.zeros(n_forms, dtype=np.int64)
            return cls(cell, {}, np.bincount(cell, minlength=1 if n_forms else 0))
        dims = list(form_codes)
        shape = tuple(int(form_codes[d].max(initial=0)) + 1 for d in dims)
        flat = np.ravel_multi_index(tuple(form_codes[d] for d in dims), shape)
        keys, cell = np.unique(flat, return_inverse=True)
        per_dim = np.unravel_index(keys, shape)
        return cls(cell.astype(np.int64), dict(zip(dims, per_dim)),
                   np.bincount(cell, minlength=len(keys)))

    @property
    def count(self) -> int:
        return len(self.sizes)

    def sum_column(self, values: np.ndarray) -> np.ndarray:
        """Per-cell sums of one per-form quantity (booleans count as 0/1)."""
        return np.bincount(self.cell_of_form, weights=np.asarray(values, dtype=float),
                           minlength=self.count)

    def sum_rows(self, matrix: np.ndarray) -> np.ndarray:
        """Per-cell sums of a forms x columns matrix."""
        result = np.zeros((self.count, matrix.shape[1]))
        if len(matrix) == 0 or matrix.shape[1] == 0:
            return result
        order = np.argsort(self.cell_of_form, kind="stable")
        sorted_cells = self.cell_of_form[order]
        starts = np.flatnonzero(np.r_[True, sorted_cells[1:] != sorted_cells[:-1]])
        result[sorted_cells[starts]] = np.add.reduceat(matrix[order], starts, axis=0)
        return result
