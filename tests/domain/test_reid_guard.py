"""The re-identification guard: every profile combination ends with at least k rows, only
profile cells change and only to the suppressed code, and rows already safe are untouched."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.reid_guard import TooFewRows, measure, protect_rows

S = 97


@st.composite
def tables(draw):
    width = draw(st.integers(1, 5))
    n = draw(st.integers(1, 120))
    k = draw(st.integers(1, min(n, 12)))
    columns = {}
    for j in range(width):
        cats = draw(st.integers(1, 9))
        values = draw(st.lists(st.one_of(st.integers(1, cats), st.none(), st.just(S)),
                               min_size=n, max_size=n))
        columns[f"q{j}"] = pd.array(values, dtype="Int64")
    columns["score"] = draw(st.lists(st.floats(0, 5, allow_nan=False), min_size=n,
                                     max_size=n))
    columns["note"] = draw(st.lists(st.sampled_from(["a", "=b", None]), min_size=n,
                                    max_size=n))
    return pd.DataFrame(columns), [f"q{j}" for j in range(width)], k


def _group_sizes(frame, columns):
    return frame.groupby(columns, dropna=False).size()


@settings(max_examples=150, deadline=None)
@given(tables())
def test_every_combination_has_k_rows_and_nothing_else_changes(case):
    frame, columns, k = case
    out, report = protect_rows(frame, columns, k, S)
    assert len(out) == len(frame)
    assert _group_sizes(out, columns).min() >= k
    others = [c for c in frame.columns if c not in columns]
    pd.testing.assert_frame_equal(out[others], frame[others])
    for column in columns:
        before, after = frame[column].astype(object), out[column].astype(object)
        changed = ~((before == after) | (before.isna() & after.isna()))
        assert (after[changed] == S).all()
        assert report.suppressed[column] == int(changed.sum())
        assert out[column].dtype == frame[column].dtype
    assert report.at_risk_after == 0
    if k > 1:
        assert report.unique_after == 0


@settings(max_examples=60, deadline=None)
@given(tables())
def test_rows_in_safe_groups_are_never_touched_unless_the_last_group_needs_them(case):
    frame, columns, k = case
    sizes = frame.groupby(columns, dropna=False)[columns[0]].transform("size")
    out, _ = protect_rows(frame, columns, k, S)
    safe = (sizes >= k).to_numpy()
    changed = np.zeros(len(frame), dtype=bool)
    for column in columns:
        b, a = frame[column].astype(object), out[column].astype(object)
        changed |= ~((b == a) | (b.isna() & a.isna())).to_numpy()
    blank = np.all([(out[c] == S).fillna(False).to_numpy() for c in columns], axis=0)
    # A safe row changes only when it was moved whole into the all-suppressed group.
    assert (~changed[safe] | blank[safe]).all()


def test_a_safe_table_is_returned_unchanged():
    frame = pd.DataFrame({"a": pd.array([1, 1, 2, 2], dtype="Int64"), "x": [1, 2, 3, 4]})
    out, report = protect_rows(frame, ["a"], 2, S)
    pd.testing.assert_frame_equal(out, frame)
    assert report.total_suppressed == 0 and report.combinations_before == 2


def test_fewer_rows_than_k_cannot_be_protected():
    frame = pd.DataFrame({"a": pd.array([1, 2], dtype="Int64")})
    with pytest.raises(TooFewRows):
        protect_rows(frame, ["a"], 3, S)


def test_a_lone_row_with_no_group_near_ends_in_the_all_suppressed_group():
    rows = [(1, 1)] * 5 + [(2, 2)]
    frame = pd.DataFrame(rows, columns=["a", "b"]).astype("Int64")
    out, report = protect_rows(frame, ["a", "b"], 5, S)
    assert _group_sizes(out, ["a", "b"]).min() >= 5
    assert report.unique_before == 1 and report.unique_after == 0


def test_the_row_moves_into_the_largest_group_one_suppression_away():
    rows = [(1, 1, S)] * 5 + [(2, 1, 1)] * 5 + [(1, 1, 3)]
    frame = pd.DataFrame(rows, columns=["a", "b", "c"]).astype("Int64")
    out, report = protect_rows(frame, ["a", "b", "c"], 5, S)
    assert report.suppressed == {"a": 0, "b": 0, "c": 1}
    assert out.iloc[10].tolist() == [1, 1, S]
    pd.testing.assert_frame_equal(out.iloc[:10], frame.iloc[:10])


def test_measure_counts_without_changing():
    frame = pd.DataFrame({"a": pd.array([1, 1, 2], dtype="Int64")})
    report = measure(frame, ["a"], 2, S)
    assert (report.combinations_before, report.unique_before, report.at_risk_before) == (2, 1, 1)
    assert report.total_suppressed == 0


def test_ties_spare_the_earlier_more_important_profile_column():
    frame = pd.DataFrame({"institution": [1, 1], "shift": [1, 2]}).astype("Int64")
    out, report = protect_rows(frame, ["institution", "shift"], 2, S)
    assert report.suppressed == {"institution": 0, "shift": 2}
    assert out["institution"].tolist() == [1, 1]


def _row_by_row(frame, columns, k):
    """The guard's outcome as it was computed before groups were packed: one key tuple
    per row, the all-suppressed group filled row by row (the reference)."""
    from collections import Counter

    from desktop.domain.reid_guard import SUPPRESSED, _keys, _suppress
    width = len(columns)
    codes = _keys(frame, tuple(columns), S)
    keys = list(map(tuple, codes.tolist()))
    counts, moved = _suppress(Counter(keys), k, width)
    final = [moved[key] for key in keys]
    blank = (SUPPRESSED,) * width
    if 0 < counts.get(blank, 0) < k:
        need = k - counts[blank]
        spare = sorted(((key, count - k) for key, count in counts.items()
                        if key != blank and count > k),
                       key=lambda item: (-item[0].count(SUPPRESSED), -item[1], item[0]))
        pull = {}
        for key, extra in spare:
            if need == 0:
                break
            pull[key] = min(extra, need)
            need -= pull[key]
        for i, key in enumerate(final):
            if pull.get(key, 0) > 0:
                pull[key] -= 1
                counts[key] -= 1
                counts[blank] += 1
                final[i] = blank
        while counts[blank] < k:
            smallest = min((key for key, count in counts.items()
                            if key != blank and count > 0),
                           key=lambda key: (counts[key], key))
            for i, key in enumerate(final):
                if key == smallest:
                    final[i] = blank
            counts[blank] += counts[smallest]
            counts[smallest] = 0
    return np.array(final, dtype=np.int64).reshape(len(final), width) == SUPPRESSED


@settings(max_examples=300, deadline=None)
@given(tables())
def test_the_packed_groups_suppress_exactly_the_cells_the_row_by_row_guard_did(case):
    frame, columns, k = case
    if len(frame) < k:
        return
    out, report = protect_rows(frame, columns, k, S)
    expected = _row_by_row(frame, columns, k)
    for j, column in enumerate(columns):
        was = frame[column].to_numpy(dtype=float, na_value=np.nan) == S
        now = out[column].to_numpy(dtype=float, na_value=np.nan) == S
        assert (now == (expected[:, j] | was)).all(), column
        assert report.suppressed[column] == int((now & ~was).sum())
