"""A laptop's bundle may carry audit rows of other devices (a regional HQ relays what it
merged), but never new rows of a device id that another enrolled key speaks for: a
hostile post could otherwise write rows into another post's chain at HQ (what it "did")
and make that post's next genuine bundle fail its chain check."""

from __future__ import annotations

import hashlib
import io
import json
import uuid
import zipfile

from desktop.bundle import age_crypto
from desktop.bundle.manifest import AUDIT, MANIFEST
from desktop.services.demo_service import fill_demo
from desktop.services.device_identity import project_device_key
from desktop.services.export_service import export_bundle
from desktop.services.import_service import import_bundles
from desktop.services.project import Project
from desktop.storage.audit_chain import row_hash

from bundle_helpers import db_state, identities, make_hq_db, resigned
from trust_helpers import enrol_fingerprints, import_trusted

FIELDS = ("uuid", "time", "operator", "device", "action", "response_uuid", "question_id",
          "old", "new", "reason")


def _other_post(tmp_path, hq_keys):
    """A second field project's first bundle (its device id is bound at HQ once imported)."""
    path = tmp_path / "post2" / "post2.db"
    project = Project.open(path)
    fill_demo(project, 10, seed=7, round_name="Norte")
    project.close()
    key = project_device_key(path)
    out = tmp_path / "post2-out"
    out.mkdir()
    return key, export_bundle(path, key, [hq_keys.recipient], out, full=True).path


def _with_rows_of(bundle, keys, signer, device, path):
    """`bundle` re-signed by `signer` with two new chained audit rows claiming `device`."""
    plain = age_crypto.decrypt(bundle.read_bytes(), identities(keys))
    with zipfile.ZipFile(io.BytesIO(plain)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    prev, lines = "", []
    for i in range(2):
        row = dict(zip(FIELDS, (str(uuid.uuid4()), f"2026-12-01T10:00:0{i}.000000Z", "X",
                                device, "edit", None, None, None, "forged", "x")))
        row["prev_hash"], row["hash"] = prev, row_hash(prev, [row[f] for f in FIELDS])
        prev = row["hash"]
        lines.append(json.dumps(row, sort_keys=True, separators=(",", ":")))
    members[AUDIT] += ("\n".join(lines) + "\n").encode()
    manifest = json.loads(members[MANIFEST])
    manifest["files"][AUDIT] = hashlib.sha256(members[AUDIT]).hexdigest()
    manifest["counts"]["audit"] += 2
    members[MANIFEST] = (json.dumps(manifest, sort_keys=True, indent=2) + "\n").encode()
    return resigned(members, keys, signer, path)


def test_rows_of_a_device_another_enrolled_key_speaks_for_are_refused(
        tmp_path, bundle, hq_keys, field_key):
    hq = make_hq_db(tmp_path / "hq.db")
    other_key, other_bundle = _other_post(tmp_path, hq_keys)
    assert import_trusted(hq, hq_keys.identity_path, [other_bundle]).refused == []
    forged = _with_rows_of(bundle, hq_keys, field_key, other_key.device_id,
                           tmp_path / "forged.zip.age")
    enrol_fingerprints(hq, field_key.fingerprint)
    before = db_state(hq)
    [result] = import_bundles(hq, hq_keys.identity_path, [forged]).bundles
    assert result.status == "refused" and result.refusal == "foreign_audit_rows", result.message
    assert other_key.device_id in result.message_in("en")
    assert "otro portátil" in result.message_in("es")
    assert db_state(hq) == before


def test_rows_of_a_device_no_key_speaks_for_still_come_through(tmp_path, bundle, hq_keys,
                                                               field_key):
    """The relay case: rows of a laptop this HQ never enrolled (a regional HQ's field
    laptop) are checked as a chain of their own and kept."""
    hq = make_hq_db(tmp_path / "hq.db")
    forged = _with_rows_of(bundle, hq_keys, field_key, "dev-0123456789ab",
                           tmp_path / "relayed.zip.age")
    [result] = import_trusted(hq, hq_keys.identity_path, [forged]).bundles
    assert result.status == "imported", result.message
