"""Adding a few signed changes into stored per-cell sums in place: the everyday dashboard
load after a form was saved, edited, deleted or verified (cell_sums_combine.py).

The stored sums' arrays are copied with the few rows the changes touch worked out again,
instead of merging every cell and (cell, day) pair of the parts (`_merged`, about 3 ms at
100k forms). A change may also bring a cell or a day the stored sums lack (a form edited
into a profile no other form has, the first form of a day: inserted at their places) or
leave one without forms (the only form of a cell edited out of it, deleted: dropped, and
a round or day left without forms with it), so the result is equal array for array to a
fresh sum (`CellSums.from_columns`). The first forms of a round the stored sums lack
bring its name among the round keys (`_with_rounds`: inserted by name, which keeps the
cells in order). Anything else, and anything `_merged` would refuse or reorder, is left
to it: `in_place` returns None.

The (cell, day) pairs are most of the bytes (about 80k at 100k forms), so they are never
looked up one by one: they are in order of cell, so a cell inserted or dropped moves the
pairs after it by a slice (`_shifted`); a pair emptied is deleted by its place; and they
keep their stored width (a widened copy is fresh memory to fault in, which cost more
than the rest of the combine). Each stored array is copied once, its dropped rows left
out on the way (`_put`).
"""

from __future__ import annotations

import dataclasses

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
    if any(part.dims != dims for _, part in parts[1:]):
        return None
    if ROUND in dims:  # a round the stored sums do not have: its key inserted by name
        base = _with_rounds(base, [part.keys[ROUND] for _, part in parts[1:]])
        if base is None:
            return None
    index = {d: _index(base.keys[d]) for d in dims}  # each stored key's place, once
    if any(any(_positions_in(part.keys[d], index[d]) is None for d in dims)
           for _, part in parts[1:]):
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
    new_at = np.zeros(0, dtype=np.int64)  # the places of the cells inserted
    grown = len(new_cells) > 0  # the arrays are fresh copies then: written in place
    if grown:
        base, base_flat = _with_cells(base, base_flat, new_cells, shape)
        new_at = np.searchsorted(base_flat, new_cells)
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

    def delta(get) -> np.ndarray:
        """The signed change of every touched cell's row (int64)."""
        out = None
        for part_sign, part, cells in placed:
            values = get(part)
            if out is None:
                out = np.zeros((len(touched),) + values.shape[1:], dtype=np.int64)
            at = np.searchsorted(touched, cells)
            if part_sign > 0:
                out[at] += values
            else:
                out[at] -= values
        return out

    sizes_now = base.sizes[touched].astype(np.int64) + delta(lambda p: p.sizes)
    if (sizes_now < 0).any():
        return None  # a cell with fewer than no forms: `_merged` refuses it
    gone = touched[sizes_now == 0]  # cells left without forms: dropped with their rows
    if np.isin(gone, new_at).any():
        return None  # a cell brought and emptied at once (parts that do not hold together)

    stays = ~np.isin(touched, gone)
    rows = touched[stays] - np.searchsorted(gone, touched[stays])  # places after the drop

    def added(base_values: np.ndarray, get) -> np.ndarray:
        return _put(base_values, rows,
                    (base_values[touched].astype(np.int64) + delta(get))[stays], gone,
                    copy=not grown)

    pairs = _changed_pairs(base, days, changed, day_index)
    if pairs is None:
        return None
    pairs, emptied_days = pairs
    kept = _without_empty(base, pairs, days, gone, emptied_days)
    if kept is None:
        return None
    keys, codes, pairs, days = kept

    def counts(which: str) -> Counts:
        mine = getattr(base, which)
        return Counts(list(mine.keys), list(mine.questions),
                      added(mine.hits, lambda p: getattr(p, which).hits),
                      added(mine.answered, lambda p: getattr(p, which).answered),
                      added(mine.missing, lambda p: getattr(p, which).missing))

    return CellSums(list(dims), keys, codes,
                    _put(base.sizes, rows, sizes_now[stays], gone, not grown),
                    added(base.risk, lambda p: p.risk), counts("climate"),
                    counts("exposure"), *pairs, days)


