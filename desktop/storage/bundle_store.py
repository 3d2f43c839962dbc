"""Bundle bookkeeping and the HQ merge writes: the ledger, device trust pins, form
versions, conflicts. The only SQL for importing bundles (the export's reads and marks are
in storage/export_store.py); callers hold the transaction.

New rows go in as bulk INSERTs of thousands of rows (storage/bulk_rows.py says why);
audit rows keep their uuid, and the import writes only those HQ does not hold, so
importing a bundle twice never duplicates them.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Iterable, Sequence

from . import bulk_rows
from .audit_store import AUDIT_COLUMNS
from .response_store import _COLUMNS as RESPONSE_COLUMNS


@dataclass(frozen=True)
class DevicePin:
    device_id: str
    public_key: str
    fingerprint: str
    first_seen: str
    last_sequence: int
    last_bundle_uuid: str


def ledger(conn: sqlite3.Connection, limit: int = 200) -> list[dict]:
    """The newest ledger rows (exports and imports) with their counts and reports."""
    rows = conn.execute(
        "SELECT direction, bundle_uuid, device_id, sequence, previous_uuid, created, recorded,"
        " file_name, counts, report FROM bundle_ledger ORDER BY id DESC LIMIT ?", (limit,))
    result = []
    for row in rows:
        item = dict(row)
        item["counts"] = json.loads(item["counts"] or "{}")
        item["report"] = json.loads(item["report"] or "{}")
        result.append(item)
    return result


# -- import ----------------------------------------------------------------------------
def bundle_imported(conn: sqlite3.Connection, bundle_uuid: str) -> bool:
    return conn.execute("SELECT 1 FROM bundle_ledger WHERE direction = 'import' AND "
                        "bundle_uuid = ?", (bundle_uuid,)).fetchone() is not None


def device_pin(conn: sqlite3.Connection, device_id: str) -> DevicePin | None:
    row = conn.execute("SELECT device_id, public_key, fingerprint, first_seen, last_sequence, "
                       "last_bundle_uuid FROM device_trust WHERE device_id = ?",
                       (device_id,)).fetchone()
    return DevicePin(*row) if row else None


def device_pins(conn: sqlite3.Connection) -> list[DevicePin]:
    rows = conn.execute("SELECT device_id, public_key, fingerprint, first_seen, last_sequence, "
                        "last_bundle_uuid FROM device_trust ORDER BY device_id")
    return [DevicePin(*row) for row in rows]


def pin_device(conn: sqlite3.Connection, pin: DevicePin) -> None:
    conn.execute("INSERT INTO device_trust (device_id, public_key, fingerprint, first_seen, "
                 "first_bundle_uuid, last_sequence, last_bundle_uuid) VALUES (?, ?, ?, ?, ?, ?, ?)",
                 (pin.device_id, pin.public_key, pin.fingerprint, pin.first_seen,
                  pin.last_bundle_uuid, pin.last_sequence, pin.last_bundle_uuid))


def advance_device(conn: sqlite3.Connection, device_id: str, sequence: int,
                   bundle_uuid: str) -> None:
    """Remember the highest sequence number seen from a device."""
    conn.execute("UPDATE device_trust SET last_sequence = ?, last_bundle_uuid = ? "
                 "WHERE device_id = ? AND last_sequence < ?",
                 (sequence, bundle_uuid, device_id, sequence))


def imported_sequences(conn: sqlite3.Connection, device_id: str) -> set[int]:
    return {r[0] for r in conn.execute("SELECT sequence FROM bundle_ledger WHERE direction = "
                                       "'import' AND device_id = ?", (device_id,))}


def existing_forms(conn: sqlite3.Connection, uuids: Iterable[str]
                   ) -> dict[str, tuple[tuple, str]]:
    """HQ's current rows (response columns) and answers (JSON object text) of the forms
    with these uuids."""
    found: dict[str, tuple[tuple, str]] = {}
    columns = ", ".join(f"r.{c}" for c in RESPONSE_COLUMNS)
    uuid_list = list(uuids)
    width = len(RESPONSE_COLUMNS)
    for start in range(0, len(uuid_list), 500):
        chunk = uuid_list[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        cursor = conn.execute(
            f"SELECT {columns}, (SELECT answers FROM form_answers a "
            f"WHERE a.response_uuid = r.uuid) FROM response r WHERE r.uuid IN ({marks})", chunk)
        cursor.row_factory = None
        for row in cursor:
            found[row[0]] = (row[:width], row[width] or "{}")
    return found


def known_versions(conn: sqlite3.Connection, uuid: str) -> set[tuple[int, str]]:
    return {(r[0], r[1]) for r in conn.execute(
        "SELECT revision, sha256 FROM response_version WHERE response_uuid = ?", (uuid,))}


def conflicting_versions(conn: sqlite3.Connection, uuid: str) -> set[tuple[int, str]]:
    """(revision, sha256) of every version of the form an import kept as a conflict
    instead of HQ's (open or resolved)."""
    return {(r[0], r[1]) for r in conn.execute(
        "SELECT revision, sha256 FROM response_conflict WHERE response_uuid = ?", (uuid,))}


