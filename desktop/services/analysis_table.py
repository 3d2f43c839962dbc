"""The analysis table of a project: the stored column snapshot, patched with the forms
written since, read in one transaction (so it is never stale), stored again when worth it.

Why a snapshot plus a dirty list rather than a wide SQL table kept by every write: the
triggers of schema v7 only note WHICH form changed (one indexed insert-or-ignore per
written row, no questionnaire knowledge), so no write path has to change and a save stays
cheap; the snapshot is whole numpy columns, which load an order of magnitude faster than
fetching a wide table row by row. A load reads the snapshot, re-reads only the dirty forms
from the answer rows, and, when many forms changed (an import), stores the patched
snapshot in a short write transaction, only if no other connection wrote in between
(SQLite's data_version counter), so nothing written meanwhile is ever marked clean.

`load_columns` is the dashboard's load: the parts it sums, as compact columns, patched in
place when fewer than `STORE_AFTER` forms were written (domain/form_columns.py); only a
missing snapshot or an import's worth of writes takes the whole-table way of `load_frame`.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Callable

import pandas as pd

from ..domain import (column_snapshot, packed_columns, snapshot_frame, snapshot_parts,
                      written_forms)
from ..domain.form_columns import FormColumns
from ..domain.questionnaire import Questionnaire
from ..storage import analysis_snapshot_store as snapshots
from ..storage import analysis_store, cell_sums_store

CHUNK = 20_000  # forms converted at a time when reading from the answer rows
STORE_AFTER = 1_000  # written forms that make a load store the patched snapshot


@dataclass
class LoadInfo:
    """How a load went (for the bench and `check`)."""

    rows: int
    rebuilt: bool       # no usable snapshot: every form read from the answer rows
    patched: int        # forms written since the snapshot, re-read from the answer rows
    stored: bool        # a new snapshot was written


def load_frame(conn: sqlite3.Connection, questionnaire: Questionnaire, store: bool = True,
               store_after: int = STORE_AFTER) -> tuple[pd.DataFrame, LoadInfo]:
    """The analysis table (`domain.answer_frame` layout) of the live forms; stores the
    snapshot again when it had to be built or `store_after` forms were patched in."""
    columns = column_snapshot.snapshot_columns(questionnaire)
    base, names, info, version = _read(conn, columns)
    if store and (info.rebuilt or info.patched >= store_after) and version is not None:
        info.stored = _store(conn, base, columns, version)
    return snapshot_frame.analysis_frame(base, names, columns, consume=True), info


def load_columns(conn: sqlite3.Connection, questionnaire: Questionnaire, store: bool = True,
                 store_after: int = STORE_AFTER,
                 progress: Callable[[], None] | None = None) -> tuple[FormColumns, LoadInfo]:
    """The analysed columns of the live forms (what the dashboard sums): only the parts of
    the snapshot the dashboard needs, used as stored (no Python object per form), with the
    forms written since (fewer than `store_after`) taken out by uuid and read again from
    the answer rows; `progress()` after each part. Without a usable snapshot, or after many
    writes (an import), as `load_frame`: built or patched whole, and stored again."""
    columns = column_snapshot.snapshot_columns(questionnaire)
    limit = store_after if store else None
    with snapshots.read_snapshot(conn):  # joins a transaction already open
        found = _stored_columns(conn, columns, limit, progress)
    if found is not None:
        return found
    base, names, info, version = _read(conn, columns)
    if store and (info.rebuilt or info.patched >= store_after) and version is not None:
        info.stored = _store(conn, base, columns, version)
    return packed_columns.form_columns(base, names, columns), info


def fresh_rows(conn: sqlite3.Connection, columns) -> list[tuple]:
    """The answer rows of the live forms written since the snapshot was taken
    (`analysis_store.form_answer_rows`; fewer than `STORE_AFTER`, so read at once)."""
    return analysis_store.form_answer_rows(conn, [qid for qid, _ in columns],
                                           changed_only=True).fetchall()


def fresh_columns(conn: sqlite3.Connection, columns, round_names: dict[str, str],
                  rows: list[tuple] | None = None) -> FormColumns:
    """The analysed columns of the forms written since the snapshot was taken, read from
    the answer rows (`fresh_rows`, or these rows of them; inside the caller's read
    transaction): built straight into the compact layout (domain/written_forms.py), or
    the general way when a stored answer is not a text."""
    rows = fresh_rows(conn, columns) if rows is None else rows
    found = written_forms.fresh_columns(columns, rows, round_names)
    if found is not None:
        return found
    return packed_columns.form_columns(column_snapshot.base_from_rows(columns, rows),
                                        round_names, columns)


def parts_to_read(questionnaire: Questionnaire) -> int:
    """How many times `load_columns` calls `progress` at most."""
    return len(snapshot_parts.needed_parts(column_snapshot.snapshot_columns(questionnaire)))


def _stored_columns(conn: sqlite3.Connection, columns, limit: int | None,
                    progress) -> tuple[FormColumns, LoadInfo] | None:
    """The stored columns patched with the few forms written since, or None: no usable
    snapshot, or `limit` or more forms written (the caller patches and stores it whole)."""
    if not snapshots.has_tables(conn):
        return None
    written = snapshots.dirty_uuids(conn) if snapshots.has_dirty(conn) else []
    if limit is not None and len(written) >= limit:
        return None
    names = snapshot_parts.needed_parts(columns)
    header = snapshots.read_named_parts(conn, names[:1], progress)
    if not snapshot_parts.header_fits(header, columns):
        return None
    parts = snapshots.read_named_parts(conn, names[1:] + (["uuid"] if written else []),
                                       progress)
    parts.update(header)
    round_names = analysis_store.round_names(conn)
    stored = packed_columns.decode_columns(parts, columns, round_names) \
        if len(parts) == len(names) + bool(written) else None
    if stored is None:
        return None
    if written:
        keep = ~written_forms.written_rows(parts["uuid"][1], stored.size, written)
        fresh = _read_rows(conn, columns, changed_only=True)
        stored = packed_columns.patch_columns(stored, keep, fresh, round_names, columns)
    return stored, LoadInfo(stored.size, rebuilt=False, patched=len(written), stored=False)


def rebuild(conn: sqlite3.Connection, questionnaire: Questionnaire) -> int:
    """Build the snapshot again from the answer rows (`check --repair`); returns the
    number of live forms. One write transaction: nothing can change meanwhile."""
    columns = column_snapshot.snapshot_columns(questionnaire)
    with snapshots.transaction(conn):
        base = _read_rows(conn, columns, changed_only=False)
        snapshots.replace_snapshot(conn, snapshot_parts.encode(base, columns))
    return column_snapshot.size(base)


def repair_database(conn: sqlite3.Connection) -> int | None:
    """`check --repair`: build the snapshot again from the answer rows, and the
    dashboard's sums from it; the number of forms it holds (None without a questionnaire: nothing to analyse)."""
    questionnaire = stored_questionnaire(conn)
    if questionnaire is None:
        return None
    cell_sums_store.restore_table(conn)  # a hand-dropped table would stop the rebuild
    with snapshots.transaction(conn):  # one that stops every write of a form
        snapshots.restore_before_table(conn)
    forms = rebuild(conn, questionnaire)  # the stored sums go with the old snapshot
    from .cell_sums_cache import add_up_again
    add_up_again(conn, questionnaire)
    return forms