def _with_rounds(base: CellSums, part_keys: list[list[str]]) -> CellSums | None:
    """`base` with the rounds of `part_keys` it lacks among its round keys, in order of
    name as a fresh sum lists them (NOT_STATED last), its cells' round codes renumbered;
    None when its own keys are not in that order. The renumbering keeps the order of
    the codes, so the cells stay in order (the first form of a new round)."""
    stored = base.keys[ROUND]
    new = {key for keys in part_keys for key in keys if key != NOT_STATED} - set(stored)
    if not new:
        return base
    if stored[-1:] != [NOT_STATED] or stored[:-1] != sorted(stored[:-1]):
        return None
    keys = sorted(set(stored[:-1]) | new) + [NOT_STATED]
    codes = np.array(base.codes, dtype=np.int64)
    at = base.dims.index(ROUND)
    codes[:, at] = _positions_in(stored, _index(keys))[codes[:, at]]
    return dataclasses.replace(base, keys={**base.keys, ROUND: keys}, codes=codes)


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
    # Each stored row's new place: one assignment per array (np.insert with many places
    # goes through masks of the whole array, and its result was copied again after;
    # np.empty, not np.zeros: fresh zeroed memory is faulted in page by page.)
    moved = np.arange(base.count) + np.searchsorted(at, np.arange(base.count), side="right")
    placed = at + np.arange(len(at))  # the new rows' places

    def zeros(values: np.ndarray) -> np.ndarray:
        out = np.empty((len(values) + len(at),) + values.shape[1:], dtype=values.dtype)
        out[moved] = values
        out[placed] = 0
        return out

    def counts(which: Counts) -> Counts:
        return Counts(list(which.keys), list(which.questions), zeros(which.hits),
                      zeros(which.answered), zeros(which.missing))

    grown = CellSums(list(base.dims), base.keys,
                     np.insert(np.asarray(base.codes, dtype=np.int64), at, new_codes, axis=0),
                     zeros(base.sizes), zeros(base.risk), counts(base.climate),
                     counts(base.exposure), _shifted(base.pair_cell, at, 1),
                     base.pair_day, base.pair_n, list(base.days))
    return grown, np.insert(base_flat, at, new_cells)


def _without_empty(base: CellSums, pairs, days: list[str], gone: np.ndarray,
                   emptied_days: np.ndarray):
    """(round keys, codes, pairs, days) without the cells `gone` (touched cells left with
    no forms, in order), the rounds (group keys) no cell has any more and the days of
    `emptied_days` (those of the pairs dropped) left without a pair, as a fresh sum
    lists them; None when a pair is left in a cell without forms (`_merged` then refuses
    it). Pairs are in order of cell, so a cell dropped moves the pairs of the cells after
    it down one, a slice each: the stored pairs are not looked up one by one."""
    pair_cell, pair_day, pair_n = pairs
    keys = {d: list(base.keys[d]) for d in base.dims}
    codes = base.codes
    if len(gone):
        if (_search(pair_cell, gone, "left") != _search(pair_cell, gone, "right")).any():
            return None
        pair_cell = _shifted(pair_cell, gone, -1)
        codes = np.delete(np.asarray(codes, dtype=np.int64), gone, axis=0)
        if ROUND in base.dims:  # only rounds with forms, as a fresh sum lists them
            at = base.dims.index(ROUND)
            used = np.bincount(codes[:, at], minlength=len(keys[ROUND])) > 0
            used[-1] = True  # NOT_STATED is always the last key
            codes[:, at] = (np.cumsum(used) - 1)[codes[:, at]]
            keys[ROUND] = [k for k, u in zip(keys[ROUND], used) if u]
    # A day loses its last pair only with a pair dropped (a new day comes with its pairs).
    lost = [int(d) for d in np.unique(emptied_days) if not (pair_day == d).any()]
    if lost:
        present = np.ones(len(days), dtype=bool)
        present[lost] = False
        pair_day = (np.cumsum(present) - 1)[pair_day]
        days = [day for day, p in zip(days, present) if p]
    return keys, codes, (pair_cell, pair_day, pair_n), days


def _shifted(cells: np.ndarray, at: np.ndarray, step: int) -> np.ndarray:
    """`cells` (in order) moved by `step` once for every place of `at` (in order) at or
    below them: the pairs' cells after cells were inserted at `at` (+1) or dropped (-1;
    no pair is in a dropped cell). A few binary searches, and a slice moved per place
    (one pass over the runs between them for many), in the stored width when it holds
    the result."""
    if not len(at):
        return cells
    bounds = _search(cells, at, "left")
    last = int(cells[-1]) + step * len(at) if len(cells) else 0
    out = cells.astype(np.int64) if cells.dtype != np.int64 and not (
        0 <= last <= np.iinfo(cells.dtype).max) else np.array(cells)
    if len(at) > _SLICES:
        runs = np.diff(bounds, prepend=0, append=len(cells))
        out += np.repeat(np.arange(len(at) + 1, dtype=out.dtype) * step, runs)
        return out
    for bound in bounds.tolist():
        out[bound:] += step
    return out


_SLICES = 8  # up to this many places, each moves a slice; more: one pass over the runs


