"""Bundle bookkeeping and the HQ merge writes: ledger, device trust pins, form versions,
conflicts, export marks. The only SQL for bundles; callers hold the transaction.

Export side: `iter_forms` streams response + answers in one query ordered by uuid, so a
100k-form export never holds the database in memory twice; `export_marks` remember the
version of each form this laptop sent (incremental exports and the `base` of the next
version). Import side: new rows go in as bulk INSERTs of thousands of rows
(storage/bulk_rows.py says why); audit rows keep their uuid, and the import writes only
those HQ does not hold, so importing a bundle twice never duplicates them.
"""

from __future__ import annotations

import json
import operator
import sqlite3
from dataclasses import dataclass
from typing import Iterable, Iterator, Sequence

from . import bulk_rows
from .response_store import _COLUMNS as RESPONSE_COLUMNS

AUDIT_COLUMNS = ("uuid", "time", "operator", "device", "action", "response_uuid",
                 "question_id", "old", "new", "reason", "prev_hash", "hash")


@dataclass(frozen=True)
class LastExport:
    sequence: int
    bundle_uuid: str | None
    audit_through: int
    created: str | None


@dataclass(frozen=True)
class DevicePin:
    device_id: str
    public_key: str
    fingerprint: str
    first_seen: str
    last_sequence: int
    last_bundle_uuid: str


# -- export ----------------------------------------------------------------------------
def last_export(conn: sqlite3.Connection, device_id: str) -> LastExport:
    """The newest export of this device (sequence 0 when there is none)."""
    row = conn.execute(
        "SELECT sequence, bundle_uuid, audit_through, created FROM bundle_ledger "
        "WHERE direction = 'export' AND device_id = ? ORDER BY sequence DESC, id DESC LIMIT 1",
        (device_id,)).fetchone()
    if row is None:
        return LastExport(0, None, 0, None)
    return LastExport(row[0], row[1], row[2], row[3])


