"""Bundle series at headquarters: the parts of one large export, imported in any order.

A part (bundle format 3, `manifest.series` = id, part k, parts n) is a complete signed
bundle: the import checks its signature, device, questionnaires and every answer exactly
as for a single bundle, and merges its forms in its own transaction. Only the audit hash
chain differs: a part carries the audit rows of its own forms, so its rows are a subset of
the device's chain, not a stretch of it. Each row is checked against its own hash when its
part arrives and held (`series_audit`); when the last missing part arrives, the rows of
every part are put back in chain order (each row names the hash of the one before it) and
the whole chain is checked as a single bundle's is (it must continue from the last row HQ
holds for the device, no row missing, changed or reordered) before it joins the audit log,
in that part's transaction. So a tampered part is refused alone, and the chain's
tamper-evidence is the same as for one bundle: a chain that does not close refuses the
part that would complete the series.

A second file claiming a part HQ already holds is a replay. `status_lines` says which
series are still incomplete ("parts 1, 3 of 4 received; 2 missing") in the user's
language, for the import report, `riskmap import` and `riskmap devices list`.
"""

from __future__ import annotations

import sqlite3
from typing import Iterable, Iterator

from ..bundle.bundle_reader import VerifiedBundle
from ..bundle.errors import BundleError
from ..domain.user_error import error_message
from ..storage import audit_chain, bundle_store, series_store
from ..storage.clock import utc_now
from ..storage.series_store import SeriesState
from . import import_gate


AUDIT_CHUNK = 5000  # rows checked and written at a time


def merge_part(conn: sqlite3.Connection, verified: VerifiedBundle,
               audit_rows: Iterable[tuple]) -> tuple[int, int]:
    """Record a part and hold its audit rows; once the series is whole, check the chain
    of every part's rows and add the rows HQ does not hold. Returns (rows read, rows
    added). BundleError (the caller's transaction rolls back) for a repeated part, a part
    that contradicts the series, or a chain that does not verify. Rows stream a chunk at
    a time both ways, so a million-form series is merged in bounded memory."""
    m = verified.manifest
    series_id, part, parts = m.series["id"], m.series["part"], m.series["parts"]
    other = series_store.part_bundle(conn, series_id, part)
    if other is not None and other != m.bundle_uuid:
        raise BundleError("series_part_repeated", f"{series_id} part {part}: {other}",
                          part=part, series=short_id(series_id))
    state = series_store.series_state(conn, series_id)
    if state is not None and (state.device_id != m.device_id or state.parts != parts):
        raise BundleError("tampered", f"series {series_id}: part {part} names another device "
                                      "or part count")
    series_store.record_part(conn, series_id, part, parts, m.device_id, m.bundle_uuid,
                             utc_now())
    read = 0
    for chunk in _chunks(audit_rows):
        for row in chunk:
            if row[11] is not None and row[11] != audit_chain.row_hash(row[10], row[:10]):
                raise BundleError("audit_chain", f"{row[3]}: a row does not match its hash",
                                  device=row[3], problem="a row does not match its hash: "
                                                         "it was changed")
        series_store.hold_audit(conn, series_id, part, chunk, read)
        read += len(chunk)
    received = set(state.received if state else ()) | {part}
    if len(received) < parts:
        return read, 0
    chain = import_gate.AuditChain(conn)
    added = 0
    for chunk in held_in_chain_order(conn, series_id):
        added += bundle_store.insert_audit(conn, chain.new_rows(chunk))
    series_store.release_audit(conn, series_id)
    return read, added


def held_in_chain_order(conn: sqlite3.Connection, series_id: str) -> Iterator[list[tuple]]:
    """A series' held audit rows in the order of each device's chain (what `chain_order`
    does in memory), a chunk at a time: per device, the rows from before the chain, then
    the chain from its first row, walked by SQLite. A device whose rows do not make one
    line (no first row, two, or a fork: a tampered or incomplete chain) is put in order by
    `chain_order` from memory, so the chain check names the break as it would for one
    bundle."""
    for chain in series_store.held_devices(conn, series_id):
        if not chain.linear:
            yield from _chunks(chain_order(series_store.held_device_audit(
                conn, series_id, chain.device)))
            continue
        yield from series_store.iter_unchained(conn, series_id, chain.device, AUDIT_CHUNK)
        walked = 0
        for chunk in series_store.iter_chain(conn, series_id, chain, AUDIT_CHUNK):
            walked += len(chunk)
            yield chunk
        if walked != chain.rows:  # cannot happen for a linear chain; never trusted
            raise BundleError("audit_chain", f"{chain.device}: the chain does not close",
                              device=chain.device, problem="a row is missing or out of "
                                                           "order")


def _chunks(rows: Iterable[tuple]) -> Iterator[list[tuple]]:
    chunk: list[tuple] = []
    for row in rows:
        chunk.append(tuple(row))
        if len(chunk) >= AUDIT_CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def chain_order(rows: Iterable[tuple]) -> list[tuple]:
    """Audit rows (AUDIT_COLUMNS order) put back in the order of each device's chain: the
    rows from before the chain first (as they came), then from the row whose predecessor
    is not among them, each followed by the row that names its hash. Rows that cannot be
    placed (a fork, a gap) go last, so the chain check names the break."""
    by_device: dict[str, list[tuple]] = {}
    for row in rows:
        by_device.setdefault(row[3], []).append(row)
    ordered: list[tuple] = []
    for chain in by_device.values():
        unchained = [row for row in chain if row[11] is None]
        chained = [row for row in chain if row[11] is not None]
        hashes = {row[11] for row in chained}
        after: dict[str, list[tuple]] = {}
        starts = []
        for row in chained:
            if row[10] in hashes:
                after.setdefault(row[10], []).append(row)
            else:
                starts.append(row)
        placed: list[tuple] = []
        if len(starts) == 1:
            row = starts[0]
            while row is not None:
                placed.append(row)
                following = after.pop(row[11], [])
                row = following[0] if len(following) == 1 else None
        seen = {id(row) for row in placed}
        ordered += unchained + placed + [row for row in chained if id(row) not in seen]
    return ordered


def short_id(series_id: str) -> str:
    """The first block of a series uuid: enough to tell series apart in a sentence."""
    return series_id.split("-")[0]


def state_sentence(state: SeriesState, lang: str) -> str:
    values = {"series": short_id(state.series_id), "device": state.device_id,
              "parts": state.parts}
    if state.complete:
        return error_message("series.complete", lang, **values)
    return error_message("series.incomplete", lang, **values,
                         received=", ".join(map(str, state.received)),
                         missing=", ".join(map(str, state.missing)))


def status_lines(conn: sqlite3.Connection, lang: str,
                 bundle_uuids: Iterable[str] | None = None) -> list[str]:
    """One sentence per series: of these bundles (complete or not), or, without
    `bundle_uuids`, every series HQ still waits for parts of."""
    if bundle_uuids is None:
        states = series_store.incomplete_series(conn)
    else:
        states = [s for s in map(lambda i: series_store.series_state(conn, i),
                                 series_store.series_of_bundles(conn, list(bundle_uuids)))
                  if s is not None]
    return [state_sentence(state, lang) for state in states]


def workspace_status(workspace, lang: str, bundle_uuids: Iterable[str]) -> list[str]:
    """`status_lines` of these bundles in an open project (the Import view)."""
    return status_lines(workspace.db.conn, lang, bundle_uuids)
