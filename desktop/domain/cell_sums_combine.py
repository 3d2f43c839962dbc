"""Adding up signed sums per profile cell: the stored sums of the snapshot, minus those of
its rows written since, plus those of the written forms read afresh (services/
cell_sums_cache.py).

`combine` adds the parts cell by cell, drops the cells and rounds left without forms and
orders cells, rounds and days as `CellSums.from_columns` orders them, so the result is
equal array for array to a fresh sum. Usually every written form falls in a cell and on
a day the stored sums have already and no cell empties: then the few changed rows are
added in place into a copy of the stored arrays (`_in_place`), which is the same result
without merging every cell and (cell, day) pair again; anything else takes the general
way (`_merged`).
"""

from __future__ import annotations

import numpy as np

from .cell_sums import CellSums, Counts
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
    found = _in_place(parts)
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


def _in_place(parts: list[tuple[int, CellSums]]) -> CellSums | None:
    """`combine` when the first part is added and holds every cell and key of the others,
    and no cell or (cell, day) pair is left without forms: the first part's arrays with
    the few rows the others touch changed (cells are in order in a sum, and the pairs of
    a cell in order of day, so their places are found by binary search); days and pairs it
    does not have (the first form keyed on a new day) are inserted at theirs. Only the
    touched rows are worked in int64; an array keeps its stored width when they fit. None
    otherwise, and for anything `_merged` would refuse or reorder (it then decides)."""
    sign, base = parts[0]
    if sign != 1 or not base.count or base.days != sorted(base.days):
        return None
    dims = base.dims
    if any(part.dims != dims or any(_positions(part.keys[d], base.keys[d]) is None
                                    for d in dims) for _, part in parts[1:]):
        return None  # a cell the stored sums do not have (checked first: cheap)
    shape = tuple(len(base.keys[d]) for d in dims)
    if any(base.keys[d][-1:] != [NOT_STATED] for d in dims):
        return None
    base_flat = _flat_codes(base.codes, shape)
    if (np.diff(base_flat) <= 0).any() or (np.diff(base.pair_cell) < 0).any() \
            or not np.bincount(base.pair_day, minlength=len(base.days)).all():
        return None  # not ordered as a sum orders them, or a day without forms
    days = sorted(set(base.days).union(*(part.days for _, part in parts[1:])))
    placed, changed = [], {}
    for part_sign, part in parts[1:]:
        if any(_counts_differ(getattr(part, w), getattr(base, w))
               for w in ("climate", "exposure")):
            return None
        cells = _places(part, base, shape, base_flat)
        if cells is None:
            return None
        if part.count and np.bincount(cells).max() > 1:
            return None  # a part naming a cell twice: `_merged` refuses it
        placed.append((part_sign, part, cells))
        day_at = _positions(part.days, days)
        for cell, day, n in zip(cells[part.pair_cell].tolist(),
                                day_at[part.pair_day].tolist(), part.pair_n.tolist()):
            changed[cell, day] = changed.get((cell, day), 0) + part_sign * n
    touched = np.unique(np.concatenate([cells for _, _, cells in placed]))

    def added(base_values: np.ndarray, get) -> np.ndarray | None:
        delta = np.zeros((len(touched),) + base_values.shape[1:], dtype=np.int64)
        for part_sign, part, cells in placed:
            at = np.searchsorted(touched, cells)
            if part_sign > 0:
                delta[at] += get(part)
            else:
                delta[at] -= get(part)
        return _put(base_values, touched, base_values[touched].astype(np.int64) + delta)

    sizes = added(base.sizes, lambda p: p.sizes)
    if (sizes[touched] <= 0).any():
        return None  # a cell emptied (or below zero): the general way
    pairs = _changed_pairs(base, days, changed)
    if pairs is None:
        return None

    def counts(which: str) -> Counts:
        mine = getattr(base, which)
        return Counts(list(mine.keys), list(mine.questions),
                      added(mine.hits, lambda p: getattr(p, which).hits),
                      added(mine.answered, lambda p: getattr(p, which).answered),
                      added(mine.missing, lambda p: getattr(p, which).missing))

    return CellSums(list(dims), {d: list(base.keys[d]) for d in dims}, base.codes, sizes,
                    added(base.risk, lambda p: p.risk), counts("climate"),
                    counts("exposure"), *pairs, days)


def _put(values: np.ndarray, rows: np.ndarray, new: np.ndarray) -> np.ndarray:
    """A copy of `values` with `rows` set to `new` (int64), in the stored width when
    every new value fits it, else in int64."""
    out = np.array(values)
    if len(new) and out.dtype != np.int64:
        limits = np.iinfo(out.dtype)
        if new.min() < limits.min or new.max() > limits.max:
            out = out.astype(np.int64)
    out[rows] = new
    return out


