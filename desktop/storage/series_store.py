"""Bundle series in SQL: what the export needs to plan and fill the parts of a series, and
HQ's record of the parts it has imported (tables `series_part`, `series_audit`, migration
V11_SERIES). Callers hold the transaction; see services/bundle_series.py for the rules.
"""

from __future__ import annotations

import json
import operator
import random
import sqlite3
from dataclasses import dataclass
from typing import Iterable, Iterator, Sequence

from .audit_store import AUDIT_COLUMNS

# What a form adds to a bundle besides its answers (record line ~520 bytes, CSV fixed cells
# ~200), and per answer (key and value in records.jsonl, the value again in the CSV).
FORM_OVERHEAD_BYTES = 800
ANSWER_OVERHEAD_BYTES = 8
AUDIT_OVERHEAD_BYTES = 420


# -- export ----------------------------------------------------------------------------
def estimated_bytes(conn: sqlite3.Connection, forms: int, after_audit_id: int,
                    sample: int = 2000) -> int:
    """About how many uncompressed bytes an export of `forms` forms and the audit rows
    after `after_audit_id` writes, from a random sample of forms and of audit rows (looked
    up by rowid: a million-form project is not read twice). Used only to choose the number
    of parts, with a wide margin; the export still checks every finished part."""
    rng = random.Random(forms * 7919 + after_audit_id)
    top = conn.execute("SELECT COALESCE(MAX(rowid), 0) FROM response").fetchone()[0]
    picked = json.dumps(rng.sample(range(1, top + 1), min(sample, top)))
    sampled, answer_bytes = conn.execute(
        "SELECT (SELECT COUNT(*) FROM response WHERE rowid IN (SELECT value FROM json_each(?1))),"
        f" (SELECT total(length(item.key) + 2 * length(item.value) + {ANSWER_OVERHEAD_BYTES}) "
        "FROM form_answers f, json_each(f.answers) item WHERE f.response_uuid IN "
        "(SELECT uuid FROM response WHERE rowid IN (SELECT value FROM json_each(?1))))",
        (picked,)).fetchone()
    per_form = FORM_OVERHEAD_BYTES + (answer_bytes / sampled if sampled else 0)
    last = conn.execute("SELECT COALESCE(MAX(id), 0) FROM audit_log").fetchone()[0]
    rows = max(0, last - after_audit_id)  # ids only grow; a rough count is enough
    per_row = 0.0
    if rows:
        ids = json.dumps(rng.sample(range(after_audit_id + 1, last + 1), min(sample, rows)))
        count, size = conn.execute(
            f"SELECT COUNT(*), total({AUDIT_OVERHEAD_BYTES} + length(uuid) + length(time) + "
            "length(operator) + length(device) + length(action) + "
            "coalesce(length(response_uuid), 0) + coalesce(length(question_id), 0) + "
            "coalesce(length(old), 0) + coalesce(length(new), 0) + "
            "coalesce(length(reason), 0)) FROM audit_log WHERE id IN "
            "(SELECT value FROM json_each(?))", (ids,)).fetchone()
        per_row = size / count if count else AUDIT_OVERHEAD_BYTES
    return int(per_form * forms + per_row * rows)


def iter_part_audit_lines(conn: sqlite3.Connection, after_id: int, low: str | None,
                          high: str | None, first: bool) -> Iterator[str]:
    """audit.jsonl lines (as `export_store.iter_audit_lines`) of one part: rows with id >
    after_id whose form uuid is in [low, high) (None: open end); the `first` part also
    carries the rows of no form and the rows from before the hash chain."""
    where, params = _part_audit_where(low, high, first)
    cursor = conn.execute(f"SELECT {_AUDIT_LINE} FROM audit_log WHERE id > ? AND "
                          f"{where} ORDER BY id", [after_id, *params])
    cursor.row_factory = None
    return map(operator.itemgetter(0), cursor)


def iter_part_audit_texts(conn: sqlite3.Connection, after_id: int, low: str | None,
                          high: str | None, first: bool, size: int
                          ) -> Iterator[tuple[int, bytes]]:
    """The lines of `iter_part_audit_lines` as (count, text) for up to `size` rows at a
    time, the text being the lines joined by newlines (a JSON line holds none) as UTF-8
    bytes: one value per chunk crosses to Python, not one per row, and nothing decodes
    it (the ZIP member takes bytes)."""
    where, params = _part_audit_where(low, high, first)
    cursor = conn.cursor()
    cursor.row_factory = None
    while True:
        count, text, last = cursor.execute(
            "SELECT count(*), CAST(group_concat(line, char(10)) AS BLOB), max(id) FROM "
            f"(SELECT id, {_AUDIT_LINE} AS line FROM audit_log WHERE id > ? AND {where} "
            "ORDER BY id LIMIT ?)", [after_id, *params, size]).fetchone()
        if not count:
            return
        yield count, text
        after_id = last


