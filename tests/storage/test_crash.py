"""A process saving forms is killed with SIGKILL at random moments, many times; after each
kill every form it reported as saved is there, whole, in the dashboard's analysis snapshot
and in the sums the dashboard shows (the stored per-profile-cell sums, patched with the
forms written since), and the database is intact."""

import os
import random
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.domain import cell_sums
from desktop.domain.cell_sums import CellSums
from desktop.domain.form_columns import FormColumns
from desktop.services import analysis_table, cell_sums_cache
from desktop.services.project import DatabaseLocator, Project
from desktop.storage import integrity, response_store

CHILD = Path(__file__).with_name("crash_child.py")
KILLS = 24


@pytest.mark.parametrize("encrypted", [False, True], ids=["plaintext", "sqlcipher"])
def test_sigkill_never_loses_a_reported_form(tmp_path, encrypted):
    path = tmp_path / "crash.db"
    key = secrets.token_bytes(32) if encrypted else None
    locator = DatabaseLocator(path, key)
    project = Project.open(locator)
    project.create_round("Crash", target_count=0)
    project.close()
    rng = random.Random(20261129)
    reported: list[str] = []
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    if key:
        env["CRASH_DB_KEY"] = key.hex()
    for attempt in range(KILLS):
        store = ["store"] if attempt % 2 else []  # half the children store the snapshot
        child = subprocess.Popen([sys.executable, str(CHILD), str(path), str(1000 * attempt + 1),
                                  *store],
                                 stdout=subprocess.PIPE, text=True, env=env)
        # Kill after a random number of reported saves, plus a random fraction of a save,
        # so the kill lands anywhere: between saves, inside a transaction, during COMMIT.
        wanted = rng.randint(0, 12)
        seen = 0
        while seen < wanted:
            line = child.stdout.readline()
            if not line:
                break
            reported.append(line.strip())
            seen += 1
        time.sleep(rng.random() * 0.02)
        child.send_signal(signal.SIGKILL)
        rest, _ = child.communicate()
        reported.extend(line for line in rest.split() if line)
        assert child.returncode == -signal.SIGKILL

        db = Project.open(locator)
        try:
            report = integrity.check(db.db.conn)
            assert report.integrity == "ok", f"attempt {attempt}: {report.integrity}"
            # The dashboard's snapshot (stored at some attempts, patched at the others)
            # holds exactly the saved forms, the one a kill interrupted included or not.
            assert analysis_table.agrees(db.db.conn, db.questionnaire), f"attempt {attempt}"
            # The stored sums (when a child got to store them: a kill may land inside that
            # write) are the snapshot's, and the dashboard's sums count every live form.
            conn = db.db.conn
            assert cell_sums_cache.stored_sums_agree(conn, db.questionnaire) is not False, \
                f"attempt {attempt}"
            had_sums = conn.execute("SELECT COUNT(*) FROM analysis_cell_sums").fetchone()[0]
            sums, info = cell_sums_cache.load_sums(conn, db.questionnaire)
            assert info.source == (cell_sums_cache.STORED if had_sums
                                   else cell_sums_cache.ADDED), f"attempt {attempt}"
            live = conn.execute("SELECT COUNT(*) FROM response WHERE status IN "
                                "('entered', 'verified')").fetchone()[0]
            assert sums.forms == live >= len(set(reported)), f"attempt {attempt}"
            frame, _ = analysis_table.load_frame(db.db.conn, db.questionnaire,
                                                 store_after=attempt % 3)
            assert set(reported) <= set(frame["uuid"]), f"attempt {attempt}"
            assert len(frame) == live, f"attempt {attempt}"
            assert cell_sums.equal(sums, CellSums.from_columns(
                FormColumns.from_frame(frame, db.questionnaire), db.questionnaire)), \
                f"attempt {attempt}: the dashboard's sums are not those of the forms"
            for uuid in reported:
                stored = response_store.get_form(db.db.conn, uuid)
                assert stored is not None, f"attempt {attempt}: reported form {uuid} lost"
                assert len(stored.answers) >= 30
                audit = db.db.conn.execute("SELECT COUNT(*) FROM audit_log WHERE "
                                           "response_uuid = ?", (uuid,)).fetchone()[0]
                assert audit == 1
        finally:
            db.close()
    assert len(reported) >= KILLS  # the test did kill mid-run, after real saves
    assert (path.read_bytes()[:15] == b"SQLite format 3") is not encrypted
