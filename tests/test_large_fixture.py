"""The million-form fixture of `make bench-large`, built small: it must keep working as the
program changes (it broke once, silently, when the device key moved into the project)."""

from benchmarks.large_fixture import large_database
from desktop.storage.database import Database


def test_large_fixture_builds_hq_by_import(tmp_path):
    fixture = large_database(devices=2, n=30, folder=tmp_path)

    db = Database.open(fixture.hq)
    try:
        forms = db.conn.execute("SELECT COUNT(*) FROM response").fetchone()[0]
        devices = db.conn.execute("SELECT COUNT(DISTINCT device) FROM response").fetchone()[0]
    finally:
        db.close()
    assert (forms, devices) == (60, 2)
    assert fixture.extra_bundle.exists() and fixture.extra_bundle not in fixture.bundles
    again = large_database(devices=2, n=30, folder=tmp_path)  # cached: nothing rebuilt
    assert again.extra_fingerprint == fixture.extra_fingerprint