_AUDIT_LINE = "json_object({})".format(", ".join(f"'{c}', {c}" for c in sorted(AUDIT_COLUMNS)))


def _part_audit_where(low: str | None, high: str | None, first: bool) -> tuple[str, list]:
    in_range = "(response_uuid IS NOT NULL"
    params: list = []
    if low is not None:
        in_range += " AND response_uuid >= ?"
        params.append(low)
    if high is not None:
        in_range += " AND response_uuid < ?"
        params.append(high)
    in_range += ")"
    where = (f"(response_uuid IS NULL OR hash IS NULL OR {in_range})" if first
             else f"(hash IS NOT NULL AND {in_range})")
    return where, params


# -- HQ: the parts received ------------------------------------------------------------
@dataclass(frozen=True)
class SeriesState:
    series_id: str
    device_id: str
    parts: int
    received: tuple[int, ...]

    @property
    def missing(self) -> tuple[int, ...]:
        return tuple(k for k in range(1, self.parts + 1) if k not in self.received)

    @property
    def complete(self) -> bool:
        return not self.missing


def part_bundle(conn: sqlite3.Connection, series_id: str, part: int) -> str | None:
    """The bundle uuid HQ imported as part `part` of the series, if any."""
    row = conn.execute("SELECT bundle_uuid FROM series_part WHERE series_id = ? AND part = ?",
                       (series_id, part)).fetchone()
    return row[0] if row else None


def series_state(conn: sqlite3.Connection, series_id: str) -> SeriesState | None:
    rows = conn.execute("SELECT device_id, parts, part FROM series_part WHERE series_id = ? "
                        "ORDER BY part", (series_id,)).fetchall()
    if not rows:
        return None
    return SeriesState(series_id, rows[0][0], rows[0][1], tuple(r[2] for r in rows))


def series_of_bundles(conn: sqlite3.Connection, bundle_uuids: Sequence[str]) -> list[str]:
    """The series (in first-seen order) that these bundles are parts of."""
    found: list[str] = []
    for uuid in bundle_uuids:
        row = conn.execute("SELECT series_id FROM series_part WHERE bundle_uuid = ?",
                           (uuid,)).fetchone()
        if row and row[0] not in found:
            found.append(row[0])
    return found


def incomplete_series(conn: sqlite3.Connection) -> list[SeriesState]:
    ids = [r[0] for r in conn.execute(
        "SELECT series_id FROM series_part GROUP BY series_id "
        "HAVING COUNT(*) < MAX(parts) ORDER BY MIN(imported), series_id")]
    return [state for state in map(lambda i: series_state(conn, i), ids) if state]


def record_part(conn: sqlite3.Connection, series_id: str, part: int, parts: int,
                device_id: str, bundle_uuid: str, imported: str) -> None:
    conn.execute("INSERT INTO series_part (series_id, part, parts, device_id, bundle_uuid, "
                 "imported) VALUES (?, ?, ?, ?, ?, ?)",
                 (series_id, part, parts, device_id, bundle_uuid, imported))


def hold_audit(conn: sqlite3.Connection, series_id: str, part: int,
               rows: Iterable[tuple], first_position: int = 0) -> None:
    """Keep a part's audit rows (AUDIT_COLUMNS order) until its series is complete."""
    columns = ", ".join(AUDIT_COLUMNS)
    marks = ", ".join("?" for _ in AUDIT_COLUMNS)
    conn.executemany(f"INSERT INTO series_audit (series_id, part, position, {columns}) "
                     f"VALUES (?, ?, ?, {marks})",
                     ((series_id, part, position) + tuple(row)
                      for position, row in enumerate(rows, first_position)))


# Reading the held rows back when a series completes: every query below follows an index
# (a seek per device or per part, then a range read along the key), none reads the held
# rows once per device, and none looks rows up one by one except `holds_hash`, called for
# a few heads per device. Without ANALYZE statistics SQLite chose the primary key for the
# rows from before the chain ("ORDER BY part, position" matched it) and read every held
# row once per device: eleven times a million rows at a million forms.

