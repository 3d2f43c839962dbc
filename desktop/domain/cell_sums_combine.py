"""Adding up signed sums per profile cell: the stored sums of the snapshot, minus those of
its rows written since, plus those of the written forms read afresh (services/
cell_sums_cache.py).

`combine` adds the parts cell by cell, drops the cells and rounds left without forms and
orders cells, rounds and days as `CellSums.from_columns` orders them, so the result is
equal array for array to a fresh sum. Usually the written forms' group keys are all
among the stored sums': then the few changed rows are added in place into a copy of the
stored arrays (cell_sums_in_place.py: cells and days inserted or dropped as the changes
fill or empty them), which is the same result without merging every cell and (cell,
day) pair again; anything else takes the general way (`_merged`).
"""

from __future__ import annotations

import numpy as np

from .cell_sums import CellSums, Counts
from .cell_sums_in_place import in_place
from .group_keys import NOT_STATED, ROUND


class Inconsistent(ValueError):
    """Signed parts that do not add up to a set of forms (a cell or day below zero)."""


def combine(parts: list[tuple[int, CellSums]]) -> CellSums:
    """The sums of the forms of the parts, each added (+1) or taken away (-1): cells with
    the same group keys are added up, cells and rounds left without forms are dropped, and
    cells, rounds and days are ordered as `CellSums.from_columns` orders them. Raises
    `Inconsistent` when a cell or a (cell, day) would hold fewer than no forms."""
    if len(parts) == 1 and parts[0][0] == 1:
        return parts[0][1]
    found = in_place(parts)
    return found if found is not None else _merged(parts)


def _merged(parts: list[tuple[int, CellSums]]) -> CellSums:
    """`combine` the general way: every cell and (cell, day) pair of every part merged."""
    first = parts[0][1]
    dims = first.dims
    keys = {}
    for dim in dims:
        if dim == ROUND:
            names = {k for _, p in parts for k in p.keys[dim] if k != NOT_STATED}
            keys[dim] = sorted(names) + [NOT_STATED]
        else:
            keys[dim] = _union([p.keys[dim] for _, p in parts])
    shape = tuple(len(keys[d]) for d in dims)
    flats, signs = [], []
    for sign, part in parts:
        if part.dims != dims:
            raise Inconsistent("parts of other dimensions")
        flats.append(_flat(part, keys, shape))
        signs.append(sign)
    unique, inverse = np.unique(np.concatenate(flats) if flats else np.zeros(0, np.int64),
                                return_inverse=True)
    inverse = inverse.reshape(-1)
    ends = np.cumsum([len(flat) for flat in flats])
    where = np.split(inverse, ends[:-1])  # each part's cells among the combined ones
    for cells in where:  # a part names each of its cells once (a damaged row might not)
        if len(cells) and np.bincount(cells).max() > 1:
            raise Inconsistent("a part with the same cell twice")

    def added(get) -> np.ndarray:
        """Each part's rows added into (or taken from) their combined cells: cells of one
        part are distinct, so a fancy `+=` per part adds every row (int64: exact)."""
        out = None
        for sign, (_, part), cells in zip(signs, parts, where):
            values = get(part)
            if out is None:  # the first part (the stored sums): put, not added
                out = np.zeros((len(unique),) + values.shape[1:], dtype=np.int64)
                if len(cells) == len(unique) and not (np.diff(cells) <= 0).any():
                    out[...] = values  # no cell joined: its rows in order
                else:
                    out[cells] = values
                if sign < 0:
                    np.negative(out, out=out)
            elif sign > 0:
                out[cells] += values
            else:
                out[cells] -= values
        return out

    sizes = added(lambda p: p.sizes)
    if (sizes < 0).any():
        raise Inconsistent("a cell with fewer than no forms")
    kept = sizes > 0
    codes = np.column_stack(np.unravel_index(unique, shape)) if dims else \
        np.zeros((len(unique), 0), dtype=np.int64)
    codes = codes.astype(np.int64)[kept]
    if ROUND in dims:  # only rounds with forms, as a fresh sum lists them
        at = dims.index(ROUND)
        used = np.bincount(codes[:, at], minlength=len(keys[ROUND])) > 0
        used[-1] = True  # NOT_STATED is always the last key
        renumber = np.cumsum(used) - 1
        codes[:, at] = renumber[codes[:, at]]
        keys[ROUND] = [k for k, u in zip(keys[ROUND], used) if u]
    cell_number = np.cumsum(kept) - 1

    def counts(which: str) -> Counts:
        mine = getattr(first, which)
        for _, part in parts:
            other = getattr(part, which)
            if other.keys != mine.keys or other.questions != mine.questions:
                raise Inconsistent("parts of other questions")
        return Counts(list(mine.keys), list(mine.questions),
                      added(lambda p: getattr(p, which).hits)[kept],
                      added(lambda p: getattr(p, which).answered)[kept],
                      added(lambda p: getattr(p, which).missing)[kept])

    pair_cell, pair_day, pair_n, days = _combined_days(parts, signs, inverse, flats,
                                                       cell_number, kept)
    return CellSums(list(dims), keys, codes, sizes[kept], added(lambda p: p.risk)[kept],
                    counts("climate"), counts("exposure"), pair_cell, pair_day, pair_n,
                    days)


