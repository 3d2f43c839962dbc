"""Bundle series at headquarters: the parts of one large export, imported in any order.

A part (bundle format 3, `manifest.series` = id, part k, parts n) is a complete signed
bundle: the import checks its signature, device, questionnaires and every answer exactly
as for a single bundle, and merges its forms in its own transaction. Only the audit hash
chain differs: a part carries the audit rows of its own forms, so its rows are a subset of
the device's chain, not a stretch of it. Each row is checked against its own hash when its
part arrives and held (`series_audit`); when the last missing part arrives, the rows of
every part are put back in chain order (each row names the hash of the one before it; the
parts are merged, see `merged_chains`) and the whole chain is checked as a single bundle's
is (it must continue from the last row HQ holds for the device, no row missing, changed or
reordered) before it joins the audit log, in that part's transaction. So a tampered part
is refused alone, and the chain's tamper-evidence is the same as for one bundle: a chain
that does not close refuses the part that would complete the series.

A second file claiming a part HQ already holds is a replay. `status_lines` says which
series are still incomplete ("parts 1, 3 of 4 received; part 2 missing") in the user's
language, for the import report, `riskmap import` and `riskmap devices list`.
"""

from __future__ import annotations

import sqlite3
from typing import Callable, Iterable, Iterator

from ..bundle.bundle_reader import VerifiedBundle
from ..bundle.errors import BundleError
from ..domain.number_ranges import runs_of, runs_text
from ..domain.phrase import Phrase
from ..domain.user_error import error_message
from ..storage import audit_chain, bundle_store, series_store
from ..storage.clock import utc_now
from ..storage.series_store import SeriesState
from . import import_gate
from .series_numbers import short_id
from .import_writer import ImportWriter


AUDIT_CHUNK = 5000  # rows checked and written at a time


def merge_part(conn: sqlite3.Connection, verified: VerifiedBundle,
               audit_rows: Iterable[tuple], writer: ImportWriter | None = None,
               added_rows: Callable[[list[tuple]], None] = lambda rows: None
               ) -> tuple[int, int]:
    """Record a part and hold its audit rows; once the series is whole, check the chain
    of every part's rows and add the rows HQ does not hold. Returns (rows read, rows
    added), every write done. BundleError (the caller's transaction rolls back) for a
    repeated part, a part that contradicts the series, or a chain that does not verify.
    `added_rows` is given each chunk of rows added (the forms they name are judged after
    the merge, services/audit_subjects.py).
    Rows stream a chunk at a time both ways, so a million-form series is merged in
    bounded memory; with a background `writer`, each chunk is written while the next is
    read and checked (the connection is used by one thread at a time: every read here
    waits for the writer first)."""
    writer = writer or ImportWriter()
    m = verified.manifest
    series_id, part, parts = m.series["id"], m.series["part"], m.series["parts"]
    writer.wait()
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
                                  device=row[3], problem=Phrase("chain.changed"))
        writer.submit(series_store.hold_audit, conn, series_id, part, chunk, read)
        read += len(chunk)
    writer.wait()
    received = set(state.received if state else ()) | {part}
    if len(received) < parts:
        return read, 0
    chain = import_gate.AuditChain(conn, ready=writer.wait, signer=verified.manifest.device_id)
    added = 0
    for chunk in held_in_chain_order(conn, series_id, ready=writer.wait):
        new_rows = chain.new_rows(chunk)
        if new_rows:
            added_rows(new_rows)
            writer.submit(bundle_store.insert_audit, conn, new_rows)
            added += len(new_rows)
    writer.wait()
    series_store.release_audit(conn, series_id)
    return read, added


def held_in_chain_order(conn: sqlite3.Connection, series_id: str,
                        ready: Callable[[], None] = lambda: None) -> Iterator[list[tuple]]:
    """A series' held audit rows in the order of each device's chain, a chunk at a time:
    each device's rows from before the chain (by part and position), then the chains of
    every device at once, merged from the parts (`merged_chains`). `ready` is called
    before each use of the connection (an import's writer may be busy)."""
    ready()
    for device in series_store.held_device_ids(conn, series_id):
        yield from _read(lambda: series_store.iter_unchained(conn, series_id, device,
                                                             AUDIT_CHUNK), ready)
    yield from merged_chains(conn, series_id, ready)


