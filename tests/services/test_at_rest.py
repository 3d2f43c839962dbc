"""At rest: an encrypted project reveals nothing to a byte search (database, -wal, backup
copy, pre-migration copy, the user data folder: no answer, comment, operator name, nor the
device's private key), the wrong passphrase is refused and changes nothing, HQ's escrow
recovers a forgotten passphrase, the key printed by `db-key` opens the file in another
SQLCipher 4 client, and a plaintext project converts with the plaintext gone."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from desktop.bundle.device_key import KEY_FILE
from desktop.cli import main
from desktop.services import db_keys
from desktop.services.form_service import Actor
from desktop.services.keys_service import hq_init
from desktop.services.workspace import DatabaseLocator, Workspace
from desktop.storage.connection import connect
from desktop.storage.database import Database, EncryptedDatabaseError, forget_key
from desktop.storage.migrations import migrate
from desktop.storage.schema_steps import MIGRATIONS
from tests.services.device_legacy import LEGACY_ID, secret_forms, write_legacy_key

PASSPHRASE = "correct horse battery staple"
COMMENT = "Zqx el jefe cobra en la garita norte"
OPERATOR = "Wilfredo Zamarripa"


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def _secret_in(data: bytes) -> list[str]:
    return [s for s in (COMMENT, OPERATOR, "Puesto Qwerty")
            if s.encode("utf-8") in data or s.encode("utf-16-le") in data]


def _save_secret_form(workspace: Workspace, valid_answers, device: str = "dev") -> str:
    round_ = workspace.create_round("Ronda 1", place="Puesto Qwerty", form_min=1,
                                    form_max=100)
    answers = dict(valid_answers, comment=COMMENT)
    return workspace.form_service(Actor(OPERATOR, device)).save_new(round_.uuid, 1,
                                                                    answers).uuid


def test_byte_search_finds_nothing_in_db_wal_and_backup(tmp_path, valid_answers):
    folder = tmp_path / "laptop"
    folder.mkdir()
    path = folder / "riskmap.db"
    db_keys.create_keys(path, PASSPHRASE)
    workspace = Workspace.open(path)
    _save_secret_form(workspace, valid_answers)
    workspace.backup_to(folder / "backup.db")
    files = _files(folder)  # taken while open: the -wal file holds the new pages
    assert "riskmap.db-wal" in files and len(files["riskmap.db-wal"]) > 0
    assert {name: _secret_in(data) for name, data in files.items()} == \
        {name: [] for name in files}
    workspace.close()
    # The same search does find them in a plaintext project: the search itself works.
    plain = Workspace.open(tmp_path / "plain.db")
    _save_secret_form(plain, valid_answers)
    plain.close()
    assert _secret_in(b"".join(p.read_bytes() for p in tmp_path.glob("plain.db*")))
    backup = Workspace.open(DatabaseLocator(folder / "backup.db", workspace.locator.key))
    assert len(backup.rounds()) == 1
    backup.close()


def test_user_folder_holds_no_device_key_nor_answers(scratch_home, valid_answers):
    """The laptop's user data folder after the update: the legacy plaintext key has moved
    into the encrypted project; neither its bytes (raw, PKCS#8 DER, PEM, hex) nor any
    answer, comment or operator name is found in any file of the folder: the database, its
    -wal, a backup copy, the pre-migration copy, the key file beside it."""
    path = scratch_home / "riskmap.db"
    db_keys.create_keys(path, PASSPHRASE)
    before = Workspace.open(path, legacy_key_folder=scratch_home / "none")
    _save_secret_form(before, valid_answers, LEGACY_ID)
    before.db.conn.execute("DELETE FROM device_secret")  # as a project keyed before the update
    before.close()
    legacy = write_legacy_key(scratch_home, LEGACY_ID)
    workspace = Workspace.open(path)  # takes the legacy key over, removes the file
    assert workspace.device_key.fingerprint == legacy.fingerprint
    workspace.form_service(Actor(OPERATOR, LEGACY_ID)).save_new(
        workspace.rounds()[0].uuid, 2, dict(valid_answers, comment=COMMENT))
    workspace.backup_to(scratch_home / "backup.db")
    # The pre-migration copy, made by the migration code as for any schema step to come.
    migrate(workspace.db.conn, path, MIGRATIONS + ["CREATE TABLE at_rest_probe (x)"],
            key=workspace.locator.key)
    files = {p.name: p.read_bytes() for p in scratch_home.rglob("*") if p.is_file()}
    assert {"riskmap.db", "riskmap.db-wal", "riskmap.db.keys", "backup.db"} <= set(files)
    assert any(name.startswith("riskmap.db.schema") for name in files)
    assert KEY_FILE not in files
    secrets = secret_forms(legacy)
    found = {name: _secret_in(data) + [k for k, v in secrets.items() if v in data]
             for name, data in files.items()}
    assert found == {name: [] for name in files}
    workspace.close()
    # The same search finds the key of a plaintext project: the search itself works.
    plain = Workspace.open(scratch_home / "plain" / "plain.db")
    key = plain.device_key
    plain.close()
    data = b"".join(p.read_bytes() for p in (scratch_home / "plain").iterdir())
    assert secret_forms(key)["der"] in data


def test_pre_migration_copy_is_encrypted_with_the_same_key(tmp_path):
    path = tmp_path / "old.db"
    key = db_keys.new_key()
    conn = connect(path, key=key)
    migrate(conn, None, MIGRATIONS[:2])
    conn.execute("INSERT INTO setting (key, value) VALUES ('note', ?)", (COMMENT,))
    conn.close()
    Database.open(DatabaseLocator(path, key)).close()  # migrates, after a copy
    (copy,) = tmp_path.glob("old.db.schema2-*.bak")
    assert _secret_in(copy.read_bytes()) == []
    old = connect(copy, key=key)
    assert old.execute("SELECT value FROM setting WHERE key = 'note'").fetchone()[0] == COMMENT
    old.close()


def test_wrong_passphrase_is_refused_and_changes_nothing(tmp_path, capsys):
    path = tmp_path / "p.db"
    passphrase_file = tmp_path / "pass.txt"
    passphrase_file.write_text(PASSPHRASE + "\n")
    assert main(["init", "--db", str(path), "--passphrase-file", str(passphrase_file)]) == 0
    forget_key(path)
    before = hashlib.sha256(path.read_bytes() + db_keys.keys_path(path).read_bytes()).digest()
    passphrase_file.write_text("not the passphrase\n")
    capsys.readouterr()
    assert main(["check", "--db", str(path), "--passphrase-file", str(passphrase_file)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"riskmap: The passphrase does not open {path}; check it and try again."
    with pytest.raises(db_keys.WrongPassphrase):
        db_keys.unlock(path, "not the passphrase")
    with pytest.raises(EncryptedDatabaseError):
        Workspace.open(path)  # no key: refused, not created over
    after = hashlib.sha256(path.read_bytes() + db_keys.keys_path(path).read_bytes()).digest()
    assert after == before


def test_commands_say_how_to_give_the_passphrase(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("RISKMAP_PASSPHRASE", raising=False)
    assert main(["init", "--db", str(tmp_path / "n.db")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"riskmap: {tmp_path / 'n.db'} needs the team passphrase: give "
                   "--passphrase-file FILE or set RISKMAP_PASSPHRASE."]
    assert list(tmp_path.iterdir()) == []  # nothing half-made


def test_hq_recovers_a_forgotten_passphrase_end_to_end(tmp_path, monkeypatch, capsys,
                                                       valid_answers):
    hq = hq_init(tmp_path / "hq")
    path = tmp_path / "field.db"
    monkeypatch.setenv("RISKMAP_PASSPHRASE", PASSPHRASE)
    assert main(["init", "--db", str(path), "--escrow", str(hq.recipient_path)]) == 0
    assert db_keys.escrow_recipients(path) == [hq.recipient]
    workspace = Workspace.open(path)
    uuid = _save_secret_form(workspace, valid_answers)
    workspace.close()
    forget_key(path)
    # The team forgot it; HQ sets a new one with its identity.
    monkeypatch.setenv("RISKMAP_PASSPHRASE", "a brand new team passphrase")
    assert main(["keys", "recover", "--db", str(path), "--identity",
                 str(hq.identity_path)]) == 0
    with pytest.raises(db_keys.WrongPassphrase):
        db_keys.unlock(path, PASSPHRASE)
    forget_key(path)
    db_keys.unlock(path, "a brand new team passphrase")
    reopened = Workspace.open(path)
    assert reopened.form_service(Actor("x", "y")).load(uuid).answers["comment"] == COMMENT
    reopened.close()
    # Another identity is not an escrow key of this project.
    other = hq_init(tmp_path / "other")
    capsys.readouterr()
    assert main(["keys", "recover", "--db", str(path), "--identity",
                 str(other.identity_path)]) == 2
    assert "is not an escrow key" in capsys.readouterr().err


def test_db_key_opens_the_file_in_another_sqlcipher_client(tmp_path, monkeypatch, capsys,
                                                          valid_answers):
    apsw = pytest.importorskip("apsw")  # apsw-sqlite3mc, a dev dependency
    path = tmp_path / "field.db"
    monkeypatch.setenv("RISKMAP_PASSPHRASE", PASSPHRASE)
    assert main(["init", "--db", str(path)]) == 0
    workspace = Workspace.open(path)
    _save_secret_form(workspace, valid_answers)
    workspace.close()
    capsys.readouterr()
    assert main(["keys", "db-key", "--db", str(path)]) == 0
    literal = capsys.readouterr().out.strip()
    assert literal.startswith("x'") and len(literal) == 67
    other = apsw.Connection(str(path), flags=apsw.SQLITE_OPEN_READONLY)
    other.execute("PRAGMA cipher = 'sqlcipher'")
    other.execute("PRAGMA legacy = 4")
    other.execute(f'PRAGMA key = "{literal}"')
    assert list(other.execute("SELECT value FROM answer WHERE question_id = 'comment'")) == \
        [(COMMENT,)]
    other.close()
    wrong = apsw.Connection(str(path), flags=apsw.SQLITE_OPEN_READONLY)
    wrong.execute("PRAGMA cipher = 'sqlcipher'")
    wrong.execute("PRAGMA legacy = 4")
    wrong.execute(f'PRAGMA key = "x\'{"00" * 32}\'"')
    with pytest.raises(apsw.NotADBError):
        list(wrong.execute("SELECT count(*) FROM sqlite_master"))
    wrong.close()


def test_plaintext_project_converts_and_the_plaintext_is_gone(tmp_path, valid_answers):
    path = tmp_path / "old.db"
    plain = Workspace.open(path)
    uuid = _save_secret_form(plain, valid_answers)
    plain.close()
    assert db_keys.is_plaintext(path) and _secret_in(path.read_bytes())
    db_keys.encrypt_existing(path, PASSPHRASE)
    assert not db_keys.is_plaintext(path) and db_keys.is_encrypted(path)
    leftovers = sorted(p.name for p in tmp_path.iterdir())
    assert leftovers == ["old.db", "old.db.keys"]
    assert {n: _secret_in(d) for n, d in _files(tmp_path).items()} == \
        {"old.db": [], "old.db.keys": []}
    forget_key(path)
    db_keys.unlock(path, PASSPHRASE)
    reopened = Workspace.open(path)
    assert reopened.form_service(Actor("x", "y")).load(uuid).answers["comment"] == COMMENT
    assert reopened.db.schema_version == len(MIGRATIONS)
    reopened.close()


def test_new_passphrase_rewraps_the_key_without_touching_the_data(tmp_path):
    path = tmp_path / "p.db"
    key = db_keys.create_keys(path, PASSPHRASE)
    Workspace.open(path).close()
    data = path.read_bytes()
    db_keys.set_passphrase(path, key, "another passphrase entirely")
    assert path.read_bytes() == data
    with pytest.raises(db_keys.WrongPassphrase):
        db_keys.unlock(path, PASSPHRASE)
    assert db_keys.unlock(path, "another passphrase entirely") == key