def max_audit_id(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT COALESCE(MAX(id), 0) FROM audit_log").fetchone()[0]


def count_forms(conn: sqlite3.Connection, changed_only: bool) -> int:
    sql = "SELECT COUNT(*) FROM response r"
    if changed_only:
        sql += (" LEFT JOIN export_mark m ON m.response_uuid = r.uuid "
                "WHERE m.revision IS NULL OR m.revision != r.revision")
    return conn.execute(sql).fetchone()[0]


_ANSWERS = "form_answers"


def iter_forms(conn: sqlite3.Connection, changed_only: bool
               ) -> Iterator[tuple[tuple, str, tuple[int, str] | None]]:
    """(response columns, answers as a JSON object text, last exported (revision, sha256)
    or None) per form, ordered by uuid; with `changed_only`, only forms changed since they
    were last sent. The answers are the stored canonical text (keys in code-point order;
    '{}' for a form without answers)."""
    columns = ", ".join(f"r.{c}" for c in RESPONSE_COLUMNS)
    where = " WHERE m.revision IS NULL OR m.revision != r.revision" if changed_only else ""
    cursor = conn.execute(
        f"SELECT {columns}, m.revision, m.sha256, COALESCE(g.answers, '{{}}') FROM response r "
        "LEFT JOIN export_mark m ON m.response_uuid = r.uuid "
        f"LEFT JOIN {_ANSWERS} g ON g.response_uuid = r.uuid{where} ORDER BY r.uuid")
    cursor.row_factory = None
    width = len(RESPONSE_COLUMNS)
    for row in cursor:
        base = None if row[width] is None else (row[width], row[width + 1])
        yield row[:width], row[width + 2], base


# The records.jsonl line of a form, built by SQLite around the two values Python adds
# (entry_seconds, whose shortest repr SQLite cannot print, and the content sha256); keys in
# sorted order, as records.FormRecord.to_json writes them. Columns: the content-hash head,
# the line in three pieces (before entry_seconds, before the sha256, after it), `plain`
# (the typed columns have the types that line assumes; otherwise the caller takes the
# general path) and the CSV's fixed cells. The first piece is '{"answers":', the answers
# object and `_RECORD_AFTER_ANSWERS`; storage/export_rows.py leaves the answers out of it
# (Python joins them in, so SQLite hands that long text over once, not twice).
_HASH_HEAD = "json_array(r.round_uuid, r.form_number, r.status, r.deleted_reason)"
_RECORD_AFTER_ANSWERS = (
    "',\"base\":' || CASE WHEN m.revision IS NULL "
    "THEN 'null' ELSE '{\"revision\":' || m.revision || ',\"sha256\":' || "
    "json_quote(m.sha256) || '}' END || ',\"created\":' || json_quote(r.created) || "
    "',\"deleted_reason\":' || json_quote(r.deleted_reason) || ',\"device\":' || "
    "json_quote(r.device) || ',\"entry_seconds\":'")
_RECORD_MID = (
    "',\"form_number\":' || r.form_number || ',\"keystrokes\":' || r.keystrokes || "
    "',\"operator\":' || json_quote(r.operator) || ',\"revision\":' || r.revision || "
    "',\"round_uuid\":' || json_quote(r.round_uuid) || ',\"sha256\":\"'")
_RECORD_POST = (
    "'\",\"status\":' || json_quote(r.status) || ',\"type\":\"form\",\"updated\":' || "
    "json_quote(r.updated) || ',\"uuid\":' || json_quote(r.uuid) || '}'")
_RECORD_PLAIN = (
    "typeof(r.form_number) = 'integer' AND typeof(r.keystrokes) = 'integer' AND "
    "typeof(r.revision) = 'integer' AND typeof(r.entry_seconds) = 'real' AND "
    "(m.revision IS NULL OR typeof(m.revision) = 'integer')")


_CSV_FIXED_CELLS = ("COALESCE(d.name, '')", "r.round_uuid", "r.uuid", "r.form_number",
                    "r.status", "r.operator", "r.device", "r.created", "r.updated",
                    "r.revision", "COALESCE(r.deleted_reason, '')")


def csv_fixed_cells(separator: str) -> str:
    """SQL for responses.csv's fixed cells with `separator` (an SQL expression) between
    them: round name, round uuid, form uuid, number, status, operator, device, created,
    updated, revision, deletion reason (csv_export.FIXED_COLUMNS; the caller checks them
    before it trusts them unquoted)."""
    return f" || {separator} || ".join(_CSV_FIXED_CELLS)


def csv_fixed_cells_printf(separator: str) -> str:
    """The cells of `csv_fixed_cells` in one printf (one allocation instead of one per
    `||`); `separator` is literal text without a percent sign."""
    return f"printf('{separator.join(['%s'] * len(_CSV_FIXED_CELLS))}', " \
           f"{', '.join(_CSV_FIXED_CELLS)})"


# The same line and hash head for a chunk of forms (storage/export_rows.form_chunk), each
# in ONE printf with the text columns between literal quotes instead of json_quote: a
# chain of `||` allocates and copies the growing text once per piece, and this is most of
# the export's SQLite time. Right only when no text column holds a quote, a backslash or
# a control character (the caller checks the CSV's fixed cells, which hold every one of
# them, and SQLite checks the base's sha256); U+001F marks the place of the sha256.
_REASON_JSON = ("CASE WHEN r.deleted_reason IS NULL THEN 'null' "
                "ELSE '\"' || r.deleted_reason || '\"' END")
_BASE_JSON = ("CASE WHEN m.revision IS NULL THEN 'null' "
              "ELSE printf('{\"revision\":%d,\"sha256\":\"%s\"}', m.revision, m.sha256) END")
BASE_PLAIN = "(m.sha256 IS NULL OR (length(m.sha256) = 64 AND m.sha256 NOT GLOB '*[^0-9a-f]*'))"
RECORD_LINE_PRINTF = (
    "printf('{\"answers\":%s,\"base\":%s,\"created\":\"%s\",\"deleted_reason\":%s,"
    "\"device\":\"%s\",\"entry_seconds\":%.1f,\"form_number\":%d,\"keystrokes\":%d,"
    "\"operator\":\"%s\",\"revision\":%d,\"round_uuid\":\"%s\",\"sha256\":\"' || char(31) || "
    "'\",\"status\":\"%s\",\"type\":\"form\",\"updated\":\"%s\",\"uuid\":\"%s\"}', "
    f"r.answers, {_BASE_JSON}, r.created, {_REASON_JSON}, r.device, r.entry_seconds, "
    "r.form_number, r.keystrokes, r.operator, r.revision, r.round_uuid, r.status, r.updated, "
    "r.uuid)")
HASH_INPUT_PRINTF = ("printf('[\"%s\",%d,\"%s\",%s]' || char(10) || '%s', r.round_uuid, "
                     f"r.form_number, r.status, {_REASON_JSON}, r.answers)")
# responses.csv's fixed cells, separated by U+001F (the caller checks them, then swaps in
# commas).
_RECORD_REST = f"{_RECORD_MID}, {_RECORD_POST}, {_RECORD_PLAIN}, {csv_fixed_cells('char(31)')}"
_FORM_TEXTS = (f"{_HASH_HEAD}, '{{\"answers\":' || COALESCE(g.answers, '{{}}') || "
               f"{_RECORD_AFTER_ANSWERS}, {_RECORD_REST}")


def iter_form_texts(conn: sqlite3.Connection, changed_only: bool) -> sqlite3.Cursor:
    """The rows of `iter_forms` (response columns, base revision, base sha256, answers
    JSON) followed by text SQLite formats for the export: the content-hash head, the
    records.jsonl line in three pieces, a `plain` flag and the CSV's fixed cells (see
    _FORM_TEXTS); ordered by uuid, streamed."""
    columns = ", ".join(f"r.{c}" for c in RESPONSE_COLUMNS)
    where = " WHERE m.revision IS NULL OR m.revision != r.revision" if changed_only else ""
    cursor = conn.cursor()
    cursor.row_factory = None
    return cursor.execute(
        f"SELECT {columns}, m.revision, m.sha256, COALESCE(g.answers, '{{}}'), {_FORM_TEXTS} "
        "FROM response r LEFT JOIN export_mark m ON m.response_uuid = r.uuid "
        f"LEFT JOIN {_ANSWERS} g ON g.response_uuid = r.uuid "
        f"LEFT JOIN round d ON d.uuid = r.round_uuid{where} ORDER BY r.uuid")


def iter_audit_lines(conn: sqlite3.Connection, after_id: int) -> Iterator[str]:
    """Audit rows with id > after_id, oldest first, each as a JSON object text (keys in
    sorted order) made by SQLite: the lines of audit.jsonl."""
    pairs = ", ".join(f"'{c}', {c}" for c in sorted(AUDIT_COLUMNS))
    cursor = conn.execute(f"SELECT json_object({pairs}) FROM audit_log WHERE id > ? "
                          "ORDER BY id", (after_id,))
    cursor.row_factory = None
    return map(operator.itemgetter(0), cursor)


def rounds(conn: sqlite3.Connection) -> list[dict]:
    return [dict(row) for row in conn.execute("SELECT * FROM round ORDER BY created, uuid")]


def record_export(conn: sqlite3.Connection, *, bundle_uuid: str, device_id: str,
                  sequence: int, previous_uuid: str | None, created: str, recorded: str,
                  file_name: str, counts: dict, audit_through: int,
                  marks: Sequence[tuple[str, int, str]]) -> None:
    """The ledger row of an export and the export marks of the forms it carried."""
    conn.execute(
        "INSERT INTO bundle_ledger (direction, bundle_uuid, device_id, sequence, previous_uuid,"
        " created, recorded, file_name, counts, audit_through) "
        "VALUES ('export', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (bundle_uuid, device_id, sequence, previous_uuid, created, recorded, file_name,
         json.dumps(counts, sort_keys=True), audit_through))
    conn.executemany(
        "INSERT INTO export_mark (response_uuid, revision, sha256, bundle_uuid) "
        "VALUES (?, ?, ?, ?) ON CONFLICT(response_uuid) DO UPDATE SET "
        "revision = excluded.revision, sha256 = excluded.sha256, "
        "bundle_uuid = excluded.bundle_uuid",
        [(uuid, revision, sha, bundle_uuid) for uuid, revision, sha in marks])


