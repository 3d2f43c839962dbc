"""A process saving forms is killed with SIGKILL at random moments, many times; after each
kill every form it reported as saved is there, whole, in the dashboard's analysis snapshot
too, and the database is intact."""

import os
import random
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.services import analysis_table
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
            frame, _ = analysis_table.load_frame(db.db.conn, db.questionnaire,
                                                 store_after=attempt % 3)
            assert set(reported) <= set(frame["uuid"]), f"attempt {attempt}"
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
