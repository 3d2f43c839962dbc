"""Profile cells: forms that share every filter dimension (round, institution, post, unit
type, rank level) are interchangeable for the dashboard, so their per-form sums can be
added up once at load time. A filter or breakdown then works on a few thousand cells
instead of 100k forms, which keeps a recompute in milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# Up to this many combinations of group codes are counted directly (8 MB of counts).
DENSE_CELLS = 1 << 20


@dataclass
class ProfileCells:
    """`cell_of_form[i]`: the cell of form i; `codes[dim][c]`: the group code of cell c."""

    cell_of_form: np.ndarray
    codes: dict[str, np.ndarray]
    sizes: np.ndarray  # forms per cell

    @classmethod
    def from_codes(cls, form_codes: dict[str, np.ndarray], n_forms: int) -> "ProfileCells":
        """Cells from the group code of every form in every dimension, numbered in the
        order of their combined codes."""
        if not form_codes:
            cell = np.zeros(n_forms, dtype=np.int64)
            return cls(cell, {}, np.bincount(cell, minlength=1 if n_forms else 0))
        dims = list(form_codes)
        shape = tuple(int(form_codes[d].max(initial=0)) + 1 for d in dims)
        flat = np.ravel_multi_index(tuple(form_codes[d] for d in dims), shape)
        combinations = int(np.prod(shape, dtype=np.float64))
        if combinations <= max(DENSE_CELLS, 4 * n_forms):
            # Counting every combination is linear; sorting a million forms is not.
            counts = np.bincount(flat, minlength=combinations)
            keys = np.flatnonzero(counts)
            number = np.zeros(combinations, dtype=np.int64)
            number[keys] = np.arange(len(keys))
            cell, sizes = number[flat], counts[keys]
        else:
            keys, cell = np.unique(flat, return_inverse=True)
            cell = cell.reshape(-1).astype(np.int64)
            sizes = np.bincount(cell, minlength=len(keys))
        per_dim = np.unravel_index(keys, shape)
        return cls(cell, dict(zip(dims, per_dim)), sizes)

    @property
    def count(self) -> int:
        return len(self.sizes)

    def tally(self, classes: np.ndarray, count: int) -> np.ndarray:
        """cells x count: how many forms of each cell are in each class (`classes[i]` in
        0..count-1 is the class of form i). One counting pass over the forms."""
        if count == 0 or self.count == 0:
            return np.zeros((self.count, count), dtype=np.int64)
        index = self.cell_of_form * count
        index += classes
        return np.bincount(index, minlength=self.count * count).reshape(self.count, count)

    def sum_column(self, values: np.ndarray) -> np.ndarray:
        """Per-cell sums of one per-form quantity (booleans count as 0/1)."""
        return np.bincount(self.cell_of_form, weights=np.asarray(values, dtype=float),
                           minlength=self.count)
