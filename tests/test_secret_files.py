"""The passphrase and PIN files a person makes by hand: one saved by Notepad (UTF-8 with a
byte-order mark) works, and one that is missing, a folder or not text is refused in one
sentence wholly in the user's language (not "(No such file or directory)" nor the
codec's words inside a Spanish sentence)."""

from __future__ import annotations

import pytest

from desktop.cli import main
from desktop.services.demo_service import fill_demo
from desktop.services.project import Project

PASSPHRASE = "a passphrase long enough"
ENGLISH_REASONS = ("No such file", "Is a directory", "codec", "invalid start byte",
                   "Permission denied")


@pytest.fixture
def encrypted(tmp_path, monkeypatch):
    monkeypatch.setenv("RISKMAP_PASSPHRASE", PASSPHRASE)
    db = tmp_path / "p.db"
    assert main(["init", "--db", str(db)]) == 0
    monkeypatch.delenv("RISKMAP_PASSPHRASE")
    return db


def test_a_passphrase_file_with_a_byte_order_mark_opens(encrypted, tmp_path, capsys):
    notepad = tmp_path / "pass.txt"
    notepad.write_bytes(b"\xef\xbb\xbf" + PASSPHRASE.encode() + b"\r\n")
    assert main(["check", "--db", str(encrypted), "--passphrase-file", str(notepad)]) == 0, \
        capsys.readouterr().err


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("kind", ["missing", "folder", "binary"])
def test_a_passphrase_file_that_cannot_serve_is_one_sentence(encrypted, tmp_path, capsys,
                                                             monkeypatch, lang, kind):
    monkeypatch.setenv("RISKMAP_LANG", lang)
    path = tmp_path / "secret"
    if kind == "folder":
        path.mkdir()
    elif kind == "binary":
        path.write_bytes(b"\xa5\x00\xff\xfe" * 8)
    assert main(["check", "--db", str(encrypted), "--passphrase-file", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(path) in err and "Traceback" not in err, err
    if lang == "es":
        assert not any(words in err for words in ENGLISH_REASONS), err


@pytest.fixture
def claimed(tmp_path, monkeypatch, capsys):
    db = tmp_path / "demo.db"
    project = Project.open(db)
    fill_demo(project, 5, seed=1)
    project.close()
    monkeypatch.setenv("RISKMAP_NEW_PIN", "731946")
    assert main(["operators", "add", "--db", str(db), "--name", "Sara"]) == 0
    monkeypatch.delenv("RISKMAP_NEW_PIN")
    capsys.readouterr()
    return db


def test_a_pin_file_with_a_byte_order_mark_serves(claimed, tmp_path, capsys):
    pin = tmp_path / "pin.txt"
    pin.write_bytes(b"\xef\xbb\xbf731946\r\n")
    assert main(["data", "--db", str(claimed), "--out", str(tmp_path / "raw"), "--format",
                 "csv", "--no-guard", "--operator", "Sara", "--pin-file", str(pin)]) == 0, \
        capsys.readouterr().err


@pytest.mark.parametrize("kind", ["missing", "folder"])
def test_a_pin_file_that_cannot_be_read_is_said_in_spanish(claimed, tmp_path, capsys,
                                                           monkeypatch, kind):
    monkeypatch.setenv("RISKMAP_LANG", "es")
    pin = tmp_path / "pin"
    if kind == "folder":
        pin.mkdir()
    assert main(["data", "--db", str(claimed), "--out", str(tmp_path / "raw"), "--format",
                 "csv", "--no-guard", "--operator", "Sara", "--pin-file", str(pin)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(pin) in err, err
    assert not any(words in err for words in ENGLISH_REASONS), err
