"""Everything the dashboard adds up, per profile cell: what is stored beside the snapshot.

A dashboard load sums the live forms per profile cell (profile_cells.py): the forms of
each cell, the nine quantities of every risk (scoring.risk_sums_by_cells), the climate
and exposure answer counts (climate.counts_by_cells) and the forms per (cell, day)
(activity.CellDays). All are whole numbers, and the sums of disjoint sets of forms add
up: the sums of the stored snapshot, minus those of its rows written since, plus those of
the written forms read afresh, are exactly the sums of the live forms. So the sums of the
snapshot are stored once, and a load reads a few thousand cells instead of the columns of
every form (services/cell_sums_cache.py keeps them).

`CellSums` names each cell by the group key of every dimension (choice codes as text,
round names, `group_keys.NOT_STATED`); `combine` adds signed parts cell by cell, drops
the cells and rounds left without forms and orders everything as a fresh sum would (so
the result is equal array for array); `encode`/`decode` turn the sums into one stored
blob and back, refusing (None) anything that does not hold together.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import zlib
from dataclasses import dataclass

import numpy as np

from .activity import CellDays
from .climate import CountBasis, climate_items, counts_by_cells, exposure_questions
from .form_columns import FormColumns
from .group_keys import NOT_STATED, ROUND, breakdowns, column_groups
from .profile_cells import ProfileCells
from .questionnaire import Questionnaire
from .scoring import risk_sums_by_cells

FORMAT = 1
_ARRAYS = ("codes", "sizes", "risk", "climate_hits", "climate_answered", "climate_missing",
           "exposure_hits", "exposure_answered", "exposure_missing", "pair_cell",
           "pair_day", "pair_n")


@dataclass
class Counts:
    """The answer counts of some questions per cell (climate.CountBasis, as integers)."""

    keys: list[tuple[str, str]]   # (question, answer key) of each column of `hits`
    questions: list[str]
    hits: np.ndarray              # cells x keys
    answered: np.ndarray          # cells x questions: valid answers
    missing: np.ndarray           # cells x questions: missing codes

    @classmethod
    def of(cls, basis: CountBasis) -> "Counts":
        return cls(list(basis.cells), list(basis.questions), _whole(basis.onehot),
                   _whole(basis.answered), _whole(basis.missing))

    def basis(self) -> CountBasis:
        return CountBasis(list(self.keys), self.hits.astype(float),
                          self.answered.astype(float), self.missing.astype(float),
                          list(self.questions))


@dataclass
class CellSums:
    """The sums of a set of forms per profile cell. `codes` is cells x dimensions (the
    position of the cell's group in `keys[dim]`); cells are ordered by their codes and
    every cell holds at least one form (`sizes`); (cell, day) pairs likewise. Every array
    holds integers: int64 when added up here, the stored width when decoded."""

    dims: list[str]
    keys: dict[str, list[str]]
    codes: np.ndarray             # cells x dims
    sizes: np.ndarray             # forms per cell
    risk: np.ndarray              # cells x (9 * risks)
    climate: Counts
    exposure: Counts
    pair_cell: np.ndarray         # forms keyed per (cell, day): the cell,
    pair_day: np.ndarray          # the day (into `days`),
    pair_n: np.ndarray            # and how many
    days: list[str]

    @property
    def count(self) -> int:
        return len(self.sizes)

    @property
    def forms(self) -> int:
        return int(self.sizes.sum())

    @classmethod
    def from_columns(cls, forms: FormColumns, questionnaire: Questionnaire,
                     progress=None) -> "CellSums":
        """The sums of these forms (one counting pass per question, see the modules
        named above); `progress()` after each question."""
        dims = breakdowns(questionnaire)
        grouped = {dim: column_groups(forms, dim, questionnaire) for dim in dims}
        keys = {dim: list(dim_keys) for dim, (_, dim_keys) in grouped.items()}
        cells = ProfileCells.from_codes(
            {dim: form_codes for dim, (form_codes, _) in grouped.items()}, forms.size)
        del grouped
        risk = risk_sums_by_cells(forms, questionnaire, cells, progress)
        climate = counts_by_cells(forms, questionnaire, climate_items(questionnaire), cells,
                                  progress)
        exposure = counts_by_cells(forms, questionnaire, exposure_questions(questionnaire),
                                   cells, progress)
        days = CellDays.from_created(forms.created, cells)
        codes = (np.column_stack([np.asarray(cells.codes[d], dtype=np.int64) for d in dims])
                 if cells.codes else np.zeros((cells.count, len(dims)), dtype=np.int64))
        return cls(dims, keys, codes, np.asarray(cells.sizes, dtype=np.int64), _whole(risk),
                   Counts.of(climate), Counts.of(exposure),
                   np.asarray(days.pair_cell, dtype=np.int64),
                   np.asarray(days.pair_day, dtype=np.int64),
                   np.asarray(days.pair_n, dtype=np.int64), list(days.days))

    # -- what the analysis service works on ------------------------------------------------

    def profile_cells(self) -> ProfileCells:
        """The cells as `ProfileCells` (no form-level index: nothing is tallied again)."""
        return ProfileCells(np.zeros(0, dtype=np.int64),
                            {d: self.codes[:, i] for i, d in enumerate(self.dims)},
                            self.sizes)

    def cell_days(self) -> CellDays:
        return CellDays(self.pair_cell, self.pair_day, self.pair_n, list(self.days))


class Inconsistent(ValueError):
    """Signed parts that do not add up to a set of forms (a cell or day below zero)."""


def combine(parts: list[tuple[int, CellSums]]) -> CellSums:
    """The sums of the forms of the parts, each added (+1) or taken away (-1): cells with
    the same group keys are added up, cells and rounds left without forms are dropped, and
    cells, rounds and days are ordered as `CellSums.from_columns` orders them. Raises
    `Inconsistent` when a cell or a (cell, day) would hold fewer than no forms."""
    first = parts[0][1]
    if len(parts) == 1 and parts[0][0] == 1:
        return first
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
            if out is None:
                out = np.zeros((len(unique),) + values.shape[1:], dtype=np.int64)
            if sign > 0:
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
    # The stored part's pairs are in order already: a stable sort merges the few others
    # in (timsort), then every run of one pair is added up.
    index, weights = np.concatenate(index), np.concatenate(weights).astype(np.int64)
    order = np.argsort(index, kind="stable")
    index, weights = index[order], weights[order]
    starts = np.flatnonzero(np.concatenate(([True], index[1:] != index[:-1])))
    pairs, n = index[starts], np.add.reduceat(weights, starts)
    if (n < 0).any() or not kept[pairs // span][n > 0].all():
        raise Inconsistent("a day with fewer than no forms")
    pairs, n = pairs[n > 0], n[n > 0]
    present = np.flatnonzero(np.bincount(pairs % span, minlength=span))  # days with forms
    number = np.zeros(span, dtype=np.int64)
    number[present] = np.arange(len(present))
    return (cell_number[pairs // span], number[pairs % span], n,
            [days[d] for d in present])


# -- storing ---------------------------------------------------------------------------------

def fingerprint(questionnaire: Questionnaire, round_names: dict[str, str]) -> str:
    """What the sums depend on besides the forms: the analysed questionnaire (every rule
    and code) and the round names (the round groups are named). Sums stored under another
    fingerprint are not used."""
    q = questionnaire
    if q.sha256:  # the definition's hash, and what pooling versions took out of it
        described = (q.sha256, [(r.id, r.likelihood, r.impact) for r in q.risks],
                     q.profile, q.climate, q.exposure)
    else:  # built in code (tests): every field
        described = q
    text = _canonical((FORMAT, described, sorted(round_names.items())))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _canonical(value) -> str:
    """A text of a value that is the same in every run (a set's repr follows the string
    hash seed, which differs from run to run): dataclass fields in order, sets and dicts
    sorted."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        inner = ",".join(f"{f.name}={_canonical(getattr(value, f.name))}"
                         for f in dataclasses.fields(value)
                         if f.repr and not callable(getattr(value, f.name)))
        return f"{type(value).__name__}({inner})"
    if isinstance(value, (set, frozenset)):
        return "{" + ",".join(sorted(_canonical(v) for v in value)) + "}"
    if isinstance(value, dict):
        return "{" + ",".join(sorted(f"{_canonical(k)}:{_canonical(v)}"
                                     for k, v in value.items())) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_canonical(v) for v in value) + "]"
    return repr(value)


