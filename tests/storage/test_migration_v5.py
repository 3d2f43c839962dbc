"""V5_TRUST on a real schema-4 file: audit rows written before the chain stay as they are
(legacy rows before the chain), `check` passes, the next audit row starts the device's
chain, and a full bundle of the migrated laptop (legacy rows, then chained ones) imports
at an HQ that enrolled it."""

from __future__ import annotations

import shutil
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop.bundle.device_key import DeviceKey
from desktop.services.export_service import export_bundle
from desktop.services.form_service import Actor, FormService
from desktop.services.import_service import import_bundles
from desktop.services.keys_service import hq_init
from desktop.services.project import Project
from desktop.storage import audit_chain, integrity
from desktop.storage.migrations import SCHEMA_VERSION

from trust_helpers import enrol_fingerprints

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "schema_v4.db"


def test_schema_v4_database_migrates_and_starts_its_chain(tmp_path):
    path = tmp_path / "v4.db"
    shutil.copy(FIXTURE, path)
    project = Project.open(path)
    try:
        conn = project.db.conn
        assert project.db.schema_version == SCHEMA_VERSION >= 5
        report = integrity.check(conn)
        assert report.ok and report.audit_chain == "ok" and report.findings == []
        assert audit_chain.verify_chains(conn).legacy_rows == 4
        uuid, device = conn.execute("SELECT uuid, device FROM response WHERE status != "
                                    "'deleted' LIMIT 1").fetchone()
        service = FormService(project.db, project.questionnaire, Actor("AM", device))
        service.update(uuid, {**service.load(uuid).answers, "comment": "after V5"})
        first_chained = conn.execute("SELECT prev_hash, hash FROM audit_log WHERE hash IS NOT "
                                     "NULL ORDER BY id LIMIT 1").fetchone()
        assert first_chained[0] == audit_chain.GENESIS and first_chained[1]
        assert integrity.check(conn).ok
    finally:
        project.close()

    key = DeviceKey("dev-v2", Ed25519PrivateKey.generate())
    keys = hq_init(tmp_path / "keys")
    out = tmp_path / "out"
    out.mkdir()
    bundle = export_bundle(path, key, [keys.recipient], out, full=True).path
    hq = tmp_path / "hq.db"
    enrol_fingerprints(hq, key.fingerprint)
    (result,) = import_bundles(hq, keys.identity_path, [bundle]).bundles
    assert result.status == "imported", result.message
    project = Project.open(hq)
    try:
        assert integrity.check(project.db.conn).ok
    finally:
        project.close()
