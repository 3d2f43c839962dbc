"""The analysed answers of the live forms as compact numpy columns: what the dashboard sums.

The dashboard never looks at one form: it adds forms up per profile cell. So the load
keeps no Python object per form and no pandas frame: a question answered with small whole
numbers (codes, likert points) stays the int8 column the snapshot stored (-128 =
unanswered), any other numeric question a float64 column, a multichoice question its
integer codes into the distinct answer texts, the round an integer code into the round
names, and the keying time int64 nanoseconds (UTC). At a million forms that is about 50 MB,
read from SQLite without a copy.

`value_classes` sorts one column's forms into classes of equal value, so every per-form
rule (valid likelihood, missing code, answer bin...) is evaluated once per distinct value
instead of once per form (see `profile_cells.ProfileCells.tally`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .answer_frame import analysed_questions
from .questionnaire import Questionnaire

MISSING_INT8 = -128
# The value of every int8 byte, as a float (the missing marker as NaN), by unsigned byte.
_INT8_VALUES = np.arange(256, dtype=np.uint8).view(np.int8).astype(float)
_INT8_VALUES[_INT8_VALUES == MISSING_INT8] = np.nan


@dataclass
class ValueClasses:
    """`codes[i]`: the class of form i; `values[c]`: the value of class c (NaN: unanswered,
    None for a multichoice question left blank). Only classes that occur are listed."""

    codes: np.ndarray
    values: np.ndarray

    @property
    def count(self) -> int:
        return len(self.values)


@dataclass
class FormColumns:
    """One entry per live form in every array; the order of the forms means nothing."""

    size: int
    numeric: dict[str, np.ndarray]                     # int8 or float64
    multi: dict[str, tuple[np.ndarray, list[str]]]     # int32 codes (-1 blank), texts
    round_codes: np.ndarray                            # int32 into round_names (-1: none)
    round_names: list[str]
    created: np.ndarray                                # int64 ns since 1970, UTC

    @classmethod
    def from_frame(cls, frame: pd.DataFrame, questionnaire: Questionnaire) -> "FormColumns":
        """The columns of an analysis table (`domain.answer_frame` layout)."""
        numeric_ids, multi_ids = analysed_questions(questionnaire)
        numeric = {qid: frame[qid].to_numpy(dtype=float) for qid in numeric_ids
                   if qid in frame}
        multi = {}
        for qid in multi_ids:
            if qid in frame:
                codes, texts = pd.factorize(frame[qid].to_numpy(dtype=object))
                multi[qid] = (codes.astype(np.int32), [str(text) for text in texts])
        rounds = frame["round"].astype("category")
        created = pd.to_datetime(frame["created"], utc=True)
        stamps = created.dt.tz_convert("UTC").dt.tz_localize(None).to_numpy(dtype="M8[ns]")
        return cls(len(frame), numeric, multi,
                   rounds.cat.codes.to_numpy().astype(np.int32),
                   [str(name) for name in rounds.cat.categories], stamps.view(np.int64))

    def take(self, rows: np.ndarray) -> "FormColumns":
        """The forms at these rows (a boolean mask or positions), round names kept."""
        return FormColumns(int(np.count_nonzero(rows)) if rows.dtype == bool else len(rows),
                           {qid: column[rows] for qid, column in self.numeric.items()},
                           {qid: (codes[rows], texts)
                            for qid, (codes, texts) in self.multi.items()},
                           self.round_codes[rows], self.round_names, self.created[rows])

    def values(self, qid: str) -> np.ndarray:
        """A numeric question's answers as floats (NaN when unanswered): a new array."""
        column = self.numeric[qid]
        if column.dtype == np.int8:
            return _INT8_VALUES[column.view(np.uint8)]
        return np.asarray(column, dtype=float)

    def texts(self, qid: str) -> np.ndarray:
        """A multichoice question's answer texts (None when blank), one object per form:
        for small tables and tests."""
        codes, texts = self.multi[qid]
        return np.array(list(texts) + [None], dtype=object)[codes]

    def classes(self, qid: str) -> ValueClasses:
        """The forms of one question sorted into classes of equal answer (not kept: 4
        bytes per form, and each question is summed once per load)."""
        if qid in self.multi:
            codes, texts = self.multi[qid]
            return _text_classes(codes, texts)
        return value_classes(self.numeric[qid])


def value_classes(column: np.ndarray) -> ValueClasses:
    """The forms of a numeric column in classes of equal value (NaNs form one class)."""
    if column.dtype == np.int8:
        raw = column.view(np.uint8)
        present = np.flatnonzero(np.bincount(raw, minlength=256))
        dense = np.zeros(256, dtype=np.int32)
        dense[present] = np.arange(len(present), dtype=np.int32)
        return ValueClasses(dense[raw], _INT8_VALUES[present])
    values = np.asarray(column, dtype=float)
    uniques, inverse = np.unique(values, return_inverse=True)  # NaN: one class, last
    return ValueClasses(inverse.reshape(-1).astype(np.int32), uniques)


def _text_classes(codes: np.ndarray, texts: list[str]) -> ValueClasses:
    """Classes of a coded text column: class 0 is blank, class k + 1 is text k."""
    return ValueClasses((np.asarray(codes) + 1).astype(np.int32),
                        np.array([None] + list(texts), dtype=object))


def pack_numeric(values: np.ndarray) -> np.ndarray:
    """int8 when every answer is a whole number in -127..127 (the snapshot's rule), else
    float64: the same answers either way."""
    values = np.asarray(values, dtype=float)
    present = ~np.isnan(values)
    small = present & (np.abs(values) <= 127) & (values == np.round(values))
    if not np.array_equal(small, present):
        return values
    packed = np.full(len(values), MISSING_INT8, dtype=np.int8)
    packed[present] = values[present].astype(np.int8)
    return packed
