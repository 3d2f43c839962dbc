"""Risk scores: likelihood x impact per respondent, averaged per risk, overall and by group.

For each risk, over the respondents who gave both a valid likelihood and impact (1..points;
missing codes are excluded and counted in `n_missing`): n, mean likelihood, mean impact,
mean score (the mean of likelihood x impact per respondent, not the product of the means),
95% confidence intervals (Student t, quantile computed exactly in `t_quantile`; none
for n = 1), the share rating likelihood 4-5, and
the level (the questionnaire band of the mean score).

`RiskBasis` turns the analysis table into sums once: per form (`from_frame`), or per
profile cell straight from the compact columns of a load (`from_columns_by_cells`: the
quantities are worked out once per distinct pair of answers, then weighted by how many
forms of each cell gave that pair). A filter is then a boolean mask and every group of
every breakdown is a sum of the rows it selects, which keeps a recompute of a million
forms well under the dashboard's 200 ms.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import cell_sums_few
from .group_keys import group_index
from .questionnaire import Questionnaire
from .t_quantile import t_critical

ALL = "all"
SCORE_COLUMNS = ("dimension", "group", "risk_id", "n", "n_missing", "mean_likelihood",
                 "likelihood_ci_low", "likelihood_ci_high", "mean_impact", "impact_ci_low",
                 "impact_ci_high", "mean_score", "score_ci_low", "score_ci_high",
                 "share_likely", "level")
KEY_COLUMNS = ("dimension", "group", "risk_id")
LIKELY_FROM = 4

# The per-form quantities summed for every risk, in this order.
_PARTS = ("valid", "missing", "l", "ll", "i", "ii", "s", "ss", "likely")


@dataclass
class RiskBasis:
    """Per-form sums of every risk and the group membership of every breakdown."""

    risk_ids: list[str]
    parts: np.ndarray            # rows x (len(_PARTS) * risks): whole numbers
    dimensions: list[str]
    groups: np.ndarray           # rows x dimensions: the groups column of each row
    group_keys: list[tuple[str, str]]  # (dimension, key) of every groups column
    bands: list[tuple[int, str]]  # (min, id) of the questionnaire bands
    row_sizes: np.ndarray | None = None  # forms per row (None: one form per row)
    # Per dimension, the rows in order of their groups column (sorted once, when first
    # needed: every filter then only drops the rows it leaves out).
    _orders: list[np.ndarray] | None = field(default=None, init=False, repr=False,
                                             compare=False)

    @classmethod
    def from_frame(cls, frame: pd.DataFrame, questionnaire: Questionnaire,
                   dimensions: list[str] | tuple[str, ...] = ()) -> "RiskBasis":
        """Build the sums of `frame` (see `answer_frame`) for these group dimensions."""
        quantities = list(_risk_quantities(frame, questionnaire))
        parts = (np.column_stack(quantities).astype(float) if quantities
                 else np.zeros((len(frame), 0)))
        groups, keys = _groups(frame, questionnaire, dimensions)
        return cls([r.id for r in questionnaire.risks], parts, list(dimensions), groups, keys,
                   [(band.min, band.id) for band in questionnaire.bands])

    @classmethod
    def from_columns_by_cells(cls, columns, questionnaire: Questionnaire,
                              dimensions: list[str] | tuple[str, ...], cells,
                              group_keys: dict[str, list[str]], progress=None) -> "RiskBasis":
        """`from_frame` added up per profile cell (rows are then cells, and a mask selects
        cells), from `form_columns.FormColumns`; `cells` were made from the group codes of
        every dimension (`group_keys`: each dimension's keys, `group_keys.column_groups`)."""
        parts = risk_sums_by_cells(columns, questionnaire, cells, progress)
        return cls.from_cell_parts(parts, questionnaire, dimensions, cells, group_keys)

    @classmethod
    def from_cell_parts(cls, parts: np.ndarray, questionnaire: Questionnaire,
                        dimensions: list[str] | tuple[str, ...], cells,
                        group_keys: dict[str, list[str]]) -> "RiskBasis":
        """The basis of sums already added up per profile cell (`risk_sums_by_cells`, or
        stored: domain/cell_sums.py)."""
        offset, groups, keys = 0, [], []
        for dim in dimensions:
            groups.append(np.asarray(cells.codes[dim], dtype=np.int64) + offset)
            keys += [(dim, key) for key in group_keys[dim]]
            offset += len(group_keys[dim])
        groups = (np.column_stack(groups) if groups
                  else np.zeros((cells.count, 0), dtype=np.int64))
        # Kept as given (the stored integers): only what a filter selects is widened.
        return cls([r.id for r in questionnaire.risks], np.asarray(parts),
                   list(dimensions), groups, keys,
                   [(band.min, band.id) for band in questionnaire.bands],
                   np.asarray(cells.sizes, dtype=float))

    def _group_orders(self) -> list[np.ndarray]:
        if self._orders is None:
            self._orders = [np.argsort(self.groups[:, d], kind="stable")
                            for d in range(self.groups.shape[1])]
        return self._orders

    def _group_totals(self, values: np.ndarray,
                      selected: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(totals, present): per groups column, the sum of `values` (rows x k) over its
        rows where `selected` (every row when None), and whether it has any such row. Per
        dimension, the rows in order of their group and one `add.reduceat` (no BLAS
        threads, which a busy laptop makes slow for small products: measured p90 16 ms for
        a 0.2 ms product; sums of whole numbers: exact in any order)."""
        n_groups, width = len(self.group_keys), values.shape[1]
        totals = np.zeros((n_groups, width))
        present = np.zeros(n_groups, dtype=bool)
        if not len(values):
            return totals, present
        values = np.asarray(values, dtype=float)  # stored widths would overflow when added
        for d, order in enumerate(self._group_orders()):
            if selected is not None:
                order = order[selected[order]]  # still in order of the groups
                if not len(order):
                    continue
            ordered = self.groups[order, d]
            starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
            groups = ordered[starts]
            totals[groups] += np.add.reduceat(values[order], starts, axis=0)
            present[groups] = True
        return totals, present

    def group_sizes(self, mask: np.ndarray | None = None) -> pd.DataFrame:
        """Forms per group (dimension, group, n) among the masked forms."""
        weights = self._weights(mask)
        if self.row_sizes is not None:
            weights = weights * self.row_sizes
        sizes = np.zeros(len(self.group_keys))
        for d in range(self.groups.shape[1]):  # one column: a weighted count per dimension
            sizes += np.bincount(self.groups[:, d], weights=weights,
                                 minlength=len(self.group_keys))
        return pd.DataFrame({"dimension": [d for d, _ in self.group_keys],
                             "group": [k for _, k in self.group_keys],
                             "n": np.rint(sizes).astype(int)})

    def dimension_sizes(self, dimension: str,
                        mask: np.ndarray | None = None) -> tuple[list[str], np.ndarray]:
        """(group keys, forms in each) of one dimension among the masked forms: the rows of
        `group_sizes` of that dimension, without the others."""
        at = self.dimensions.index(dimension)
        weights = self._weights(mask)
        if self.row_sizes is not None:
            weights = weights * self.row_sizes
        first = sum(1 for d, _ in self.group_keys if self.dimensions.index(d) < at)
        keys = [k for d, k in self.group_keys if d == dimension]
        sizes = np.bincount(self.groups[:, at] - first, weights=weights,
                            minlength=len(keys))
        return keys, np.rint(sizes).astype(int)

    def scores(self, mask: np.ndarray | None = None) -> pd.DataFrame:
        """Scores of every risk overall (dimension 'all') and per group of each dimension,
        over the forms where `mask` is true (all forms when None). Groups without any form
        are left out."""
        return pd.DataFrame(self.score_columns(mask))

    def score_columns(self, mask: np.ndarray | None = None,
                      groups: bool = True) -> dict[str, np.ndarray]:
        """`scores` as columns (SCORE_COLUMNS, in order; the dashboard makes one table of
        them once they are protected and labelled); only the overall rows unless
        `groups`."""
        selected = None if mask is None else np.asarray(mask, dtype=bool)
        if selected is not None and selected.all():
            selected = None
        # Whole numbers: added up as int64 (stored widths would overflow) or floats, the
        # same sums.
        rows = self.parts if selected is None else self.parts[selected]
        overall = rows.sum(axis=0, dtype=float if rows.dtype.kind == "f" else np.int64)
        sums, labels = overall.astype(float)[None, :], [(ALL, ALL)]
        if groups:
            by_group, keep = self._group_totals(self.parts, selected)
            sums = np.concatenate([sums, by_group[keep]], axis=0)
            labels += [key for key, k in zip(self.group_keys, keep) if k]
        return self._columns(sums, labels)

    def _weights(self, mask: np.ndarray | None) -> np.ndarray:
        if mask is None:
            return np.ones(len(self.parts))
        return np.asarray(mask, dtype=float)

    def _columns(self, sums: np.ndarray, labels: list[tuple[str, str]]) -> dict:
        risks = len(self.risk_ids)
        cube = sums.reshape(len(labels), risks, len(_PARTS))  # cells x risks x parts
        get = {name: cube[:, :, i].reshape(-1) for i, name in enumerate(_PARTS)}
        n = get["valid"]
        with np.errstate(divide="ignore", invalid="ignore"):
            columns = {"n": n.astype(int), "n_missing": get["missing"].astype(int)}
            critical = t_critical(n - 1)  # once for the three intervals (same n)
            for name, total, squares in (("likelihood", "l", "ll"), ("impact", "i", "ii"),
                                         ("score", "s", "ss")):
                mean, low, high = _mean_ci(n, get[total], get[squares], critical)
                columns[f"mean_{name}"] = mean
                columns[f"{name}_ci_low"] = low
                columns[f"{name}_ci_high"] = high
            columns["share_likely"] = np.where(n > 0, get["likely"] / n, np.nan)
        columns["level"] = np.array(self.levels(columns["mean_score"]), dtype=object)
        table = {"dimension": np.repeat(np.array([d for d, _ in labels], dtype=object), risks),
                 "group": np.repeat(np.array([g for _, g in labels], dtype=object), risks),
                 "risk_id": np.tile(np.array(self.risk_ids, dtype=object), len(labels)),
                 **columns}
        return {name: table[name] for name in SCORE_COLUMNS}

    def levels(self, scores: np.ndarray) -> list[str | None]:
        """The band id of each mean score (the highest band whose min it reaches)."""
        mins = np.array([low for low, _ in self.bands], dtype=float)
        ids = [band_id for _, band_id in self.bands] + [None]
        scores = np.asarray(scores, dtype=float)
        if not len(mins):
            return [None] * len(scores)
        with np.errstate(invalid="ignore"):
            reached = scores[:, None] >= mins[None, :]  # NaN reaches none
        # The last band reached (in the questionnaire's order); none: the trailing None.
        last = len(mins) - 1 - np.argmax(reached[:, ::-1], axis=1)
        last = np.where(reached.any(axis=1), last, len(mins))
        return [ids[i] for i in last]


def _risk_quantities(frame: pd.DataFrame, questionnaire: Questionnaire):
    """The per-form quantities of every risk, one array each, in _PARTS order per risk."""
    for risk in questionnaire.risks:
        yield from _quantities(questionnaire, risk, frame[risk.likelihood].to_numpy(dtype=float),
                               frame[risk.impact].to_numpy(dtype=float))


def _quantities(questionnaire: Questionnaire, risk, lik: np.ndarray, imp: np.ndarray):
    """The quantities of one risk (_PARTS order) for these likelihood and impact answers
    (floats, NaN = unanswered): per form, or per distinct pair of answers."""
    points_l = questionnaire.question(risk.likelihood).points
    points_i = questionnaire.question(risk.impact).points
    valid = (_whole_in(lik, points_l) & _whole_in(imp, points_i))
    missing = ~valid & (np.isin(lik, _codes(questionnaire, risk.likelihood))
                        | np.isin(imp, _codes(questionnaire, risk.impact)))
    lik0, imp0 = np.where(valid, lik, 0.0), np.where(valid, imp, 0.0)
    score = lik0 * imp0
    return (valid, missing, lik0, lik0 ** 2, imp0, imp0 ** 2, score, score ** 2,
            valid & (lik0 >= LIKELY_FROM))


def risk_sums_by_cells(columns, questionnaire: Questionnaire, cells,
                       progress=None) -> np.ndarray:
    """cells x (len(_PARTS) * risks): the per-form quantities of every risk added up per
    profile cell, from `form_columns.FormColumns`. Each risk counts its forms per cell and
    distinct (likelihood, impact) pair once, and the quantities are worked out per pair: a
    million forms are never turned into floats. Pairs too many to count (decimal answers)
    are summed form by form instead; a few forms, straight per form (`_few_forms_sums`)."""
    tick = progress or (lambda: None)
    if cell_sums_few.is_few(columns.size, cells):
        sums = _few_forms_sums(columns, questionnaire, cells)
        for _ in questionnaire.risks:
            tick()
        return sums
    sums = []
    for risk in questionnaire.risks:
        lik, imp = columns.classes(risk.likelihood), columns.classes(risk.impact)
        pairs = lik.count * imp.count
        if pairs * max(cells.count, 1) <= MAX_PAIR_COUNTS:
            joint = lik.codes * imp.count
            joint += imp.codes
            quantities = _quantities(questionnaire, risk, np.repeat(lik.values, imp.count),
                                     np.tile(imp.values, lik.count))
            # Whole numbers (a valid answer is whole): an integer product is exact and
            # needs no BLAS threads.
            per_pair = np.rint(np.column_stack(quantities).astype(float)).astype(np.int64)
            sums.append((cells.tally(joint, pairs) @ per_pair).astype(float))
        else:
            quantities = _quantities(questionnaire, risk, columns.values(risk.likelihood),
                                     columns.values(risk.impact))
            sums.append(np.column_stack([cells.sum_column(q) for q in quantities]))
        tick()
    return np.concatenate(sums, axis=1) if sums else np.zeros((cells.count, 0))


def _few_forms_sums(columns, questionnaire: Questionnaire, cells) -> np.ndarray:
    """`risk_sums_by_cells` of a few forms (cell_sums_few.py): `_quantities` of every
    risk at once (forms x risks arrays), added up per cell."""
    risks = questionnaire.risks
    if not risks:
        return np.zeros((cells.count, 0))
    lik = np.column_stack([columns.values(risk.likelihood) for risk in risks])
    imp = np.column_stack([columns.values(risk.impact) for risk in risks])
    valid = _whole_in(lik, np.array([questionnaire.question(r.likelihood).points
                                     for r in risks], dtype=float)) \
        & _whole_in(imp, np.array([questionnaire.question(r.impact).points for r in risks],
                                  dtype=float))
    missing = ~valid & (_is_code(lik, [_codes(questionnaire, r.likelihood) for r in risks])
                        | _is_code(imp, [_codes(questionnaire, r.impact) for r in risks]))
    lik0, imp0 = np.where(valid, lik, 0.0), np.where(valid, imp, 0.0)
    score = lik0 * imp0
    parts = np.stack((valid, missing, lik0, lik0 ** 2, imp0, imp0 ** 2, score, score ** 2,
                      valid & (lik0 >= LIKELY_FROM)), axis=2)  # forms x risks x _PARTS
    # Whole numbers (a valid answer is whole): rounded, never truncated below.
    whole = np.rint(parts.reshape(len(lik), len(risks) * len(_PARTS)).astype(float))
    return cell_sums_few.per_cell(cells, whole).astype(float)


def _is_code(values: np.ndarray, codes: list[list[int]]) -> np.ndarray:
    """forms x risks: whether each answer is one of its question's missing codes
    (`np.isin` per column; NaN never is)."""
    width = max((len(c) for c in codes), default=0)
    table = np.full((len(codes), width), np.nan)
    for column, question_codes in enumerate(codes):
        table[column, :len(question_codes)] = question_codes
    return (values[:, :, None] == table[None, :, :]).any(axis=2)


# Counts per (cell, pair of answers) kept at once (32 MB); beyond, a risk is summed form
# by form.
MAX_PAIR_COUNTS = 4_000_000


def _groups(frame: pd.DataFrame, questionnaire: Questionnaire,
            dimensions) -> tuple[np.ndarray, list[tuple[str, str]]]:
    """Forms x dimensions: the groups column of every form; and the (dimension, key) of
    every groups column."""
    columns, keys = [], []
    for dim in dimensions:
        codes, dim_keys = group_index(frame, dim, questionnaire)
        columns.append(codes + len(keys))
        keys += [(dim, key) for key in dim_keys]
    groups = (np.column_stack(columns) if columns
              else np.zeros((len(frame), 0), dtype=np.int64))
    return groups, keys


def _whole_in(values: np.ndarray, points: int) -> np.ndarray:
    return (values >= 1) & (values <= points) & (np.floor(values) == values)


def _mean_ci(n: np.ndarray, total: np.ndarray, squares: np.ndarray,
             critical: np.ndarray | None = None):
    """Mean and 95% t interval from count, sum and sum of squares (NaN where undefined);
    `critical`: `t_critical(n - 1)` when already known."""
    mean = np.where(n > 0, total / np.where(n > 0, n, 1), np.nan)
    variance = np.where(n > 1, (squares - n * mean ** 2) / np.where(n > 1, n - 1, 1), np.nan)
    variance = np.where(variance < 0, 0.0, variance)  # rounding of identical answers
    critical = t_critical(n - 1) if critical is None else critical
    half = critical * np.sqrt(variance / np.where(n > 0, n, 1))
    half = np.where(n > 1, half, np.nan)
    return mean, mean - half, mean + half


def score_risks(frame: pd.DataFrame, questionnaire: Questionnaire,
                by: list[str] | tuple[str, ...] = ()) -> pd.DataFrame:
    """Scores of `frame` overall and per group of each dimension in `by` (unprotected: pass
    the result through `suppression.protect_scores` before showing it)."""
    return RiskBasis.from_frame(frame, questionnaire, by).scores()


def risk_register(scores: pd.DataFrame) -> pd.DataFrame:
    """The overall rows ranked by mean score (highest first; suppressed rows last), with
    the rank as column `rank` (1 = highest)."""
    columns = {name: column.to_numpy() for name, column in scores.items()}
    table = pd.DataFrame(register_columns(columns))
    table.attrs = dict(scores.attrs)
    return table


def register_columns(scores: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """`risk_register` of scores given as columns: `rank`, then every column of the
    overall rows in their ranked order."""
    rows = np.flatnonzero(scores["dimension"] == ALL)
    mean = np.asarray(scores["mean_score"], dtype=float)[rows]
    ids = np.asarray(scores["risk_id"])[rows]
    # Highest mean first, NaN last, ties by risk id (what a stable sort on both gives).
    _, id_rank = np.unique(ids.astype(str), return_inverse=True)
    order = rows[np.lexsort((id_rank.reshape(-1), np.where(np.isnan(mean), np.inf, -mean)))]
    ranked = {"rank": np.arange(1, len(order) + 1)}
    ranked.update({name: np.asarray(column)[order] for name, column in scores.items()})
    return ranked


def format_score(value: float, digits: int = 1) -> str:
    """A score for tables ('' when undefined)."""
    return "" if value is None or not math.isfinite(value) else f"{value:.{digits}f}"


def _codes(questionnaire: Questionnaire, question_id: str) -> list[int]:
    """The missing codes of one question (each question declares its own)."""
    return list(questionnaire.question(question_id).missing_code_values())