def live_holders(conn: sqlite3.Connection, keys: Iterable[tuple[str, int]]
                 ) -> dict[tuple, str]:
    """(round uuid, form number) -> uuid of the live form holding it, for these keys only
    (one indexed query per round: an import asks this for each chunk of forms instead of
    holding every number of its rounds)."""
    by_round: dict[str, list[int]] = {}
    for round_uuid, number in keys:
        by_round.setdefault(round_uuid, []).append(number)
    found: dict[tuple, str] = {}
    for round_uuid, numbers in by_round.items():
        for number, uuid in conn.execute(
                "SELECT form_number, uuid FROM response WHERE round_uuid = ? AND "
                "form_number IN (SELECT value FROM json_each(?)) AND status != 'deleted'",
                (round_uuid, json.dumps(numbers))):
            found[(round_uuid, number)] = uuid
    return found


def round_names(conn: sqlite3.Connection) -> dict[str, str]:
    """Round name -> uuid."""
    return {name: uuid for name, uuid in conn.execute("SELECT name, uuid FROM round")}


def round_holds_forms_of(conn: sqlite3.Connection, round_uuid: str, device_id: str) -> bool:
    return conn.execute("SELECT 1 FROM response WHERE round_uuid = ? AND device = ? LIMIT 1",
                        (round_uuid, device_id)).fetchone() is not None


