"""Does the stored analysis snapshot say what the answer rows say? (`riskmap check`)

The dashboard shows the stored snapshot without the forms written since it was taken
(`analysis_dirty`), plus those forms read afresh from the answer rows. The fresh part
agrees with the answer rows by construction, so the check compares the rest: every live
form that was not written since must be in the snapshot exactly once, with the values the
answer rows give, and the snapshot must hold no other form. The answer rows are read in
uuid order (one JSON object per form, SQLite groups them) and compared a chunk at a time with the same forms of the snapshot, whose columns are decoded only for those
rows: a million forms in bounded memory. One read transaction, so a writer committing
meanwhile can never make the two sides disagree.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

import numpy as np

from ..domain import column_snapshot
from ..domain.questionnaire import Questionnaire
from ..storage import analysis_snapshot_store as snapshots
from ..storage import analysis_store

CHUNK = 20_000  # forms compared at a time


@dataclass
class SnapshotStatus:
    """What `check` says about the snapshot: ok, and a catalogue line (`out.*`)."""

    ok: bool
    key: str
    params: dict = field(default_factory=dict)


def check_snapshot(conn: sqlite3.Connection,
                   questionnaire: Questionnaire | None) -> SnapshotStatus:
    """The snapshot's status for `riskmap check` (reads only: works on a read-only
    connection). `questionnaire`: the newest stored one (None: nothing to analyse)."""
    if questionnaire is None:
        return SnapshotStatus(True, "out.check_analysis_no_questionnaire")
    if not snapshots.has_tables(conn):
        return SnapshotStatus(True, "out.check_analysis_older_schema")
    columns = column_snapshot.snapshot_columns(questionnaire)
    with snapshots.read_snapshot(conn):  # joins a transaction already open
        try:
            stored = column_snapshot.StoredColumns.open(snapshots.read_parts(conn), columns)
        except (ValueError, KeyError):
            return SnapshotStatus(False, "out.check_analysis_differs")
        if stored is None:
            return SnapshotStatus(True, "out.check_analysis_none")
        written = snapshots.dirty_uuids(conn)
        if not _agrees(conn, questionnaire, columns, stored, written):
            return SnapshotStatus(False, "out.check_analysis_differs")
    return SnapshotStatus(True, "out.check_analysis_ok",
                          {"forms": stored.rows, "written": len(written)})


def _agrees(conn: sqlite3.Connection, questionnaire: Questionnaire, columns,
            stored: column_snapshot.StoredColumns, written: list[str]) -> bool:
    keep = np.arange(stored.rows)
    if written:
        keep = keep[~np.isin(stored.uuids, _as_bytes(written))]
    # The snapshot's forms that were not written since, in uuid order: byte order of
    # UTF-8, which is SQLite's BINARY order of the answer rows' uuids.
    order = keep[np.argsort(stored.uuids[keep], kind="stable")]
    analysed = {qid for qid, _ in columns}
    skipped = [qid for qid in questionnaire.question_ids() if qid not in analysed]
    cursor = analysis_store.form_answer_json(conn, skipped, unchanged_only=True)
    done = 0
    while True:
        rows = cursor.fetchmany(CHUNK)
        if not rows:
            break
        if done + len(rows) > len(order):
            return False
        truth = column_snapshot.base_from_rows(columns, rows)
        picked = order[done:done + len(rows)]
        if not _same_rows(stored, picked, truth, columns):
            return False
        done += len(rows)
    return done == len(order)


def _same_rows(stored: column_snapshot.StoredColumns, picked: np.ndarray,
               truth: column_snapshot.Base, columns) -> bool:
    """Rows `picked` of the snapshot hold the forms of `truth` (same order) with the same
    values."""
    if column_snapshot.size(truth) != len(picked):
        return False
    if not np.array_equal(stored.uuids[picked], _as_bytes(truth["uuid"])):
        return False
    for name in [*column_snapshot.FORM_PARTS[1:], *(qid for qid, _ in columns)]:
        if not same_values(stored.take(name, picked), truth[name]):
            return False
    return True


def same_values(x: np.ndarray, y: np.ndarray) -> bool:
    """Equal columns (NaN equals NaN in numbers; texts and None compared as values)."""
    if len(x) != len(y):
        return False
    if x.dtype.kind == "f" or y.dtype.kind == "f":
        return bool(np.array_equal(x.astype(float), y.astype(float), equal_nan=True))
    if x.dtype == object or y.dtype == object:
        return x.tolist() == y.tolist()
    return bool(np.array_equal(x, y))


def _as_bytes(uuids) -> np.ndarray:
    return np.array([u.encode("utf-8") for u in uuids], dtype=bytes)
