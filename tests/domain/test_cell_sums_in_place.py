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


@given(cells=st.lists(st.integers(0, 300), max_size=60),
       places=st.lists(st.integers(0, 301), max_size=20),
       dtype=st.sampled_from([np.int8, np.int16, np.int64]), step=st.sampled_from([1, -1]))
def test_pairs_moved_past_inserted_or_dropped_cells(cells, places, dtype, step):
    """The pairs' cells moved once for every place at or below them, by slices (a few
    places) or by runs (many), equal the plain count, whatever the stored width (widened
    when the result does not fit it)."""
    at = np.sort(np.asarray(places, dtype=np.int64))
    if step < 0:  # a dropped cell holds no pair, and no pair goes below cell zero
        cells = [c for c in cells if c not in set(places)
                 and c - np.count_nonzero(at <= c) >= 0]
    stored = np.sort(np.asarray(cells, dtype=np.int64))
    if len(stored) and stored.max() > np.iinfo(dtype).max:
        return
    stored = stored.astype(dtype)
    moved = cell_sums_in_place._shifted(stored, at, step)
    expected = stored.astype(np.int64) + step * np.searchsorted(at, stored, side="right")
    np.testing.assert_array_equal(moved, expected)
    if len(at):
        assert moved is not stored


def test_inserted_values_keep_the_stored_width_or_widen():
    stored = np.array([1, 5, 9], dtype=np.int8)
    kept = cell_sums_in_place._inserted(stored, np.array([1, 3]), np.array([2, 10]))
    assert kept.dtype == np.int8 and kept.tolist() == [1, 2, 5, 9, 10]
    wide = cell_sums_in_place._inserted(stored, np.array([0]), np.array([300]))
    assert wide.dtype == np.int64 and wide.tolist() == [300, 1, 5, 9]


def test_put_sets_rows_and_leaves_the_gone_ones_out():
    stored = np.arange(12, dtype=np.int16).reshape(6, 2)
    stored.flags.writeable = False  # as decoded: never written to
    out = cell_sums_in_place._put(stored, np.array([1, 3]),  # places once row 2 is out
                                  np.array([[7, 7], [40000, 1]]), np.array([2]))
    assert out.dtype == np.int64  # 40000 does not fit int16
    assert out.tolist() == [[0, 1], [7, 7], [6, 7], [40000, 1], [10, 11]]
    gone = cell_sums_in_place._put(stored, np.array([0]), np.array([[5, 5]]),
                                   np.array([0, 3, 5]))
    assert gone.dtype == np.int16 and gone.tolist() == [[5, 5], [4, 5], [8, 9]]
    assert stored.tolist() == np.arange(12).reshape(6, 2).tolist()


def test_search_in_a_narrow_array_is_searchsorted_whatever_the_values():
    """Values that fit the stored width are cast to it; others (a cell number past
    int8) are searched as they are, never wrapped round."""
    stored = np.array([0, 2, 2, 5, 120], dtype=np.int8)
    wanted = np.array([-3, 2, 6, 127, 300], dtype=np.int64)
    for side in ("left", "right"):
        expected = np.searchsorted(stored.astype(np.int64), wanted, side=side)
        np.testing.assert_array_equal(cell_sums_in_place._search(stored, wanted, side),
                                      expected)
        np.testing.assert_array_equal(cell_sums_in_place._search(stored, wanted[1:3], side),
                                      expected[1:3])
