"""Small helpers of the in-place combine (domain/cell_sums_in_place.py)."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

# cell_sums first: it imports the in-place module (imported alone, the import is circular)
from desktop.domain import cell_sums, cell_sums_in_place  # noqa: F401

CODES = st.lists(st.integers(0, 60), max_size=40)


@given(flats=CODES, stored=CODES)
def test_missing_cells_are_those_setdiff1d_finds(flats, stored):
    """The codes the stored cells lack, found by binary search, are exactly setdiff1d's,
    an empty set of stored cells included."""
    base_flat = np.unique(np.asarray(stored, dtype=np.int64))  # strictly increasing
    wanted = np.asarray(flats, dtype=np.int64)
    found = cell_sums_in_place._missing(wanted, base_flat)
    np.testing.assert_array_equal(found, np.setdiff1d(wanted, base_flat))


def test_positions_of_names_by_their_index():
    index = cell_sums_in_place._index(["a", "b", "c"])
    np.testing.assert_array_equal(cell_sums_in_place._positions_in(["c", "a"], index), [2, 0])
    assert cell_sums_in_place._positions_in(["a", "z"], index) is None
    assert len(cell_sums_in_place._positions_in([], index)) == 0
