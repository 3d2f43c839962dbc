"""Per-cell sums of a handful of forms: the small-input path of the dashboard's sums.

`scoring.risk_sums_by_cells` and `climate.counts_by_cells` are built for whole columns:
each question's forms are sorted into classes of equal answer and counted per cell, a
fixed cost of some thirty array calls per question whether one form is summed or a
million. A dashboard load that patches the stored sums with a few written forms sums one
or two forms (their stored and live versions), and that fixed cost was most of its
summing. Up to `FEW_FORMS` forms, those functions work each form's quantities out
directly instead and add them up per cell here, with a (cells x forms) membership
matrix: whole numbers in int64, so the sums are exactly those of the general path
(tests/domain/test_cell_sums_few.py compares both on random forms).
"""

from __future__ import annotations

import numpy as np

# Up to this many forms, the per-form quantities are added up per cell directly (the
# membership matrix is cells x forms: at most FEW_FORMS x FEW_FORMS).
FEW_FORMS = 32


def is_few(forms: int, cells) -> bool:
    """Whether `forms` forms, sorted into these `profile_cells.ProfileCells` (with the cell
    of every form), take the small-input path."""
    return forms <= FEW_FORMS and len(cells.cell_of_form) == forms


def per_cell(cells, per_form: np.ndarray) -> np.ndarray:
    """cells x quantities: whole per-form quantities (forms x quantities, any numeric
    dtype holding whole numbers) added up per cell, as int64 (exact)."""
    member = cells.cell_of_form == np.arange(cells.count)[:, None]
    return member.astype(np.int64) @ np.asarray(per_form).astype(np.int64)