def _changed_pairs(base: CellSums, days: list[str], changed: dict):
    """(pair_cell, pair_day, pair_n) of the stored pairs with `changed` ((cell, day in
    `days`) -> signed forms) added or inserted, or None when a pair would hold no forms
    (or fewer), or the stored pairs of a touched cell are not in order of day. The pairs
    of the touched cells are looked at together (one search for every changed pair)."""
    renumber = _positions(base.days, days)
    new_days = len(days) != len(base.days)
    keys = sorted(changed)
    key_cell = np.array([cell for cell, _ in keys], dtype=np.int64)
    key_day = np.array([day for _, day in keys], dtype=np.int64)
    key_n = np.array([changed[key] for key in keys], dtype=np.int64)
    touched = np.unique(key_cell)
    low = np.searchsorted(base.pair_cell, touched, side="left")
    high = np.searchsorted(base.pair_cell, touched, side="right")
    lengths = high - low
    # The stored pairs of the touched cells, range after range (in order of cell).
    rows = np.arange(int(lengths.sum()), dtype=np.int64) + np.repeat(
        low - (np.cumsum(lengths) - lengths), lengths)
    sub_cell = np.asarray(base.pair_cell[rows], dtype=np.int64)
    sub_day = renumber[base.pair_day[rows]]
    if ((sub_cell[1:] == sub_cell[:-1]) & (np.diff(sub_day) <= 0)).any():
        return None
    span = max(len(days), 1)
    stored_at = sub_cell * span + sub_day  # increasing: cells in order, days in a cell
    wanted = key_cell * span + key_day
    place = np.searchsorted(stored_at, wanted)
    inside = place < len(stored_at)
    there = inside.copy()
    there[inside] = stored_at[place[inside]] == wanted[inside]
    found_rows = rows[place[there]]
    pair_n = _put(base.pair_n, found_rows,
                  base.pair_n[found_rows].astype(np.int64) + key_n[there])
    if len(found_rows) and (pair_n[found_rows] <= 0).any():
        return None
    new = ~there
    if (key_n[new] <= 0).any():
        return None
    # A new pair goes before the first stored pair of its cell with a later day, or after
    # the cell's last pair.
    before = inside & new
    before[before] = sub_cell[place[before]] == key_cell[before]
    at = np.where(before, rows[np.minimum(place, len(rows) - 1)] if len(rows) else 0,
                  np.searchsorted(base.pair_cell, key_cell, side="right"))[new]
    pair_cell = base.pair_cell
    pair_day = renumber[base.pair_day] if new_days else base.pair_day
    if len(at):
        pair_cell = np.insert(pair_cell.astype(np.int64), at, key_cell[new])
        pair_day = np.insert(np.asarray(pair_day, dtype=np.int64), at, key_day[new])
        pair_n = np.insert(pair_n.astype(np.int64), at, key_n[new])
    return pair_cell, pair_day, pair_n


def _counts_differ(one: Counts, other: Counts) -> bool:
    return one.keys != other.keys or one.questions != other.questions


def _flat_codes(codes: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Each cell's codes as one number, in the order cells are sorted (by codes)."""
    if not shape:
        return np.zeros(len(codes), dtype=np.int64)
    return np.ravel_multi_index(tuple(np.asarray(codes[:, i], dtype=np.int64)
                                      for i in range(len(shape))), shape).astype(np.int64)


def _places(part: CellSums, base: CellSums, shape, base_flat) -> np.ndarray | None:
    """The row of `base` holding each cell of `part` (None when one has none)."""
    columns = []
    for i, dim in enumerate(part.dims):
        lookup = _positions(part.keys[dim], base.keys[dim])
        if lookup is None:
            return None
        columns.append(lookup[part.codes[:, i]] if part.count else
                       np.zeros(0, dtype=np.int64))
    flat = np.ravel_multi_index(tuple(columns), shape).astype(np.int64) if shape else \
        np.zeros(part.count, dtype=np.int64)
    return _found(base_flat, flat)


def _positions(names: list[str], among: list[str]) -> np.ndarray | None:
    """Where each of `names` is in `among` (None when one is not there)."""
    position = {name: i for i, name in enumerate(among)}
    if any(name not in position for name in names):
        return None
    return np.array([position[name] for name in names], dtype=np.int64)


def _found(sorted_values: np.ndarray, wanted: np.ndarray) -> np.ndarray | None:
    """The index of each of `wanted` in the strictly increasing `sorted_values`, or None
    when one is not there."""
    at = np.searchsorted(sorted_values, wanted)
    if len(wanted) and (at.max() >= len(sorted_values)
                        or (sorted_values[at] != wanted).any()):
        return None
    return at
