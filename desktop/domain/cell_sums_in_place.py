"""Adding a few signed changes into stored per-cell sums in place: the everyday dashboard
load after a form was saved, edited, deleted or verified (cell_sums_combine.py).

The stored sums' arrays are copied with the few rows the changes touch worked out again,
instead of merging every cell and (cell, day) pair of the parts (`_merged`, about 3 ms at
100k forms). A change may also bring a cell or a day the stored sums lack (a form edited
into a profile no other form has, the first form of a day: inserted at their places) or
leave one without forms (the only form of a cell edited out of it, deleted: dropped, and
a round or day left without forms with it), so the result is equal array for array to a
fresh sum (`CellSums.from_columns`). Anything else, and anything `_merged` would refuse
or reorder, is left to it: `in_place` returns None.
"""

from __future__ import annotations

import numpy as np

from .cell_sums import CellSums, Counts
from .group_keys import NOT_STATED, ROUND


def in_place(parts: list[tuple[int, CellSums]]) -> CellSums | None:
    """`combine` of `parts` when the first is added and has every group key of the others:
    its arrays with the few rows the others touch changed (cells are in order in a sum,
    and the pairs of a cell in order of day, so their places are found by binary search);
    cells, days and pairs it does not have are inserted at theirs, and those left without
    forms dropped. Only the touched rows are worked in int64; an array keeps its stored
    width when they fit. None for anything else (`_merged` then decides)."""
    sign, base = parts[0]
    if sign != 1 or not base.count or base.days != sorted(base.days):
        return None
    dims = base.dims
    index = {d: _index(base.keys[d]) for d in dims}  # each stored key's place, once
    if any(part.dims != dims or any(_positions_in(part.keys[d], index[d]) is None
                                    for d in dims) for _, part in parts[1:]):
        return None  # a group key the stored sums do not have (checked first: cheap)
    shape = tuple(len(base.keys[d]) for d in dims)
    if any(base.keys[d][-1:] != [NOT_STATED] for d in dims):
        return None
    base_flat = _flat_codes(base.codes, shape)
    if (np.diff(base_flat) <= 0).any() or (np.diff(base.pair_cell) < 0).any() \
            or not np.bincount(base.pair_day, minlength=len(base.days)).all():
        return None  # not ordered as a sum orders them, or a day without forms
    flats = []
    for _, part in parts[1:]:
        if any(_counts_differ(getattr(part, w), getattr(base, w))
               for w in ("climate", "exposure")):
            return None
        flat = _part_flat(part, index, shape)
        if len(np.unique(flat)) != len(flat):
            return None  # a part naming a cell twice: `_merged` refuses it
        flats.append(flat)
    new_cells = _missing(np.concatenate(flats), base_flat) if flats else []
    if len(new_cells):
        base, base_flat = _with_cells(base, base_flat, new_cells, shape)
    days = sorted(set(base.days).union(*(part.days for _, part in parts[1:])))
    day_index = _index(days)
    placed, changed = [], {}
    for (part_sign, part), flat in zip(parts[1:], flats):
        cells = np.searchsorted(base_flat, flat)  # every one is there now
        placed.append((part_sign, part, cells))
        day_at = _positions_in(part.days, day_index)
        for cell, day, n in zip(cells[part.pair_cell].tolist(),
                                day_at[part.pair_day].tolist(), part.pair_n.tolist()):
            changed[cell, day] = changed.get((cell, day), 0) + part_sign * n
    touched = np.unique(np.concatenate([cells for _, _, cells in placed]))

    def added(base_values: np.ndarray, get) -> np.ndarray:
        delta = np.zeros((len(touched),) + base_values.shape[1:], dtype=np.int64)
        for part_sign, part, cells in placed:
            at = np.searchsorted(touched, cells)
            if part_sign > 0:
                delta[at] += get(part)
            else:
                delta[at] -= get(part)
        return _put(base_values, touched, base_values[touched].astype(np.int64) + delta)

    sizes = added(base.sizes, lambda p: p.sizes)
    if (sizes[touched] < 0).any():
        return None  # a cell with fewer than no forms: `_merged` refuses it
    pairs = _changed_pairs(base, days, changed, day_index)
    if pairs is None:
        return None
    pairs, dropped = pairs

    def counts(which: str) -> Counts:
        mine = getattr(base, which)
        return Counts(list(mine.keys), list(mine.questions),
                      added(mine.hits, lambda p: getattr(p, which).hits),
                      added(mine.answered, lambda p: getattr(p, which).answered),
                      added(mine.missing, lambda p: getattr(p, which).missing))

    result = CellSums(list(dims), {d: list(base.keys[d]) for d in dims}, base.codes, sizes,
                      added(base.risk, lambda p: p.risk), counts("climate"),
                      counts("exposure"), *pairs, days)
    # A day loses its last pair only with a pair dropped (a new day comes with its pairs).
    return _without_empty(result) if dropped or (sizes[touched] == 0).any() else result


def _part_flat(part: CellSums, index: dict[str, dict[str, int]], shape) -> np.ndarray:
    """The flat code of each cell of `part` among the stored keys (`index`: each stored
    key's place per dimension; every key of the part is one of them: checked before)."""
    columns = [_positions_in(part.keys[dim], index[dim])[part.codes[:, i]] if part.count
               else np.zeros(0, dtype=np.int64) for i, dim in enumerate(part.dims)]
    return np.ravel_multi_index(tuple(columns), shape).astype(np.int64) if shape else \
        np.zeros(part.count, dtype=np.int64)