def complete_export(conn: sqlite3.Connection, bundle_uuid: str, audit_through: int,
                    marks: Sequence[tuple[str, int, str]]) -> None:
    """After the file exists: the audit watermark and the marks of a claimed export."""
    conn.execute("UPDATE bundle_ledger SET audit_through = ? WHERE direction = 'export' AND "
                 "bundle_uuid = ?", (audit_through, bundle_uuid))
    conn.executemany(
        "INSERT INTO export_mark (response_uuid, revision, sha256, bundle_uuid) "
        "VALUES (?, ?, ?, ?) ON CONFLICT(response_uuid) DO UPDATE SET "
        "revision = excluded.revision, sha256 = excluded.sha256, "
        "bundle_uuid = excluded.bundle_uuid",
        [(uuid, revision, sha, bundle_uuid) for uuid, revision, sha in marks])


def drop_export_claim(conn: sqlite3.Connection, bundle_uuid: str) -> None:
    """Remove the claim of an export whose file could not be written."""
    conn.execute("DELETE FROM bundle_ledger WHERE direction = 'export' AND bundle_uuid = ?",
                 (bundle_uuid,))


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
    """The uuid of a bundle HQ imported from this device with this sequence number."""
    row = conn.execute("SELECT bundle_uuid FROM bundle_ledger WHERE direction = 'import' AND "
                       "device_id = ? AND sequence = ? ORDER BY id LIMIT 1",
                       (device_id, sequence)).fetchone()
    return row[0] if row else None


def last_imported_sequence(conn: sqlite3.Connection, device_id: str) -> int:
    return conn.execute("SELECT COALESCE(MAX(sequence), 0) FROM bundle_ledger WHERE "
                        "direction = 'import' AND device_id = ?", (device_id,)).fetchone()[0]


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


def round_rows(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    """(uuid, name, questionnaire sha256) of every round HQ holds."""
    return [tuple(r) for r in conn.execute("SELECT uuid, name, questionnaire_sha256 FROM round")]
