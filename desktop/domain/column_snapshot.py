"""The analysis table stored as whole columns: what makes a 100k-form dashboard load fast.

Reading 100k forms x 37 answers from SQLite row by row creates millions of Python objects;
the snapshot instead keeps each analysed question (and each form column) as one block of
bytes that numpy maps in one step. This module builds the in-memory table ("base": uuid,
round_uuid, form_number, operator, created as int64 ns, one float column per numeric
question, one text column per multichoice question) from rows read out of the answer
table (`base_from_rows`), and `patch` replaces the forms written since the snapshot was
taken. The rest of the snapshot lives beside it:

- `snapshot_parts`: the base as named byte parts and back (`encode`/`decode`, the
  header checks; `UUID_ORDER` holds the row numbers in uuid order);
- `stored_columns`: a stored snapshot read a few rows at a time (`check`);
- `packed_columns`: only the parts the dashboard sums, as the stored bytes
  (`form_columns.FormColumns`), and their patch for the forms written since;
- `snapshot_frame`: the pandas table (`domain.answer_frame` layout).

Numeric columns whose values are all small integers (codes, likert points) are stored as
int8 (-128 = unanswered), anything else as float64, so a value reads back exactly as
`pd.to_numeric` parsed it from the stored text.
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from . import answers_json
from .answer_frame import analysed_questions
from .form_columns import MISSING_INT8
from .questionnaire import Questionnaire

FORMAT = 1
FORM_PARTS = ("uuid", "round_uuid", "form_number", "operator", "created")
# The parts a dashboard load reads (and the uuids, when forms were written since).
ANALYSIS_PARTS = ("round_uuid", "created")
UUID_ORDER = "uuid_order"  # int32 row numbers that put the uuid part in order


def snapshot_columns(questionnaire: Questionnaire) -> list[list[str]]:
    """The analysed questions as [question id, 'numeric' | 'multi'] (the header compares
    them: a questionnaire with other analysed questions needs a new snapshot)."""
    numeric, multi = analysed_questions(questionnaire)
    return [[qid, "numeric"] for qid in numeric] + [[qid, "multi"] for qid in multi]


Base = dict  # column name -> numpy array, every array of the same length


def empty_base(columns: Sequence[Sequence[str]]) -> Base:
    return base_from_rows(columns, [])


def base_from_rows(columns: Sequence[Sequence[str]], rows: Iterable[tuple]) -> Base:
    """The base table from rows (uuid, round uuid, form number, operator, created text,
    answers as a JSON object text or None) as `storage.analysis_store.form_answer_rows`
    reads them."""
    rows = list(rows)
    return base_from_parsed(columns, rows, answers_json.parsed_many([r[5] for r in rows]))


def base_from_parsed(columns: Sequence[Sequence[str]], rows: Sequence[tuple],
                     objects: Sequence[dict | None]) -> Base:
    """`base_from_rows` with each row's answers parsed already (`objects[i]`: row i's
    `answers_json.parsed_many`), so a caller that also inspects them parses once."""
    base = _form_columns(rows)
    has = np.array([o is not None for o in objects], dtype=bool)
    records = pd.DataFrame.from_records([o for o in objects if o is not None],
                                        columns=[qid for qid, _ in columns])
    for qid, kind in columns:
        if kind == "numeric":
            column = np.full(len(rows), np.nan)
            column[has] = parsed_numbers(records[qid].to_numpy(dtype=object))
        else:
            column = np.full(len(rows), None, dtype=object)
            texts_of = records[qid].to_numpy(dtype=object)
            column[has] = np.where(pd.isna(texts_of), None, texts_of)
        base[qid] = column
    return base


def _form_columns(rows: Sequence[tuple]) -> Base:
    """The form columns of the base table (uuid, round uuid, form number, operator,
    created as int64 ns) from rows as `base_from_rows` takes them."""
    return {
        "uuid": np.array([r[0] for r in rows], dtype=object),
        "round_uuid": np.array([r[1] for r in rows], dtype=object),
        "form_number": np.array([r[2] for r in rows], dtype=np.int64),
        "operator": np.array([r[3] for r in rows], dtype=object),
        "created": created_ns([r[4] for r in rows]),
    }


def size(base: Base) -> int:
    return len(base["uuid"])


def concat(bases: Sequence[Base]) -> Base:
    if len(bases) == 1:
        return bases[0]
    return {name: np.concatenate([b[name] for b in bases]) for name in bases[0]}


def patch(base: Base, written: Sequence[str], fresh: Base) -> Base:
    """`base` without the forms named in `written`, plus `fresh` (their live versions)."""
    if not len(written):
        return base
    keep = ~pd.Index(base["uuid"]).isin(list(written))
    return {name: np.concatenate([as_float(values)[keep] if name in fresh and
                                  fresh[name].dtype.kind == "f" else values[keep],
                                  fresh[name]])
            for name, values in base.items()}


def parsed_numbers(texts: np.ndarray) -> np.ndarray:
    """Stored texts as floats (NaN for blanks and non-numbers) as `pd.to_numeric` parses
    them, each distinct text once: a column of codes holds a handful (4x faster)."""
    codes, uniques = pd.factorize(texts)
    if len(uniques) <= _FEW_TEXTS and all(
            text.__class__ is str and _WHOLE.fullmatch(text) for text in uniques):
        # Whole numbers only (answer codes): what pandas reads them as, without a Series.
        parsed = np.array([int(text) for text in uniques], dtype=float)
        return np.append(parsed, np.nan)[codes]
    parsed = pd.to_numeric(pd.Series(uniques, dtype=object), errors="coerce")
    return np.append(parsed.to_numpy(dtype=float, na_value=np.nan), np.nan)[codes]


# Texts of whole numbers of up to 9 digits (no sign but minus, no leading zero, not -0):
# pandas reads each as that integer, exactly a float. A few hundred are parsed directly.
_WHOLE = re.compile(r"0|-?[1-9][0-9]{0,8}")
_FEW_TEXTS = 256


def created_ns(texts: list[str]) -> np.ndarray:
    """Keying times as int64 ns (UTC); a time that is no real one, or beyond what a
    nanosecond count holds (a bundle's year 0001 or 9999, a 30 February), is unknown
    (NaT: `activity.NO_TIME`) instead of stopping the whole dashboard. Times in the
    program's own UTC form are read by numpy (`_utc_stamps_ns`), the rest by pandas."""
    if not texts:
        return np.array([], dtype=np.int64)
    direct = _utc_stamps_ns(texts)
    if direct is not None:
        return direct
    stamps = pd.to_datetime(pd.Series(texts, dtype=object), utc=True, format="ISO8601",
                            errors="coerce")
    return stamps.dt.tz_convert("UTC").astype("datetime64[ns, UTC]").to_numpy(
        dtype="M8[ns]").view(np.int64)


# The form every time the program writes has (seconds to nanoseconds, in UTC), within the
# years int64 nanoseconds hold: numpy reads these without pandas (a few forms' times in
# microseconds rather than a millisecond); any other text goes the pandas way.
_UTC_STAMP = re.compile(r"(?:19|20|21)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"
                        r"T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,9})?(Z|\+00:00)")


def _utc_stamps_ns(texts: list[str]) -> np.ndarray | None:
    """`created_ns` of texts all in `_UTC_STAMP`'s form, or None (also for a date that
    does not exist, such as 30 February: pandas then decides)."""
    bare = []
    for text in texts:
        found = _UTC_STAMP.fullmatch(text) if text.__class__ is str else None
        if found is None:
            return None
        bare.append(text[:found.start(1)])
    try:
        return np.array(bare, dtype="M8[ns]").view(np.int64)
    except ValueError:
        return None


def as_float(values: np.ndarray) -> np.ndarray:
    """A numeric column as floats (NaN = unanswered), also one decoded `compact`."""
    if values.dtype != np.int8:
        return values
    out = values.astype(float)
    out[values == MISSING_INT8] = np.nan
    return out
