"""The analysts' raw columns read from the analysis snapshot (`riskmap data` at scale).

Reading each form's answers as a JSON object from the answer rows costs about as much as
the whole answer table (37 s for a million forms); the dashboard's analysis snapshot
(`services.analysis_table`: numeric and multichoice answers as whole columns, patched
with the forms written since it was taken) holds the same answers, parsed the same way
(`pd.to_numeric` on the stored text), and loads in about a second. So the form columns
(round, number, status, device, created as stored) come from one plain read of the
response table, the answers from the snapshot, matched by uuid, all in one read
transaction; only questions the snapshot does not hold (free text, dates) are read from
the answer rows, and only when the request has any. Nothing is written: a guarded export
works on read-only media, and a missing snapshot is built in memory from the answer rows
(as slow as before, never wrong).
"""

from __future__ import annotations

import sqlite3
from typing import Sequence

import numpy as np
import pandas as pd

from ..domain import column_snapshot
from ..domain.data_table import FORM_VARIABLES, NUMERIC_TYPES, raw_part
from ..domain.questionnaire import Question, Questionnaire
from ..storage import analysis_snapshot_store as snapshots
from ..storage import analysis_store, data_store
from . import analysis_table

CHUNK = 20_000  # rows fetched at a time


def read_parts(conn: sqlite3.Connection, questionnaire: Questionnaire,
               questions: Sequence[Question], round_name: str | None,
               chunk: int = CHUNK) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """The raw columns (`domain.data_table.raw_part` layout: form columns, floats for
    numeric questions, text or None for the others) of the live forms, one round or all,
    and the keying order (created, then uuid) of their rows."""
    with snapshots.read_snapshot(conn):  # the forms and the answers of one moment
        uuids, part = _form_columns(conn, round_name, chunk)
        columns = column_snapshot.snapshot_columns(questionnaire)
        held = {qid for qid, _ in columns}
        base = analysis_table.live_base(conn, columns)
        position = pd.Index(base.pop("uuid")).get_indexer(uuids)
        if (position < 0).any():  # cannot happen: both are the live forms
            raise RuntimeError("the analysis snapshot lacks live forms")
        for name in column_snapshot.FORM_PARTS[1:]:
            base.pop(name, None)
        for question in questions:
            if question.id in held:
                values = base.pop(question.id)[position]  # each column freed once taken
                part[question.id] = (column_snapshot.as_float(values)
                                     if question.type in NUMERIC_TYPES
                                     else np.where(pd.isna(values), None, values))
        del base
        rest = [q for q in questions if q.id not in held]
        if rest:
            _answer_columns(conn, rest, round_name, uuids, part, chunk)
    # Keying order, as the files always had it. Python orders str by code point, as
    # SQLite's binary collation does.
    order = np.lexsort((uuids, part["created"]))
    return part, order


def _form_columns(conn: sqlite3.Connection, round_name: str | None,
                  chunk: int) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Uuids and the form columns: joined into one text per column by SQLite when they
    split back exactly, else a row at a time."""
    try:
        joined = _form_columns_joined(conn, round_name)
    except data_store.TEXT_TOO_LONG:  # past SQLite's string limit (either driver)
        joined = None
    return joined if joined is not None else _form_columns_by_row(conn, round_name, chunk)


def _form_columns_joined(conn: sqlite3.Connection, round_name: str | None
                         ) -> tuple[np.ndarray, dict[str, np.ndarray]] | None:
    forms, odd_numbers, texts = data_store.form_texts(conn, round_name)
    if odd_numbers:
        return None
    values = [text.split(data_store.SEPARATOR) if forms else [] for text in texts]
    del texts
    if any(len(column) != forms for column in values):
        return None  # a value holds the separator
    uuids = np.array(values[0], dtype=object)
    names = analysis_store.round_names(conn)
    part = {"round": _shared([names[u] for u in values[1]]),
            "form_number": np.array(values[2], dtype=object).astype(np.int64),
            "status": _shared(values[3]), "device": _shared(values[4]),
            "created": np.array(values[5], dtype=object)}
    return uuids, part


def _shared(values: list[str]) -> np.ndarray:
    """The values with one string object per distinct value (not one per row)."""
    codes, uniques = pd.factorize(np.array(values, dtype=object))
    return np.asarray(uniques, dtype=object)[codes]


def _form_columns_by_row(conn: sqlite3.Connection, round_name: str | None,
                         chunk: int) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Uuids and the form columns, a row at a time. SQLite hands out a new string per
    row: the few distinct rounds, statuses and devices are shared instead (a million
    forms' copies took 150 MB)."""
    cursor = data_store.form_rows(conn, round_name)
    columns: list[list] = [[] for _ in range(1 + len(FORM_VARIABLES))]
    shared: list[dict] = [{} for _ in columns]
    repeated = {1, 3, 4}  # round, status, device
    while True:
        rows = cursor.fetchmany(chunk)
        if not rows:
            break
        for i, (values, column) in enumerate(zip(zip(*rows), columns)):
            if i in repeated:
                seen = shared[i]
                column.extend([seen.setdefault(v, v) for v in values])
            else:
                column.extend(values)
        del rows
    uuids = np.array(columns[0], dtype=object)
    part = {name: np.array(values, dtype=object)
            for name, values in zip(FORM_VARIABLES, columns[1:])}
    part["form_number"] = np.array(columns[2], dtype=np.int64)
    return uuids, part


def _answer_columns(conn: sqlite3.Connection, questions: Sequence[Question],
                    round_name: str | None, uuids: np.ndarray,
                    part: dict[str, np.ndarray], chunk: int) -> None:
    """Questions the snapshot does not hold (text, dates: never numeric), from the answer
    rows (uuid order), put in the rows of `uuids`."""
    cursor = data_store.data_rows(conn, [q.id for q in questions], round_name)
    where = pd.Index(uuids)
    filled = {q.id: np.full(len(uuids), None, dtype=object) for q in questions}
    while True:
        rows = cursor.fetchmany(chunk)
        if not rows:
            break
        some = raw_part(questions, [row[:6] for row in rows],
                        [(row[0], row[6]) for row in rows if row[6] is not None])
        at = where.get_indexer([row[0] for row in rows])
        for question in questions:
            filled[question.id][at] = some[question.id]
    part.update(filled)
