"""Failures of an ENCRYPTED project (the default since projects are made with a passphrase):
SQLCipher's driver (sqlcipher3) raises its own DB-API classes, which are not subclasses of
sqlite3's, so each failure must still become its one sentence (a full disk, a damaged
file, a busy file), never "something unexpected went wrong".
"""

from __future__ import annotations

import os
import shutil

import pytest

from desktop.cli import main
from desktop.domain.user_error import is_database_error, translate
from desktop.storage.connection import sqlcipher
from failure_helpers import fill_up, small_disk, snapshot

pytestmark = pytest.mark.skipif(sqlcipher is None, reason="needs sqlcipher3")


def _one_line(capsys) -> str:
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


@pytest.mark.parametrize("message, key", [
    ("database or disk is full", "disk_full"),
    ("database disk image is malformed", "db_damaged"),
    ("file is not a database", "db_damaged"),
    ("database is locked", "db_locked"),
    ("attempt to write a readonly database", "db_read_only"),
])
def test_sqlcipher_errors_get_their_sentence(message, key):
    for cls in (sqlcipher.OperationalError, sqlcipher.DatabaseError):
        error = translate(cls(message), "p.db")
        assert error is not None and error.key == key, (cls, message)
        assert "p.db" in error.in_language("en")


def test_both_drivers_errors_are_database_errors():
    import sqlite3
    assert is_database_error(sqlite3.OperationalError("x"))
    assert is_database_error(sqlcipher.IntegrityError("x"))
    assert not is_database_error(ValueError("x"))
    assert not is_database_error(OSError("x"))


@pytest.fixture(scope="module")
def encrypted_demo(tmp_path_factory):
    """An encrypted project with 20 demo forms (made once; tests copy it)."""
    import os
    folder = tmp_path_factory.mktemp("encrypted")
    os.environ.setdefault("RISKMAP_PASSPHRASE", "a team passphrase for tests")
    path = folder / "p.db"
    assert main(["demo", "--db", str(path), "--n", "20"]) == 0
    return path


def _copy(src, folder):
    folder.mkdir(parents=True, exist_ok=True)
    for suffix in ("", ".keys"):
        shutil.copy(f"{src}{suffix}", folder / f"p.db{suffix}")
    return folder / "p.db"


def test_a_damaged_encrypted_project_is_called_damaged(encrypted_demo, tmp_path, capsys):
    path = _copy(encrypted_demo, tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[:5000])  # cut short: SQLCipher says "malformed"
    before = snapshot(tmp_path)
    capsys.readouterr()
    assert main(["check", "--db", str(path)]) == 2
    assert _one_line(capsys) == (f"riskmap: {path} is damaged (the database is malformed); "
                                 "restore it from a backup copy and keep the damaged file "
                                 "for the support team.")
    assert snapshot(tmp_path) == before


def test_demo_on_a_full_disk_with_an_encrypted_project(encrypted_demo, tmp_path, capsys):
    with small_disk(tmp_path / "disk", "2m") as disk:
        path = _copy(encrypted_demo, disk)
        fill_up(disk, leave=64 * 1024)
        capsys.readouterr()
        assert main(["demo", "--db", str(path), "--n", "3000", "--seed", "2"]) == 2
        line = _one_line(capsys)
        assert line.startswith("riskmap: The disk is full ("), line
        (disk / "filler.bin").unlink()
        (disk / "filler2.bin").unlink(missing_ok=True)
        capsys.readouterr()
        assert main(["check", "--db", str(path)]) == 0  # nothing lost, nothing half-written
        assert "forms:           20 " in capsys.readouterr().out


def test_an_encrypted_project_without_its_key_file_says_so(encrypted_demo, tmp_path, capsys,
                                                           monkeypatch):
    """The .db copied to a stick without its .keys file: the sentence says the key file is
    missing, not that the file is no database at all."""
    path = _copy(encrypted_demo, tmp_path)
    (tmp_path / "p.db.keys").unlink()
    before = snapshot(tmp_path)
    capsys.readouterr()
    assert main(["check", "--db", str(path)]) == 2
    assert _one_line(capsys) == (
        f"riskmap: {path} looks like an encrypted project whose key file ({path}.keys) is "
        "not beside it; copy the key file next to it and try again (nothing was changed).")
    monkeypatch.setenv("RISKMAP_LANG", "es")
    assert main(["check", "--db", str(path)]) == 2
    assert _one_line(capsys).startswith(f"riskmap: {path} parece un proyecto cifrado")
    assert snapshot(tmp_path) == before


def test_random_bytes_that_are_no_page_multiple_are_not_a_keyless_project(tmp_path, capsys):
    path = tmp_path / "junk.db"
    path.write_bytes(os.urandom(5000))
    assert main(["check", "--db", str(path)]) == 2
    assert "(it is not an SQLite file)" in _one_line(capsys)


@pytest.mark.parametrize("content, key", [(b'{"format":', "damaged"),
                                          (b'{"x": 1}', "not a RiskMap key file"),
                                          (b"\xff\xfe junk", "damaged")])
def test_a_damaged_key_file_is_one_sentence_in_spanish_too(encrypted_demo, tmp_path, capsys,
                                                           monkeypatch, content, key):
    path = _copy(encrypted_demo, tmp_path)
    (tmp_path / "p.db.keys").write_bytes(content)
    capsys.readouterr()
    assert main(["check", "--db", str(path)]) == 2
    assert key in _one_line(capsys)
    monkeypatch.setenv("RISKMAP_LANG", "es")
    assert main(["check", "--db", str(path)]) == 2
    line = _one_line(capsys)
    assert "restaure el archivo de claves" in line, line
