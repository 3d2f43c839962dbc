"""A snapshot part whose label codes point past its labels (a flipped byte in a stored
column of codes) is a snapshot that differs: `riskmap check` says so and `--repair`
rebuilds it. Before, the comparison stopped with an IndexError wherever a chunk met the
code (found by random tampering on the check-speed branch)."""

from __future__ import annotations

import sqlite3

import numpy as np

from desktop.services import check_service

from check_helpers import analysed_project


def _codes_part(conn) -> tuple[str, bytearray, int]:
    """A stored column of label codes: its name, bytes and number of labels."""
    import json
    for name, meta, data in conn.execute("SELECT name, meta, data FROM analysis_snapshot"):
        meta = json.loads(meta)
        if meta.get("kind") == "codes" and data:
            return name, bytearray(data), len(meta["labels"])
    raise AssertionError("no column of codes in the snapshot")


def test_a_code_no_label_has_is_a_snapshot_that_differs(tmp_path):
    path = analysed_project(tmp_path / "p.db", 24, seed=11)
    before = check_service.check_project(path)
    assert before.snapshot.ok, before.snapshot
    conn = sqlite3.connect(path, isolation_level=None)
    name, data, labels = _codes_part(conn)
    codes = np.frombuffer(bytes(data), dtype=np.int32).copy()
    codes[len(codes) // 2] = labels + 5  # a code past every label
    conn.execute("UPDATE analysis_snapshot SET data = ? WHERE name = ?",
                 (codes.tobytes(), name))
    conn.close()
    after = check_service.check_project(path)  # no IndexError
    assert not after.snapshot.ok and after.snapshot.key != before.snapshot.key, after.snapshot