def merged_chains(conn: sqlite3.Connection, series_id: str,
                  ready: Callable[[], None] = lambda: None) -> Iterator[list[tuple]]:
    """The held chained rows of a series in the order of each device's chain, a chunk at
    a time: a merge of the parts, each read once along its key in the order it carried
    its rows.

    A part carries the rows of its forms in the exporting database's order (as a single
    bundle does: of each device's chain, a subsequence in chain order), so the next row of
    a device's chain is always the head of one part. The merge takes it; a head that
    follows a row not taken yet waits, filed under the hash it names, until that row is
    taken. A device's first row is the head whose predecessor the series does not hold
    (one index seek per head, a few per device). Memory holds a head per part and one
    chunk; no row is walked to by its hash (the walk by hash it replaces touched a random
    page of the table and of an index for each of a million rows).

    Nothing here is trusted: the chain check sees every row in this order. A series that
    is not one line per device (a row missing, a fork, a part whose rows are out of chain
    order) leaves heads that no row frees: refused as a row missing or out of order, as
    a single bundle with that break is."""
    follows: dict[str, str] = {}  # device -> the hash its next row must name
    takeable: list[tuple[Iterator[tuple], tuple]] = []  # heads that are next in their chain
    waiting: dict[tuple[str, str], tuple[Iterator[tuple], tuple]] = {}
    broken: list[str] = []  # devices with two heads naming the same hash (a fork)

    def place(part: Iterator[tuple]) -> None:
        row = next(part, None)
        if row is None:
            return
        device, prev = row[3], row[10]
        if device not in follows:
            ready()
            if series_store.holds_hash(conn, series_id, device, prev):
                _wait(waiting, broken, (device, prev), (part, row))
                return
            follows[device] = prev  # its predecessor is not held: the chain's first row
        if follows[device] == prev:
            takeable.append((part, row))
        else:
            _wait(waiting, broken, (device, prev), (part, row))

    ready()
    for number in series_store.held_parts(conn, series_id):
        place(_part_rows(conn, series_id, number, ready))
    chunk: list[tuple] = []
    while takeable:
        part, row = takeable.pop()
        chunk.append(row)
        follows[row[3]] = row[11]
        woken = waiting.pop((row[3], row[11]), None)
        if woken is not None:
            takeable.append(woken)
        place(part)
        if len(chunk) >= AUDIT_CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
    if waiting or broken:
        device = broken[0] if broken else next(iter(waiting))[0]
        raise BundleError("audit_chain", f"{device}: the chain does not close",
                          device=device, problem=Phrase("chain.order"))


def _wait(waiting: dict, broken: list[str], key: tuple[str, str], head: tuple) -> None:
    if key in waiting:
        broken.append(key[0])
    else:
        waiting[key] = head


def _part_rows(conn: sqlite3.Connection, series_id: str, part: int,
               ready: Callable[[], None]) -> Iterator[tuple]:
    """One part's held chained rows, one at a time (read a chunk at a time)."""
    for chunk in _read(lambda: series_store.iter_part_chained(conn, series_id, part,
                                                              AUDIT_CHUNK), ready):
        yield from chunk


def _read(open_chunks: Callable[[], Iterator[list[tuple]]],
          ready: Callable[[], None]) -> Iterator[list[tuple]]:
    """The chunks of a query opened by `open_chunks`, `ready` called before it is opened
    and before each chunk is fetched."""
    ready()
    chunks = open_chunks()
    while True:
        ready()
        chunk = next(chunks, None)
        if chunk is None:
            return
        yield chunk


def _chunks(rows: Iterable[tuple]) -> Iterator[list[tuple]]:
    chunk: list[tuple] = []
    for row in rows:
        chunk.append(tuple(row))
        if len(chunk) >= AUDIT_CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def state_sentence(state: SeriesState, lang: str) -> str:
    values = {"series": short_id(state.series_id), "device": state.device_id,
              "parts": state.parts}
    if state.complete:
        return error_message("series.complete", lang, **values)
    key = "series.incomplete_one" if len(state.received) == 1 else "series.incomplete"
    return error_message(key, lang, **values,
                         received=runs_text(runs_of(state.received)),
                         missing=runs_text(runs_of(state.missing)),
                         missing_count=len(state.missing))


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
    """The Import view's lines: the series of these bundles (complete or not), then every
    other series HQ still waits for parts of (the window has no `devices list`: a part
    missing since an earlier import is named at each import until it arrives)."""
    conn = workspace.db.conn
    touched = series_store.series_of_bundles(conn, list(bundle_uuids))
    return status_lines(conn, lang, bundle_uuids) + [
        state_sentence(state, lang) for state in series_store.incomplete_series(conn)
        if state.series_id not in touched]