def _union(lists: list[list[str]]) -> list[str]:
    """The keys of every list, in the order of the first (choice keys never differ between
    parts of one questionnaire; new ones go before NOT_STATED)."""
    keys = [k for k in lists[0] if k != NOT_STATED]
    seen = set(keys)
    for other in lists[1:]:
        for key in other:
            if key != NOT_STATED and key not in seen:
                keys.append(key)
                seen.add(key)
    return keys + [NOT_STATED]


def _flat(part: CellSums, keys: dict[str, list[str]], shape: tuple[int, ...]) -> np.ndarray:
    """The flat index of every cell of `part` among the combined keys."""
    if not part.dims:
        return np.zeros(part.count, dtype=np.int64)
    columns = []
    for i, dim in enumerate(part.dims):
        position = {key: j for j, key in enumerate(keys[dim])}
        lookup = np.array([position[k] for k in part.keys[dim]], dtype=np.int64)
        columns.append(lookup[part.codes[:, i]] if part.count else
                       np.zeros(0, dtype=np.int64))
    return np.ravel_multi_index(tuple(columns), shape).astype(np.int64)


def _combined_days(parts, signs, inverse, flats, cell_number, kept):
    """The (cell, day) counts of the combined cells: signed, zeros dropped, ordered by
    cell then day; days only where there are forms."""
    days = sorted({d for _, part in parts for d in part.days})
    position = {day: i for i, day in enumerate(days)}
    span = max(len(days), 1)
    index, weights, start = [], [], 0
    for sign, (_, part), flat in zip(signs, parts, flats):
        new_cell = inverse[start:start + len(flat)]
        start += len(flat)
        lookup = np.array([position[d] for d in part.days], dtype=np.int64)
        if len(part.pair_cell):
            index.append(new_cell[part.pair_cell] * span + lookup[part.pair_day])
            weights.append(sign * part.pair_n)
    if not index:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, []
    pairs, n = _added_pairs(index, weights)
    cell, day = np.divmod(pairs, span)
    if n.min(initial=0) <= 0:  # pairs left without forms (or fewer) are dropped
        if (n < 0).any():
            raise Inconsistent("a day with fewer than no forms")
        positive = n > 0
        cell, day, n = cell[positive], day[positive], n[positive]
    if not kept[cell].all():
        raise Inconsistent("a day with fewer than no forms")
    present = np.flatnonzero(np.bincount(day, minlength=span))  # days with forms
    if len(present) < span:
        number = np.zeros(span, dtype=np.int64)
        number[present] = np.arange(len(present))
        day = number[day]
    return cell_number[cell], day, n, [days[d] for d in present]


def _added_pairs(index: list[np.ndarray], weights: list[np.ndarray]):
    """(pairs, n): each distinct pair number of `index` once, in order, with its weights
    added up. The first array is the stored part's pairs, in order already (cells and
    days keep their order when others join them), and the others are few: they are
    added or inserted at their places in it. Otherwise every pair is sorted (stable)."""
    first = index[0]
    if len(index) > 1 and len(first) and not (np.diff(first) <= 0).any():
        few, inverse = np.unique(np.concatenate(index[1:]), return_inverse=True)
        extra = np.bincount(inverse.reshape(-1), minlength=len(few),
                            weights=np.concatenate(weights[1:]).astype(float))
        extra = np.rint(extra).astype(np.int64)
        at = np.searchsorted(first, few)
        there = at < len(first)
        there[there] = first[at[there]] == few[there]
        n = np.array(weights[0], dtype=np.int64)
        n[at[there]] += extra[there]
        return (np.insert(first, at[~there], few[~there]),
                np.insert(n, at[~there], extra[~there]))
    # Every run of one pair added up after a stable sort (timsort merges sorted runs).
    index, weights = np.concatenate(index), np.concatenate(weights).astype(np.int64)
    order = np.argsort(index, kind="stable")
    index, weights = index[order], weights[order]
    starts = np.flatnonzero(np.concatenate(([True], index[1:] != index[:-1])))
    return index[starts], np.add.reduceat(weights, starts)