def stored_questionnaire(conn: sqlite3.Connection) -> Questionnaire | None:
    """The newest questionnaire stored in the database (what the snapshot is made for)."""
    from ..domain.questionnaire_loader import parse_questionnaire
    from ..storage import questionnaire_store
    text = questionnaire_store.latest_questionnaire_text(conn)
    return None if text is None else parse_questionnaire(text)


def agrees(conn: sqlite3.Connection, questionnaire: Questionnaire) -> bool:
    """True when the stored snapshot, patched as a load patches it, holds exactly what the
    answer rows say (see services/snapshot_check.py, which `check` uses)."""
    from .snapshot_check import check_snapshot
    return check_snapshot(conn, questionnaire).ok


def live_base(conn: sqlite3.Connection, columns) -> column_snapshot.Base:
    """The base table of the live forms (the snapshot patched with the forms written
    since, or built from the answer rows when there is none), inside the caller's read
    transaction; never stored (`riskmap data` only reads). Small-integer columns may be
    int8 (`column_snapshot.as_float`)."""
    return _read_in_transaction(conn, columns, compact=True)[0]


def _read(conn: sqlite3.Connection, columns):
    if conn.in_transaction:  # inside someone's transaction: read, never store
        base, names, info, _ = _read_in_transaction(conn, columns)
        return base, names, info, None
    with snapshots.read_snapshot(conn):  # one read snapshot for the stored columns and the dirty list
        return _read_in_transaction(conn, columns)


def _read_in_transaction(conn: sqlite3.Connection, columns, compact: bool = False):
    if not snapshots.has_tables(conn):  # an older schema opened read-only: no snapshot
        base = _read_rows(conn, columns, changed_only=False)
        return (base, analysis_store.round_names(conn),
                LoadInfo(column_snapshot.size(base), rebuilt=True, patched=0, stored=False),
                None)
    parts = snapshots.read_parts(conn)
    version = snapshots.data_version(conn)
    base = snapshot_parts.decode(parts, columns, compact)
    del parts
    if base is None:
        base = _read_rows(conn, columns, changed_only=False)
        info = LoadInfo(column_snapshot.size(base), rebuilt=True, patched=0, stored=False)
    else:
        written = snapshots.dirty_uuids(conn)
        if written:
            fresh = _read_rows(conn, columns, changed_only=True)
            base = column_snapshot.patch(base, written, fresh)
        info = LoadInfo(column_snapshot.size(base), rebuilt=False, patched=len(written),
                        stored=False)
    return base, analysis_store.round_names(conn), info, version


def _read_rows(conn: sqlite3.Connection, columns, changed_only: bool) -> pd.DataFrame:
    cursor = analysis_store.form_answer_rows(conn, [qid for qid, _ in columns],
                                             changed_only=changed_only)
    chunks = []
    while True:
        rows = cursor.fetchmany(CHUNK)
        if not rows:
            break
        chunks.append(column_snapshot.base_from_rows(columns, rows))
    if not chunks:
        return column_snapshot.empty_base(columns)
    return column_snapshot.concat(chunks)


def _store(conn: sqlite3.Connection, base: pd.DataFrame, columns, version: int) -> bool:
    """Write the snapshot and clear the dirty list, unless another connection committed
    since the read (its forms would be marked clean without being in the snapshot)."""
    return snapshots.store_if_unchanged(conn, snapshot_parts.encode(base, columns), version)
