"""Integrity climate and exposure: answer distributions, built for fast filtering.

Climate items (likert): count and share of each point per item, over valid answers
(missing codes counted separately in `n_missing`). Exposure: the share answering yes to the
exposure question, and the distribution of each follow-up among those who answered it
(integers in bins, multichoice codes each counted, so shares there can add up past 1).
`CountBasis` one-hot encodes every (question, answer) once; a filter is then a product.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

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
        cells, columns, answered, missing = [], [], [], []
        for qid in question_ids:
            question = questionnaire.question(qid)
            missing_codes = list(question.missing_code_values())
            values = frame[qid].to_numpy()
            for key, hit in _answer_cells(question, values, missing_codes):
                cells.append((qid, key))
                columns.append(hit)
            if question.type == "multichoice":
                texts = pd.Series(values, dtype=object)
                given = texts.notna().to_numpy()
                is_missing = texts.isin([str(c) for c in missing_codes]).to_numpy()
            else:
                numbers = values.astype(float)
                is_missing = np.isin(numbers, missing_codes)
                given = np.isfinite(numbers)
            missing.append(is_missing)
            answered.append(given & ~is_missing)
        n = len(frame)
        return cls(cells,
                   np.column_stack(columns).astype(float) if columns else np.zeros((n, 0)),
                   np.column_stack(answered).astype(float) if answered else np.zeros((n, 0)),
                   np.column_stack(missing).astype(float) if missing else np.zeros((n, 0)),
                   list(question_ids))

    def aggregate(self, cells) -> "CountBasis":
        """The same counts added up per profile cell (see `profile_cells`)."""
        return CountBasis(self.cells, cells.sum_rows(self.onehot),
                          cells.sum_rows(self.answered), cells.sum_rows(self.missing),
                          self.questions)

    def counts(self, mask: np.ndarray | None = None) -> pd.DataFrame:
        """(question, code, count, share, n, n_missing) over the masked forms; share is of
        the valid answers to that question (unprotected: pass through `protect`)."""
        weights = np.ones(len(self.onehot)) if mask is None else np.asarray(mask, float)
        # Sums over the selected rows (no BLAS: small products are slow on a busy laptop).
        chosen = np.flatnonzero(weights)
        counts = self.onehot[chosen].sum(axis=0)
        valid = dict(zip(self.questions, self.answered[chosen].sum(axis=0)))
        missing = dict(zip(self.questions, self.missing[chosen].sum(axis=0)))
        table = pd.DataFrame({"question": [q for q, _ in self.cells],
                              "code": [c for _, c in self.cells],
                              "count": np.rint(counts).astype(int)})
        table["n"] = table["question"].map(valid).astype(int)
        table["n_missing"] = table["question"].map(missing).astype(int)
        with np.errstate(divide="ignore", invalid="ignore"):
            table["share"] = np.where(table["n"] > 0, table["count"] / table["n"], np.nan)
        return table[list(COUNT_COLUMNS)]


def _answer_cells(question: Question, values: np.ndarray, missing_codes: list[int]):
    """(code key, bool array) for every answer cell of a question."""
    if question.type == "multichoice":
        texts = pd.Series(values, dtype=object).fillna("")
        padded = (" " + texts.str.replace(",", " ") + " ")
        for code in question.choice_codes():
            yield str(code), padded.str.contains(f" {code} ", regex=False).to_numpy()
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


def climate_items(questionnaire: Questionnaire) -> list[str]:
    """The integrity-climate items of the questionnaire."""
    return list(questionnaire.climate)


def exposure_questions(questionnaire: Questionnaire) -> list[str]:
    """The exposure question and its follow-ups (empty without an exposure block)."""
    exposure = questionnaire.exposure
    return [exposure.question, *exposure.follow_ups] if exposure else []
