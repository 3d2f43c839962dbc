"""Interop with the stock age tool: a bundle made by the app opens with `age -d -i` and
`unzip`; an identity made by `age-keygen` works with `riskmap import`."""

from __future__ import annotations

import json
import shutil
import stat
import subprocess
import zipfile

import pytest

from desktop.bundle.manifest import FORMAT_VERSION, MEMBERS
from desktop.cli import main
from desktop.services.export_service import export_bundle

AGE = shutil.which("age")
AGE_KEYGEN = shutil.which("age-keygen")
pytestmark = pytest.mark.skipif(not (AGE and AGE_KEYGEN),
                                reason="the age tool is not installed (.ci/run installs it)")


def test_app_bundle_opens_with_age_and_unzip(tmp_path, bundle, hq_keys):
    assert stat.S_IMODE(hq_keys.identity_path.stat().st_mode) == 0o600
    zipped = tmp_path / "bundle.zip"
    subprocess.run([AGE, "-d", "-i", str(hq_keys.identity_path), "-o", str(zipped),
                    str(bundle)], check=True)
    with zipfile.ZipFile(zipped) as archive:
        assert sorted(archive.namelist()) == sorted(MEMBERS)
    target = tmp_path / "unzipped"
    if shutil.which("unzip"):
        subprocess.run(["unzip", "-q", str(zipped), "-d", str(target)], check=True)
    else:  # pragma: no cover - unzip ships with the CI image
        zipfile.ZipFile(zipped).extractall(target)
    assert sorted(p.name for p in target.iterdir()) == sorted(MEMBERS)
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["format_version"] == FORMAT_VERSION and manifest["counts"]["forms"] == 30
    header = (target / "responses.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("round_name,round_uuid,form_uuid,form_number")
    assert len((target / "records.jsonl").read_text(encoding="utf-8").splitlines()) == 31


def test_age_keygen_identity_works_with_riskmap_import(tmp_path, field_db, field_key,
                                                       out_dir, capsys):
    key_file = tmp_path / "key.txt"
    subprocess.run([AGE_KEYGEN, "-o", str(key_file)], check=True, capture_output=True)
    recipient = subprocess.run([AGE_KEYGEN, "-y", str(key_file)], check=True,
                               capture_output=True, text=True).stdout.strip()
    path = export_bundle(field_db, field_key, [recipient], out_dir).path
    hq = tmp_path / "hq.db"
    assert main(["devices", "trust", "--db", str(hq), field_key.fingerprint]) == 0
    assert main(["import", "--db", str(hq), "--identity", str(key_file), str(path)]) == 0
    out = capsys.readouterr().out
    assert "30 new" in out and field_key.device_id in out


def test_age_cli_encrypted_file_is_not_mistaken_for_a_bundle(tmp_path, hq_keys, capsys):
    plain = tmp_path / "notes.txt"
    plain.write_text("hello")
    encrypted = tmp_path / "notes.zip.age"
    subprocess.run([AGE, "-r", hq_keys.recipient, "-o", str(encrypted), str(plain)],
                   check=True)
    hq = tmp_path / "hq.db"
    assert main(["import", "--db", str(hq), "--identity", str(hq_keys.identity_path),
                 str(encrypted)]) == 1
    assert "cannot be trusted" in capsys.readouterr().err
