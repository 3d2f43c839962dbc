"""The device key lives inside the project database: a new project gets its own, an older
project takes over the plaintext key an older version kept in the user data folder (same
device id and fingerprint, the file removed, an audit row), and everything that signs or
names the device reads it from the workspace."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop.bundle.device_key import ID_FILE, KEY_FILE, read_legacy_device_key
from desktop.cli import main
from desktop.services.export_service import export_bundle
from desktop.services.import_service import import_bundles
from desktop.services.keys_service import hq_init
from desktop.services.workspace import Workspace
from desktop.storage.database import DatabaseError
from desktop.storage.migrations import SCHEMA_VERSION
from tests.services.device_legacy import write_legacy_key
from tests.trust_helpers import enrol_fingerprints

FIXTURE = Path(__file__).parents[1] / "fixtures" / "schema_v4.db"
FIXTURE_DEVICE = "dev-v2"  # the device that keyed the fixture's forms


def _old_project(tmp_path: Path, name: str = "old.db") -> Path:
    path = tmp_path / name
    shutil.copy(FIXTURE, path)
    return path


def _rows(workspace: Workspace, sql: str, *params) -> list[tuple]:
    return [tuple(row) for row in workspace.db.conn.execute(sql, params)]


def test_a_new_project_gets_its_own_key_inside_its_database(tmp_path, scratch_home):
    first = Workspace.open(tmp_path / "a.db")
    key = first.device_key
    first.close()
    again = Workspace.open(tmp_path / "a.db")
    assert (again.device_key.device_id, again.device_key.fingerprint) == \
        (key.device_id, key.fingerprint)
    assert _rows(again, "SELECT device_id, origin FROM device_secret") == \
        [(key.device_id, "created")]
    again.close()
    other = Workspace.open(tmp_path / "b.db")
    assert other.device_key.device_id != key.device_id  # the id names this copy of a project
    other.close()
    assert not (scratch_home / KEY_FILE).exists() and not (scratch_home / ID_FILE).exists()


def test_legacy_key_moves_into_the_project_that_used_it(tmp_path, scratch_home):
    legacy = write_legacy_key(scratch_home, FIXTURE_DEVICE)
    path = _old_project(tmp_path)
    workspace = Workspace.open(path)  # migrates, then takes the key over
    key = workspace.device_key
    assert (key.device_id, key.fingerprint) == (legacy.device_id, legacy.fingerprint)
    assert workspace.db.schema_version == SCHEMA_VERSION
    assert not (scratch_home / KEY_FILE).exists() and not (scratch_home / ID_FILE).exists()
    assert read_legacy_device_key(scratch_home) is None  # a copied user folder signs nothing
    assert _rows(workspace, "SELECT operator, device, action, new FROM audit_log WHERE "
                 "action LIKE 'device_key%'") == \
        [("riskmap", FIXTURE_DEVICE, "device_key_imported", legacy.fingerprint.replace(" ", ""))]
    workspace.close()
    # The forms keyed before the update export under the same device id and key, so HQ's
    # enrolment (by fingerprint) and its pin (device id -> key) stay valid.
    keys = hq_init(tmp_path / "keys")
    out = tmp_path / "out"
    out.mkdir()
    again = Workspace.open(path)
    assert again.device_key.fingerprint == legacy.fingerprint
    result = export_bundle(path, again.device_key, [keys.recipient], out, full=True)
    again.close()
    assert result.manifest.device_id == FIXTURE_DEVICE
    assert result.manifest.device_public_key == legacy.public_key_b64
    hq = tmp_path / "hq.db"
    enrol_fingerprints(hq, legacy.fingerprint)
    (report,) = import_bundles(hq, keys.identity_path, [result.path]).bundles
    assert report.status == "imported" and report.device_id == FIXTURE_DEVICE, report


def test_a_new_project_never_takes_the_legacy_key(tmp_path, scratch_home):
    legacy = write_legacy_key(scratch_home, FIXTURE_DEVICE)
    workspace = Workspace.open(tmp_path / "new.db")
    assert workspace.device_key.fingerprint != legacy.fingerprint
    workspace.close()
    assert read_legacy_device_key(scratch_home).fingerprint == legacy.fingerprint


def test_a_project_that_never_used_the_legacy_id_leaves_it(tmp_path, scratch_home):
    legacy = write_legacy_key(scratch_home, "dev-another-one")
    workspace = Workspace.open(_old_project(tmp_path))
    assert workspace.device_key.device_id not in (legacy.device_id, FIXTURE_DEVICE)
    assert _rows(workspace, "SELECT 1 FROM audit_log WHERE action LIKE 'device_key%'") == []
    workspace.close()
    assert (scratch_home / KEY_FILE).exists()


def test_second_project_of_the_laptop_gets_a_new_device(tmp_path, scratch_home):
    """docs/at-rest.md: the first project opened after the update takes the laptop's key;
    another one keyed with it before gets a fresh key and device id, and its forms keep the
    device id they were keyed under."""
    legacy = write_legacy_key(scratch_home, FIXTURE_DEVICE)
    first = Workspace.open(_old_project(tmp_path, "first.db"))
    second = Workspace.open(_old_project(tmp_path, "second.db"))
    assert first.device_key.fingerprint == legacy.fingerprint
    assert second.device_key.fingerprint != legacy.fingerprint
    assert second.device_key.device_id != FIXTURE_DEVICE
    assert _rows(second, "SELECT DISTINCT device FROM response") == [(FIXTURE_DEVICE,)]
    first.close()
    second.close()


def test_keys_device_prints_the_projects_id_and_fingerprint(tmp_path, capsys, scratch_home):
    path = tmp_path / "field.db"
    assert main(["init", "--db", str(path)]) == 0
    capsys.readouterr()
    assert main(["keys", "device", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    workspace = Workspace.open(path)
    key = workspace.device_key
    workspace.close()
    assert f"device id:   {key.device_id}" in out and f"fingerprint: {key.fingerprint}" in out
    assert not (scratch_home / KEY_FILE).exists()
    assert main(["keys", "device", "--db", str(tmp_path / "missing.db")]) == 2
    assert "missing.db" in capsys.readouterr().err


def test_a_read_only_project_without_a_key_says_so(tmp_path):
    workspace = Workspace.open(_old_project(tmp_path), read_only=True)
    with pytest.raises(DatabaseError) as caught:
        workspace.device_key
    assert "has no device key yet" in str(caught.value)
    workspace.close()


def test_keys_device_on_a_plaintext_project_needs_plaintext_ok(tmp_path, capsys, scratch_home,
                                                               monkeypatch):
    """An older plaintext project has no key yet: `keys device` would write one into the
    plaintext file, so it says so in one sentence and writes nothing unless asked."""
    path = _old_project(tmp_path)
    before = path.read_bytes()
    monkeypatch.setenv("RISKMAP_LANG", "en")
    assert main(["keys", "device", "--db", str(path)]) == 2
    said = capsys.readouterr()
    assert said.out == "" and said.err == (
        f"riskmap: {path} is a plaintext project (from an older version), so this laptop's "
        "device key would be written into a file anyone who copies it can read; open the "
        "project in the window once to encrypt it first, or give --plaintext-ok to write "
        "the key anyway.\n")
    assert path.read_bytes() == before  # not even migrated
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.db"]

    monkeypatch.setenv("RISKMAP_LANG", "es")
    assert main(["keys", "device", "--db", str(path)]) == 2
    assert capsys.readouterr().err.startswith(
        f"riskmap: {path} es un proyecto sin cifrar (de una versión anterior), así que la "
        "clave de esta computadora quedaría escrita en un archivo")
    assert path.read_bytes() == before

    monkeypatch.setenv("RISKMAP_LANG", "en")
    assert main(["keys", "device", "--db", str(path), "--plaintext-ok"]) == 0
    said = capsys.readouterr()
    workspace = Workspace.open(path)
    key = workspace.device_key
    workspace.close()
    assert f"fingerprint: {key.fingerprint}" in said.out
    assert said.err.startswith("Note: this project is not encrypted, so its device key sits")
    # The key is in the project now: asking again writes nothing and needs no flag.
    assert main(["keys", "device", "--db", str(path)]) == 0
    again = capsys.readouterr()
    assert f"fingerprint: {key.fingerprint}" in again.out and again.err.startswith("Note:")
