"""Export service: file name and atomic write, ledger and sequence chain, incremental vs
full, several recipients, refusals, cancellation, and spreadsheet-safe CSV."""

from __future__ import annotations

import csv
import io
import re
import zipfile

import pytest

from desktop.bundle import age_crypto
from desktop.bundle.csv_export import neutralise
from desktop.services.device_identity import project_device_key
from desktop.services.demo_service import fill_demo
from desktop.services.export_service import ExportRefused, export_bundle
from desktop.services.form_service import Actor, FormService
from desktop.services.keys_service import hq_init
from desktop.services.project import Project
from desktop.storage import bundle_store
from desktop.ui.background import Cancelled


@pytest.fixture
def setup(tmp_path):
    path = tmp_path / "field.db"
    project = Project.open(path)
    fill_demo(project, 12, seed=2, round_name="Ronda Norte")
    project.close()
    out = tmp_path / "out"
    out.mkdir()
    return path, project_device_key(path), hq_init(tmp_path / "keys"), out


def _open(path, keys):
    plain = age_crypto.decrypt(path.read_bytes(), age_crypto.load_identities(keys.identity_path))
    return zipfile.ZipFile(io.BytesIO(plain))


def test_first_export_names_the_file_and_records_the_ledger(setup):
    db, key, keys, out = setup
    result = export_bundle(db, key, [keys.recipient], out)
    assert re.fullmatch(rf"riskmap-{key.device_id}-ronda-norte-\d{{8}}T\d{{6}}Z\.zip\.age",
                        result.path.name)
    assert [p.name for p in out.iterdir()] == [result.path.name]  # no temporary left
    assert result.manifest.sequence == 1 and result.manifest.previous_bundle_uuid is None
    project = Project.open(db)
    (row,) = bundle_store.ledger(project.db.conn)
    project.close()
    assert row["direction"] == "export" and row["bundle_uuid"] == result.manifest.bundle_uuid
    assert row["counts"]["forms"] == 12


def test_incremental_carries_only_changes_and_chains_sequences(setup):
    db, key, keys, out = setup
    first = export_bundle(db, key, [keys.recipient], out)
    with pytest.raises(ExportRefused, match="Nothing has changed"):
        export_bundle(db, key, [keys.recipient], out)
    project = Project.open(db)
    service = FormService(project.db, project.questionnaire, Actor("AM", key.device_id))
    uuid = project.db.conn.execute("SELECT uuid FROM response LIMIT 1").fetchone()[0]
    service.delete(uuid, "paper form keyed twice")
    project.close()
    second = export_bundle(db, key, [keys.recipient], out)
    assert second.forms == 1 and second.audit == 1
    assert second.manifest.sequence == 2
    assert second.manifest.previous_bundle_uuid == first.manifest.bundle_uuid
    with _open(second.path, keys) as archive:
        (line,) = [x for x in archive.read("records.jsonl").decode().splitlines()
                   if '"type":"form"' in x]
        assert uuid in line and '"base":{"revision":1' in line
    full = export_bundle(db, key, [keys.recipient], out, full=True)
    assert full.forms == 12 and full.manifest.scope == "full" and full.manifest.sequence == 3


def test_every_recipient_can_open_the_bundle(setup, tmp_path):
    db, key, keys, out = setup
    escrow = hq_init(tmp_path / "escrow")
    result = export_bundle(db, key, [keys.recipient, escrow.recipient], out)
    for identity in (keys, escrow):
        with _open(result.path, identity) as archive:
            assert "manifest.json" in archive.namelist()


def test_refusals_are_plain_sentences(setup, tmp_path):
    db, key, keys, out = setup
    with pytest.raises(ExportRefused, match="recipient"):
        export_bundle(db, key, [], out)
    with pytest.raises(ExportRefused, match="does not exist"):
        export_bundle(db, key, [keys.recipient], tmp_path / "missing")


def test_cancelled_export_leaves_no_file_and_no_ledger_row(setup):
    db, key, keys, out = setup

    def cancel(done, total):
        raise Cancelled()
    with pytest.raises(Cancelled):
        export_bundle(db, key, [keys.recipient], out, progress=cancel)
    assert list(out.iterdir()) == []
    project = Project.open(db)
    assert bundle_store.ledger(project.db.conn) == []
    project.close()


def test_csv_cells_cannot_run_formulas(setup):
    db, key, keys, out = setup
    project = Project.open(db)
    service = FormService(project.db, project.questionnaire, Actor("=cmd|' /C calc'!A0",
                                                                   key.device_id))
    uuid = project.db.conn.execute("SELECT uuid FROM response LIMIT 1").fetchone()[0]
    stored = service.load(uuid)
    service.update(uuid, {**stored.answers, "comment": "=HYPERLINK(\"http://x\")"})
    project.close()
    result = export_bundle(db, key, [keys.recipient], out, full=True)
    with _open(result.path, keys) as archive:
        text = archive.read("responses.csv").decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 12
    row = next(r for r in rows if r["form_uuid"] == uuid)
    assert row["comment"] == "'=HYPERLINK(\"http://x\")"
    for cell in (c for r in rows for c in r.values()):
        assert not cell.startswith(("=", "+", "@", "\t", "\r")) or cell.startswith("'")


@pytest.mark.parametrize("value, expected", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-2.5", "-2.5"), ("-x", "'-x"), ("@SUM", "'@SUM"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("normal", "normal"), (None, ""), (3, "3")])
def test_neutralise(value, expected):
    assert neutralise(value) == expected