def encode(sums: CellSums) -> tuple[str, bytes]:
    """(meta JSON text, bytes): the arrays one after another, described in the meta with
    a checksum of the bytes."""
    arrays = _arrays(sums)
    described, blobs, offset = [], [], 0
    for name in _ARRAYS:
        array = np.ascontiguousarray(arrays[name], dtype=_smallest(arrays[name]))
        data = array.tobytes()
        described.append([name, array.dtype.str, list(array.shape), offset])
        blobs.append(data)
        offset += len(data)
    data = b"".join(blobs)
    meta = {"format": FORMAT, "dims": sums.dims, "keys": sums.keys, "days": sums.days,
            "climate": [sums.climate.keys, sums.climate.questions],
            "exposure": [sums.exposure.keys, sums.exposure.questions],
            "arrays": described, "adler32": zlib.adler32(data)}
    return json.dumps(meta), data


def decode(meta_text: str, data: bytes | None) -> CellSums | None:
    """The sums stored by `encode`, or None when the row is damaged: unreadable, the wrong
    size, a checksum that does not match, or arrays that do not hold together."""
    if not isinstance(data, bytes) or not isinstance(meta_text, str):
        return None
    try:
        meta = json.loads(meta_text)
        if meta.get("format") != FORMAT or zlib.adler32(data) != meta["adler32"]:
            return None
        arrays = {}
        for name, kind, shape, offset in meta["arrays"]:
            dtype = np.dtype(kind)
            if dtype.kind != "i":
                return None
            count = int(np.prod(shape, dtype=np.int64))
            if offset < 0 or offset + count * dtype.itemsize > len(data):
                return None
            # The stored width, read in place (read-only views of the row's bytes): every
            # use widens what it sums, and a copy of each array to int64 cost more than
            # the rest of a dashboard load (fresh memory for a few MB).
            arrays[name] = np.frombuffer(data, dtype=dtype, count=count,
                                         offset=offset).reshape(shape)
        dims = list(meta["dims"])
        keys = {d: list(meta["keys"][d]) for d in dims}

        def counts(which: str) -> Counts:
            found, questions = meta[which]
            return Counts([tuple(k) for k in found], list(questions),
                          arrays[f"{which}_hits"], arrays[f"{which}_answered"],
                          arrays[f"{which}_missing"])

        sums = CellSums(dims, keys, arrays["codes"], arrays["sizes"], arrays["risk"],
                        counts("climate"), counts("exposure"), arrays["pair_cell"],
                        arrays["pair_day"], arrays["pair_n"], list(meta["days"]))
    except (ValueError, KeyError, TypeError, IndexError):
        return None
    return sums if _holds_together(sums) else None