def round_uuids(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT uuid FROM round")}


def insert_forms(conn: sqlite3.Connection, rows: Sequence[tuple],
                 answers: Sequence[tuple[str, str]], canonical: bool = False) -> None:
    """New responses (RESPONSE_COLUMNS order) and their (uuid, answers JSON object) pairs,
    one row per form, in few statements (bulk_rows says why); `canonical`: the caller
    vouches every answers text is canonical (bulk_rows.insert_form_answers)."""
    bulk_rows.insert_rows(conn, "response", RESPONSE_COLUMNS, rows)
    bulk_rows.insert_form_answers(conn, answers, canonical)


def replace_forms(conn: sqlite3.Connection, rows: Sequence[tuple],
                  answers: Sequence[tuple[str, str]], canonical: bool = False) -> None:
    """Overwrite existing responses with newer versions (all columns, all answers;
    `canonical` as for insert_forms)."""
    assignments = ", ".join(f"{c} = ?" for c in RESPONSE_COLUMNS[1:])
    conn.executemany(f"UPDATE response SET {assignments} WHERE uuid = ?",
                     [tuple(row[1:]) + (row[0],) for row in rows])
    conn.executemany("DELETE FROM form_answers WHERE response_uuid = ?",
                     [(row[0],) for row in rows])
    bulk_rows.insert_form_answers(conn, answers, canonical)


def remember_versions(conn: sqlite3.Connection, versions: Iterable[tuple[str, int, str]]) -> None:
    bulk_rows.insert_rows(conn, "response_version", ("response_uuid", "revision", "sha256"),
                          list(versions), or_ignore=True)


def insert_conflicts(conn: sqlite3.Connection, rows: Sequence[tuple]) -> None:
    """(response uuid, revision, sha256, device, bundle, record json, hq revision,
    hq sha256, reason, detected) rows; a version already kept is not kept twice."""
    conn.executemany(
        "INSERT OR IGNORE INTO response_conflict (response_uuid, revision, sha256, device_id, "
        "bundle_uuid, record, hq_revision, hq_sha256, reason, detected) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


def open_conflicts(conn: sqlite3.Connection) -> list[dict]:
    return [dict(r) for r in conn.execute(
        "SELECT id, response_uuid, revision, sha256, device_id, bundle_uuid, hq_revision, "
        "hq_sha256, reason, detected FROM response_conflict WHERE status = 'open' ORDER BY id")]


def insert_audit(conn: sqlite3.Connection, rows: Sequence[tuple]) -> int:
    """Audit rows (AUDIT_COLUMNS order) that HQ does not hold yet (the caller filters with
    `audit_hashes`: the schema refuses a row whose uuid exists); returns how many."""
    bulk_rows.insert_rows(conn, "audit_log", AUDIT_COLUMNS, rows)
    return len(rows)


def device_has_audit(conn: sqlite3.Connection, device: str) -> bool:
    return conn.execute("SELECT 1 FROM audit_log WHERE device = ? LIMIT 1",
                        (device,)).fetchone() is not None


def audit_hashes(conn: sqlite3.Connection, uuids: Iterable[str]) -> dict[str, str | None]:
    """uuid -> hash of the audit rows HQ holds among `uuids`."""
    found: dict[str, str | None] = {}
    uuid_list = list(uuids)
    for start in range(0, len(uuid_list), 500):
        chunk = uuid_list[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        for uuid, digest in conn.execute(
                f"SELECT uuid, hash FROM audit_log WHERE uuid IN ({marks})", chunk):
            found[uuid] = digest
    return found


def insert_round(conn: sqlite3.Connection, fields: dict) -> None:
    columns = ", ".join(fields)
    conn.execute(f"INSERT INTO round ({columns}) VALUES ({', '.join('?' for _ in fields)})",
                 tuple(fields.values()))


def record_import(conn: sqlite3.Connection, *, bundle_uuid: str, device_id: str,
                  sequence: int, previous_uuid: str | None, created: str, recorded: str,
                  file_name: str, counts: dict, report: dict) -> None:
    conn.execute(
        "INSERT INTO bundle_ledger (direction, bundle_uuid, device_id, sequence, previous_uuid,"
        " created, recorded, file_name, counts, report) "
        "VALUES ('import', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (bundle_uuid, device_id, sequence, previous_uuid, created, recorded, file_name,
         json.dumps(counts, sort_keys=True), json.dumps(report, sort_keys=True)))


def imported_bundle_with_sequence(conn: sqlite3.Connection, device_id: str,
                                  sequence: int) -> str | None:
    """The uuid of a bundle HQ imported from this device with this sequence number, not
    set aside by a restored copy's branch imported after it (a bundle whose ledger report
    names `branch_from`, numbered at or below it: the lost copy's later numbers are free
    again for the restored one)."""
    row = conn.execute(
        "SELECT l.bundle_uuid FROM bundle_ledger l WHERE l.direction = 'import' AND "
        f"l.device_id = ? AND l.sequence = ? AND {_NOT_SET_ASIDE} ORDER BY l.id LIMIT 1",
        (device_id, sequence)).fetchone()
    return row[0] if row else None


def imported_in_range(conn: sqlite3.Connection, device_id: str, low: int,
                      high: int) -> list[tuple[int, str]]:
    """(sequence, bundle uuid) of the bundles HQ imported from this device numbered `low`
    to `high`, as `imported_bundle_with_sequence` counts them, lowest first."""
    return [tuple(r) for r in conn.execute(
        "SELECT l.sequence, l.bundle_uuid FROM bundle_ledger l WHERE l.direction = 'import' "
        f"AND l.device_id = ? AND l.sequence BETWEEN ? AND ? AND {_NOT_SET_ASIDE} "
        "ORDER BY l.sequence, l.id", (device_id, low, high))]


# A ledger row `b` of a bundle that starts a line of its device: a restored copy's branch,
# or the bundle of the copy HQ decided the post keeps (services/copy_keeper.py).
_STARTS_LINE = ("(json_extract(b.report, '$.branch_from') <> '' OR "
                "json_extract(b.report, '$.kept_copy') <> '')")
# A ledger row `l` of an imported bundle that no bundle starting a line, imported after it
# and numbered at or below it, set aside.
_NOT_SET_ASIDE = ("NOT EXISTS (SELECT 1 FROM bundle_ledger b WHERE b.direction = 'import' "
                  "AND b.device_id = l.device_id AND b.id > l.id AND b.sequence <= l.sequence "
                  f"AND {_STARTS_LINE})")


def imported_created(conn: sqlite3.Connection, bundle_uuid: str) -> str | None:
    """When the laptop made a bundle HQ imported (its manifest's UTC time)."""
    row = conn.execute("SELECT created FROM bundle_ledger WHERE direction = 'import' AND "
                       "bundle_uuid = ?", (bundle_uuid,)).fetchone()
    return row[0] if row else None


def follows_line(conn: sqlite3.Connection, device_id: str, sequence: int,
                 previous_uuid: str | None) -> bool:
    """Whether a bundle numbered `sequence` follows the bundle HQ holds before it on the
    device's line: `previous_uuid` is the imported bundle numbered one below that no
    restored copy's branch set aside (nothing, for number 1)."""
    if not previous_uuid:
        return sequence == 1
    return conn.execute(
        "SELECT 1 FROM bundle_ledger l WHERE l.direction = 'import' AND l.device_id = ? AND "
        f"l.sequence = ? AND l.bundle_uuid = ? AND {_NOT_SET_ASIDE}",
        (device_id, sequence - 1, previous_uuid)).fetchone() is not None


def set_aside(conn: sqlite3.Connection, device_id: str, bundle_uuid: str) -> bool:
    """Whether HQ imported this bundle of this device and a bundle starting a line (a
    restored copy's branch, or the copy HQ decided the post keeps) set it aside since."""
    return conn.execute(
        "SELECT 1 FROM bundle_ledger l WHERE l.direction = 'import' AND l.device_id = ? AND "
        f"l.bundle_uuid = ? AND NOT {_NOT_SET_ASIDE}", (device_id, bundle_uuid)
    ).fetchone() is not None


def device_holds_hash(conn: sqlite3.Connection, device_id: str, digest: str) -> bool:
    """Whether HQ holds an audit row of this device with this hash."""
    return conn.execute("SELECT 1 FROM audit_log WHERE device = ? AND hash = ? LIMIT 1",
                        (device_id, digest)).fetchone() is not None


def chain_branches(conn: sqlite3.Connection) -> set[tuple[str, str]]:
    """(device id, hash) of every point where a restored copy's audit rows branch from a
    row of its device's chain that HQ held (recorded by the import that took them: the
    signer's own branch, `branch_from`, or one a relaying office brought,
    `relayed_branches`)."""
    return {(device, digest) for device, digest in conn.execute(
        "SELECT device_id, json_extract(report, '$.branch_from') FROM bundle_ledger "
        "WHERE direction = 'import' AND json_extract(report, '$.branch_from') <> '' "
        "UNION SELECT json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]') "
        "FROM bundle_ledger l, json_each(l.report, '$.relayed_branches') j "
        "WHERE l.direction = 'import' AND json_valid(l.report)")}


def relays_device(conn: sqlite3.Connection, signer: str, device: str) -> bool:
    """Whether an imported bundle of `signer` brought new audit rows of `device` (another
    device: a regional office relaying its laptop; the ledger's `relayed_devices`)."""
    return conn.execute(
        "SELECT 1 FROM bundle_ledger l, json_each(l.report, '$.relayed_devices') j "
        "WHERE l.direction = 'import' AND l.device_id = ? AND json_valid(l.report) "
        "AND j.value = ? LIMIT 1", (signer, device)).fetchone() is not None


def recorded_branches(conn: sqlite3.Connection) -> list[tuple[str, int, str]]:
    """(device id, sequence, when imported) of every bundle a restored copy numbered
    again whose audit rows branch from its device's chain, oldest import first. A bundle
    HQ imported on its decision of which copy the post keeps is not one (`kept_copies`
    lists it), though its ledger row keeps the branch point for the chain's check."""
    return [tuple(r) for r in conn.execute(
        "SELECT device_id, sequence, recorded FROM bundle_ledger WHERE direction = 'import' "
        "AND json_extract(report, '$.branch_from') <> '' AND "
        "coalesce(json_extract(report, '$.kept_copy'), '') = '' ORDER BY id")]


def relayed_branch_records(conn: sqlite3.Connection) -> list[tuple[str, str, int, str]]:
    """(device id, relaying device id, the relay's sequence, when imported) of every
    branch of a relayed device's chain a relaying office's bundle brought (its ledger
    report's `relayed_branches`), oldest import first."""
    return [tuple(r) for r in conn.execute(
        "SELECT json_extract(j.value, '$[0]'), l.device_id, l.sequence, l.recorded "
        "FROM bundle_ledger l, json_each(l.report, '$.relayed_branches') j "
        "WHERE l.direction = 'import' AND json_valid(l.report) ORDER BY l.id")]


def last_branch(conn: sqlite3.Connection, device_id: str) -> tuple[int, str, str] | None:
    """(sequence, when imported, when HQ decided to keep its copy or '') of the device's
    latest bundle that started a line: a restored copy's branch (numbered again, its audit
    rows branch) or the bundle of the copy HQ decided the post keeps; None if none did."""
    row = conn.execute(
        "SELECT b.sequence, b.recorded, coalesce(json_extract(b.report, '$.kept_copy'), '') "
        f"FROM bundle_ledger b WHERE b.direction = 'import' AND b.device_id = ? AND "
        f"{_STARTS_LINE} ORDER BY b.id DESC LIMIT 1", (device_id,)).fetchone()
    return tuple(row) if row else None


def last_kept_sequence(conn: sqlite3.Connection, device_id: str) -> int:
    """The highest number of a bundle of this device that HQ imported on its decision of
    which copy the post keeps (0 when none)."""
    return conn.execute(
        "SELECT COALESCE(MAX(sequence), 0) FROM bundle_ledger WHERE direction = 'import' "
        "AND device_id = ? AND json_extract(report, '$.kept_copy') <> ''",
        (device_id,)).fetchone()[0]


def kept_copies(conn: sqlite3.Connection) -> list[tuple[str, int, str]]:
    """(device id, sequence, when HQ decided) of every bundle HQ imported on its decision
    of which copy of a device's project the post keeps, oldest first."""
    return [tuple(r) for r in conn.execute(
        "SELECT device_id, sequence, json_extract(report, '$.kept_copy') FROM bundle_ledger "
        "WHERE direction = 'import' AND json_extract(report, '$.kept_copy') <> '' "
        "ORDER BY id")]


def line_head(conn: sqlite3.Connection, device_id: str) -> tuple[int, str, str] | None:
    """(sequence, bundle uuid, when imported) of the highest-numbered bundle of the line
    HQ follows for this device (no bundle starting a line set it aside), or None."""
    row = conn.execute(
        "SELECT l.sequence, l.bundle_uuid, l.recorded FROM bundle_ledger l WHERE "
        f"l.direction = 'import' AND l.device_id = ? AND {_NOT_SET_ASIDE} "
        "ORDER BY l.sequence DESC, l.id DESC LIMIT 1", (device_id,)).fetchone()
    return tuple(row) if row else None


def imported_as(conn: sqlite3.Connection, device_id: str, bundle_uuid: str,
                sequence: int) -> bool:
    """Whether HQ imported this bundle of this device with this number (on any line)."""
    return conn.execute(
        "SELECT 1 FROM bundle_ledger WHERE direction = 'import' AND device_id = ? AND "
        "bundle_uuid = ? AND sequence = ?", (device_id, bundle_uuid, sequence)
    ).fetchone() is not None


def last_imported_sequence(conn: sqlite3.Connection, device_id: str) -> int:
    """The highest number imported from this device (of the bundles a restored copy's
    branch did not set aside: its own later bundles are not late)."""
    return conn.execute("SELECT COALESCE(MAX(l.sequence), 0) FROM bundle_ledger l WHERE "
                        f"l.direction = 'import' AND l.device_id = ? AND {_NOT_SET_ASIDE}",
                        (device_id,)).fetchone()[0]


# The audit actions of a kept value (services/form_service.py writes them).
_CONFIRM = "('confirm_out_of_range', 'confirm_constraint')"


def confirmations(conn: sqlite3.Connection, uuids: Iterable[str]) -> set[tuple[str, str, str]]:
    """(form uuid, question id, value) of every value an operator confirmed (out of range,
    or breaking its question's constraint): in the audit log, or among the rows a bundle
    series holds until it is complete."""
    found: set[tuple[str, str, str]] = set()
    uuid_list = list(uuids)
    for start in range(0, len(uuid_list), 500):
        chunk = uuid_list[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        found |= {tuple(r) for r in conn.execute(
            f"SELECT response_uuid, question_id, new FROM audit_log WHERE action IN {_CONFIRM} "
            f"AND response_uuid IN ({marks}) UNION SELECT response_uuid, question_id, new "
            f"FROM series_audit WHERE action IN {_CONFIRM} AND response_uuid IN ({marks})",
            chunk + chunk)}
    return found


def round_rows(conn: sqlite3.Connection) -> list[tuple]:
    """(uuid, name, questionnaire sha256, form_min, form_max) of every round HQ holds."""
    return [tuple(r) for r in conn.execute(
        "SELECT uuid, name, questionnaire_sha256, form_min, form_max FROM round")]
