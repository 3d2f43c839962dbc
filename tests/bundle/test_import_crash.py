"""The import process is killed (SIGKILL) at random moments, statement by statement
through the merge and its COMMIT, and at random times: the HQ database is always either
exactly as before the bundle or exactly as after all of it, never in between."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from bundle_helpers import make_hq_db
from trust_helpers import enrol_bundles

from desktop.storage import integrity
from desktop.storage.database import Database

CHILD = Path(__file__).with_name("crash_import_child.py")
ENV = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}


VOLATILE = {"recorded", "first_seen", "detected", "added", "found"}  # the import's clock


def _dump_hash(path: Path) -> str:
    """A hash of every table's rows, with the import's own timestamps (and the uuid and
    time of HQ's own audit rows) masked, so two complete imports hash the same."""
    conn = sqlite3.connect(path)
    parts = []
    own = {"hq", *(r[0] for r in conn.execute("SELECT device_id FROM device_secret"))}
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                         "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    for table in tables:
        if table == "device_secret":
            continue  # a fresh key per database
        cursor = conn.execute(f"SELECT * FROM {table}")
        names = [d[0] for d in cursor.description]
        for row in cursor:
            item = dict(zip(names, row))
            for name in VOLATILE & set(item):
                item[name] = "*"
            if table == "audit_log" and item["device"] in own:  # HQ's own rows (and chain)
                item["uuid"] = item["time"] = item["prev_hash"] = item["hash"] = "*"
                item["device"] = "*"  # HQ's own key is made by its first import
            if table == "bundle_ledger":
                item["report"] = "*" if item["direction"] == "import" else item["report"]
            parts.append(f"{table}:{sorted(item.items())!r}")
    conn.close()
    return hashlib.sha256("\n".join(sorted(parts)).encode()).hexdigest()


def _run(db: Path, keys, bundle: Path, kill_at: int) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(CHILD), str(db), str(keys.identity_path),
                           str(bundle), str(kill_at)], capture_output=True, text=True,
                          env=ENV, timeout=120)


def _check_intact(path: Path) -> None:
    db = Database.open(path)
    try:
        assert integrity.check(db.conn).ok
    finally:
        db.close()


def test_killed_import_leaves_before_or_after(tmp_path, bundle, hq_keys):
    pristine = make_hq_db(tmp_path / "pristine.db")
    enrol_bundles(pristine, hq_keys.identity_path, [bundle])
    before = _dump_hash(pristine)
    full = tmp_path / "full.db"
    shutil.copy(pristine, full)
    done = _run(full, hq_keys, bundle, 0)
    assert done.returncode == 0, done.stderr
    statements = int(done.stdout.split()[-1])
    after = _dump_hash(full)
    assert before != after and statements > 20

    rng = random.Random(5)
    kill_points = sorted({-1, 1, 2, statements - 1, statements}
                         | {rng.randint(1, statements) for _ in range(20)})
    outcomes = {"before": 0, "after": 0}
    for kill_at in kill_points:
        db = tmp_path / f"kill-{kill_at}.db"
        shutil.copy(pristine, db)
        result = _run(db, hq_keys, bundle, kill_at)
        assert result.returncode == -signal.SIGKILL, (kill_at, result.stderr)
        state = _dump_hash(db)
        assert state in (before, after), f"killed at statement {kill_at}: half a bundle"
        outcomes["before" if state == before else "after"] += 1
        _check_intact(db)
        # and the bundle can still be imported afterwards (or is reported as a replay)
        again = _run(db, hq_keys, bundle, 0)
        if state == before:
            assert again.returncode == 0, again.stderr
            assert _dump_hash(db) != before
    assert outcomes["before"] > 0 and outcomes["after"] > 0
