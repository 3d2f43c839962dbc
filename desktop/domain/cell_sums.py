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
from .group_keys import breakdowns, column_groups
from .profile_cells import ProfileCells
from .questionnaire import Questionnaire
from .scoring import risk_sums_by_cells

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



def _whole(values: np.ndarray) -> np.ndarray:
    """Sums known to be whole numbers, as int64 (exact)."""
    return np.rint(np.asarray(values, dtype=float)).astype(np.int64)


# What the other modules of the sums do, under the names they always had here.
from .cell_sums_combine import Inconsistent, combine  # noqa: E402,F401
from .cell_sums_codec import decode, encode, equal, fingerprint  # noqa: E402,F401
