"""A series takes all its numbers at HQ (services/series_numbers.py): a part whose series
could never be complete (one of its numbers is another bundle's at HQ) is held whole,
whichever part comes first, and a bundle numbered inside a series HQ holds parts of is
held; nothing of either is written."""

from __future__ import annotations

import shutil

from desktop.services.export_service import PartLimits, export_bundle
from desktop.services.import_service import import_bundles
from desktop.storage.database import Database

from bundle_helpers import db_state, make_hq_db
from test_restored_backup import _backup, _key_forms
from trust_helpers import enrol_fingerprints


def _series_rows(hq) -> int:
    db = Database.open(hq)
    try:
        return db.conn.execute("SELECT COUNT(*) FROM series_part").fetchone()[0] + \
            db.conn.execute("SELECT COUNT(*) FROM series_audit").fetchone()[0]
    finally:
        db.close()


def test_a_part_above_a_held_number_is_held_in_any_order(
        tmp_path, hq_keys, field_key, field_db, out_dir, valid_answers):
    """Bundles 1 and 2 of the lost copy are at HQ; the restored copy (backup after 1)
    exports a series numbered 2 to 4. Its part 3 (number 4) comes first: held, saying
    number 2 is used; HQ unchanged, no series recorded."""
    hq = make_hq_db(tmp_path / "hq.db")
    enrol_fingerprints(hq, field_key.fingerprint)
    send = lambda **kw: export_bundle(field_db, field_key, [hq_keys.recipient], out_dir, **kw)
    _key_forms(field_db, field_key.device_id, valid_answers, [1])
    first = send()
    _backup(field_db, tmp_path / "backup.db")
    _key_forms(field_db, field_key.device_id, valid_answers, [2])
    second = send()
    report = import_bundles(hq, hq_keys.identity_path, [first.path, second.path])
    assert [b.status for b in report.bundles] == ["imported"] * 2
    shutil.copy(tmp_path / "backup.db", field_db)
    _key_forms(field_db, field_key.device_id, valid_answers, [5, 6, 7])
    series = send(limits=PartLimits(forms=1))
    assert len(series.paths) == 3 and series.manifests[0].sequence == 2
    before = db_state(hq)
    report = import_bundles(hq, hq_keys.identity_path, list(reversed(series.paths)))
    assert [(b.status, b.refusal) for b in report.bundles] == [
        ("held", "series_number_used"), ("held", "series_number_used"),
        ("held", "sequence_reused")], [b.message for b in report.bundles]
    said = report.bundles[0].message_in("en")
    assert "numbered 2 to 4" in said and "numbered 2, so the series could never" in said
    assert "nunca podría completarse" in report.bundles[0].message_in("es")
    assert db_state(hq) == before and _series_rows(hq) == 0


def test_a_bundle_numbered_inside_a_series_hq_holds_parts_of_is_held(
        tmp_path, hq_keys, field_key, field_db, out_dir, valid_answers):
    """The original exports a series numbered 2 to 4 and HQ imports its part 3 (number
    4); a copy restored from the backup made after bundle 1 sends a single bundle
    numbered 2, which the series takes: held (the first to arrive keeps its numbers)."""
    hq = make_hq_db(tmp_path / "hq.db")
    enrol_fingerprints(hq, field_key.fingerprint)
    send = lambda **kw: export_bundle(field_db, field_key, [hq_keys.recipient], out_dir, **kw)
    _key_forms(field_db, field_key.device_id, valid_answers, [1])
    first = send()
    _backup(field_db, tmp_path / "backup.db")
    _key_forms(field_db, field_key.device_id, valid_answers, [2, 3, 4])
    series = send(limits=PartLimits(forms=1))
    assert len(series.paths) == 3
    report = import_bundles(hq, hq_keys.identity_path, [first.path, series.paths[2]])
    assert [b.status for b in report.bundles] == ["imported"] * 2
    shutil.copy(tmp_path / "backup.db", field_db)
    _key_forms(field_db, field_key.device_id, valid_answers, [8])
    single = send()
    assert single.manifest.sequence == 2
    before = db_state(hq)
    [result] = import_bundles(hq, hq_keys.identity_path, [single.path]).bundles
    assert (result.status, result.refusal) == ("held", "number_in_series"), result.message
    assert "numbered 2 to 4" in result.message_in("en")
    assert db_state(hq) == before
    # The series' own parts still come in and complete it.
    report = import_bundles(hq, hq_keys.identity_path, list(series.paths[:2]))
    assert [b.status for b in report.bundles] == ["imported"] * 2
    assert _series_rows(hq) == 3  # parts recorded; held audit rows released