def _arrays(sums: CellSums) -> dict[str, np.ndarray]:
    return {"codes": sums.codes, "sizes": sums.sizes, "risk": sums.risk,
            "climate_hits": sums.climate.hits, "climate_answered": sums.climate.answered,
            "climate_missing": sums.climate.missing, "exposure_hits": sums.exposure.hits,
            "exposure_answered": sums.exposure.answered,
            "exposure_missing": sums.exposure.missing, "pair_cell": sums.pair_cell,
            "pair_day": sums.pair_day, "pair_n": sums.pair_n}


def _holds_together(sums: CellSums) -> bool:
    """Shapes and indexes that agree (what a damaged row would break)."""
    n = sums.count
    pairs = len(sums.pair_cell)
    shapes_ok = (
        sums.codes.shape == (n, len(sums.dims)) and sums.sizes.ndim == 1
        and sums.risk.ndim == 2 and len(sums.risk) == n
        and all(c.hits.shape == (n, len(c.keys)) and c.answered.shape == (n, len(c.questions))
                and c.missing.shape == (n, len(c.questions))
                for c in (sums.climate, sums.exposure))
        and len(sums.pair_day) == pairs and len(sums.pair_n) == pairs)
    if not shapes_ok:
        return False
    for i, dim in enumerate(sums.dims):
        if n and (sums.codes[:, i].min() < 0 or sums.codes[:, i].max() >= len(sums.keys[dim])):
            return False
    if pairs and (sums.pair_cell.min() < 0 or sums.pair_cell.max() >= n
                  or sums.pair_day.min() < 0 or sums.pair_day.max() >= len(sums.days)
                  or sums.pair_n.min() <= 0):
        return False
    return bool(n == 0 or sums.sizes.min() > 0) and int(sums.pair_n.sum()) <= sums.forms


def equal(a: CellSums, b: CellSums) -> bool:
    """The same sums, array for array (what `check` compares)."""
    if (a.dims, a.keys, a.days) != (b.dims, b.keys, b.days):
        return False
    if (a.climate.keys, a.exposure.keys) != (b.climate.keys, b.exposure.keys):
        return False
    left, right = _arrays(a), _arrays(b)
    return all(np.array_equal(left[k], right[k]) for k in _ARRAYS)


def _smallest(values: np.ndarray) -> np.dtype:
    """The smallest signed integer type that holds every value (sums of a few thousand
    cells are mostly small: a third of the bytes to read)."""
    values = np.asarray(values)
    if not values.size:
        return np.dtype(np.int8)
    low, high = int(values.min()), int(values.max())
    for kind in (np.int8, np.int16, np.int32):
        info = np.iinfo(kind)
        if info.min <= low and high <= info.max:
            return np.dtype(kind)
    return np.dtype(np.int64)


def _whole(values: np.ndarray) -> np.ndarray:
    """Sums known to be whole numbers, as int64 (exact)."""
    return np.rint(np.asarray(values, dtype=float)).astype(np.int64)
