"""The audit hash chain: each audit row hashes its content and the previous row of its device.

`row_hash(prev_hash, values)` is sha256 over the previous row's hash (empty text for the
first row of a device), a newline, and the compact JSON list of the row's AUDIT_FIELDS
values. A changed, removed or reordered row breaks every hash after it, and HQ holds the
last hash it received from each device, so a field database cannot rewrite what it has
already sent. Rows written before schema V5 carry no hash and stand before the chain.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass, field
from typing import Iterable, Sequence

import orjson

from .connection import DatabaseDriverError

AUDIT_FIELDS = ("uuid", "time", "operator", "device", "action", "response_uuid",
                "question_id", "old", "new", "reason")
GENESIS = ""
_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
# The encoder's own quoting of a text (C, non-ASCII kept): what `_encode` writes for a str.
_quote = json.encoder.encode_basestring


def row_hash(prev_hash: str, values: Sequence) -> str:
    """The hash of one audit row (values in AUDIT_FIELDS order) after `prev_hash`.

    A row of texts and NULLs (every audit row a bundle may carry) is written by orjson,
    whose bytes for a list of texts and nulls are the standard library encoder's
    (`row_text`, non-ASCII kept, the same escapes: quote, backslash, \\b \\f \\n \\r \\t
    and \\u00XX in lowercase for the other control characters; tests/storage/
    test_audit_row_text.py compares them): 3.5-4 us a row instead of 6-7 (about 0.3 s of
    the importing process's CPU per 100k audit rows). Any other row, and a text orjson
    refuses (a lone surrogate, which the UTF-8 encoding below refuses as before), takes
    `row_text`."""
    if prev_hash.__class__ is str and set(map(type, values)) <= _TEXT_TYPES:
        try:
            text = _dumps(values)
        except _EncodeError:
            pass
        else:
            return _sha256(b"%b\n%b" % (prev_hash.encode("utf-8"), text)).hexdigest()
    return _sha256(f"{prev_hash}\n{row_text(values)}".encode("utf-8")).hexdigest()


_TEXT_TYPES = frozenset((str, type(None)))
_dumps = orjson.dumps
_EncodeError = orjson.JSONEncodeError
_sha256 = hashlib.sha256


def row_text(values: Sequence) -> str:
    """The compact JSON list of `values`, the text `_encode(list(values))` gives. A row of
    texts and NULLs (every audit row) is joined here from each value's quoted text: 2.0 us
    a row instead of the general encoder's 2.8 (0.1 s of CPU per 100k imported audit
    rows); any other value (a number) makes `_quote` refuse, and the encoder writes it.
    tests/storage/test_audit_row_text.py checks the bytes are the encoder's."""
    try:
        return "[" + ",".join(["null" if v is None else _quote(v) for v in values]) + "]"
    except TypeError:
        return _encode(list(values))


def device_head(conn: sqlite3.Connection, device: str) -> str:
    """The hash of the newest chained row of `device` (GENESIS when it has none)."""
    row = conn.execute("SELECT hash FROM audit_log WHERE device = ? AND hash IS NOT NULL "
                       "ORDER BY id DESC LIMIT 1", (device,)).fetchone()
    return row[0] if row else GENESIS


def device_heads(conn: sqlite3.Connection, devices: Iterable[str]) -> dict[str, str]:
    return {device: device_head(conn, device) for device in set(devices)}


@dataclass
class Finding:
    """One problem found by `check`: a catalogue key (`out.*`) and its fields, said in
    the reader's language (`text`); `str()` is the English sentence (logs, --json)."""

    key: str
    params: dict = field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        from ..domain.user_error import error_message
        return error_message(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.text("en")


@dataclass
class ChainReport:
    """The result of walking every device's chain in a database."""

    rows: int = 0
    legacy_rows: int = 0
    devices: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings


# What `row_hash` hashes, built by SQLite: its JSON text of a row of texts and NULLs is
# the one Python's encoder writes (measured: the same for a million rows), so Python only
# hashes. Any row whose hash does not match is hashed again from its values in Python
# before it is reported, so a different escaping in some SQLite version can cost time,
# never a false finding.
_HASHED = (f"coalesce(prev_hash, '') || char(10) || "
           f"json_array({', '.join(AUDIT_FIELDS)})")


def verify_chains(conn: sqlite3.Connection, limit: int = 20) -> ChainReport:
    """Walk every audit row in id order and check each device's chain (read only). A row
    may follow an earlier row of its device instead of the last one only where an import
    recorded a restored copy's branch there (bundle_store.chain_branches)."""
    from .bundle_store import chain_branches
    branches = chain_branches(conn)
    try:
        cursor = conn.execute(f"SELECT id, device, prev_hash, hash, {_HASHED} "
                              "FROM audit_log ORDER BY id")
        cursor.row_factory = None
        return _walk(conn, cursor, limit, branches)
    except DatabaseDriverError:  # a value JSON cannot hold (a BLOB): hash in Python
        columns = ", ".join(AUDIT_FIELDS)
        cursor = conn.execute(f"SELECT id, {columns}, prev_hash, hash FROM audit_log "
                              "ORDER BY id")
        cursor.row_factory = None
        width = len(AUDIT_FIELDS)
        return _walk(conn, ((row[0], row[4], row[width + 1], row[width + 2], row[1:width + 1])
                            for row in cursor), limit, branches)


def _walk(conn: sqlite3.Connection, rows, limit: int,
          branches: set[tuple[str, str]] = frozenset()) -> ChainReport:
    """`rows`: (id, device, prev_hash, hash, hashed text or the values in AUDIT_FIELDS
    order). `branches`: (device, hash) where a recorded branch may start."""
    report = ChainReport()
    heads: dict[str, str | None] = {}
    seen: set[tuple[str, str]] = set()  # the branch points walked so far
    sha256 = hashlib.sha256
    for row_id, device, prev, digest, hashed in rows:
        report.rows += 1
        head = heads.get(device)
        if digest is None and prev is None:
            if head is not None:
                _find(report, limit, "out.check_finding_chain_unhashed", row_id, device)
            report.legacy_rows += 1
            heads.setdefault(device, None)
            continue
        expected_prev = head if head is not None else GENESIS
        if prev != expected_prev and not (
                (device, prev) in branches and (device, prev) in seen):
            _find(report, limit, "out.check_finding_chain_order", row_id, device)
        if branches and (device, digest) in branches:
            seen.add((device, digest))
        if isinstance(hashed, str):
            matches = sha256(hashed.encode("utf-8")).hexdigest() == digest
        else:
            matches = _hash_matches(prev, hashed, digest)
        if not matches and not _hash_matches(prev, _values(conn, row_id), digest):
            _find(report, limit, "out.check_finding_chain_hash", row_id, device)
        heads[device] = digest
    report.devices = len(heads)
    return report


def _values(conn: sqlite3.Connection, row_id: int) -> tuple:
    cursor = conn.execute(f"SELECT {', '.join(AUDIT_FIELDS)} FROM audit_log WHERE id = ?",
                          (row_id,))
    cursor.row_factory = None
    return cursor.fetchone()


def _python_hash(prev: str | None, values) -> str | None:
    try:
        return row_hash(prev or "", values)
    except (TypeError, ValueError):  # a value no writer of this program hashes (bytes)
        return None


def _hash_matches(prev: str | None, values, digest: str | None) -> bool:
    computed = _python_hash(prev, values)
    return computed is not None and computed == digest


def _find(report: ChainReport, limit: int, key: str, row_id: int, device: str) -> None:
    if len(report.findings) < limit:
        report.findings.append(Finding(key, {"row": row_id, "device": device}))
