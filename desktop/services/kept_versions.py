"""`check` of the forms kept as they were before their first write since the snapshot.

A dashboard load takes a form edited, deleted or verified since the snapshot out of the
stored sums by its kept version (`analysis_dirty_before`, schema V16_DASH_BEFORE), not
by the snapshot's row of it (services/cell_sums_cache.py). So every kept version must be
what the snapshot holds: a form that was live then with the very analysed values of its
row, any other not in the snapshot at all. A damaged kept row, or a write path that
wrote a form without its trigger, would otherwise show wrong figures that `check` never
compared. `check --repair` builds the snapshot again, which forgets every kept row, and
restores the table first when it was dropped by hand (every write of a form would fail).
"""

from __future__ import annotations

import sqlite3
from typing import Mapping

import numpy as np

from ..domain import packed_columns, snapshot_parts, written_forms
from ..storage import analysis_snapshot_store as snapshots
from ..storage import analysis_store


def kept_versions_agree(conn: sqlite3.Connection, columns,
                        parts: Mapping[str, tuple[str, bytes]], uuids: np.ndarray) -> bool:
    """Whether every kept form is what the snapshot of these `parts` (whose uuids, as
    bytes, are `uuids`) holds; also False when the table is lost."""
    if snapshots.before_table_lost(conn):
        return False
    found = snapshots.dirty_before(conn) or {}
    if not found:
        return True
    order = np.argsort(uuids, kind="stable")
    wanted = np.array([uuid.encode("utf-8") for uuid in found], dtype=bytes)
    at = np.minimum(np.searchsorted(uuids[order], wanted), max(len(uuids) - 1, 0))
    stored = uuids[order][at] == wanted if len(uuids) else np.zeros(len(wanted), bool)
    live = np.array([kept[0] in analysis_store.LIVE_STATUSES for kept in found.values()])
    if (stored != live).any():
        return False  # a live form missing from the snapshot, or another one in it
    if not live.any():
        return True
    round_names = analysis_store.round_names(conn)
    kept = written_forms.fresh_columns(
        columns, [(uuid, *row[1:]) for (uuid, row), is_live in zip(found.items(), live)
                  if is_live], round_names)
    if kept is None:
        return False  # a kept answer that is not a text: the load looks for it instead,
                      # but a damaged kept row is still a damaged row
    rows = order[at[live]]
    names = snapshot_parts.needed_parts(columns)
    picked = {"": (written_forms.header_with_rows(parts[""][0], len(rows)), b"")}
    for name in names[1:]:
        meta, data = parts[name]
        width = written_forms.part_width(meta)
        if width is None:
            return False
        picked[name] = (meta, b"".join(data[row * width:(row + 1) * width]
                                       for row in rows.tolist()))
    held = packed_columns.decode_columns(picked, columns, round_names)
    if held is None:
        return False
    keep_kept, keep_held = written_forms.changed_only(kept, held)
    return not keep_kept.any() and not keep_held.any()