def _put(values: np.ndarray, rows: np.ndarray, new: np.ndarray,
         gone: np.ndarray | None = None, copy: bool = True) -> np.ndarray:
    """`values` without the rows `gone` (in order), and `rows` (places after that) set to
    `new` (int64), in the stored width when every new value fits it, else in int64: a
    copy, or (`copy` False: an array of the caller's own) `values` itself when no row is
    dropped and the width holds."""
    if gone is not None and len(gone):  # the slices between the dropped rows, in turn
        ends = np.append(gone, len(values)).tolist()
        starts = [0] + (gone + 1).tolist()
        out = np.concatenate([values[a:b] for a, b in zip(starts, ends)])
    else:
        out = np.array(values) if copy else values
    if len(new) and out.dtype != np.int64:
        limits = np.iinfo(out.dtype)
        if new.min() < limits.min or new.max() > limits.max:
            out = out.astype(np.int64)
    out[rows] = new
    return out


def _changed_pairs(base: CellSums, days: list[str], changed: dict,
                   day_index: dict[str, int]):
    """((pair_cell, pair_day, pair_n), the days of the pairs dropped): the stored pairs
    with `changed` ((cell, day in `days`) -> signed forms) added or inserted, and the
    pairs left with no forms dropped; None when a pair would hold fewer than none, or the
    stored pairs of a touched cell are not in order of day. The pairs of the touched
    cells are looked at together (one search for every changed pair); the others are
    copied as they are (renumbered only when a new day comes before a stored one)."""
    renumber = _positions_in(base.days, day_index)
    if renumber is None:
        return None
    if np.array_equal(renumber, np.arange(len(base.days))):
        renumber = None  # no day inserted, or only after the stored ones (today's)
    keys = sorted(changed)
    key_cell = np.array([cell for cell, _ in keys], dtype=np.int64)
    key_day = np.array([day for _, day in keys], dtype=np.int64)
    key_n = np.array([changed[key] for key in keys], dtype=np.int64)
    touched = np.unique(key_cell)
    low = _search(base.pair_cell, touched, "left")
    high = _search(base.pair_cell, touched, "right")
    lengths = high - low
    # The stored pairs of the touched cells, range after range (in order of cell).
    rows = np.arange(int(lengths.sum()), dtype=np.int64) + np.repeat(
        low - (np.cumsum(lengths) - lengths), lengths)
    sub_cell = np.asarray(base.pair_cell[rows], dtype=np.int64)
    sub_day = np.asarray(base.pair_day[rows], dtype=np.int64)
    if renumber is not None:
        sub_day = renumber[sub_day]
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
    if (key_n[~there] < 0).any():
        return None
    emptied = np.sort(found_rows[pair_n[found_rows] == 0])
    emptied_days = key_day[there][pair_n[found_rows] == 0]
    new = ~there & (key_n != 0)
    # A new pair goes before the first stored pair of its cell with a later day, or after
    # the cell's last pair.
    before = inside & new
    before[before] = sub_cell[place[before]] == key_cell[before]
    at = np.where(before, rows[np.minimum(place, len(rows) - 1)] if len(rows) else 0,
                  _search(base.pair_cell, key_cell, "right"))[new]
    pair_cell = base.pair_cell
    pair_day = renumber[base.pair_day] if renumber is not None else base.pair_day
    if len(emptied):  # the few pairs left with no forms, dropped by place
        at = at - np.searchsorted(emptied, at, side="left")
        pair_cell, pair_day, pair_n = (np.delete(pair_cell, emptied),
                                       np.delete(pair_day, emptied),
                                       np.delete(pair_n, emptied))
    if len(at):
        pair_cell = _inserted(pair_cell, at, key_cell[new])
        pair_day = _inserted(pair_day, at, key_day[new])
        pair_n = _inserted(pair_n, at, key_n[new])
    return (pair_cell, pair_day, pair_n), emptied_days


def _inserted(values: np.ndarray, at: np.ndarray, new: np.ndarray) -> np.ndarray:
    """`values` with `new` inserted at the places `at`, in the stored width when every
    new value fits it (a pair array is 80k long at 100k forms: widened, it is four to
    eight times the fresh memory to fault in), else in int64."""
    if values.dtype != np.int64 and len(new):
        limits = np.iinfo(values.dtype)
        if new.min() < limits.min or new.max() > limits.max:
            values = values.astype(np.int64)
    return np.insert(values, at, new.astype(values.dtype))


def _search(stored: np.ndarray, wanted: np.ndarray, side: str) -> np.ndarray:
    """`np.searchsorted` of `wanted` (int64) in a stored array of a narrower width, the
    wanted values cast to that width when they fit it: searched as they are, the whole
    stored array (the pairs: 80k) would be widened first, at every search."""
    if stored.dtype != wanted.dtype and len(wanted):
        limits = np.iinfo(stored.dtype)
        if limits.min <= wanted.min() and wanted.max() <= limits.max:
            wanted = wanted.astype(stored.dtype)
    return np.searchsorted(stored, wanted, side=side)


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
