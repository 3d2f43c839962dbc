"""`riskmap export` of an older plaintext project that has no device key yet would make
one inside the plaintext file (anyone who copies it could then sign bundles as this
enrolled laptop): like `riskmap keys device`, it says so in one sentence and writes
nothing unless given --plaintext-ok."""

from __future__ import annotations

import shutil
from pathlib import Path

from desktop.cli import main
from desktop.services.keys_service import hq_init

FIXTURE = Path(__file__).parent / "fixtures" / "schema_v4.db"


def test_export_of_a_plaintext_project_without_a_key_needs_plaintext_ok(
        tmp_path, capsys, scratch_home, monkeypatch):
    path = tmp_path / "old.db"
    shutil.copy(FIXTURE, path)
    before = path.read_bytes()
    keys = hq_init(tmp_path / "hq")
    out = tmp_path / "stick"
    out.mkdir()
    export = ["export", "--db", str(path), "--to", keys.recipient, "--out", str(out), "--all"]
    for lang, words in (("en", "is a plaintext project"), ("es", "es un proyecto sin cifrar")):
        monkeypatch.setenv("RISKMAP_LANG", lang)
        assert main(export) == 2
        err = capsys.readouterr().err
        assert words in err and "--plaintext-ok" in err and err.count("\n") == 1, err
        assert path.read_bytes() == before  # no key, not even a migration
        assert list(out.iterdir()) == []
    monkeypatch.setenv("RISKMAP_LANG", "en")
    assert main([*export, "--plaintext-ok"]) == 0, capsys.readouterr().err
    assert len(list(out.iterdir())) == 1
    assert main(export) == 0  # the key is there now: nothing more to ask
