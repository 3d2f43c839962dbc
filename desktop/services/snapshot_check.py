"""Does the stored analysis snapshot say what the answer rows say? (`riskmap check`)

The dashboard shows the stored snapshot without the forms written since it was taken
(`analysis_dirty`), plus those forms read afresh from the answer rows. The fresh part
agrees with the answer rows by construction, so the check compares the rest: every live
form that was not written since must be in the snapshot exactly once, with the values the
answer rows give, and the snapshot must hold no other form; the per-profile-cell sums
stored beside it (services/cell_sums_cache.py) must be the sums of its forms. The answer rows are read in
uuid order (one JSON object per form, SQLite groups them) and compared a chunk at a time with the same forms of the snapshot, whose columns are decoded only for those
rows: a million forms in bounded memory. One read transaction, so a writer committing
meanwhile can never make the two sides disagree. Given a tally (domain/answers_tally.py),
the rows parsed here are also counted for `check`'s look at damaged answers, so each
stored row is parsed once (storage/answers_check.py reads only the others).
"""

from __future__ import annotations

import queue
import sqlite3
import threading
from dataclasses import dataclass, field

import numpy as np

from ..domain import answers_json, column_snapshot, snapshot_parts, stored_columns
from ..domain.answers_tally import AnswersTally
from ..domain.questionnaire import Questionnaire
from ..storage import analysis_snapshot_store as snapshots
from ..storage import analysis_store
from .cell_sums_cache import stored_sums_agree
from .kept_versions import kept_versions_agree

CHUNK = 20_000  # forms compared at a time


@dataclass
class SnapshotStatus:
    """What `check` says about the snapshot: ok, and a catalogue line (`out.*`)."""

    ok: bool
    key: str
    params: dict = field(default_factory=dict)
    # Every live form not written since was read and parsed to the end (and counted into
    # the tally `check_snapshot` was given).
    read_all: bool = False


def check_snapshot(conn: sqlite3.Connection, questionnaire: Questionnaire | None,
                   prefetch: bool = False, tally: AnswersTally | None = None) -> SnapshotStatus:
    """The snapshot's status for `riskmap check` (reads only: works on a read-only
    connection). `questionnaire`: the newest stored one (None: nothing to analyse).
    `prefetch` (a connection opened with check_same_thread=False): a second thread reads
    the next chunk of answer rows from SQLite, which releases the GIL, while this one
    compares the last (a third of the time at a million forms). `tally`: counts the
    damaged answers of the rows compared (complete only when `read_all` is said)."""
    if questionnaire is None:
        return SnapshotStatus(True, "out.check_analysis_no_questionnaire")
    if not snapshots.has_tables(conn):
        return SnapshotStatus(True, "out.check_analysis_older_schema")
    columns = column_snapshot.snapshot_columns(questionnaire)
    with snapshots.read_snapshot(conn):  # joins a transaction already open
        try:
            parts = snapshots.read_parts(conn)
            stored = stored_columns.StoredColumns.open(parts, columns)
        except (ValueError, KeyError):
            return SnapshotStatus(False, "out.check_analysis_differs")
        if stored is None:
            return SnapshotStatus(True, "out.check_analysis_none")
        if not snapshot_parts.uuid_order_fits(parts, stored.uuids):
            return SnapshotStatus(False, "out.check_analysis_differs")  # search would miss
        written = snapshots.dirty_uuids(conn)
        if not _agrees(conn, questionnaire, columns, stored, written, prefetch, tally):
            return SnapshotStatus(False, "out.check_analysis_differs")
        # The dashboard's sums stored beside the snapshot must be the snapshot's sums.
        if stored_sums_agree(conn, questionnaire) is False:
            return SnapshotStatus(False, "out.check_analysis_sums_differ", read_all=True)
        # The forms kept before their first write since must be what the snapshot holds.
        if not kept_versions_agree(conn, columns, parts, stored.uuids):
            return SnapshotStatus(False, "out.check_analysis_differs", read_all=True)
    return SnapshotStatus(True, "out.check_analysis_ok",
                          {"forms": stored.rows, "written": len(written)}, read_all=True)


def _agrees(conn: sqlite3.Connection, questionnaire: Questionnaire, columns,
            stored: stored_columns.StoredColumns, written: list[str],
            prefetch: bool, tally: AnswersTally | None) -> bool:
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
    with _Chunks(cursor, prefetch) as chunks:
        for rows in chunks:
            if done + len(rows) > len(order):
                return False
            texts = [r[5] for r in rows]
            objects = answers_json.parsed_many(texts)
            if tally is not None:
                tally.add_parsed([r[0] for r in rows], texts, objects)
            truth = column_snapshot.base_from_parsed(columns, rows, objects)
            picked = order[done:done + len(rows)]
            if not _same_rows(stored, picked, truth, columns):
                return False
            done += len(rows)
    return done == len(order)


class _Chunks:
    """The cursor's rows CHUNK at a time, read ahead by a thread when `prefetch`. Leaving
    the block stops and joins the reader, so the caller's transaction ends after it."""

    def __init__(self, cursor: sqlite3.Cursor, prefetch: bool):
        self._cursor = cursor
        self._prefetch = prefetch
        self._queue: queue.Queue = queue.Queue(maxsize=2)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self):
        if self._prefetch:
            self._thread = threading.Thread(target=self._read, daemon=True,
                                            name="riskmap-check-rows")
            self._thread.start()
        return self

    def __iter__(self):
        while True:
            rows = self._cursor.fetchmany(CHUNK) if self._thread is None else self._queue.get()
            if isinstance(rows, BaseException):
                raise rows
            if not rows:
                return
            yield rows

    def _read(self) -> None:
        try:
            while not self._stop.is_set():
                rows = self._cursor.fetchmany(CHUNK)
                self._queue.put(rows)
                if not rows:
                    return
        except BaseException as exc:  # noqa: BLE001 - handed to the reading thread
            self._queue.put(exc)

    def __exit__(self, *exc) -> None:
        if self._thread is None:
            return
        self._stop.set()
        while self._thread.is_alive():  # let a reader blocked on a full queue finish
            try:
                self._queue.get(timeout=0.05)
            except queue.Empty:
                pass
        self._thread.join()


def _same_rows(stored: stored_columns.StoredColumns, picked: np.ndarray,
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
