"""Every refused bundle leaves the HQ database exactly as it was (file bytes and SQL dump),
and each refusal is one plain sentence: flipped bytes anywhere, truncation, a wrong
identity, an unknown key for a known device, a re-signed bundle with a '../' member or a
bomb, an unknown format version, a replay; and a conflict between two devices keeps both."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from dataclasses import replace

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop.bundle import age_crypto
from desktop.bundle.device_key import DeviceKey
from desktop.bundle.errors import MESSAGES
from desktop.bundle.manifest import MANIFEST, READABLE_VERSIONS, SIGNATURE
from desktop.services.import_service import import_bundles
from desktop.services.export_service import export_bundle
from desktop.services.form_service import Actor, FormService
from desktop.services.keys_service import hq_init
from desktop.services.project import Project
from desktop.storage import bundle_store, response_store

from bundle_helpers import db_state, identities, import_into, make_hq_db
from trust_helpers import allow_in_round, enrol_fingerprints


def _refused(report, kind: str | None = None):
    (result,) = report.bundles
    assert result.status == "refused", result
    assert result.refusal in MESSAGES
    if kind:
        assert result.refusal == kind, result.message
    return result


def test_flipped_byte_anywhere_is_refused_and_changes_nothing(tmp_path, bundle, hq_keys):
    hq = make_hq_db(tmp_path / "hq.db")
    before = db_state(hq)
    data = bundle.read_bytes()
    positions = sorted({0, 5, 21, 30, 60, 100, 150, 200, len(data) - 1, len(data) - 17}
                       | set(range(250, len(data), max(1, len(data) // 40))))
    kinds = set()
    for position in positions:
        damaged = bytearray(data)
        damaged[position] ^= 0x01
        path = tmp_path / "flipped.zip.age"
        path.write_bytes(bytes(damaged))
        result = _refused(import_into(hq, hq_keys, path))
        kinds.add(result.message)
        assert db_state(hq) == before, f"byte {position} changed the database"
    assert len(positions) >= 40
    assert MESSAGES["not_a_bundle"] in kinds and MESSAGES["truncated"] in kinds


@pytest.mark.parametrize("keep", [0, 1, 20, 100, 400, -1000, -17, -1])
def test_truncated_bundle_is_refused_and_changes_nothing(tmp_path, bundle, hq_keys, keep):
    hq = make_hq_db(tmp_path / "hq.db")
    before = db_state(hq)
    data = bundle.read_bytes()
    path = tmp_path / "short.zip.age"
    path.write_bytes(data[:keep])
    result = _refused(import_into(hq, hq_keys, path))
    assert result.message in (MESSAGES["truncated"], MESSAGES["not_a_bundle"])
    assert db_state(hq) == before


def test_wrong_identity_is_refused(tmp_path, bundle):
    other = hq_init(tmp_path / "other-keys")
    hq = make_hq_db(tmp_path / "hq.db")
    before = db_state(hq)
    _refused(import_into(hq, other, bundle), "wrong_key")
    assert db_state(hq) == before


def test_not_a_bundle(tmp_path, hq_keys):
    hq = make_hq_db(tmp_path / "hq.db")
    before = db_state(hq)
    path = tmp_path / "photo.zip.age"
    path.write_bytes(b"PK\x03\x04 this is a plain zip, not encrypted")
    _refused(import_into(hq, hq_keys, path), "not_a_bundle")
    assert db_state(hq) == before


def test_a_missing_file_or_a_folder_is_said_in_each_language(tmp_path, bundle, hq_keys):
    """A bundle moved away after it was listed, or a folder listed instead of a file: the
    report says so in the reader's language (not the system's English `strerror`), and
    the bundles beside it are imported."""
    hq = make_hq_db(tmp_path / "hq.db")
    enrol_fingerprints(hq, *_fingerprints(bundle, hq_keys))
    gone, folder = tmp_path / "gone.zip.age", tmp_path / "usb"
    folder.mkdir()
    missing, imported, a_folder = import_bundles(hq, hq_keys.identity_path,
                                                 [gone, bundle, folder]).bundles
    assert imported.status == "imported"
    assert missing.status == a_folder.status == "refused"
    assert missing.messages["en"] == f"{gone} does not exist; check the name and the folder."
    assert missing.messages["es"] == f"{gone} no existe; revise el nombre y la carpeta."
    assert a_folder.messages["es"].startswith(f"{folder} es una carpeta")
    assert "No such file" not in missing.messages["es"]


def _fingerprints(bundle, keys) -> list[str]:
    from desktop.bundle.bundle_reader import read_bundle_file, verify_bundle
    verified = verify_bundle(read_bundle_file(bundle), identities(keys), defer_hashes=True)
    return [verified.fingerprint]


def test_other_key_for_a_known_device_is_refused(tmp_path, bundle, field_db, field_key,
                                                 hq_keys, out_dir):
    hq = make_hq_db(tmp_path / "hq.db")
    first = import_into(hq, hq_keys, bundle).bundles[0]
    assert first.status == "imported" and first.newly_pinned
    before = db_state(hq)
    impostor = DeviceKey(field_key.device_id, Ed25519PrivateKey.generate())
    forged = export_bundle(field_db, impostor, [hq_keys.recipient], out_dir, full=True).path
    # Not enrolled: refused before anything else is looked at.
    _refused(import_bundles(hq, hq_keys.identity_path, [forged]), "unknown_device")
    assert db_state(hq) == before
    # Enrolled by mistake: the device id stays bound to the key that first spoke for it.
    enrol_fingerprints(hq, impostor.fingerprint)
    before = db_state(hq)
    result = _refused(import_bundles(hq, hq_keys.identity_path, [forged]))
    assert result.refusal in ("device_id_mismatch", "unknown_device_key")
    assert db_state(hq) == before


def _rebuild(bundle_path, keys, device_key, mutate) -> bytes:
    """Decrypt, change the members with `mutate(members)`, re-sign the manifest with
    `device_key` (a valid signature) and encrypt again."""
    plain = age_crypto.decrypt(bundle_path.read_bytes(), identities(keys))
    with zipfile.ZipFile(io.BytesIO(plain)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    mutate(members)
    members[SIGNATURE] = device_key.sign(members[MANIFEST])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return age_crypto.encrypt(buffer.getvalue(),
                              age_crypto.parse_recipients(keys.recipient))


def _import_rebuilt(tmp_path, bundle, hq_keys, field_key, mutate, kind):
    hq = make_hq_db(tmp_path / "hq.db")
    before = db_state(hq)
    path = tmp_path / "rebuilt.zip.age"
    path.write_bytes(_rebuild(bundle, hq_keys, field_key, mutate))
    _refused(import_into(hq, hq_keys, path), kind)
    assert db_state(hq) == before


def test_resigned_bundle_with_dotdot_member_is_refused(tmp_path, bundle, hq_keys, field_key):
    def add_escape(members):
        members["../evil.sh"] = b"rm -rf ~\n"
    _import_rebuilt(tmp_path, bundle, hq_keys, field_key, add_escape, "unsafe")


def test_resigned_bundle_with_renamed_member_is_refused(tmp_path, bundle, hq_keys, field_key):
    def rename(members):
        members["/tmp/records.jsonl"] = members.pop("records.jsonl")
    _import_rebuilt(tmp_path, bundle, hq_keys, field_key, rename, "unsafe")


def test_decompression_bomb_is_refused(tmp_path, bundle, hq_keys, field_key):
    def bomb(members):
        members["audit.jsonl"] = b"\n" * (40 * 1024 * 1024)
    _import_rebuilt(tmp_path, bundle, hq_keys, field_key, bomb, "too_large")


def test_unknown_format_version_is_refused(tmp_path, bundle, hq_keys, field_key):
    def newer(members):
        manifest = json.loads(members[MANIFEST])
        manifest["format_version"] = max(READABLE_VERSIONS) + 1
        members[MANIFEST] = json.dumps(manifest).encode()
    _import_rebuilt(tmp_path, bundle, hq_keys, field_key, newer, "unsupported_version")


def test_changed_record_with_the_old_signature_is_tampered(tmp_path, bundle, hq_keys):
    hq = make_hq_db(tmp_path / "hq.db")
    before = db_state(hq)
    plain = age_crypto.decrypt(bundle.read_bytes(), identities(hq_keys))
    with zipfile.ZipFile(io.BytesIO(plain)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["records.jsonl"] = members["records.jsonl"].replace(b'"4"', b'"5"', 1)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    path = tmp_path / "changed.zip.age"
    path.write_bytes(age_crypto.encrypt(buffer.getvalue(),
                                        age_crypto.parse_recipients(hq_keys.recipient)))
    _refused(import_into(hq, hq_keys, path), "tampered")
    assert db_state(hq) == before


def test_bundle_imported_twice_changes_nothing(tmp_path, bundle, hq_keys):
    hq = make_hq_db(tmp_path / "hq.db")
    first = import_into(hq, hq_keys, bundle).bundles[0]
    assert first.status == "imported" and first.new == 30
    before = db_state(hq)
    copy = tmp_path / "copy-of-bundle.zip.age"
    shutil.copy(bundle, copy)
    (again,) = import_into(hq, hq_keys, copy).bundles
    assert again.status == "replay" and again.message == MESSAGES["replay"]
    assert db_state(hq) == before


def _edit(db_path, device, uuid, comment):
    project = Project.open(db_path)
    try:
        service = FormService(project.db, project.questionnaire, Actor("OP", device))
        stored = service.load(uuid)
        service.update(uuid, {**stored.answers, "comment": comment})
    finally:
        project.close()


def test_conflict_between_two_devices_keeps_both(tmp_path, field_db, field_key, hq_keys,
                                                 out_dir):
    # Laptop B starts from a copy of laptop A's database (the team shares the file).
    laptop_b = tmp_path / "laptop-b" / "field.db"
    laptop_b.parent.mkdir()
    shutil.copy(field_db, laptop_b)
    key_b = DeviceKey("dev-laptop-b", Ed25519PrivateKey.generate())
    hq = make_hq_db(tmp_path / "hq.db")
    first = export_bundle(field_db, field_key, [hq_keys.recipient], out_dir).path
    assert import_into(hq, hq_keys, first).bundles[0].new == 30

    project = Project.open(field_db)
    uuid = project.db.conn.execute("SELECT uuid FROM response ORDER BY form_number "
                                   "LIMIT 1").fetchone()[0]
    project.close()
    _edit(field_db, field_key.device_id, uuid, "edited on laptop A")
    _edit(laptop_b, key_b.device_id, uuid, "edited on laptop B")
    bundle_a = export_bundle(field_db, field_key, [hq_keys.recipient], out_dir).path
    bundle_b = export_bundle(laptop_b, key_b, [hq_keys.recipient], out_dir).path

    (result_a,) = import_into(hq, hq_keys, bundle_a).bundles
    assert (result_a.updated, result_a.conflicting) == (1, 0)
    (result_b,) = import_into(hq, hq_keys, bundle_b).bundles
    assert (result_b.status, result_b.refusal) == ("held", "foreign_round")  # A's round
    allow_in_round(hq, key_b.device_id, "Demo 3")  # HQ: both laptops key it
    (result_b,) = import_into(hq, hq_keys, bundle_b).bundles
    assert result_b.status == "imported" and result_b.conflicting == 1
    assert result_b.updated == 0 and result_b.new == 0

    project = Project.open(hq)
    try:
        kept = response_store.get_form(project.db.conn, uuid)
        assert kept.answers["comment"] == "edited on laptop A"  # never silently overwritten
        (conflict,) = bundle_store.open_conflicts(project.db.conn)
        assert conflict["response_uuid"] == uuid and conflict["device_id"] == "dev-laptop-b"
        record = project.db.conn.execute("SELECT record FROM response_conflict").fetchone()[0]
        assert "edited on laptop B" in record
        actions = [r[0] for r in project.db.conn.execute(
            "SELECT action FROM audit_log WHERE response_uuid = ? ORDER BY id", (uuid,))]
        assert "import_update" in actions and "import_conflict" in actions
    finally:
        project.close()


def test_manifest_replace_keeps_fields():
    # guard for _rebuild: Manifest stays a plain dataclass
    from desktop.bundle.manifest import Manifest
    m = Manifest("00000000-0000-4000-8000-000000000000", "d", "k", 1, None, "t", "full",
                 {}, {}, {})
    assert replace(m, sequence=2).sequence == 2
