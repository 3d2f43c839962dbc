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
round names, `group_keys.NOT_STATED`). `combine` (cell_sums_combine.py) adds signed parts
cell by cell as a fresh sum would order them; `encode`/`decode` (cell_sums_codec.py) turn
the sums into one stored blob and back.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .activity import CellDays
from .climate import CountBasis, climate_items, counts_by_cells, exposure_questions
from .form_columns import FormColumns
from .group_keys import ROUND, breakdowns, column_groups
from .profile_cells import ProfileCells
from .questionnaire import Questionnaire
from .scoring import risk_sums_by_cells

_SET = "\x00set"  # the leading dimension of `of_sets` (no question has this id)


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
        return cls._added_up(forms, questionnaire, progress)

    @classmethod
    def of_sets(cls, forms: FormColumns, sets: np.ndarray, count: int,
                questionnaire: Questionnaire) -> list["CellSums"]:
        """The sums of each of `count` sets of these forms (`sets[i]`: the set of form i),
        each equal to `from_columns` of its forms alone, in one counting pass: a load
        patching a few written forms sums their stored and their live versions at once
        (each pass over the questions costs the same for one form as for a thousand)."""
        together = cls._added_up(forms, questionnaire, None, np.asarray(sets, np.int64))
        return [together._set(number) for number in range(count)]

    @classmethod
    def _added_up(cls, forms: FormColumns, questionnaire: Questionnaire, progress,
                  sets: np.ndarray | None = None) -> "CellSums":
        """`from_columns`; with `sets`, cells are split by set first (a leading
        dimension, `_SET`, taken away again by `_set`)."""
        dims = breakdowns(questionnaire)
        grouped = {dim: column_groups(forms, dim, questionnaire) for dim in dims}
        keys = {dim: list(dim_keys) for dim, (_, dim_keys) in grouped.items()}
        codes_of = {dim: form_codes for dim, (form_codes, _) in grouped.items()}
        if sets is not None:
            dims = [_SET, *dims]
            codes_of = {_SET: sets, **codes_of}
            keys = {_SET: [str(n) for n in range(int(sets.max(initial=0)) + 1)], **keys}
        cells = ProfileCells.from_codes(codes_of, forms.size)
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

    def _set(self, number: int) -> "CellSums":
        """The sums of one set of `of_sets`: its cells (in order already), its pairs, and
        only the rounds and days its forms have, as `from_columns` lists them."""
        mine = self.codes[:, 0] == number
        cell_number = np.cumsum(mine) - 1
        codes = self.codes[mine][:, 1:]
        dims = self.dims[1:]
        keys = {d: list(self.keys[d]) for d in dims}
        if ROUND in dims and keys[ROUND]:
            at = dims.index(ROUND)
            used = np.bincount(codes[:, at], minlength=len(keys[ROUND])) > 0
            used[-1] = True  # NOT_STATED is always the last key
            codes[:, at] = (np.cumsum(used) - 1)[codes[:, at]]
            keys[ROUND] = [k for k, u in zip(keys[ROUND], used) if u]
        taken = mine[self.pair_cell]
        pair_day = self.pair_day[taken]
        present = np.flatnonzero(np.bincount(pair_day, minlength=len(self.days)))
        day_number = np.zeros(len(self.days), dtype=np.int64)
        day_number[present] = np.arange(len(present))

        def counts(which: Counts) -> Counts:
            return Counts(list(which.keys), list(which.questions), which.hits[mine],
                          which.answered[mine], which.missing[mine])

        return CellSums(dims, keys, codes, self.sizes[mine], self.risk[mine],
                        counts(self.climate), counts(self.exposure),
                        cell_number[self.pair_cell[taken]], day_number[pair_day],
                        self.pair_n[taken], [self.days[d] for d in present])

    # -- what the analysis service works on ------------------------------------------------

    def profile_cells(self) -> ProfileCells:
        """The cells as `ProfileCells` (no form-level index: nothing is tallied again)."""
        return ProfileCells(np.zeros(0, dtype=np.int64),
                            {d: self.codes[:, i] for i, d in enumerate(self.dims)},
                            self.sizes)

    def cell_days(self) -> CellDays:
        return CellDays(self.pair_cell, self.pair_day, self.pair_n, list(self.days))



def _whole(values: np.ndarray) -> np.ndarray:
    """Sums known to be whole numbers, as int64 (exact)."""
    return np.rint(np.asarray(values, dtype=float)).astype(np.int64)


# What the other modules of the sums do, under the names they always had here.
from .cell_sums_combine import Inconsistent, combine  # noqa: E402,F401
from .cell_sums_codec import decode, encode, equal, fingerprint  # noqa: E402,F401
