"""`riskmap import --identity FILE` with a file that is not HQ's identity: one sentence that
names the file and, when it is the public recipient file (age1...), says so and asks for
the identity file (AGE-SECRET-KEY-...), in English and Spanish; no database is left."""

from __future__ import annotations

import pytest

from desktop.cli import main
from desktop.services.keys_service import hq_init


@pytest.fixture
def hq_files(tmp_path, monkeypatch):
    keys = hq_init(tmp_path / "hq")
    (tmp_path / "pass.txt").write_text("Correct-Horse-Battery-Staple-91\n")
    monkeypatch.chdir(tmp_path)
    return keys


def _import(identity: str, capsys) -> str:
    code = main(["import", "--db", "hq.db", "--passphrase-file", "pass.txt",
                 "--identity", identity, "B.zip.age"])
    assert code == 2
    return capsys.readouterr().err.strip()


@pytest.mark.parametrize("lang,words", [
    ("en", ("holds the public recipient", "identity file", "AGE-SECRET-KEY-")),
    ("es", ("contiene el destinatario público", "archivo de identidad", "AGE-SECRET-KEY-"))])
def test_recipient_file_given_as_identity_is_named(hq_files, tmp_path, monkeypatch, capsys,
                                                   lang, words):
    monkeypatch.setenv("RISKMAP_LANG", lang)
    (tmp_path / "B.zip.age").write_bytes(b"")
    err = _import("hq/hq-recipient.txt", capsys)
    assert len(err.splitlines()) == 1, err
    assert "hq/hq-recipient.txt" in err
    for word in words:
        assert word in err, err
    assert not (tmp_path / "hq.db").exists()


@pytest.mark.parametrize("lang,words", [
    ("en", ("is not an age identity",)), ("es", ("no es una identidad age",))])
def test_other_file_given_as_identity_is_named(hq_files, tmp_path, monkeypatch, capsys,
                                               lang, words):
    monkeypatch.setenv("RISKMAP_LANG", lang)
    (tmp_path / "notes.txt").write_text("age1 is not here; just notes\n")
    err = _import("notes.txt", capsys)
    assert "notes.txt" in err and words[0] in err, err
    assert "recipient" not in err and "destinatario" not in err


def test_the_identity_file_itself_is_accepted(hq_files):
    from desktop.bundle import age_crypto
    assert age_crypto.load_identities(hq_files.identity_path)
