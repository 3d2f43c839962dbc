"""Integrity climate and exposure: answer distributions, built for fast filtering.

Climate items (likert): count and share of each point per item, over valid answers
(missing codes counted separately in `n_missing`). Exposure: the share answering yes to the
exposure question, and the distribution of each follow-up among those who answered it
(integers in bins, multichoice codes each counted, so shares there can add up past 1).
`CountBasis` one-hot encodes every (question, answer) once, per form (`from_frame`) or per
profile cell (`counts_by_cells`); a filter then sums the rows it selects.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import cell_sums_few
from .questionnaire import Question, Questionnaire

MISSING = "missing"
COUNT_COLUMNS = ("question", "code", "count", "share", "n", "n_missing")
# Integer follow-ups (e.g. "how many times") are shown in these bins: (low, high, key).
INTEGER_BINS = ((1, 1, "1"), (2, 2, "2"), (3, 5, "3-5"), (6, 10, "6-10"), (11, None, "11+"))


@dataclass
class CountBasis:
    """One-hot answers of some questions: column j is (question, code key) of `cells[j]`."""

    cells: list[tuple[str, str]]
    onehot: np.ndarray   # forms x cells, float64
    answered: np.ndarray  # forms x questions: a valid answer given
    missing: np.ndarray   # forms x questions: a missing code given
    questions: list[str]

    @classmethod
    def from_frame(cls, frame: pd.DataFrame, questionnaire: Questionnaire,
                   question_ids: list[str]) -> "CountBasis":
        cells, columns, answered, missing = _count_parts(frame, questionnaire, question_ids)
        n = len(frame)
        return cls(cells,
                   np.column_stack(columns).astype(float) if columns else np.zeros((n, 0)),
                   np.column_stack(answered).astype(float) if answered else np.zeros((n, 0)),
                   np.column_stack(missing).astype(float) if missing else np.zeros((n, 0)),
                   list(question_ids))

    def counts(self, mask: np.ndarray | None = None) -> pd.DataFrame:
        """(question, code, count, share, n, n_missing) over the masked forms; share is of
        the valid answers to that question (unprotected: pass through `protect`)."""
        return pd.DataFrame(self.count_columns(mask))

    def count_columns(self, mask: np.ndarray | None = None) -> dict[str, np.ndarray]:
        """`counts` as columns (COUNT_COLUMNS, in order)."""
        # Sums over the selected rows (no BLAS: small products are slow on a busy laptop).
        if mask is None or np.asarray(mask, dtype=bool).all():
            onehot, answered, missing = self.onehot, self.answered, self.missing
        else:
            chosen = np.flatnonzero(np.asarray(mask, float))
            onehot, answered, missing = (self.onehot[chosen], self.answered[chosen],
                                         self.missing[chosen])
        of_question = self._of_question()
        counts = np.rint(onehot.sum(axis=0)).astype(int)
        n = answered.sum(axis=0)[of_question].astype(int)
        with np.errstate(divide="ignore", invalid="ignore"):
            share = np.where(n > 0, counts / np.where(n > 0, n, 1), np.nan)
        return {"question": np.array([q for q, _ in self.cells], dtype=object),
                "code": np.array([c for _, c in self.cells], dtype=object), "count": counts,
                "share": share, "n": n,
                "n_missing": missing.sum(axis=0)[of_question].astype(int)}

    def _of_question(self) -> np.ndarray:
        """The position in `questions` of each answer cell's question."""
        position = {qid: i for i, qid in enumerate(self.questions)}
        return np.array([position[q] for q, _ in self.cells], dtype=np.int64)


def _count_parts(frame: pd.DataFrame, questionnaire: Questionnaire, question_ids: list[str]):
    """(cells, one-hot columns, answered columns, missing columns): per-form arrays."""
    cells, columns, answered, missing = [], [], [], []
    for qid in question_ids:
        keys, hits, given, is_missing = _question_parts(questionnaire.question(qid),
                                                        frame[qid].to_numpy())
        cells += [(qid, key) for key in keys]
        columns += hits
        answered.append(given)
        missing.append(is_missing)
    return cells, columns, answered, missing


def _question_parts(question: Question, values: np.ndarray):
    """(answer keys, hit per key, answered, missing) for these answers of one question:
    per form, or per distinct answer."""
    missing_codes = list(question.missing_code_values())
    found = list(_answer_cells(question, values, missing_codes))
    if question.type == "multichoice":
        missing_texts = [str(c) for c in missing_codes]
        if len(values) <= FEW:  # distinct answers: a pandas Series costs more than they do
            given = ~pd.isna(np.asarray(values, dtype=object))
            wanted = set(missing_texts)
            is_missing = np.fromiter((v in wanted for v in values), dtype=bool,
                                     count=len(values))
        else:
            texts = pd.Series(values, dtype=object)
            given = texts.notna().to_numpy()
            is_missing = texts.isin(missing_texts).to_numpy()
    else:
        numbers = values.astype(float)
        is_missing = np.isin(numbers, missing_codes)
        given = np.isfinite(numbers)
    return [key for key, _ in found], [hit for _, hit in found], given & ~is_missing, \
        is_missing


