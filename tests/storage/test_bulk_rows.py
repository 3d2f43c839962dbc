"""bulk_rows writes exactly what executemany would: every value and type, in order,
across the batches the parameter limit forces, and refuses what the schema refuses."""

from __future__ import annotations

import math
import sqlite3
import struct

import pytest

from desktop.storage import bulk_rows


def _conn() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, n INTEGER, x REAL, "
                 "note TEXT)")
    conn.execute("CREATE TABLE form_answers (response_uuid TEXT PRIMARY KEY, "
                 "answers TEXT NOT NULL)")
    return conn


AWKWARD = ["", "a,b", 'quote " inside', "línea\nnueva", "ñ 中文 🙂", "nul\x00inside",
           "\\u0000", "{\"json\": 1}"]


def _floats() -> list[float]:
    values = [0.1, 1 / 3, 5e-324, 1.7976931348623157e308, -0.0, 123456.789, 2.5]
    values += [struct.unpack("d", struct.pack("Q", bits))[0]
               for bits in range(0x3FF0000000000001, 0x3FF0000000000001 + 20 * 7919, 7919)]
    return [v for v in values if math.isfinite(v)]


def test_rows_keep_every_value_type_and_order_across_batches():
    conn = _conn()
    floats = _floats()
    per = bulk_rows.MAX_PARAMETERS // 5
    rows = [(i, AWKWARD[i % len(AWKWARD)], i * 7 - 3, floats[i % len(floats)],
             None if i % 3 else f"n{i}") for i in range(per * 2 + 17)]
    bulk_rows.insert_rows(conn, "t", ("id", "name", "n", "x", "note"), rows)
    got = conn.execute("SELECT id, name, n, x, note FROM t ORDER BY rowid").fetchall()
    assert got == rows
    assert all(type(a) is type(b) for row, back in zip(rows, got) for a, b in zip(row, back))
    # Bit for bit what executemany stores (SQLite itself keeps -0.0 as 0.0 either way).
    conn.execute("CREATE TABLE u AS SELECT * FROM t WHERE 0")
    conn.executemany("INSERT INTO u VALUES (?, ?, ?, ?, ?)", rows)
    assert [struct.pack("d", r[0]) for r in conn.execute("SELECT x FROM t ORDER BY id")] == \
        [struct.pack("d", r[0]) for r in conn.execute("SELECT x FROM u ORDER BY id")]


def test_or_ignore_skips_duplicates_and_plain_insert_refuses_them():
    conn = _conn()
    bulk_rows.insert_rows(conn, "t", ("id", "name"), [(1, "a"), (2, "b")])
    bulk_rows.insert_rows(conn, "t", ("id", "name"), [(2, "x"), (3, "c")], or_ignore=True)
    assert conn.execute("SELECT id, name FROM t ORDER BY id").fetchall() == [
        (1, "a"), (2, "b"), (3, "c")]
    with pytest.raises(sqlite3.IntegrityError):
        bulk_rows.insert_rows(conn, "t", ("id", "name"), [(4, "d"), (1, "again")])


def test_nothing_to_insert_runs_no_statement():
    conn = _conn()
    bulk_rows.insert_rows(conn, "t", ("id",), [])
    bulk_rows.insert_form_answers(conn, [])
    assert conn.execute("SELECT count(*) FROM t").fetchone() == (0,)
    assert conn.execute("SELECT count(*) FROM form_answers").fetchone() == (0,)


def test_form_answers_are_one_canonical_row_per_form_across_batches():
    """Canonical texts go in as they are (the same str object), others are normalised
    (keys sorted, compact, the encoder's escapes), '{}' gets no row; one row per form,
    in order, across the batches the parameter limit forces."""
    conn = _conn()
    count = bulk_rows.MAX_PARAMETERS // 2 + 5
    canonical = '{"q1":"1","q2":"a, b","q3":"ñ 中文"}'
    loose = '{"q3": "\\u00f1\\n", "q1": "1", "q2": "a,\\"b\\""}'
    pairs = [(f"form-{i:06d}", (canonical if i % 4 == 1 else loose) if i % 2 else "{}")
             for i in range(count)]
    bulk_rows.insert_form_answers(conn, pairs)
    rows = conn.execute("SELECT response_uuid, answers FROM form_answers "
                        "ORDER BY rowid").fetchall()
    assert [r[0] for r in rows] == [f"form-{i:06d}" for i in range(1, count, 2)]
    assert rows[0] == ("form-000001", canonical)
    assert rows[1] == ("form-000003", '{"q1":"1","q2":"a,\\"b\\"","q3":"ñ\\n"}')
    with pytest.raises(ValueError):
        bulk_rows.insert_form_answers(conn, [("bad", '{"q1": 1}')])
