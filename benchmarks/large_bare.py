"""The baselines of `make bench-large`, each run in a child: what SQLite alone pays for
the same reads and writes the program's figures make (benchmarks/bench_large.py)."""

from __future__ import annotations

import time
from pathlib import Path

from benchmarks.child_process import say
from benchmarks.table import BARE_READ


def bare_integrity(path: Path, pragma: str) -> None:
    """SQLite's own PRAGMA integrity_check or quick_check on the file, read-only."""
    import sqlite3
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    start = time.perf_counter()
    result = conn.execute(f"PRAGMA {pragma}").fetchone()[0]
    say(seconds=time.perf_counter() - start, result=result)


def bare_snapshot(path: Path) -> None:
    """The numbers the dashboard shows, as bytes straight from SQLite into numpy."""
    import sqlite3

    import numpy as np
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    start = time.perf_counter()
    arrays = [np.frombuffer(data, dtype=np.uint8) for _, data in
              conn.execute(BARE_READ)]
    say(seconds=time.perf_counter() - start, bytes=sum(a.nbytes for a in arrays))


def bare_rows(path: Path) -> None:
    """The rows `riskmap data` writes, read from SQLite one form at a time and dropped
    (what any reader of the answer rows pays at least)."""
    import sqlite3
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    start = time.perf_counter()
    cursor = conn.execute(
        "SELECT r.uuid, r.round_uuid, r.form_number, r.status, r.device, r.created, "
        "(SELECT a.answers FROM form_answers a "
        "WHERE a.response_uuid = r.uuid) FROM response r "
        "WHERE r.status IN ('entered', 'verified')")
    rows = 0
    while True:
        chunk = cursor.fetchmany(20_000)
        if not chunk:
            break
        rows += len(chunk)
    say(seconds=time.perf_counter() - start, rows=rows)



def bare_export_read(path: Path) -> None:
    """The rows a full export reads (storage/export_rows and the audit lines), read from
    SQLite in one read transaction and dropped: what the export pays at least."""
    import sqlite3

    from desktop.storage import export_rows, export_store
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    start = time.perf_counter()
    conn.execute("BEGIN")
    cursor = export_rows.iter_form_rows(conn, False)
    forms = 0
    while chunk := cursor.fetchmany(1000):
        forms += len(chunk)
    audit = sum(1 for _ in export_store.iter_audit_lines(conn, 0))
    conn.execute("COMMIT")
    say(seconds=time.perf_counter() - start, forms=forms, audit=audit)



def bare_import(source: Path, target: Path, parts: int) -> None:
    """The import's baseline: a bare executemany of the same response and answer rows into
    an empty copy of the schema, the answers one row per answer as the issue measured them
    (the old long table, created untimed), one transaction per part (the series' split by uuid),
    read from `source` in chunks outside the clock (a million forms do not fit in memory
    as Python rows). The rounds and questionnaires are copied first, untimed."""
    import math
    import sqlite3

    from benchmarks.import_child import OLD_ANSWER_TABLE
    from desktop.storage.database import Database
    from desktop.storage.response_store import _COLUMNS as COLUMNS
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    db = Database.open(target)
    conn = db.conn
    with db.transaction():
        conn.execute(OLD_ANSWER_TABLE)
        for table in ("questionnaire", "round"):
            cursor = src.execute(f"SELECT * FROM {table}")
            names = [d[0] for d in cursor.description]
            conn.executemany(f"INSERT OR IGNORE INTO {table} ({', '.join(names)}) VALUES "
                             f"({', '.join('?' for _ in names)})", cursor.fetchall())
    uuids = [row[0] for row in src.execute("SELECT uuid FROM response ORDER BY uuid")]
    per_part = math.ceil(len(uuids) / parts)
    insert_response = (f"INSERT INTO response ({', '.join(COLUMNS)}) VALUES "
                       f"({', '.join('?' for _ in COLUMNS)})")
    insert_answer = ("INSERT INTO answer_long (response_uuid, question_id, value) "
                     "VALUES (?, ?, ?)")
    timed = 0.0
    for first in range(0, len(uuids), per_part):
        part = uuids[first:first + per_part]
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        timed += time.perf_counter() - start
        for low in range(0, len(part), 20_000):
            chunk = part[low:low + 20_000]
            bounds = (chunk[0], chunk[-1])
            responses = src.execute(f"SELECT {', '.join(COLUMNS)} FROM response WHERE uuid "
                                    "BETWEEN ? AND ?", bounds).fetchall()
            answers = src.execute("SELECT response_uuid, question_id, value FROM answer "
                                  "WHERE response_uuid BETWEEN ? AND ?", bounds).fetchall()
            start = time.perf_counter()
            conn.executemany(insert_response, responses)
            conn.executemany(insert_answer, answers)
            timed += time.perf_counter() - start
            del responses, answers
        start = time.perf_counter()
        conn.execute("COMMIT")
        timed += time.perf_counter() - start
    db.close()
    say(seconds=timed, forms=len(uuids))