def _with_cells(base: CellSums, base_flat: np.ndarray, new_cells: np.ndarray,
                shape) -> tuple[CellSums, np.ndarray]:
    """`base` with the cells `new_cells` (flat codes it lacks, in order) inserted at their
    places, holding nothing yet; the pairs renumbered to the cells' new places."""
    at = np.searchsorted(base_flat, new_cells)
    new_codes = np.column_stack(np.unravel_index(new_cells, shape)) if shape else \
        np.zeros((len(new_cells), 0), dtype=np.int64)
    moved = np.arange(base.count) + np.searchsorted(new_cells, base_flat)

    def zeros(values: np.ndarray) -> np.ndarray:
        return np.insert(values, at, 0, axis=0)

    def counts(which: Counts) -> Counts:
        return Counts(list(which.keys), list(which.questions), zeros(which.hits),
                      zeros(which.answered), zeros(which.missing))

    grown = CellSums(list(base.dims), base.keys,
                     np.insert(np.asarray(base.codes, dtype=np.int64), at, new_codes, axis=0),
                     zeros(base.sizes), zeros(base.risk), counts(base.climate),
                     counts(base.exposure), moved[base.pair_cell], base.pair_day,
                     base.pair_n, list(base.days))
    return grown, np.insert(base_flat, at, new_cells)


def _without_empty(sums: CellSums) -> CellSums | None:
    """`sums` without the cells left with no forms, the rounds (group keys) no cell has
    any more and the days without a pair, as a fresh sum lists them; None when a pair is
    left in a cell without forms (`_merged` then refuses it)."""
    keep = np.asarray(sums.sizes) > 0
    present = np.bincount(sums.pair_day, minlength=len(sums.days)) > 0
    if keep.all() and present.all():
        return sums
    if not keep[sums.pair_cell].all():
        return None
    codes = np.asarray(sums.codes, dtype=np.int64)[keep]
    keys = {d: list(sums.keys[d]) for d in sums.dims}
    if ROUND in sums.dims:  # only rounds with forms, as a fresh sum lists them
        at = sums.dims.index(ROUND)
        used = np.bincount(codes[:, at], minlength=len(keys[ROUND])) > 0
        used[-1] = True  # NOT_STATED is always the last key
        codes[:, at] = (np.cumsum(used) - 1)[codes[:, at]]
        keys[ROUND] = [k for k, u in zip(keys[ROUND], used) if u]
    day_number = np.cumsum(present) - 1

    def counts(which: Counts) -> Counts:
        return Counts(list(which.keys), list(which.questions), which.hits[keep],
                      which.answered[keep], which.missing[keep])

    return CellSums(list(sums.dims), keys, codes, sums.sizes[keep], sums.risk[keep],
                    counts(sums.climate), counts(sums.exposure),
                    (np.cumsum(keep) - 1)[sums.pair_cell], day_number[sums.pair_day],
                    sums.pair_n, [day for day, p in zip(sums.days, present) if p])


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


def _changed_pairs(base: CellSums, days: list[str], changed: dict,
                   day_index: dict[str, int]):
    """((pair_cell, pair_day, pair_n), whether a pair was dropped): the stored pairs with
    `changed` ((cell, day in `days`) -> signed forms) added or inserted, and the pairs left
    with no forms dropped; None when a pair would hold fewer than none, or the stored pairs
    of a touched cell are not in order of day. The pairs of the touched cells are looked at together (one
    search for every changed pair)."""
    new_days = len(days) != len(base.days)
    renumber = _positions_in(base.days, day_index) if new_days else \
        np.arange(len(days), dtype=np.int64)
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
    if len(found_rows) and (pair_n[found_rows] < 0).any():
        return None
    emptied = bool(len(found_rows)) and bool((pair_n[found_rows] == 0).any())
    if (key_n[~there] < 0).any():
        return None
    new = ~there & (key_n != 0)
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
    if emptied:
        kept = pair_n != 0
        pair_cell, pair_day, pair_n = pair_cell[kept], pair_day[kept], pair_n[kept]
    return (pair_cell, pair_day, pair_n), emptied


def _counts_differ(one: Counts, other: Counts) -> bool:
    return one.keys != other.keys or one.questions != other.questions


def _flat_codes(codes: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Each cell's codes as one number, in the order cells are sorted (by codes)."""
    if not shape:
        return np.zeros(len(codes), dtype=np.int64)
    return np.ravel_multi_index(tuple(np.asarray(codes[:, i], dtype=np.int64)
                                      for i in range(len(shape))), shape).astype(np.int64)


def _index(names: list[str]) -> dict[str, int]:
    """Each name's place (the last, for a name listed twice)."""
    return {name: i for i, name in enumerate(names)}


def _positions_in(names: list[str], position: dict[str, int]) -> np.ndarray | None:
    """Where each of `names` is, by `_index` of the names looked among (None when one is
    not there)."""
    try:
        return np.fromiter((position[name] for name in names), dtype=np.int64,
                           count=len(names))
    except KeyError:
        return None


def _missing(flats: np.ndarray, base_flat: np.ndarray) -> np.ndarray:
    """The distinct codes of `flats` not in `base_flat` (strictly increasing), in order:
    a binary search each, instead of sorting the stored cells again."""
    wanted = np.unique(flats)
    at = np.minimum(np.searchsorted(base_flat, wanted), max(len(base_flat) - 1, 0))
    found = base_flat[at] == wanted if len(base_flat) else np.zeros(len(wanted), bool)
    return wanted[~found]