def held_device_ids(conn: sqlite3.Connection, series_id: str) -> list[str]:
    """The devices a series holds rows of, in order: a seek per device on the index."""
    devices: list[str] = []
    while True:
        row = conn.execute("SELECT MIN(device) FROM series_audit INDEXED BY series_audit_hash "
                           "WHERE series_id = ? AND device > ?",
                           (series_id, devices[-1] if devices else "")).fetchone()
        if row[0] is None:
            return devices
        devices.append(row[0])


def iter_unchained(conn: sqlite3.Connection, series_id: str, device: str,
                   chunk: int) -> Iterator[list[tuple]]:
    """A device's held rows from before its hash chain (no hashes), by part and position,
    in lists of at most `chunk` rows; found by the index, not by reading every row."""
    cursor = conn.execute(f"SELECT {', '.join(AUDIT_COLUMNS)} FROM series_audit INDEXED BY "
                          "series_audit_prev WHERE series_id = ? AND device = ? AND "
                          "prev_hash IS NULL ORDER BY part, position", (series_id, device))
    cursor.row_factory = None
    return iter(lambda: cursor.fetchmany(chunk), [])


def held_parts(conn: sqlite3.Connection, series_id: str) -> list[int]:
    """The part numbers a series holds rows of, by a seek per part on the key."""
    parts: list[int] = []
    while True:
        row = conn.execute("SELECT MIN(part) FROM series_audit WHERE series_id = ? AND "
                           "part > ?", (series_id, parts[-1] if parts else -1)).fetchone()
        if row[0] is None:
            return parts
        parts.append(row[0])


def iter_part_chained(conn: sqlite3.Connection, series_id: str, part: int,
                      chunk: int) -> Iterator[list[tuple]]:
    """One part's held chained rows (AUDIT_COLUMNS order) as the part carried them (by
    position), in lists of at most `chunk` rows: read along the key, page after page."""
    cursor = conn.execute(f"SELECT {', '.join(AUDIT_COLUMNS)} FROM series_audit WHERE "
                          "series_id = ? AND part = ? AND prev_hash IS NOT NULL ORDER BY "
                          "position", (series_id, part))
    cursor.row_factory = None
    return iter(lambda: cursor.fetchmany(chunk), [])


def holds_hash(conn: sqlite3.Connection, series_id: str, device: str, digest: str) -> bool:
    """Whether the series holds a row of `device` with this hash (one index seek)."""
    return conn.execute("SELECT 1 FROM series_audit WHERE series_id = ? AND device = ? AND "
                        "hash = ? LIMIT 1", (series_id, device, digest)).fetchone() is not None


def release_audit(conn: sqlite3.Connection, series_id: str) -> None:
    """Drop a complete series' held rows. When they are the only rows held (the usual
    case: one large series at a time), a DELETE without WHERE, which SQLite runs as its
    truncate optimisation (the table's and its four indexes' pages go to the free list
    whole) instead of removing a million rows one index entry at a time; otherwise only
    this series' rows, by its key."""
    others = conn.execute(
        "SELECT EXISTS (SELECT 1 FROM series_audit WHERE series_id < ?1) OR "
        "EXISTS (SELECT 1 FROM series_audit WHERE series_id > ?1)", (series_id,)).fetchone()[0]
    if others:
        conn.execute("DELETE FROM series_audit WHERE series_id = ?", (series_id,))
    else:
        conn.execute("DELETE FROM series_audit")


def series_taking_number(conn: sqlite3.Connection, device_id: str, sequence: int,
                         other_than: str | None = None) -> tuple[str, int, int] | None:
    """(series id, first number, parts) of a series of this device, other than
    `other_than`, that HQ holds parts of and whose numbers (its first part's number to
    its last's, from a held part: part k is numbered first + k - 1) take `sequence`."""
    row = conn.execute(
        "SELECT p.series_id, l.sequence - p.part + 1, p.parts FROM series_part p "
        "JOIN bundle_ledger l ON l.bundle_uuid = p.bundle_uuid AND l.direction = 'import' "
        "WHERE p.device_id = ? AND p.series_id IS NOT ? "
        "AND ? BETWEEN l.sequence - p.part + 1 AND l.sequence - p.part + p.parts "
        "ORDER BY l.id LIMIT 1", (device_id, other_than, sequence)).fetchone()
    return tuple(row) if row else None
