"""The dashboard's per-profile-cell sums: stored beside the snapshot, never stale.

What a dashboard load adds up (domain/cell_sums.py) depends on the forms only through the
stored snapshot and the forms written since (`analysis_dirty`). So the sums of the
snapshot are stored once (table `analysis_cell_sums`, V14_DASH), and a load is:

- the stored sums, when no form was written since the snapshot was taken: one row read,
  no column of any form;
- the stored sums, minus the sums of the snapshot's rows of the forms written since, plus
  the sums of those forms read afresh from the answer rows (fewer than `STORE_AFTER`):
  sums of whole numbers, so the result is exact. The snapshot's row of a form edited,
  deleted or verified since is the version kept by triggers before its first write
  (V16_DASH_BEFORE), read from one small table; the snapshot itself is only searched for
  forms not kept (saved since, dirty before v16). This reads no part of the snapshot
  whole: forms outside the first and last stored uuid (forms saved since: time-ordered
  uuids) are not looked for, the others are searched for in the uuid part (or it is
  read a few thousand uuids at a time), and only their own bytes of each column are
  read (none for forms saved since, which the snapshot does not hold); both versions
  are summed in one pass and merged into the stored cells in place
  (domain/written_forms.py, cell_sums_combine.py);
- otherwise (no usable sums, a snapshot to build, an import's worth of writes) the sums
  added up from the columns, stored when they are the sums of the stored snapshot.

Why it can never be stale: the V14 triggers delete the sums in the same transaction as
any write of the snapshot (store, rebuild, `check --repair`, drop), every write of a form
is in `analysis_dirty` until a snapshot holding it is stored, and sums are only stored
when no other connection committed since they were read (SQLite's data_version). What
else they depend on (the analysed questionnaire, the round names) is in the fingerprint
they are stored under. A missing or damaged row is added up again and rewritten.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Callable

import numpy as np

from ..domain import cell_sums, column_snapshot, packed_columns, snapshot_parts, written_forms
from ..domain.cell_sums import CellSums, Inconsistent
from ..domain.form_columns import FormColumns
from ..domain.questionnaire import Questionnaire
from ..storage import analysis_snapshot_store as snapshots
from ..storage import analysis_store
from ..storage import cell_sums_store, snapshot_part_reader as part_reader
from . import analysis_table
from .analysis_table import STORE_AFTER

STORED = "stored"      # the stored sums (patched with the forms written since)
ADDED = "added"        # added up from the columns and stored
COMPUTED = "computed"  # added up from the columns, not stored (read-only, a writer)


@dataclass
class SumsInfo:
    """How a load of the sums went (for tests, the bench and `check`)."""

    source: str
    forms: int
    patched: int = 0   # forms written since the snapshot, taken out and added afresh


def load_sums(conn: sqlite3.Connection, questionnaire: Questionnaire,
              analysed: Questionnaire | None = None, store: bool = True,
              store_after: int = STORE_AFTER,
              progress: Callable[[], None] | None = None) -> tuple[CellSums, SumsInfo]:
    """The sums of the live forms for the dashboard. `questionnaire`: the project's (what
    the snapshot holds); `analysed`: what is summed (fewer questions when versions are
    pooled; the project's by default). `store`: the sums may be written (not on a
    read-only file). `progress()` after each part read or question summed."""
    analysed = analysed or questionnaire
    tick = progress or (lambda: None)
    columns = column_snapshot.snapshot_columns(questionnaire)
    limit = store_after if store else None
    with snapshots.read_snapshot(conn):  # joins a transaction already open
        version = snapshots.data_version(conn)
        round_names = analysis_store.round_names(conn)
        key = cell_sums.fingerprint(analysed, round_names)
        found = _from_snapshot(conn, columns, analysed, key, round_names, limit, tick)
    if found is not None:
        current, to_store, patched = found
        if to_store is None:
            return current, SumsInfo(STORED, current.forms, patched)
        kept = store and _store(conn, key, to_store, version)
        return current, SumsInfo(ADDED if kept else COMPUTED, current.forms, patched)
    forms, info = analysis_table.load_columns(conn, questionnaire, store=store,
                                              store_after=store_after, progress=tick)
    sums = CellSums.from_columns(forms, analysed, tick)
    of_snapshot = info.stored or (not info.rebuilt and info.patched == 0)
    kept = store and of_snapshot and snapshots.has_tables(conn) and \
        cell_sums_store.has_table(conn) and _store(conn, key, sums, version)
    return sums, SumsInfo(ADDED if kept else COMPUTED, sums.forms, info.patched)


def _from_snapshot(conn, columns, analysed, key, round_names, limit, tick):
    """(current sums, sums of the snapshot to store or None, forms patched), or None when
    the whole way is needed: no snapshot that fits, an older schema, or `limit` or more
    forms written since the snapshot."""
    if not (snapshots.has_tables(conn) and cell_sums_store.has_table(conn)):
        return None
    written = snapshots.dirty_uuids(conn) if snapshots.has_dirty(conn) else []
    if limit is not None and len(written) >= limit:
        return None
    row = cell_sums_store.read(conn, key)
    stored = cell_sums.decode(*row) if row is not None else None
    if stored is not None and not written:
        return stored, None, 0
    if stored is not None:
        return _patched(conn, columns, analysed, stored, written, round_names, tick)
    forms = _stored_columns(conn, columns, round_names, tick)
    if forms is None:
        return None
    # No sums yet, or damaged ones: added up from the snapshot, then patched.
    stored = CellSums.from_columns(forms, analysed, tick)
    if not written:
        return stored, stored, 0
    patched = _patched(conn, columns, analysed, stored, written, round_names, tick, forms)
    return None if patched is None else (patched[0], stored, patched[2])


def _patched(conn, columns, analysed, stored, written, round_names, tick, forms=None):
    """(the stored sums, minus the snapshot's rows of the written forms, plus their live
    versions; the sums to store or None; forms patched), or None when the snapshot does
    not fit. The stored version of a form edited, deleted or verified since is the one
    kept before its first write (`_kept_before`): nothing of the snapshot is read for it.
    No part is read whole for the others: their rows are found in the uuid part by
    search (a few; none for uuids outside the stored ones' first and last) or a few
    thousand uuids at a time; forms saved since the snapshot (the everyday case) have
    none there, and then no column is read at all; a few edited or deleted forms that
    were not kept have their rows' bytes picked out of each column
    (storage/snapshot_part_reader.py). A form whose stored and live versions are equal
    in every analysed value (verified without a discrepancy) is not summed at all."""
    listed = part_reader.listed_parts(conn, _SEARCH_PARTS)
    header = {"": (listed[""].meta, b"")} if "" in listed else {}
    if not snapshot_parts.header_fits(header, columns) or "uuid" not in listed:
        return None
    rows = snapshot_parts.header_rows(header)
    kept, kept_rows = _kept_before(conn)
    picked = _picked(conn, listed, rows, [uuid for uuid in written if uuid not in kept])
    if picked is None:
        return None
    fresh_rows = analysis_table.fresh_rows(conn, columns)
    # The kept versions and the live ones read into columns together, in one pass (the
    # everyday case); the general way when a stored row is needed or an answer is no text.
    both = written_forms.fresh_columns(columns, kept_rows + fresh_rows, round_names) \
        if kept_rows and not len(picked) else None
    old_count = len(kept_rows)
    if both is None:
        old = written_forms.fresh_columns(columns, kept_rows, round_names) \
            if kept_rows else None
        if kept_rows and old is None:  # a kept answer is no text: look for them all
            picked = _picked(conn, listed, rows, written)
            if picked is None:
                return None
        if len(picked):
            stored_old = None
            if forms is None:
                stored_old = _stored_rows(conn, columns, round_names,
                                          part_reader.listed_parts(conn), rows, picked)
            if stored_old is None:  # many rows, or parts this version cannot pick from
                forms = forms if forms is not None else _stored_columns(
                    conn, columns, round_names, tick)
                if forms is None:
                    return None
                stored_old = forms.take(picked)
            old = stored_old if old is None else written_forms.joined(old, stored_old)
        fresh = analysis_table.fresh_columns(conn, columns, round_names, fresh_rows)
        old_count = old.size if old is not None else 0
        both = fresh if old is None else written_forms.joined(old, fresh)
    if old_count:  # forms whose analysed values did not change add nothing
        keep = written_forms.changed_only_within(both, old_count)
        if not keep.all():
            both, old_count = both.take(keep), int(np.count_nonzero(keep[:old_count]))
    if old_count:  # their stored and live versions summed in one pass
        sets = (np.arange(both.size) >= old_count).astype(np.int64)
        before, after = CellSums.of_sets(both, sets, 2, analysed)
        changes = [(-1, before), (1, after)]
    elif both.size:  # new forms only: nothing of theirs is in the snapshot
        changes = [(1, CellSums.from_columns(both, analysed))]
    else:  # verified, or edited outside what the dashboard sums: the stored sums hold
        changes = []
    to_store = None
    try:
        current = cell_sums.combine([(1, stored), *changes])
    except Inconsistent:  # stored sums that are not those of the snapshot: add them up
        forms = forms if forms is not None else _stored_columns(conn, columns,
                                                                round_names, tick)
        if forms is None:
            return None
        stored = to_store = CellSums.from_columns(forms, analysed, tick)
        current = cell_sums.combine([(1, stored), *changes])
    return current, to_store, len(written)


def _kept_before(conn) -> tuple[set[str], list[tuple]]:
    """(the written forms kept as they were before their first write since the snapshot,
    the answer rows of those of them the snapshot holds: live then), as
    `analysis_store.form_answer_rows` reads rows. A form was kept while it was not yet
    dirty, so what was kept is what the snapshot holds (schema_steps_later.V16_DASH_BEFORE).
    Nothing is kept on an older schema."""
    found = snapshots.dirty_before(conn)
    if not found:
        return set(), []
    return set(found), [(uuid, *kept[1:]) for uuid, kept in found.items()
                        if kept[0] in analysis_store.LIVE_STATUSES]


def _picked(conn, listed, rows: int, looked_for: list[str]) -> np.ndarray | None:
    """The snapshot's rows of these written forms (by search, or a scan of the uuid
    part), or None when the uuid part does not fit the snapshot."""
    hit = _searched(conn, listed, rows, looked_for) if looked_for else np.zeros(rows, bool)
    if hit is None:
        with part_reader.part_reader(conn, listed["uuid"]) as read:
            hit = written_forms.written_rows_read(
                read, listed["uuid"].size, rows, looked_for,
                written_forms.stored_width(listed["uuid"].meta))
    return np.flatnonzero(hit) if len(hit) == rows else None


# The parts a load patching a few forms lists: the header, and the uuids to search.
_SEARCH_PARTS = ("", "uuid", column_snapshot.UUID_ORDER)


# Up to this many written forms are looked up by search in the stored uuids (a few small
# reads each, at most about 4 log2(forms)); more are found by reading every uuid, a few
# thousand at a time.
SEARCHED = 16


def _searched(conn, listed, rows: int, written: list[str]):
    """The snapshot's rows of the written forms by search, or None: too many, or a
    snapshot without `column_snapshot.UUID_ORDER` (stored by an older version). Forms
    outside the first and last stored uuid (forms saved since: time-ordered uuids) are
    not searched for, however many: none of them is in the snapshot."""
    order = listed.get(column_snapshot.UUID_ORDER)
    if order is None:
        return None
    uuids = listed["uuid"]
    width = written_forms.stored_width(uuids.meta)
    sizes = (uuids.size, order.size)
    if not written_forms.search_fits(sizes, rows, width):
        return None  # parts not of the sizes their meta implies: scan them
    bounds = snapshot_parts.uuid_bounds(order.meta)
    written = written_forms.within_bounds(written, bounds, width)
    if len(written) > SEARCHED:
        return None
    if not written:  # saved since: nothing to open
        return np.zeros(rows, dtype=bool)
    with part_reader.part_reader(conn, uuids) as read_uuid, \
            part_reader.part_reader(conn, order) as read_order:
        return written_forms.written_rows_searched(read_uuid, read_order, sizes, rows,
                                                   written, width, bounds)


# Stored rows picked out part by part (about 40 reads each) up to this many; more are
# taken from the columns read whole.
PICKED_ROWS = 64


def _stored_rows(conn, columns, round_names, listed, rows: int,
                 picked) -> FormColumns | None:
    """The snapshot's columns of these rows alone, each row's bytes read from every part
    the dashboard sums (None when more than `PICKED_ROWS`, a part is missing, of a kind or
    size that does not fit: the caller reads the columns whole)."""
    if len(picked) > PICKED_ROWS:
        return None
    parts = {"": (written_forms.header_with_rows(listed[""].meta, len(picked)), b"")}
    for name in snapshot_parts.needed_parts(columns)[1:]:
        part = listed.get(name)
        width = written_forms.part_width(part.meta) if part is not None else None
        if width is None or part.size != rows * width:
            return None
        with part_reader.part_reader(conn, part) as read:
            parts[name] = (part.meta, b"".join(read(int(row) * width, width)
                                               for row in picked))
    return packed_columns.decode_columns(parts, columns, round_names)


def _stored_columns(conn, columns, round_names, tick) -> FormColumns | None:
    """The snapshot's columns as stored (not patched); None when there is no snapshot
    that fits."""
    names = snapshot_parts.needed_parts(columns)
    parts = snapshots.read_named_parts(conn, names, tick)
    if len(parts) != len(names):
        return None
    forms = packed_columns.decode_columns(parts, columns, round_names)
    return forms


def _store(conn: sqlite3.Connection, key: str, sums: CellSums, version: int) -> bool:
    meta, data = cell_sums.encode(sums)
    return cell_sums_store.store_if_unchanged(conn, key, meta, data, version)


def stored_sums_agree(conn: sqlite3.Connection, questionnaire: Questionnaire) -> bool | None:
    """`check`: do the stored sums equal the sums added up afresh from the stored
    snapshot? None when there is nothing to compare (no sums stored, no snapshot, an
    older schema). A row that cannot be read disagrees. The fingerprint names the
    questionnaire the sums were made for (alone or pooled with other versions); a row
    whose fingerprint no longer fits (a round renamed since) is never read, so not
    compared."""
    if snapshots.has_tables(conn) and cell_sums_store.table_lost(conn):
        return False  # the table is gone: the next snapshot write would fail (--repair)
    if not (snapshots.has_tables(conn) and cell_sums_store.has_table(conn)):
        return None
    columns = column_snapshot.snapshot_columns(questionnaire)
    with snapshots.read_snapshot(conn):
        rows = cell_sums_store.read_all(conn)
        if not rows:
            return None
        round_names = analysis_store.round_names(conn)
        forms = _stored_columns(conn, columns, round_names, lambda: None)
        if forms is None:
            return False  # sums without a snapshot they belong to
        candidates = _questionnaires(conn, questionnaire)
        for key, meta, data in rows:
            analysed = next((q for q in candidates
                             if cell_sums.fingerprint(q, round_names) == key), None)
            if analysed is None:  # made before a round was renamed or a version came in:
                continue          # never used again (the next load replaces it)
            stored = cell_sums.decode(meta, data)
            if stored is None:
                return False
            if not cell_sums.equal(stored, CellSums.from_columns(forms, analysed)):
                return False
    return True


def _questionnaires(conn: sqlite3.Connection, questionnaire: Questionnaire):
    """The questionnaires sums may have been made for: the one given and the project's
    adopted one, each alone and as left when pooled with the versions of the live forms."""
    from ..domain.questionnaire_loader import parse_questionnaire
    from ..domain.version_pool import compare_versions
    from ..storage import questionnaire_store
    from ..storage.questionnaire_versions import versions_in_play
    references = [questionnaire]
    adopted = questionnaire_store.effective_questionnaire_text(conn)
    if adopted is not None:
        parsed = parse_questionnaire(adopted)
        if parsed.sha256 != questionnaire.sha256:
            references.append(parsed)
    texts = [questionnaire_store.questionnaire_text(conn, sha)
             for sha in versions_in_play(conn)]
    versions = [parse_questionnaire(text) for text in texts if text is not None]
    found = []
    for reference in references:
        found += [reference, compare_versions(reference, versions).analysed]
    return found


def add_up_again(conn: sqlite3.Connection, questionnaire: Questionnaire) -> SumsInfo:
    """`check --repair`: add the sums up again from the snapshot just rebuilt and store
    them (under the questionnaire as pooled with the versions of the live forms, as the
    dashboard reads them)."""
    clear(conn)
    analysed = _questionnaires(conn, questionnaire)[1]
    return load_sums(conn, questionnaire, analysed)[1]


def clear(conn: sqlite3.Connection) -> None:
    """Forget the stored sums (`check --repair`: the next load adds them up again)."""
    if cell_sums_store.has_table(conn):
        with snapshots.transaction(conn):
            cell_sums_store.clear(conn)