def counts_by_cells(columns, questionnaire: Questionnaire, question_ids: list[str], cells,
                    progress=None) -> "CountBasis":
    """The `CountBasis` of these questions with one row per profile cell (`from_frame`
    added up per cell), from `form_columns.FormColumns`: the forms of each cell are counted
    per distinct answer once, and each answer cell, the valid answers and the missing codes
    are then sums of those counts (whole numbers: exact). A few forms are counted form by
    form instead (cell_sums_few.py)."""
    tick = progress or (lambda: None)
    few = cell_sums_few.is_few(columns.size, cells)
    keys, onehot, answered, missing = [], [], [], []
    for qid in question_ids:
        question = questionnaire.question(qid)
        if few:  # each form's answer as it is (cell_sums_few.py): no classes to count
            found, flags = _form_flags(question, columns, qid)
            sums = cell_sums_few.per_cell(cells, flags)
        else:
            classes = columns.classes(qid)
            found, hits, given, is_missing = _question_parts(question, classes.values)
            flags = np.column_stack([*hits, given, is_missing]).astype(np.int64)
            sums = cells.tally(classes.codes, classes.count) @ flags  # integers: exact
        keys += [(qid, key) for key in found]
        onehot.append(sums[:, :len(found)])
        answered.append(sums[:, -2])
        missing.append(sums[:, -1])
        tick()

    def stacked(arrays: list) -> np.ndarray:
        if not arrays:
            return np.zeros((cells.count, 0))
        return np.column_stack(arrays).astype(float)

    return CountBasis(keys, stacked(onehot), stacked(answered), stacked(missing),
                      list(question_ids))


def _form_flags(question: Question, columns, qid: str) -> tuple[list[str], np.ndarray]:
    """(answer keys, forms x (keys + 2)): `_question_parts` of a few forms (hit per key,
    answered, missing), a numeric question's worked out in plain Python: each array call
    costs more than a few forms do."""
    if question.type == "multichoice":
        found, hits, given, is_missing = _question_parts(question, columns.texts(qid))
        return found, np.column_stack([*hits, given, is_missing]).astype(np.int64)
    codes = question.missing_code_values()
    if question.type in ("integer", "decimal"):
        found = [key for _, _, key in INTEGER_BINS]
        rows = []
        for number in columns.values(qid).tolist():
            missing = number in codes
            counted = math.isfinite(number) and not missing
            rows.append([counted and number >= low and (high is None or number <= high)
                         for low, high, _ in INTEGER_BINS] + [counted, missing])
    else:
        choices = list(question.choice_codes())
        found = [str(code) for code in choices]
        rows = []
        for number in columns.values(qid).tolist():
            missing = number in codes
            rows.append([number == code for code in choices]
                        + [math.isfinite(number) and not missing, missing])
    return found, np.array(rows, dtype=np.int64).reshape(len(rows), len(found) + 2)


def _answer_cells(question: Question, values: np.ndarray, missing_codes: list[int]):
    """(code key, bool array) for every answer cell of a question."""
    if question.type == "multichoice":
        # Few distinct answer texts: test each once, then spread to the forms.
        codes, texts = (_factorized(values) if len(values) <= FEW
                        else pd.factorize(pd.Series(values, dtype=object)))
        padded = [" " + str(text).replace(",", " ") + " " for text in texts]
        for code in question.choice_codes():
            hit = np.array([f" {code} " in text for text in padded] + [False], dtype=bool)
            yield str(code), hit[codes]  # code -1 (no answer) picks the trailing False
        return
    numbers = values.astype(float)
    if question.type in ("integer", "decimal"):
        # A missing code is a missing answer even where it is also a possible number.
        counted = np.isfinite(numbers) & ~np.isin(numbers, missing_codes)
        for low, high, key in INTEGER_BINS:
            inside = (numbers >= low) if high is None else (numbers >= low) & (numbers <= high)
            yield key, inside & counted
        return
    for code in question.choice_codes():
        yield str(code), numbers == code


# Up to this many values (the distinct answers of a question, or a few forms), a
# multichoice question's answers are sorted out without a pandas Series.
FEW = 256


def _factorized(values) -> tuple[np.ndarray, list]:
    """`pd.factorize` of a few values: codes in order of first appearance, -1 for a
    missing one (None or NaN)."""
    position: dict = {}
    codes = np.array([-1 if v is None or (v.__class__ is float and v != v)
                      else position.setdefault(v, len(position)) for v in values],
                     dtype=np.int64)
    return codes, list(position)


def climate_items(questionnaire: Questionnaire) -> list[str]:
    """The integrity-climate items of the questionnaire."""
    return list(questionnaire.climate)


def exposure_questions(questionnaire: Questionnaire) -> list[str]:
    """The exposure question and its follow-ups (empty without an exposure block)."""
    exposure = questionnaire.exposure
    return [exposure.question, *exposure.follow_ups] if exposure else []
