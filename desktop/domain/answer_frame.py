"""The analysis table: one row per form, one column per question, built once per load.

`build_answer_frame` pivots the long answer rows read by `storage.analysis_store` into a
wide pandas DataFrame: `uuid`, `round` (categorical), `form_number`, `operator`, `created`
(UTC timestamp), `day` (date of keying), then one float column per numeric question
(codes, likert points, integers; NaN when unanswered) and one text column per
multichoice question ("1 3"). Text and date questions are left out: no chart uses them and
comments could identify a respondent. Scoring then works on whole numpy columns.
"""

from __future__ import annotations

import json
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from .questionnaire import Questionnaire

FORM_COLUMNS = ("uuid", "round", "form_number", "operator", "created")
NUMERIC_TYPES = ("integer", "decimal", "choice", "likert")


def analysed_questions(questionnaire: Questionnaire) -> tuple[list[str], list[str]]:
    """(numeric question ids, multichoice question ids) that the analysis table holds."""
    numeric = [q.id for q in questionnaire.questions() if q.type in NUMERIC_TYPES]
    multi = [q.id for q in questionnaire.questions() if q.type == "multichoice"]
    return numeric, multi


def build_answer_frame(questionnaire: Questionnaire, forms: Sequence[tuple],
                       answers: Iterable[tuple]) -> pd.DataFrame:
    """The wide table from form rows (uuid, round, number, operator, created) and answer
    rows (uuid, question id, value)."""
    numeric, multi = analysed_questions(questionnaire)
    frame = _form_columns(forms)
    long = pd.DataFrame(list(answers), columns=["uuid", "question_id", "value"])
    rows = pd.Index(frame["uuid"]).get_indexer(long["uuid"])
    known = rows >= 0
    long, rows = long[known], rows[known]

    qcodes = pd.Categorical(long["question_id"], categories=numeric).codes
    values = pd.to_numeric(long["value"], errors="coerce").to_numpy(dtype=float)
    matrix = np.full((len(frame), len(numeric)), np.nan)
    take = qcodes >= 0
    matrix[rows[take], qcodes[take]] = values[take]
    columns = {qid: matrix[:, i] for i, qid in enumerate(numeric)}

    mcodes = pd.Categorical(long["question_id"], categories=multi).codes
    for i, qid in enumerate(multi):
        column = np.full(len(frame), None, dtype=object)
        pick = mcodes == i
        column[rows[pick]] = long["value"].to_numpy(dtype=object)[pick]
        columns[qid] = column
    return pd.concat([frame, pd.DataFrame(columns, index=frame.index)], axis=1)


def build_answer_frame_grouped(questionnaire: Questionnaire, forms: Sequence[tuple],
                               rows: Sequence[tuple]) -> pd.DataFrame:
    """The same table from answers grouped per form by the database: rows of (uuid, JSON
    object question id -> stored text)."""
    numeric, multi = analysed_questions(questionnaire)
    frame = _form_columns(forms)
    records = _chunked(rows, lambda part: pd.DataFrame.from_records(
        [json.loads(text) for _, text in part], columns=numeric + multi))
    position = pd.Index([uuid for uuid, _ in rows]).get_indexer(frame["uuid"])
    present = position >= 0
    columns = {}
    for qid in numeric:
        values = np.full(len(frame), np.nan)
        parsed = pd.to_numeric(records[qid], errors="coerce").to_numpy(dtype=float)
        values[present] = parsed[position[present]]
        columns[qid] = values
    for qid in multi:
        values = np.full(len(frame), None, dtype=object)
        texts = records[qid].to_numpy(dtype=object)
        values[present] = texts[position[present]]
        columns[qid] = np.where(pd.isna(values), None, values)
    return pd.concat([frame, pd.DataFrame(columns, index=frame.index)], axis=1)


# Rows converted per pandas call. A worker thread reads the analysis table while an
# operator keys forms; pandas holds Python's lock for a whole call, so a call over 100k
# rows would stall the window for most of a second. Chunks keep each hold short.
CHUNK = 5000


def _chunked(rows: Sequence, convert) -> pd.DataFrame:
    """`convert` applied to slices of `rows`, concatenated (one call when small)."""
    if len(rows) <= CHUNK:
        return convert(rows)
    return pd.concat([convert(rows[start:start + CHUNK])
                      for start in range(0, len(rows), CHUNK)], ignore_index=True)


def _form_part(forms: Sequence[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(list(forms), columns=list(FORM_COLUMNS))
    frame["form_number"] = frame["form_number"].astype("int64")
    # A time that is no real one (a bundle's year 0001, a 30 February) is unknown (NaT),
    # as in the snapshot (column_snapshot.created_ns), instead of stopping the analysis.
    frame["created"] = pd.to_datetime(frame["created"], utc=True, format="ISO8601",
                                      errors="coerce")
    frame["day"] = frame["created"].dt.strftime("%Y-%m-%d")
    return frame


def _form_columns(forms: Sequence[tuple]) -> pd.DataFrame:
    frame = _chunked(list(forms), _form_part)
    frame["round"] = frame["round"].astype("category")
    return frame


def empty_answer_frame(questionnaire: Questionnaire) -> pd.DataFrame:
    """The analysis table of a database without forms."""
    return build_answer_frame(questionnaire, [], [])
